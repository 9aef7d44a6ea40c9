package dev.jsyscall.linux.poll;

import static dev.jsyscall.linux.SyscallRequest.in;
import static dev.jsyscall.linux.SyscallRequest.inOut;
import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.struct.Bytes;
import java.util.List;

/**
 * {@code <poll.h>}: {@code ppoll} on one fd, defined once as a {@link SyscallRequest}.
 *
 * <pre>{@code
 * int revents = task.call(Poll.ppollOne(pidfd, Poll.POLLIN, 10_000_000));   // 0: timed out
 * }</pre>
 *
 * @since 0.2
 */
public final class Poll {
    private Poll() {
    }

    public static final short POLLIN = 0x001;
    public static final short POLLOUT = 0x004;
    public static final short POLLERR = 0x008;
    public static final short POLLHUP = 0x010;

    /**
     * {@code ppoll(&{fd, events}, 1, &timeout, NULL, 8)}: waits up to {@code timeoutNanos} (negative: forever) for
     * {@code events} on {@code fd}; the result is the {@code revents} the kernel reported, 0 when the time ran out.
     * EINTR is an error like any other: the caller decides whether to wait again.
     */
    public static SyscallRequest<Integer> ppollOne(int fd, short events, long timeoutNanos) {
        // struct pollfd { int fd; short events; short revents; }
        byte[] pollfd = Bytes.allocate(8).putInt(0, fd).putShort(4, events).array();
        SyscallRequest.Arg timeout = timeoutNanos < 0 ? word(0) : in(Bytes.allocate(16)
                .putLong(0, timeoutNanos / 1_000_000_000L).putLong(8, timeoutNanos % 1_000_000_000L).array());
        return SyscallRequest.of(Syscall.PPOLL, List.of(inOut(pollfd), word(1), timeout, word(0), word(8)),
                (r, o) -> r == 0 ? 0 : Short.toUnsignedInt(Bytes.le(o.get(0)).getShort(6)), "fd=" + fd,
                "events=0x" + Integer.toHexString(events), timeoutNanos < 0 ? "no timeout" : timeoutNanos + " ns");
    }
}
