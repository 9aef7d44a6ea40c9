// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.time;

import static dev.jsyscall.linux.SyscallRequest.out;
import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import java.util.List;

/**
 * The clock syscalls of {@code <time.h>}, each defined once as a {@link SyscallRequest}.
 *
 * <pre>{@code
 * Timespec now = task.call(Time.clockGettime(Time.CLOCK_MONOTONIC));
 * }</pre>
 *
 * @since 0.2
 */
public final class Time {
    /** {@code CLOCK_REALTIME}: wall-clock time, which may jump. */
    public static final int CLOCK_REALTIME = 0;
    /** {@code CLOCK_MONOTONIC}: never jumps; what deadlines are measured on. */
    public static final int CLOCK_MONOTONIC = 1;

    private Time() {
    }

    /**
     * {@code clock_gettime(clockid, &ts)}. On a simulated kernel this is its virtual clock, which is why a deadline
     * the kernel's own timeouts must agree with is read here rather than from {@link System#nanoTime()}.
     *
     * @param clockid the clock, e.g. {@code CLOCK_MONOTONIC}
     * @return the request; its result is the time
     * @throws IllegalArgumentException if {@code clockid} is negative
     * @since 0.2
     */
    public static SyscallRequest<Timespec> clockGettime(int clockid) {
        if (clockid < 0) {
            throw new IllegalArgumentException("clockid must be >= 0 (a dynamic clock's fd-based id is not"
                    + " supported), was " + clockid);
        }
        return SyscallRequest.of(Syscall.CLOCK_GETTIME, List.of(word(clockid), out(Timespec.SIZE)),
                (r, o) -> Timespec.CODEC.decode(o.get(0)), clockid == CLOCK_MONOTONIC ? "CLOCK_MONOTONIC"
                        : clockid == CLOCK_REALTIME ? "CLOCK_REALTIME" : "clockid=" + clockid);
    }
}
