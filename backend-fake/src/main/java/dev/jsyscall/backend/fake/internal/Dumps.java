// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dumps (internal): the process table with each process's state, signals and fds, as failure messages show
 * it, and the per-process snapshots tools read. They only read kernel state.
 */
final class Dumps {
    private Dumps() {}

    static String processTable(Kernel k) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("fake kernel (seed %d, pid_max %d, monotonic %d ns, %d syscalls traced)%n",
                k.config.seed, k.pids.max, k.clock.monotonicNs(), k.trace.records()));
        sb.append(String.format("%7s %7s %7s %7s %s %-7s %-16s %s%n", "PID", "PPID", "PGID", "SID", "S", "KIND",
                "COMM", "SYSCALL"));
        Map<Integer, Integer> tables = new java.util.HashMap<>();
        for (Proc p : k.pids.all()) {
            String call = p.call == null || p.call.done ? "-"
                    : k.describeCall(p.call) + (p.call.waitingFor != null && p.run == Proc.Run.BLOCKED
                            ? " waiting for " + p.call.waitingFor : p.run == Proc.Run.READY ? " (not started)" : "");
            sb.append(String.format("%7d %7d %7d %7d %s %-7s %-16s %s%n", p.pid, p.parent == null ? 0 : p.parent.pid,
                    p.pgid, p.sid, p.stateLetter(), p.kind.name().toLowerCase(java.util.Locale.ROOT), p.comm, call));
            if (p.state == Proc.State.ZOMBIE) {
                sb.append("        zombie: ").append(Kernel.describeStatus(p.waitStatus)).append('\n');
                continue;
            }
            sb.append("        pending ").append(Signals.maskToString(p.pending)).append(" blocked ")
                    .append(Signals.maskToString(p.blocked));
            if (p.stopped) {
                sb.append(" stopped by ").append(signalName(p.stopSignal));
            }
            sb.append('\n');
            if (p.files != null && !p.files.fds.isEmpty()) {
                // numbered within this dump: the tables' own ids count across every kernel in the JVM, so they
                // would make the dump of one seed differ with what ran before it
                Integer table = tables.computeIfAbsent(p.files.id, x -> tables.size() + 1);
                sb.append("        fds (table ").append(table).append("):");
                for (Map.Entry<Integer, Files.Entry> e : p.files.fds.entrySet()) {
                    sb.append(' ').append(e.getKey()).append('=').append(e.getValue().file.describe());
                    if (e.getValue().cloexec) {
                        sb.append(" [cloexec]");
                    }
                    sb.append(';');
                }
                sb.append('\n');
            }
        }
        sb.append("last syscalls:\n");
        // a dump is read in an exception message: the trace keeps more, for FakeKernel.trace()
        for (String line : k.trace.tail(64)) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }

    /** fd number to what readlink of /proc/PID/fd/N shows. */
    static java.util.SortedMap<Integer, String> fds(Proc p) {
        java.util.SortedMap<Integer, String> out = new TreeMap<>();
        if (p.files != null) {
            for (Map.Entry<Integer, Files.Entry> e : p.files.fds.entrySet()) {
                out.put(e.getKey(), ProcFs.target(e.getValue().file));
            }
        }
        return out;
    }

    /** A snapshot of one process, for tests and tools. */
    static Map<String, Object> processInfo(Proc p) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("pid", p.pid);
        m.put("ppid", p.parent == null ? 0 : p.parent.pid);
        m.put("pgid", p.pgid);
        m.put("sid", p.sid);
        m.put("state", p.stateLetter());
        m.put("kind", p.kind.name());
        m.put("comm", p.comm);
        m.put("exe", p.exe);
        m.put("fds", p.files == null ? List.of() : new ArrayList<>(p.files.fds.keySet()));
        m.put("pending", p.pending);
        m.put("blocked", p.blocked);
        m.put("nice", p.nice);
        int[] handled = p.handled.clone();
        m.put("handled", handled);
        return m;
    }
}
