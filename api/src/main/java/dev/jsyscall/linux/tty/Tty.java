// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.tty;

import static dev.jsyscall.linux.SyscallRequest.in;
import static dev.jsyscall.linux.SyscallRequest.out;
import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The terminal {@code ioctl}s jsyscall makes, each defined once as a {@link SyscallRequest}: opening the peer of a
 * pseudo-terminal master, making a terminal the controlling one, and its window size. The request numbers are
 * those of {@code <asm-generic/ioctls.h>}, which x86_64 and aarch64 share.
 *
 * <pre>{@code
 * int master = (int) (long) task.call(Fcntl.openat(Tty.PTMX, Fcntl.O_RDWR | Fcntl.O_NOCTTY | Fcntl.O_CLOEXEC, 0));
 * task.call(Tty.setPtyLock(master, false));
 * int slave = task.call(Tty.openPtyPeer(master, Fcntl.O_RDWR | Fcntl.O_NOCTTY | Fcntl.O_CLOEXEC));
 * task.call(Tty.setWindowSize(master, new WinSize(80, 24)));
 * }</pre>
 *
 * @since 0.2
 */
public final class Tty {
    private Tty() {
    }

    /** The pseudo-terminal multiplexer: each open makes a new master, its slave under {@code /dev/pts}. */
    public static final String PTMX = "/dev/ptmx";
    /** {@code TIOCGWINSZ}: read the window size. */
    public static final int TIOCGWINSZ = 0x5413;
    /** {@code TIOCSWINSZ}: set the window size; the foreground process group gets SIGWINCH when it changes. */
    public static final int TIOCSWINSZ = 0x5414;
    /** {@code TIOCSCTTY}: make the terminal the caller's controlling terminal. */
    public static final int TIOCSCTTY = 0x540E;
    /** {@code TIOCGPTN}: the number N of a master's slave {@code /dev/pts/N}. */
    public static final int TIOCGPTN = 0x80045430;
    /** {@code TIOCSPTLCK}: lock (non-zero) or unlock (0) a master's slave; {@code unlockpt} is the unlock. */
    public static final int TIOCSPTLCK = 0x40045431;
    /** {@code TIOCGPTPEER} (Linux 4.13+): open a master's slave by the master, without a path lookup. */
    public static final int TIOCGPTPEER = 0x5441;

    /**
     * {@code ioctl(master, TIOCSPTLCK, &lock)}: {@code unlockpt(3)} with {@code false}. A new master's slave is
     * locked; opening it fails with EIO until it is unlocked.
     *
     * @param master the master fd, not negative
     * @param lock whether to lock
     * @return the request
     * @throws IllegalArgumentException if {@code master} is negative
     */
    public static SyscallRequest<Void> setPtyLock(int master, boolean lock) {
        check("master", master);
        return SyscallRequest.of(Syscall.IOCTL, List.of(word(master), word(TIOCSPTLCK), in(intBytes(lock ? 1 : 0))),
                (r, o) -> null, "fd=" + master, "TIOCSPTLCK", lock ? "[1]" : "[0]");
    }

    /**
     * {@code ioctl(master, TIOCGPTN, &n)}: the number of the master's slave, {@code /dev/pts/N}.
     *
     * @param master the master fd, not negative
     * @return the request; its result is N
     * @throws IllegalArgumentException if {@code master} is negative
     */
    public static SyscallRequest<Integer> getPtyNumber(int master) {
        check("master", master);
        return SyscallRequest.of(Syscall.IOCTL, List.of(word(master), word(TIOCGPTN), out(4)),
                (r, o) -> ByteBuffer.wrap(o.get(0)).order(ByteOrder.LITTLE_ENDIAN).getInt(0), "fd=" + master,
                "TIOCGPTN");
    }

    /**
     * {@code ioctl(master, TIOCGPTPEER, flags)}: opens the master's slave (Linux 4.13+; older kernels answer
     * EINVAL or ENOTTY, and the slave is then opened by its path).
     *
     * @param master the master fd, not negative
     * @param flags {@code open} flags: {@code O_RDWR}, {@code O_NOCTTY}, {@code O_CLOEXEC}...
     * @return the request; its result is the slave's fd
     * @throws IllegalArgumentException if {@code master} is negative
     */
    public static SyscallRequest<Integer> openPtyPeer(int master, int flags) {
        check("master", master);
        return SyscallRequest.of(Syscall.IOCTL, List.of(word(master), word(TIOCGPTPEER), word(flags)),
                (r, o) -> (int) r, "fd=" + master, "TIOCGPTPEER", "0" + Integer.toOctalString(flags));
    }

    /**
     * {@code ioctl(fd, TIOCSCTTY, steal)}: makes the terminal at {@code fd} the caller's controlling terminal. The
     * caller must lead a session without one ({@code setsid} first), else EPERM.
     *
     * @param fd a terminal fd, not negative
     * @param steal take the terminal from another session (needs CAP_SYS_ADMIN)
     * @return the request
     * @throws IllegalArgumentException if {@code fd} is negative
     */
    public static SyscallRequest<Void> setControllingTerminal(int fd, boolean steal) {
        check("fd", fd);
        return SyscallRequest.of(Syscall.IOCTL, List.of(word(fd), word(TIOCSCTTY), word(steal ? 1 : 0)),
                (r, o) -> null, "fd=" + fd, "TIOCSCTTY", steal ? 1 : 0);
    }

    /**
     * {@code ioctl(fd, TIOCSWINSZ, &size)}: sets the window size; when it changes, the terminal's foreground
     * process group gets SIGWINCH.
     *
     * @param fd a terminal fd (the master or the slave), not negative
     * @param size the size, not null
     * @return the request
     * @throws IllegalArgumentException if {@code fd} is negative
     */
    public static SyscallRequest<Void> setWindowSize(int fd, WinSize size) {
        check("fd", fd);
        java.util.Objects.requireNonNull(size, "size");
        return SyscallRequest.of(Syscall.IOCTL, List.of(word(fd), word(TIOCSWINSZ), in(size.toBytes())),
                (r, o) -> null, "fd=" + fd, "TIOCSWINSZ", size);
    }

    /**
     * {@code ioctl(fd, TIOCGWINSZ, &size)}: the window size.
     *
     * @param fd a terminal fd, not negative
     * @return the request; its result is the size
     * @throws IllegalArgumentException if {@code fd} is negative
     */
    public static SyscallRequest<WinSize> getWindowSize(int fd) {
        check("fd", fd);
        return SyscallRequest.of(Syscall.IOCTL, List.of(word(fd), word(TIOCGWINSZ), out(WinSize.SIZE)),
                (r, o) -> WinSize.fromBytes(o.get(0)), "fd=" + fd, "TIOCGWINSZ");
    }

    private static void check(String name, int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + fd);
        }
    }

    private static byte[] intBytes(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, v).array();
    }
}
