// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The fake's pseudo-terminals, each expectation first observed on Linux 6.x with a small C-level script (Python's
 * os and fcntl): what a master reads before, while and after a slave is open, the line discipline's defaults, the
 * controlling terminal and SIGWINCH.
 */
class PtyTest {
    static final int O_RDWR = 2, O_NOCTTY = 0400, AT_FDCWD = -100;
    static final int POLLIN = 1, POLLOUT = 4, POLLHUP = 0x10;
    static final int TCGETS = 0x5401, TIOCSCTTY = 0x540E, TIOCGPGRP = 0x540F, TIOCGWINSZ = 0x5413,
            TIOCSWINSZ = 0x5414, TIOCGPTN = 0x80045430, TIOCSPTLCK = 0x40045431, TIOCGPTPEER = 0x5441;
    static final int SIGWINCH = 28;

    private static int open(Local l, String path, int flags) {
        return (int) l.ok(Syscall.OPENAT, AT_FDCWD, l.cstr(path), flags, 0);
    }

    /** A master (non-blocking when asked) and its number, left locked. */
    private static int[] master(Local l, int extraFlags) {
        int m = open(l, "/dev/ptmx", O_RDWR | O_NOCTTY | extraFlags);
        long n = l.alloc(4);
        l.ok(Syscall.IOCTL, m, TIOCGPTN, n);
        return new int[] {m, l.getInt(n)};
    }

    private static void unlock(Local l, int m) {
        long zero = l.alloc(4);
        l.putInt(zero, 0);
        l.ok(Syscall.IOCTL, m, TIOCSPTLCK, zero);
    }

    private static int poll(Local l, int fd) {
        long pfd = l.alloc(8);
        l.putInt(pfd, fd);
        l.putInt(pfd + 4, POLLIN | POLLOUT);
        l.ok(Syscall.POLL, pfd, 1, 0);
        return l.getInt(pfd + 4) >>> 16;
    }

    @Test
    @DisplayName("a slave opens only once unlocked; a fresh master reads nothing, then the echo and the slave's output"
            + " with NL as CR NL; a canonical read stops at the line's end")
    void dataPath() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] mn = master(l, Local.O_NONBLOCK);
            int m = mn[0];
            assertThat(mn[1]).isZero();
            assertThat(l.err(Syscall.OPENAT, AT_FDCWD, l.cstr("/dev/pts/0"), O_RDWR | O_NOCTTY, 0))
                    .isEqualTo(Errno.EIO);
            assertThat(l.err(Syscall.IOCTL, m, TIOCGPTPEER, O_RDWR | O_NOCTTY)).isEqualTo(Errno.EIO);
            assertThat(l.err(Syscall.READ, m, l.alloc(8), 8)).as("no slave opened yet").isEqualTo(Errno.EAGAIN);
            assertThat(poll(l, m)).isEqualTo(POLLOUT);
            unlock(l, m);
            int s = open(l, "/dev/pts/0", O_RDWR | O_NOCTTY);
            assertThat(l.err(Syscall.IOCTL, s, TIOCSPTLCK, l.alloc(4))).as("a master's ioctl").isEqualTo(Errno.ENOTTY);

            assertThat(l.write(m, "abc\n")).isEqualTo(4);
            assertThat(l.read(m, 100)).as("the echo").isEqualTo("abc\r\n");
            assertThat(l.read(s, 2)).isEqualTo("ab");
            assertThat(l.read(s, 100)).isEqualTo("c\n");
            l.write(m, "no end yet");
            assertThat(l.read(m, 100)).isEqualTo("no end yet");
            assertThat(poll(l, s) & POLLIN).as("a partial line is not readable in canonical mode").isZero();
            l.write(s, "x\ny");
            assertThat(l.read(m, 100)).isEqualTo("x\r\ny");

            long t = l.alloc(36);
            l.ok(Syscall.IOCTL, s, TCGETS, t);
            assertThat(List.of(l.getInt(t), l.getInt(t + 4), l.getInt(t + 8), l.getInt(t + 12)))
                    .as("tty_std_termios: ICRNL|IXON, OPOST|ONLCR, B38400|CS8|CREAD, ISIG|ICANON|ECHO...")
                    .containsExactly(1280, 5, 191, 35387);
            long ws = l.alloc(8);
            l.ok(Syscall.IOCTL, m, TIOCGWINSZ, ws);
            assertThat(l.getLong(ws)).as("a new pair's window size").isZero();
            l.ok(Syscall.CLOSE, m);
            l.ok(Syscall.CLOSE, s);
        }
    }

    @Test
    @DisplayName("the master reads what is buffered, then EIO once no slave fd is left (POLLHUP meanwhile); a slave"
            + " of a closed master reads 0, writes EIO and its /dev/pts entry is gone")
    void hangups() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] mn = master(l, Local.O_NONBLOCK);
            int m = mn[0];
            unlock(l, m);
            int s = (int) l.ok(Syscall.IOCTL, m, TIOCGPTPEER, O_RDWR | O_NOCTTY);
            l.write(s, "late");
            l.ok(Syscall.CLOSE, s);
            assertThat(poll(l, m)).isEqualTo(POLLIN | POLLOUT | POLLHUP);
            assertThat(l.read(m, 10)).isEqualTo("late");
            assertThat(l.err(Syscall.READ, m, l.alloc(8), 8)).isEqualTo(Errno.EIO);
            s = open(l, "/dev/pts/" + mn[1], O_RDWR | O_NOCTTY);
            assertThat(poll(l, m)).as("a slave open again").isEqualTo(POLLOUT);
            l.ok(Syscall.CLOSE, m);
            assertThat(l.read(s, 10)).isEmpty();
            assertThat(l.err(Syscall.WRITE, s, l.cstr("z"), 1)).isEqualTo(Errno.EIO);
            assertThat(l.err(Syscall.OPENAT, AT_FDCWD, l.cstr("/dev/pts/" + mn[1]), O_RDWR | O_NOCTTY, 0))
                    .isEqualTo(Errno.ENOENT);
            l.ok(Syscall.CLOSE, s);
        }
    }

    @Test
    @DisplayName("a session leader makes the slave its controlling terminal: /dev/tty opens, its group is the"
            + " foreground, a resize sends it SIGWINCH, and its exit leaves the terminal to no session")
    void controllingTerminal() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] mn = master(l, 0);
            int m = mn[0];
            unlock(l, m);
            Local.Driven c = l.spawn();
            long path = l.cstr("/dev/tty");
            assertThat(c.call(Syscall.OPENAT, AT_FDCWD, path, O_RDWR, 0)).isEqualTo(-Errno.ENXIO.number());
            int s = (int) c.ok(Syscall.OPENAT, AT_FDCWD, l.cstr("/dev/pts/" + mn[1]), O_RDWR | O_NOCTTY, 0);
            assertThat(c.call(Syscall.IOCTL, s, TIOCSCTTY, 0)).as("not a session leader")
                    .isEqualTo(-Errno.EPERM.number());
            c.ok(Syscall.SETSID);
            assertThat(c.call(Syscall.OPENAT, AT_FDCWD, path, O_RDWR, 0)).isEqualTo(-Errno.ENXIO.number());
            c.ok(Syscall.IOCTL, s, TIOCSCTTY, 0);
            assertThat(c.call(Syscall.IOCTL, s, TIOCSCTTY, 0)).as("already its terminal").isZero();
            c.ok(Syscall.OPENAT, AT_FDCWD, path, O_RDWR, 0);
            long pg = l.alloc(4);
            c.ok(Syscall.IOCTL, s, TIOCGPGRP, pg);
            assertThat(l.getInt(pg)).isEqualTo(c.pid);

            long ws = l.alloc(8);
            l.putLong(ws, 24 | 80L << 16);
            l.ok(Syscall.IOCTL, m, TIOCSWINSZ, ws);
            long set = l.alloc(8);
            c.ok(Syscall.RT_SIGPENDING, set, 8);
            assertThat(l.getLong(set)).as("SIGWINCH, blocked in the driven child").isEqualTo(1L << (SIGWINCH - 1));
            long got = l.alloc(8);
            c.ok(Syscall.IOCTL, s, TIOCGWINSZ, got);
            assertThat(l.getLong(got)).isEqualTo(24 | 80L << 16);

            c.exit(0);
            l.wait4(c.pid, 0);
            l.ok(Syscall.IOCTL, m, TIOCGPGRP, pg);
            assertThat(l.getInt(pg)).as("the leader's exit").isZero();
            l.ok(Syscall.CLOSE, m);
        }
    }
    @Test
    @DisplayName("a short firing cuts a terminal write of any size, and a terminal read is refused")
    void shortTerminalWrites() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int m = master(l, Local.O_NONBLOCK)[0];
            unlock(l, m);
            int s = open(l, "/dev/pts/0", O_RDWR | O_NOCTTY);
            k.setFaults(KernelFaults.forced(List.of("write#1=SHORT:3", "write#2=SHORT:2", "read#2=SHORT:1")));
            assertThat(l.write(s, "hello")).as("a slave's write").isEqualTo(3);
            assertThat(l.write(m, "xyz")).as("a master's write").isEqualTo(2);
            assertThat(l.read(m, 100)).as("the slave's 3 bytes, then the echo of the master's 2").isEqualTo("helxy");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> l.read(m, 100))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("a read of a terminal");
        }
    }
}
