// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.EFAULT;
import static dev.jsyscall.backend.fake.internal.Linux.EINVAL;

/** A {@code struct timespec} argument (a timeout or a sleep) read from a process's memory, checked as Linux does. */
final class Timespecs {
    /** Seconds beyond this are forever to a simulation (about 136 years), and keep deadlines far from overflow. */
    private static final long MAX_SECONDS = 1L << 32;

    private Timespecs() {
    }

    /**
     * The duration at {@code addr} in nanoseconds, its seconds capped at {@link #MAX_SECONDS}; {@code -EFAULT} if
     * the memory is not readable, {@code -EINVAL} for a negative field or {@code tv_nsec} of a second or more.
     */
    static long readNs(Proc p, long addr) {
        byte[] ts = p.mm.copyIn(addr, 16);
        if (ts == null) {
            return -EFAULT;
        }
        long sec = Bytes.getLong(ts, 0);
        long nsec = Bytes.getLong(ts, 8);
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) {
            return -EINVAL;
        }
        return Math.min(sec, MAX_SECONDS) * 1_000_000_000L + nsec;
    }
}
