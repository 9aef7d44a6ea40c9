// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.eventfd;

import static dev.jsyscall.linux.SyscallRequest.named;
import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import java.util.List;

/**
 * The syscall of {@code <sys/eventfd.h>} that jsyscall makes, defined once as a {@link SyscallRequest}.
 *
 * <pre>{@code
 * int wake = task.call(EventFd.eventfd2(0, EventFd.EFD_CLOEXEC));
 * }</pre>
 *
 * @since 0.2
 */
public final class EventFd {
    /** The eventfd is close-on-exec (the value of {@code O_CLOEXEC}). */
    public static final int EFD_CLOEXEC = 02000000;
    /** Reads and writes do not block (the value of {@code O_NONBLOCK}). */
    public static final int EFD_NONBLOCK = 04000;
    /** Each read takes 1 from the counter instead of all of it. */
    public static final int EFD_SEMAPHORE = 1;

    private EventFd() {
    }

    /**
     * {@code eventfd2(initval, flags)}: a new eventfd whose counter starts at {@code initval}.
     *
     * @param initval the counter's initial value
     * @param flags {@code EFD_*} flags
     * @return the request; its result is the eventfd
     */
    public static SyscallRequest<Integer> eventfd2(int initval, int flags) {
        if ((flags & ~(EFD_CLOEXEC | EFD_NONBLOCK | EFD_SEMAPHORE)) != 0) {
            throw new IllegalArgumentException("eventfd2 takes EFD_CLOEXEC, EFD_NONBLOCK and EFD_SEMAPHORE, got flags=0"
                    + Integer.toOctalString(flags));
        }
        return SyscallRequest.of(Syscall.EVENTFD2, List.of(word(Integer.toUnsignedLong(initval)), word(flags)),
                (r, o) -> (int) r, named("initval", Integer.toUnsignedLong(initval)),
                flags == EFD_CLOEXEC ? "EFD_CLOEXEC" : "flags=0" + Integer.toOctalString(flags));
    }

    /**
     * glibc's {@code eventfd_write(fd, value)}: {@code write(fd, &value, 8)}, adding {@code value} to the counter.
     *
     * <pre>{@code
     * task.call(EventFd.eventfdWrite(efd, 1));   // wakes a thread polling efd
     * }</pre>
     *
     * @param fd the eventfd
     * @param value what to add, not 0 and not -1 (0xffffffffffffffff, which the kernel refuses)
     * @return the request
     * @throws IllegalArgumentException if {@code value} is -1
     * @since 0.2
     */
    public static SyscallRequest<Void> eventfdWrite(int fd, long value) {
        if (value == -1) {
            throw new IllegalArgumentException("eventfd_write value must not be 0xffffffffffffffff (EINVAL)");
        }
        byte[] b = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(value).array();
        return SyscallRequest.of(Syscall.WRITE, List.of(word(fd), SyscallRequest.in(b), word(8)), (r, o) -> null,
                named("eventfd", fd), "value=" + Long.toUnsignedString(value));
    }

    /**
     * glibc's {@code eventfd_read(fd, &value)}: {@code read(fd, &value, 8)}, taking the counter and resetting it
     * (or taking 1 with {@link #EFD_SEMAPHORE}). On an {@link #EFD_NONBLOCK} eventfd whose counter is 0 it fails
     * with {@code EAGAIN}.
     *
     * <pre>{@code
     * long wakeups = task.call(EventFd.eventfdRead(efd));
     * }</pre>
     *
     * @param fd the eventfd
     * @return the request; its result is the counter read
     * @since 0.2
     */
    public static SyscallRequest<Long> eventfdRead(int fd) {
        return SyscallRequest.of(Syscall.READ, List.of(word(fd), SyscallRequest.out(8), word(8)),
                (r, o) -> java.nio.ByteBuffer.wrap(o.get(0)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(),
                named("eventfd", fd));
    }
}
