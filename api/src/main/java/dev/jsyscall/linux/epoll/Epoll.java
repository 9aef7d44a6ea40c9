package dev.jsyscall.linux.epoll;

import dev.jsyscall.linux.Arch;
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
     */
    public static int eventSize(Arch arch) {
        return Objects.requireNonNull(arch, "arch") == Arch.X86_64 ? 12 : 16;
    }

    /** Offset of {@code data} in {@code struct epoll_event} on {@code arch}: its last 8 bytes. */
    public static int dataOffset(Arch arch) {
        return eventSize(arch) - Long.BYTES;
    }
}
