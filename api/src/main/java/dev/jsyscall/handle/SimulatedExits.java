// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The children whose {@code onExit()} is watched on a simulated kernel, reaped at the syscall boundaries the backend
 * reports ({@link dev.jsyscall.spi.SyscallBackend#notifyChildChanges}) instead of by an exit-watcher thread: the
 * thread that made the syscall reaps them and runs their callbacks, so when a callback runs is a function of the
 * seed.
 */
final class SimulatedExits {
    /** In the order onExit was first called: the order the callbacks of children that exited together run in. */
    private final Set<ChildProcess> watched = new LinkedHashSet<>();
    /** The thread reaping now: a callback's own syscalls report changes that its loop picks up, not a nested one. */
    private Thread delivering;
    private boolean again;

    synchronized void watch(ChildProcess child) {
        watched.add(child);
    }

    /**
     * From the backend, on the thread whose syscall has just left the kernel; whether to be run again after the
     * thread's next syscall, because it was inside a child's pinned or reaping section (a syscall the api makes
     * for a child, which may be the one to reap) and reaping had to wait until it left, or another thread was in
     * such a section of a watched child.
     */
    boolean childChanged() {
        Thread me = Thread.currentThread();
        if (ChildProcess.inSection()) {
            return true;
        }
        synchronized (this) {
            if (delivering != null) {
                again = true;
                return false;
            }
            delivering = me;
        }
        boolean busy = false;
        try {
            boolean more = true;
            while (more) {
                List<ChildProcess> batch;
                synchronized (this) {
                    again = false;
                    watched.removeIf(c -> c.deathState().isPresent());
                    batch = new ArrayList<>(watched);
                }
                for (ChildProcess c : batch) {
                    if (c.inSectionElsewhere()) {
                        busy = true;   // that thread reaps it, or this one looks again after its next syscall
                        continue;
                    }
                    if (c.reapIfExited()) {
                        synchronized (this) {
                            watched.remove(c);
                        }
                    }
                }
                synchronized (this) {
                    more = again;
                }
            }
        } finally {
            synchronized (this) {
                delivering = null;
            }
        }
        return busy;
    }
}
