// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.EAGAIN;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The process table and pid numbers (internal): which processes exist and which pid numbers are taken.
 *
 * <p>A pid number stays taken while anything refers to it (a process, a process group or a session id), as
 * Linux's struct pid does; allocation is Linux's cyclic alloc_pid. Iteration is in pid order, so whatever walks
 * the table (kill -1, wait, dumps) is deterministic.
 */
final class PidTable {
    static final int RESERVED_PIDS = 300;

    private final TreeMap<Integer, Proc> procs = new TreeMap<>();
    private final Map<Integer, Integer> refs = new HashMap<>();
    private int lastPid;
    final int max;

    PidTable(int max) {
        this.max = max;
    }

    void ref(int n) {
        refs.merge(n, 1, Integer::sum);
    }

    void unref(int n) {
        refs.computeIfPresent(n, (k, v) -> v == 1 ? null : v - 1);
    }

    boolean inUse(int n) {
        return refs.containsKey(n);
    }

    /** Linux's alloc_pid: cyclic from the last pid, wrapping to RESERVED_PIDS once past it; -EAGAIN if full. */
    int alloc() {
        int min = lastPid + 1 > RESERVED_PIDS ? RESERVED_PIDS : 1;
        if (min >= max) {
            min = 1;
        }
        int cursor = Math.max(lastPid + 1, min);
        if (cursor >= max) {
            cursor = min;
        }
        for (int i = cursor; i < max; i++) {
            if (!inUse(i)) {
                lastPid = i;
                return i;
            }
        }
        for (int i = min; i < cursor; i++) {
            if (!inUse(i)) {
                lastPid = i;
                return i;
            }
        }
        return -EAGAIN;
    }

    /** ns_last_pid: the next allocation starts after {@code pid}. */
    void setLast(int pid) {
        lastPid = pid;
    }

    void add(Proc p) {
        procs.put(p.pid, p);
    }

    void remove(Proc p) {
        procs.remove(p.pid);
    }

    /** A live or zombie process (one that kill and pidfd_open can still find). */
    Proc find(int pid) {
        return procs.get(pid);
    }

    /** Every live or zombie process, in pid order (a live view: copy it to change the table while walking). */
    Collection<Proc> all() {
        return procs.values();
    }

    Set<Integer> pids() {
        return procs.keySet();
    }

    int count() {
        return procs.size();
    }

    List<Proc> inGroup(int pgid) {
        List<Proc> out = new ArrayList<>();
        for (Proc p : procs.values()) {
            if (p.pgid == pgid) {
                out.add(p);
            }
        }
        return out;
    }
}
