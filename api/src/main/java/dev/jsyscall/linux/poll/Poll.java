// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.poll;

import static dev.jsyscall.linux.SyscallRequest.in;
import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import java.util.Arrays;
import java.util.List;

/**
 * The syscall of {@code <poll.h>} that jsyscall makes, defined once as a {@link SyscallRequest}.
 *
 * <pre>{@code
 * int ready = task.call(Poll.ppoll(new int[] {pidfd, wakeFd}, Poll.POLLIN, -1));   // blocks until one is readable
 * }</pre>
 *
 * @since 0.2
 */
public final class Poll {
    /** There is data to read (for a pidfd: the process exited). */
    public static final int POLLIN = 0x1;
    /**
     * Writing will not block (for a pipe: there is room, or {@code POLLERR} says the reader is gone).
     *
     * @since 0.2
     */
    public static final int POLLOUT = 0x4;

    private Poll() {
    }

    /**
     * {@code ppoll(fds, nfds, timeout, NULL, 8)} for {@code events} on every fd of {@code fds}, in memory of the
     * request's own; the result is how many fds are ready, 0 when the timeout passed first. The signal mask is
     * left as it is (a null {@code sigmask}).
     *
     * <pre>{@code
     * int ready = task.call(Poll.ppoll(new int[] {fd}, Poll.POLLIN, 100_000_000L));   // 0 after 100 ms
     * }</pre>
     *
     * @param fds the fds to wait for, at least one, none negative
     * @param events the {@code POLL*} bits to wait for on each
     * @param timeoutNanos how long to wait at most; negative to wait without a limit
     * @return the request; its result is the number of ready fds
     * @throws IllegalArgumentException if {@code fds} is empty or holds a negative fd, or {@code events} does not fit
     *     a {@code short}
     * @since 0.2
     */
    public static SyscallRequest<Integer> ppoll(int[] fds, int events, long timeoutNanos) {
        if (fds.length == 0) {
            throw new IllegalArgumentException("ppoll needs at least one fd in fds");
        }
        int[] each = new int[fds.length];
        Arrays.fill(each, events);
        return ppoll(fds, each, timeoutNanos);
    }

    /**
     * {@code ppoll} as {@link #ppoll(int[], int, long)}, waiting for {@code events[i]} on {@code fds[i]}: a wait for
     * room in a pipe beside an eventfd that wakes it needs {@code POLLOUT} on one and {@code POLLIN} on the other
     * (an eventfd is nearly always writable).
     *
     * <pre>{@code
     * int ready = task.call(Poll.ppoll(new int[] {pipeWriteEnd, wakeFd}, new int[] {Poll.POLLOUT, Poll.POLLIN}, -1));
     * }</pre>
     *
     * @param fds the fds to wait for, at least one, none negative
     * @param events the {@code POLL*} bits to wait for on the fd at the same index; as many as {@code fds}
     * @param timeoutNanos how long to wait at most; negative to wait without a limit
     * @return the request; its result is the number of ready fds
     * @throws IllegalArgumentException if {@code fds} is empty or holds a negative fd, {@code events} is not as
     *     long, or one of them does not fit a {@code short}
     * @since 0.2
     */
    public static SyscallRequest<Integer> ppoll(int[] fds, int[] events, long timeoutNanos) {
        if (fds.length == 0) {
            throw new IllegalArgumentException("ppoll needs at least one fd in fds");
        }
        if (events.length != fds.length) {
            throw new IllegalArgumentException("ppoll needs one events value per fd, got " + events.length
                    + " for fds=" + Arrays.toString(fds));
        }
        for (int e : events) {
            if ((e & ~0xffff) != 0) {
                throw new IllegalArgumentException("ppoll events must fit a short, got events=0x"
                        + Integer.toHexString(e));
            }
        }
        // struct pollfd { int fd; short events; short revents; }, little-endian on every Arch we support
        byte[] pollfds = new byte[8 * fds.length];
        for (int i = 0; i < fds.length; i++) {
            if (fds[i] < 0) {
                throw new IllegalArgumentException("ppoll fds must not be negative, got fds=" + Arrays.toString(fds));
            }
            putLe(pollfds, 8 * i, fds[i], 4);
            putLe(pollfds, 8 * i + 4, events[i], 2);
        }
        SyscallRequest.Arg timeout;
        if (timeoutNanos < 0) {
            timeout = word(0);
        } else {
            byte[] ts = new byte[16];
            putLe(ts, 0, timeoutNanos / 1_000_000_000L, 8);
            putLe(ts, 8, timeoutNanos % 1_000_000_000L, 8);
            timeout = in(ts);
        }
        return SyscallRequest.of(Syscall.PPOLL, List.of(in(pollfds), word(fds.length), timeout, word(0), word(8)),
                (r, o) -> (int) r, new Described(fds.clone(), events.clone(), timeoutNanos));
    }

    /**
     * What a ppoll request prints, made into text only when a trace or an error prints it: platform threads make
     * a ppoll for every wait on a pipe or a pidfd.
     */
    private static final class Described {
        private final int[] fds;
        private final int[] events;
        private final long timeoutNanos;

        Described(int[] fds, int[] events, long timeoutNanos) {
            this.fds = fds;
            this.events = events;
            this.timeoutNanos = timeoutNanos;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Described && Arrays.equals(fds, ((Described) o).fds)
                    && Arrays.equals(events, ((Described) o).events) && timeoutNanos == ((Described) o).timeoutNanos;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(fds) + Arrays.hashCode(events)) + Long.hashCode(timeoutNanos);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("fds=").append(Arrays.toString(fds)).append(", events=[");
            for (int i = 0; i < events.length; i++) {
                b.append(i == 0 ? "0x" : ", 0x").append(Integer.toHexString(events[i]));
            }
            b.append("], timeout=");
            return (timeoutNanos < 0 ? b.append("NULL") : b.append(timeoutNanos).append("ns")).toString();
        }
    }

    private static void putLe(byte[] b, int at, long value, int size) {
        for (int i = 0; i < size; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
