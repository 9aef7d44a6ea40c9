// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.time;

import static dev.jsyscall.linux.SyscallRequest.in;
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
    /**
     * {@code TIMER_ABSTIME}: {@link #clockNanosleep} sleeps until the given time instead of for it.
     *
     * @since 0.2
     */
    public static final int TIMER_ABSTIME = 1;

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

    /**
     * {@code clock_nanosleep(clockid, flags, &t, NULL)}: sleeps on {@code clockid} for {@code t}, or until it with
     * {@link #TIMER_ABSTIME}. An absolute deadline is what a retry after {@code EINTR} needs: a relative sleep
     * restarted from the start would sleep too long, and the remaining time is not written back here.
     *
     * <pre>{@code
     * Timespec now = task.call(Time.clockGettime(Time.CLOCK_MONOTONIC));
     * task.call(Time.clockNanosleep(Time.CLOCK_MONOTONIC, Time.TIMER_ABSTIME, new Timespec(now.seconds() + 1, 0)));
     * }</pre>
     *
     * @param clockid the clock, e.g. {@code CLOCK_MONOTONIC}
     * @param flags 0 or {@link #TIMER_ABSTIME}
     * @param t the duration, or the deadline on {@code clockid}
     * @return the request
     * @throws IllegalArgumentException if {@code clockid} is negative or {@code flags} has another bit
     * @throws NullPointerException if {@code t} is null
     * @since 0.2
     */
    public static SyscallRequest<Void> clockNanosleep(int clockid, int flags, Timespec t) {
        java.util.Objects.requireNonNull(t, "t");
        if (clockid < 0) {
            throw new IllegalArgumentException("clockid must be >= 0, was " + clockid);
        }
        if ((flags & ~TIMER_ABSTIME) != 0) {
            throw new IllegalArgumentException("clock_nanosleep takes flags 0 or TIMER_ABSTIME, got flags=" + flags);
        }
        return SyscallRequest.of(Syscall.CLOCK_NANOSLEEP, List.of(word(clockid), word(flags),
                in(Timespec.CODEC.encode(t)), word(0)), (r, o) -> null,
                clockid == CLOCK_MONOTONIC ? "CLOCK_MONOTONIC" : clockid == CLOCK_REALTIME ? "CLOCK_REALTIME"
                        : "clockid=" + clockid, flags == TIMER_ABSTIME ? "TIMER_ABSTIME" : "flags=" + flags,
                t.seconds() + "." + String.format("%09d", t.nanoseconds()) + "s");
    }
}
