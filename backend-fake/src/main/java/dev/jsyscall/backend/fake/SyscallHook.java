// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import dev.jsyscall.linux.Errno;
import java.time.Duration;
import java.util.Objects;

/**
 * Sees every syscall a fake process makes, just before the kernel runs it, and may change what happens: make it
 * fail with an errno (fault injection), or send the process a signal first (kill it between any two of its
 * syscalls). Runs on the kernel's thread with the kernel locked: it must not make syscalls itself.
 *
 * <p>Only inject errnos that Linux can really return for that syscall; the fake does not check.
 *
 * <pre>{@code
 * // kill the first driven child at its third syscall
 * kernel.setSyscallHook(e -> e.pid() == childPid && e.sequence() == 3 ? SyscallHook.Action.signal(9) : null);
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface SyscallHook {

    /**
     * Decides what happens to one syscall.
     *
     * @return null or {@link Action#proceed()} to run it normally
     * @param event the syscall about to run
     */
    Action beforeSyscall(Event event);

    /**
     * One syscall about to run.
     *
     * @since 0.1
     */
    interface Event {
        /**
         * The process making it.
         *
         * @return the pid
         */
        int pid();

        /**
         * Whether that is the local process (the JVM's stand-in).
         *
         * @return true for the local process
         */
        boolean isLocal();

        /**
         * The x86_64 syscall number.
         *
         * @return the number
         */
        int number();

        /**
         * The syscall's C name, e.g. {@code "dup2"}.
         *
         * @return the name
         */
        String name();

        /**
         * Raw argument {@code i} (0 to 5).
         *
         * @param i the argument's index
         * @return the argument
         */
        long arg(int i);

        /**
         * 1 for the first syscall this process makes after clone or execve, 2 for the next, and so on.
         *
         * @return the sequence number
         */
        long sequence();

        /**
         * What the call's fd refers to, for {@code read}, {@code readv}, {@code write}, {@code writev},
         * {@code recvfrom}, {@code recvmsg}, {@code sendto} and {@code sendmsg}: {@code "pipe"},
         * {@code "stream-socket"}, {@code "socket"} (datagram or seqpacket), {@code "terminal"} (a pty's master or
         * slave), {@code "file"} (an inode: a regular file, a device, a proc file) or {@code "other"} (eventfd,
         * epoll, pidfd...); {@code ""} for other calls and bad fds. A hook needs it to shorten only what Linux may
         * shorten.
         *
         * <pre>{@code
         * if (e.name().equals("read") && e.fileType().equals("pipe")) return Action.shortTo(1);
         * }</pre>
         *
         * @return the type, or {@code ""}
         * @since 0.2
         */
        default String fileType() {
            return "";
        }

        /**
         * How many bytes the call asks to transfer ({@code count} or {@code len}, or the sum of the iovec lengths),
         * for the calls of {@link #fileType()}; -1 for others or when the iovec array cannot be read.
         *
         * @return the byte count, or -1
         * @since 0.2
         */
        default long byteCount() {
            return -1;
        }
    }

    /**
     * What to do with the syscall.
     *
     * @since 0.1
     */
    final class Action {
        private static final Action PROCEED = new Action(0, 0);

        private final int errno;
        private final int signal;
        private long lateNanos;
        private long realtimeStepNanos;
        private long shortBytes;

        private Action(int errno, int signal) {
            this.errno = errno;
            this.signal = signal;
        }

        /**
         * Run the syscall normally.
         *
         * @return the action
         */
        public static Action proceed() {
            return PROCEED;
        }

        /**
         * Do not run it; it returns {@code -errno}.
         *
         * @param errno the error
         * @return the action
         */
        public static Action fail(Errno errno) {
            return new Action(Objects.requireNonNull(errno, "errno").number(), 0);
        }

        /**
         * Send the process this signal (as the kernel would, si_code SI_KERNEL) before the syscall; a fatal
         * signal kills it without the syscall running, a blocked one stays pending.
         *
         * @param signal the signal number
         * @return the action
         * @throws IllegalArgumentException if {@code signal} is not in [1, 64]
         */
        public static Action signal(int signal) {
            if (signal < 1 || signal > 64) {
                throw new IllegalArgumentException("signal must be in [1, 64]: " + signal);
            }
            return new Action(0, signal);
        }

        /**
         * Run the syscall normally, but end its timeout this much later, as timer slack and scheduling delay do on
         * Linux (a timeout never ends early); no effect on a call without a timeout or one that returns first.
         *
         * <pre>{@code
         * return event.name().equals("nanosleep") ? Action.late(Duration.ofMillis(30)) : null;
         * }</pre>
         *
         * @param delay how much later, positive
         * @return the action
         * @throws IllegalArgumentException if {@code delay} is not positive
         * @since 0.2
         */
        public static Action late(Duration delay) {
            long ns = Objects.requireNonNull(delay, "delay").toNanos();
            if (ns <= 0) {
                throw new IllegalArgumentException("delay must be positive (Linux never ends a timeout early): "
                        + delay);
            }
            Action a = new Action(0, 0);
            a.lateNanos = ns;
            return a;
        }

        /**
         * Step {@code CLOCK_REALTIME} by this much (forward or back) before the syscall runs, as {@code
         * clock_settime} by an administrator or NTP does; {@code CLOCK_MONOTONIC} never moves.
         *
         * <pre>{@code
         * return event.name().equals("clock_gettime") ? Action.stepRealtime(Duration.ofHours(-1)) : null;
         * }</pre>
         *
         * @param step the jump, not zero
         * @return the action
         * @throws IllegalArgumentException if {@code step} is zero
         * @since 0.2
         */
        public static Action stepRealtime(Duration step) {
            long ns = Objects.requireNonNull(step, "step").toNanos();
            if (ns == 0) {
                throw new IllegalArgumentException("step must not be zero");
            }
            Action a = new Action(0, 0);
            a.realtimeStepNanos = ns;
            return a;
        }

        /**
         * Run the syscall, but let it transfer fewer bytes, as a read from a pipe or socket returns what has arrived
         * and a large write interrupted by a signal returns what it wrote. The fake applies it only where Linux may
         * transfer less than asked ({@link KernelFaults#SHORT_CALLS}): a read of a pipe or stream socket ends at the
         * last end of a write within {@code bytes} (the first one if it alone is longer), never inside a write; a
         * pipe write of more than {@code PIPE_BUF} (4096) bytes, or any terminal write, moves at most {@code bytes};
         * a stream send moves whole skbs; never a regular file, a small pipe write or a datagram.
         *
         * <pre>{@code
         * return e.name().equals("read") && e.fileType().equals("pipe") ? Action.shortTo(1) : null;
         * }</pre>
         *
         * @param bytes the most bytes to transfer, positive
         * @return the action
         * @throws IllegalArgumentException if {@code bytes} is not positive
         * @since 0.2
         */
        public static Action shortTo(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("bytes must be positive (a transfer of 0 bytes means EOF): "
                        + bytes);
            }
            Action a = new Action(0, 0);
            a.shortBytes = bytes;
            return a;
        }

        /**
         * The most bytes the call may transfer, or 0 for no limit.
         *
         * @return bytes
         * @since 0.2
         */
        public long shortBytes() {
            return shortBytes;
        }

        /**
         * How much later the call's timeout ends, or 0.
         *
         * @return nanoseconds
         * @since 0.2
         */
        public long lateNanos() {
            return lateNanos;
        }

        /**
         * How far {@code CLOCK_REALTIME} steps before the call, or 0.
         *
         * @return nanoseconds, negative for back
         * @since 0.2
         */
        public long realtimeStepNanos() {
            return realtimeStepNanos;
        }

        /**
         * Whether the action changes nothing.
         *
         * @return true for {@link #proceed()}
         * @since 0.2
         */
        public boolean isProceed() {
            return errno == 0 && signal == 0 && lateNanos == 0 && realtimeStepNanos == 0
                    && shortBytes == 0;
        }

        /**
         * The errno to fail with, or 0.
         *
         * @return the errno
         */
        public int errno() {
            return errno;
        }

        /**
         * The signal to send first, or 0.
         *
         * @return the signal
         */
        public int signal() {
            return signal;
        }

        @Override
        public String toString() {
            return errno != 0 ? "fail(" + Errno.of(errno) + ")" : signal != 0 ? "signal(" + signal + ")"
                    : lateNanos != 0 ? "late(" + Duration.ofNanos(lateNanos) + ")"
                    : realtimeStepNanos != 0 ? "stepRealtime(" + Duration.ofNanos(realtimeStepNanos) + ")"
                    : shortBytes != 0 ? "shortTo(" + shortBytes + ")" : "proceed";
        }
    }
}
