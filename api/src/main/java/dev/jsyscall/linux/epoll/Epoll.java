// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.epoll;

import static dev.jsyscall.linux.SyscallRequest.in;
import static dev.jsyscall.linux.SyscallRequest.named;
import static dev.jsyscall.linux.SyscallRequest.namedHex;
import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;

/**
 * Constants of {@code epoll_create1}, {@code epoll_ctl} and {@code epoll_wait}, and the layout of
 * {@code struct epoll_event} ({@code uint32_t events; uint64_t data}), which differs between architectures.
 *
 * <pre>{@code
 * int size = Epoll.eventSize(arch);
 * ByteBuffer e = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
 * e.putInt(Epoll.EVENTS_OFFSET, Epoll.EPOLLIN | Epoll.EPOLLONESHOT).putLong(Epoll.dataOffset(arch), token);
 * }</pre>
 *
 * @since 0.1
 */
public final class Epoll {
    /** Readable. */
    public static final int EPOLLIN = 0x001;
    /** Urgent data. */
    public static final int EPOLLPRI = 0x002;
    /** Writable. */
    public static final int EPOLLOUT = 0x004;
    /** An error condition (always reported). */
    public static final int EPOLLERR = 0x008;
    /** Hang-up (always reported). */
    public static final int EPOLLHUP = 0x010;
    /** The peer closed its end or shut down writing. */
    public static final int EPOLLRDHUP = 0x2000;
    /** Wake one of the epoll instances that wait on the same fd, not all. */
    public static final int EPOLLEXCLUSIVE = 1 << 28;
    /** Hold a wakeup source while the event is pending. */
    public static final int EPOLLWAKEUP = 1 << 29;
    /** Report the fd once, then disarm it until {@link #EPOLL_CTL_MOD} re-arms it. */
    public static final int EPOLLONESHOT = 1 << 30;
    /** Edge-triggered. */
    public static final int EPOLLET = 1 << 31;

    /** {@code epoll_ctl}: add an fd. */
    public static final int EPOLL_CTL_ADD = 1;
    /** {@code epoll_ctl}: remove an fd. */
    public static final int EPOLL_CTL_DEL = 2;
    /** {@code epoll_ctl}: change an fd's events. */
    public static final int EPOLL_CTL_MOD = 3;

    /** {@code epoll_create1} flag: the epoll fd is close-on-exec (the value of {@code O_CLOEXEC}). */
    public static final int EPOLL_CLOEXEC = 02000000;

    /** Offset of {@code events} in {@code struct epoll_event}. */
    public static final int EVENTS_OFFSET = 0;

    private Epoll() {
    }

    /**
     * Bytes of {@code struct epoll_event} on {@code arch}: 12 on x86_64, where the kernel declares it packed (so
     * 32-bit and 64-bit code share it), 16 elsewhere, where {@code data} is naturally aligned.
     *
     * @param arch the architecture
     * @return the size in bytes
     */
    public static int eventSize(Arch arch) {
        return Objects.requireNonNull(arch, "arch") == Arch.X86_64 ? 12 : 16;
    }

    /**
     * Offset of {@code data} in {@code struct epoll_event} on {@code arch}: its last 8 bytes.
     *
     * @param arch the architecture
     * @return the offset in bytes
     */
    public static int dataOffset(Arch arch) {
        return eventSize(arch) - Long.BYTES;
    }

    /**
     * {@code epoll_create1(flags)}: a new epoll instance; flags 0 or {@link #EPOLL_CLOEXEC}.
     *
     * @param flags the flags
     * @return the request; its result is the epoll fd
     * @since 0.2
     */
    public static SyscallRequest<Integer> epollCreate1(int flags) {
        return SyscallRequest.of(Syscall.EPOLL_CREATE1, List.of(word(flags)), (r, o) -> (int) r,
                flags == EPOLL_CLOEXEC ? "EPOLL_CLOEXEC" : "flags=0" + Integer.toOctalString(flags));
    }

    /**
     * {@code epoll_ctl(epfd, EPOLL_CTL_ADD or EPOLL_CTL_MOD, fd, &event)} with the event laid out for {@code arch}.
     *
     * @param arch the architecture the event is laid out for
     * @param epfd the epoll fd
     * @param op {@code EPOLL_CTL_ADD} or {@code EPOLL_CTL_MOD}
     * @param fd the watched fd
     * @param events the {@code EPOLL*} event bits
     * @param data the word returned with the fd's events
     * @return the request
     * @since 0.2
     */
    public static SyscallRequest<Void> epollCtl(Arch arch, int epfd, int op, int fd, int events, long data) {
        if (op != EPOLL_CTL_ADD && op != EPOLL_CTL_MOD) {
            throw new IllegalArgumentException("epoll_ctl with an event needs EPOLL_CTL_ADD or EPOLL_CTL_MOD, got op="
                    + op + " (EPOLL_CTL_DEL takes none: epollCtlDel)");
        }
        ByteBuffer e = ByteBuffer.allocate(eventSize(arch)).order(ByteOrder.LITTLE_ENDIAN);
        e.putInt(EVENTS_OFFSET, events).putLong(dataOffset(arch), data);
        return SyscallRequest.of(Syscall.EPOLL_CTL, List.of(word(epfd), word(op), word(fd), in(e.array())),
                (r, o) -> null, named("epfd", epfd), op == EPOLL_CTL_ADD ? "EPOLL_CTL_ADD" : "EPOLL_CTL_MOD",
                named("fd", fd), namedHex("events", Integer.toUnsignedLong(events)));
    }

    /**
     * {@code epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL)}.
     *
     * @param epfd the epoll fd
     * @param fd the watched fd
     * @return the request
     * @since 0.2
     */
    public static SyscallRequest<Void> epollCtlDel(int epfd, int fd) {
        return SyscallRequest.of(Syscall.EPOLL_CTL, List.of(word(epfd), word(EPOLL_CTL_DEL), word(fd), word(0)),
                (r, o) -> null, named("epfd", epfd), "EPOLL_CTL_DEL", named("fd", fd));
    }

    /**
     * {@code epoll_pwait(epfd, events, maxevents, timeout, sigmask, sigsetsize)} into memory the caller lends
     * ({@code events}, {@code sigmask}: 0 for none); the result is the number of events.
     *
     * @param timeoutMillis -1 to wait without a limit
     * @param epfd the epoll fd
     * @param events the address of the event buffer
     * @param maxevents the most events to return
     * @param sigmask the address of the signal mask during the wait, or 0
     * @param sigsetsize the mask's size in bytes (8)
     * @return the request; its result is the number of events
     * @since 0.2
     */
    public static SyscallRequest<Integer> epollPwait(int epfd, long events, int maxevents, int timeoutMillis,
                                                     long sigmask, long sigsetsize) {
        if (maxevents <= 0) {
            throw new IllegalArgumentException("epoll_pwait needs maxevents > 0, got " + maxevents);
        }
        return SyscallRequest.of(Syscall.EPOLL_PWAIT, List.of(word(epfd), word(events), word(maxevents),
                word(timeoutMillis), word(sigmask), word(sigsetsize)), (r, o) -> (int) r, "epfd=" + epfd,
                "maxevents=" + maxevents, "timeout=" + timeoutMillis);
    }

    /**
     * {@code epoll_pwait(epfd, events, maxevents, timeout, NULL, 8)} into memory of the request's own, for a
     * caller that only needs to know that something is ready; the result is the number of events.
     *
     * <pre>{@code
     * int ready = task.call(Epoll.epollWait(epfd, 1, 100));   // 0 after 100 ms with nothing ready
     * }</pre>
     *
     * @param epfd the epoll fd
     * @param maxevents the most events to return, in [1, 64]
     * @param timeoutMillis -1 to wait without a limit
     * @return the request; its result is the number of events
     * @throws IllegalArgumentException if {@code maxevents} is out of range
     * @since 0.2
     */
    public static SyscallRequest<Integer> epollWait(int epfd, int maxevents, int timeoutMillis) {
        if (maxevents <= 0 || maxevents > 64) {
            throw new IllegalArgumentException("epoll_pwait maxevents must be in [1, 64], got " + maxevents);
        }
        // 16 bytes per event fits both layouts (12 packed on x86_64, 16 on aarch64)
        return SyscallRequest.of(Syscall.EPOLL_PWAIT, List.of(word(epfd), SyscallRequest.out(16 * maxevents),
                word(maxevents), word(timeoutMillis), word(0), word(8)), (r, o) -> (int) r, "epfd=" + epfd,
                "maxevents=" + maxevents, "timeout=" + timeoutMillis);
    }
}
