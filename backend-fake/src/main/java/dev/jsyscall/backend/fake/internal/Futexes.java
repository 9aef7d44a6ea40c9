// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import java.util.ArrayList;
import java.util.List;

/** Futex wait queues keyed by (address space, address) (internal). */
final class Futexes {
    static final class Waiter {
        final AddressSpace mm;
        final long addr;
        boolean woken;

        Waiter(AddressSpace mm, long addr) {
            this.mm = mm;
            this.addr = addr;
        }
    }

    private final List<Waiter> waiters = new ArrayList<>();

    Waiter enqueue(AddressSpace mm, long addr) {
        Waiter w = new Waiter(mm, addr);
        waiters.add(w);
        return w;
    }

    void cancel(Waiter w) {
        waiters.remove(w);
    }

    /** Wakes up to {@code n} waiters in FIFO order; returns how many. */
    int wake(AddressSpace mm, long addr, int n) {
        int woken = 0;
        for (java.util.Iterator<Waiter> it = waiters.iterator(); it.hasNext() && woken < n;) {
            Waiter w = it.next();
            if (w.mm == mm && w.addr == addr) {
                w.woken = true;
                it.remove();
                woken++;
            }
        }
        return woken;
    }
}
