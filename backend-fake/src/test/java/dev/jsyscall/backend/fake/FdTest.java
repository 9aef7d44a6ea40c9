// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FdTest {
    static final int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_DUPFD_CLOEXEC = 1030;

    static List<?> fds(FakeKernel k, int pid) {
        return (List<?>) k.processInfo(pid).get("fds");
    }

    @Test
    @DisplayName("new fds take the lowest free number")
    void lowestFree() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            // 0, 1, 2 and 3 (the JDK's module image, as in a real JVM) are open
            assertThat(k.fds(2).get(3)).endsWith("/lib/modules");
            int[] p = l.pipe(0);
            assertThat(p).containsExactly(4, 5);
            l.ok(Syscall.CLOSE, 4);
            assertThat(l.ok(Syscall.DUP, 5)).isEqualTo(4);
            assertThat(l.ok(Syscall.FCNTL, 5, F_DUPFD, 10)).isEqualTo(10);
            assertThat(l.ok(Syscall.FCNTL, 5, F_DUPFD, 10)).isEqualTo(11);
            assertThat(l.err(Syscall.CLOSE, 6)).isEqualTo(Errno.EBADF);
        }
    }

    @Test
    @DisplayName("dup2 and dup3 replace the target, with Linux's errno for each misuse")
    void dup2dup3() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] p = l.pipe(0);
            assertThat(l.ok(Syscall.DUP2, p[1], 20)).isEqualTo(20);
            assertThat(l.ok(Syscall.DUP2, p[1], p[1])).isEqualTo(p[1]);
            assertThat(l.err(Syscall.DUP2, 77, 77)).isEqualTo(Errno.EBADF);
            assertThat(l.err(Syscall.DUP3, p[1], p[1], 0)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.DUP3, p[1], 21, 1)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.DUP3, p[1], 100_000_000, 0)).isEqualTo(Errno.EBADF);
            assertThat(l.err(Syscall.DUP3, 77, 21, 0)).isEqualTo(Errno.EBADF);
            assertThat(l.ok(Syscall.DUP3, p[1], 21, Local.O_CLOEXEC)).isEqualTo(21);
            assertThat(l.ok(Syscall.FCNTL, 21, F_GETFD)).isEqualTo(1);
            // replacing the read end's only copy with the write end closes the read end
            l.ok(Syscall.DUP2, p[1], p[0]);
            assertThat(l.err(Syscall.WRITE, 20, l.cstr("x"), 1)).isEqualTo(Errno.EPIPE);
        }
    }

    @Test
    @DisplayName("fcntl: close-on-exec flag per fd, status flags per open file description")
    void fcntl() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] p = l.pipe(Local.O_CLOEXEC);
            assertThat(l.ok(Syscall.FCNTL, p[0], F_GETFD)).isEqualTo(1);
            int d = (int) l.ok(Syscall.DUP, p[0]);
            assertThat(l.ok(Syscall.FCNTL, d, F_GETFD)).as("dup clears FD_CLOEXEC").isZero();
            l.ok(Syscall.FCNTL, p[0], F_SETFD, 0);
            assertThat(l.ok(Syscall.FCNTL, p[0], F_GETFD)).isZero();
            int dc = (int) l.ok(Syscall.FCNTL, p[0], F_DUPFD_CLOEXEC, 0);
            assertThat(l.ok(Syscall.FCNTL, dc, F_GETFD)).isEqualTo(1);
            l.ok(Syscall.FCNTL, p[0], F_SETFL, Local.O_NONBLOCK | 02000000);
            assertThat(l.ok(Syscall.FCNTL, d, F_GETFL)).as("shared by dups; O_CLOEXEC is not a status flag")
                    .isEqualTo(Local.O_NONBLOCK);
            assertThat(l.err(Syscall.FCNTL, 99, F_GETFD)).isEqualTo(Errno.EBADF);
            assertThat(l.err(Syscall.FCNTL, p[0], 9999)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.FCNTL, p[0], F_DUPFD, -1)).isEqualTo(Errno.EINVAL);
        }
    }

    @Test
    @DisplayName("RLIMIT_NOFILE bounds the fd numbers: EMFILE")
    void emfile() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            long lim = l.alloc(16);
            l.putLong(lim, 6);
            l.putLong(lim + 8, 6);
            l.ok(Syscall.PRLIMIT64, 0, 7, lim, 0);
            l.pipe(0);
            assertThat(l.err(Syscall.PIPE2, l.alloc(8), 0)).isEqualTo(Errno.EMFILE);
            assertThat(l.err(Syscall.DUP, 0)).isEqualTo(Errno.EMFILE);
            assertThat(l.err(Syscall.DUP2, 0, 6)).isEqualTo(Errno.EBADF);
        }
    }

    @Test
    @DisplayName("close_range closes a range, or marks it close-on-exec; first > last is EINVAL")
    void closeRange() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            l.pipe(0);
            l.pipe(0);
            l.ok(Syscall.CLOSE_RANGE, 4, 5, 0);
            assertThat(fds(k, 2)).isEqualTo(List.of(0, 1, 2, 3, 6, 7));
            l.ok(Syscall.CLOSE_RANGE, 6, 0xffffffffL, 4 /* CLOSE_RANGE_CLOEXEC */);
            assertThat(l.ok(Syscall.FCNTL, 7, F_GETFD)).isEqualTo(1);
            assertThat(l.ok(Syscall.FCNTL, 2, F_GETFD)).isZero();
            assertThat(l.err(Syscall.CLOSE_RANGE, 10, 5, 0)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.CLOSE_RANGE, 3, 5, 8)).isEqualTo(Errno.EINVAL);
        }
    }

    @Test
    @DisplayName("CLONE_FILES shares the fd table until the child unshares it")
    void cloneFiles() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven c = l.spawn(Local.CLONE_FILES);
            int[] p = l.pipe(0);
            assertThat(c.ok(Syscall.FCNTL, p[0], F_GETFD)).as("the child sees our new pipe").isZero();
            long d = c.ok(Syscall.DUP, p[0]);
            assertThat(l.ok(Syscall.FCNTL, (int) d, F_GETFD)).as("we see the child's dup").isZero();
            c.ok(Syscall.UNSHARE, Local.CLONE_FILES);
            c.ok(Syscall.CLOSE, p[0]);
            assertThat(l.ok(Syscall.FCNTL, p[0], F_GETFD)).isZero();
            assertThat(c.call(Syscall.FCNTL, p[0], F_GETFD)).isEqualTo(-Errno.EBADF.number());
        }
    }

    @Test
    @DisplayName("close_range(CLOSE_RANGE_UNSHARE) in a CLONE_FILES child leaves the parent's table alone")
    void closeRangeUnshare() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] p = l.pipe(0);
            Local.Driven c = l.spawn(Local.CLONE_FILES);
            c.ok(Syscall.CLOSE_RANGE, p[0], p[1], 2 /* CLOSE_RANGE_UNSHARE */);
            assertThat(c.call(Syscall.FCNTL, p[0], F_GETFD)).isEqualTo(-Errno.EBADF.number());
            assertThat(l.ok(Syscall.FCNTL, p[0], F_GETFD)).isZero();
        }
    }

    @Test
    @DisplayName("execve closes close-on-exec fds and keeps the others")
    void cloexecOnExec() {
        try (FakeKernel k = FakeKernel.builder().program("/bin/lsfd", ctx -> {
            StringBuilder sb = new StringBuilder();
            for (int fd = 0; fd < 32; fd++) {
                if (ctx.syscall(Syscall.FCNTL, fd, F_GETFD) >= 0) {
                    sb.append(fd).append(' ');
                }
            }
            ctx.print(1, sb.toString().trim());
            return 0;
        }).build()) {
            Local l = new Local(k);
            int[] out = l.pipe(Local.O_CLOEXEC);
            int[] keep = l.pipe(0);
            Local.Driven c = l.spawn();
            c.ok(Syscall.DUP2, out[1], 1);
            assertThat(c.run("/bin/lsfd", "lsfd")).isTrue();
            l.ok(Syscall.CLOSE, out[1]);
            assertThat(l.readAll(out[0])).isEqualTo("0 1 2 " + keep[0] + " " + keep[1]);
        }
    }

    @Test
    @DisplayName("/dev/null reads nothing and swallows writes")
    void devNull() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int fd = (int) l.ok(Syscall.OPENAT, -100, l.cstr("/dev/null"), 2 | Local.O_CLOEXEC, 0);
            assertThat(l.ok(Syscall.FCNTL, fd, F_GETFL)).isEqualTo(0100002);
            assertThat(l.write(fd, "gone")).isEqualTo(4);
            assertThat(l.read(fd, 10)).isEmpty();
            assertThat(l.ok(Syscall.LSEEK, fd, 100, 0)).isZero();
        }
    }
}
