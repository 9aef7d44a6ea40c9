// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WaitTest {

    private static long filled(Local l, int n) {
        long at = l.alloc(n);
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) 0xaa);
        l.mem.write(at, b, 0, n);
        return at;
    }

    @Test
    @DisplayName("WNOHANG with nothing to report returns 0, zeroes the six siginfo fields and leaves rusage alone")
    void wnohangNothing() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            l.spawn();
            long info = filled(l, 128);
            long ru = filled(l, 144);
            assertThat(l.ok(Syscall.WAITID, Local.P_ALL, 0, info, Local.WEXITED | Local.WNOHANG, ru)).isZero();
            byte[] b = l.bytes(info, 40);
            for (int off : new int[] {0, 4, 8, 16, 20, 24}) {
                assertThat(l.getInt(info + off)).as("offset %d", off).isZero();
            }
            assertThat(b[12]).as("padding untouched").isEqualTo((byte) 0xaa);
            assertThat(b[28]).as("si_utime untouched").isEqualTo((byte) 0xaa);
            assertThat(l.bytes(ru, 144)).containsOnly((byte) 0xaa);
        }
    }

    @Test
    @DisplayName("ECHILD and EINVAL also zero the six siginfo fields, as Linux does")
    void errorsZeroInfo() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            long info = filled(l, 128);
            assertThat(l.err(Syscall.WAITID, Local.P_ALL, 0, info, Local.WEXITED, 0)).isEqualTo(Errno.ECHILD);
            assertThat(l.getInt(info)).isZero();
            assertThat(l.getInt(info + 16)).isZero();
            assertThat(l.bytes(info + 12, 1)[0]).isEqualTo((byte) 0xaa);
            long info2 = filled(l, 128);
            assertThat(l.err(Syscall.WAITID, Local.P_ALL, 0, info2, 0, 0)).isEqualTo(Errno.EINVAL);
            assertThat(l.getInt(info2)).isZero();
        }
    }

    @Test
    @DisplayName("invalid arguments are EINVAL, a non-pidfd is EBADF")
    void invalidArguments() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            l.spawn();
            long info = l.alloc(128);
            assertThat(l.err(Syscall.WAITID, Local.P_ALL, 0, info, Local.WEXITED | 0x100000, 0)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.WAITID, 7, 0, info, Local.WEXITED, 0)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.WAITID, Local.P_PID, 0, info, Local.WEXITED, 0)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.WAITID, Local.P_PGID, -1, info, Local.WEXITED, 0)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.WAITID, Local.P_PIDFD, -1, info, Local.WEXITED, 0)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.WAITID, Local.P_PIDFD, 0, info, Local.WEXITED, 0)).isEqualTo(Errno.EBADF);
            assertThat(l.err(Syscall.WAITID, Local.P_PIDFD, 99, info, Local.WEXITED, 0)).isEqualTo(Errno.EBADF);
            assertThat(l.err(Syscall.WAIT4, -1, 0, Local.WNOWAIT, 0)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.WAITID, Local.P_ALL, 0, 0x1000, Local.WEXITED | Local.WNOHANG, 0))
                    .isEqualTo(Errno.EFAULT);
        }
    }

    @Test
    @DisplayName("WNOWAIT reports a zombie and leaves it waitable; rusage is written when a child is found")
    void wnowait() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven c = l.spawn();
            c.exit(2);
            long ru = filled(l, 144);
            long info = l.alloc(128);
            l.ok(Syscall.WAITID, Local.P_PID, c.pid, info, Local.WEXITED | Local.WNOWAIT, ru);
            assertThat(l.getInt(info + 24)).isEqualTo(2);
            assertThat(l.bytes(ru, 144)).containsOnly(0);
            assertThat(l.waitid(Local.P_PID, c.pid, Local.WEXITED).status).isEqualTo(2);
            assertThat(l.waitid(Local.P_PID, c.pid, Local.WEXITED).ret).isEqualTo(-Errno.ECHILD.number());
        }
    }

    @Test
    @DisplayName("wait4 encodes exit, signal, stop and continue in the status word")
    void wait4Statuses() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven a = l.spawn();
            a.exit(3);
            assertThat(l.wait4(a.pid, 0)).containsExactly(a.pid, 0x300);
            Local.Driven b = l.spawn();
            l.ok(Syscall.KILL, b.pid, Local.SIGSTOP);
            assertThat(l.wait4(b.pid, 2 /* WUNTRACED */)).containsExactly(b.pid, 0x137f);
            l.ok(Syscall.KILL, b.pid, Local.SIGCONT);
            assertThat(l.wait4(b.pid, Local.WCONTINUED)).containsExactly(b.pid, 0xffff);
            l.ok(Syscall.KILL, b.pid, Local.SIGKILL);
            assertThat(l.wait4(b.pid, 0)).containsExactly(b.pid, 9);
            assertThat(l.wait4(-1, Local.WNOHANG)[0]).isEqualTo(-Errno.ECHILD.number());
        }
    }

    @Test
    @DisplayName("wait4 selects by pid, any child, our own group or another group")
    void wait4Selection() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven a = l.spawn();
            Local.Driven b = l.spawn();
            l.ok(Syscall.SETPGID, b.pid, b.pid);
            a.exit(1);
            b.exit(2);
            assertThat(l.wait4(-b.pid, 0)).containsExactly(b.pid, 0x200);
            assertThat(l.wait4(0, 0)).containsExactly(a.pid, 0x100);
            Local.Driven c = l.spawn();
            c.exit(0);
            assertThat(l.wait4(-1, 0)[0]).isEqualTo(c.pid);
        }
    }

    @Test
    @DisplayName("P_PGID picks only children of that group; 0 means our own group")
    void byGroup() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven a = l.spawn();
            Local.Driven b = l.spawn();
            l.ok(Syscall.SETPGID, a.pid, a.pid);
            b.exit(0);
            assertThat(l.waitid(Local.P_PGID, a.pid, Local.WEXITED | Local.WNOHANG).pid).isZero();
            assertThat(l.waitid(Local.P_PGID, 0, Local.WEXITED).pid).isEqualTo(b.pid);
            a.exit(0);
            assertThat(l.waitid(Local.P_PGID, a.pid, Local.WEXITED).pid).isEqualTo(a.pid);
        }
    }

    @Test
    @DisplayName("waitid(P_PIDFD) waits for our child; an O_NONBLOCK pidfd gives EAGAIN unless WNOHANG was asked")
    void byPidfd() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven c = l.spawn();
            int pfd = (int) l.ok(Syscall.PIDFD_OPEN, c.pid, Local.O_NONBLOCK);
            assertThat(l.ok(Syscall.FCNTL, pfd, 3)).isEqualTo(02 | Local.O_NONBLOCK);
            assertThat(l.ok(Syscall.FCNTL, pfd, 1)).as("pidfds are close-on-exec").isEqualTo(1);
            assertThat(l.waitid(Local.P_PIDFD, pfd, Local.WEXITED).ret).isEqualTo(-Errno.EAGAIN.number());
            assertThat(l.waitid(Local.P_PIDFD, pfd, Local.WEXITED | Local.WNOHANG).ret).isZero();
            c.exit(6);
            Local.Info i = l.waitid(Local.P_PIDFD, pfd, Local.WEXITED);
            assertThat(i.pid).isEqualTo(c.pid);
            assertThat(i.status).isEqualTo(6);
            assertThat(l.waitid(Local.P_PIDFD, pfd, Local.WEXITED).ret).isEqualTo(-Errno.ECHILD.number());
            assertThat(l.err(Syscall.PIDFD_OPEN, c.pid, 0)).as("reaped").isEqualTo(Errno.ESRCH);
        }
    }

    @Test
    @DisplayName("a pidfd of a process that is not our child cannot be waited for")
    void pidfdOfNonChild() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int pfd = (int) l.ok(Syscall.PIDFD_OPEN, 1, 0);
            assertThat(l.waitid(Local.P_PIDFD, pfd, Local.WEXITED | Local.WNOHANG).ret)
                    .isEqualTo(-Errno.ECHILD.number());
            assertThat(l.err(Syscall.PIDFD_OPEN, 2, 1)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.PIDFD_OPEN, 0, 0)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.PIDFD_OPEN, 4000, 0)).isEqualTo(Errno.ESRCH);
        }
    }

    @Test
    @DisplayName("a blocking waitid lets the child run to its exit, on the virtual clock")
    void blockingWait() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven c = l.spawn();
            assertThat(c.run("/bin/sleep", "sleep", "2.5")).isTrue();
            long before = k.monotonicNanos();
            Local.Info i = l.waitid(Local.P_PID, c.pid, Local.WEXITED);
            assertThat(i.code).isEqualTo(Local.CLD_EXITED);
            assertThat(i.status).isZero();
            assertThat(k.monotonicNanos() - before).isBetween(2_500_000_000L, 2_600_000_000L);
        }
    }

    @Test
    @DisplayName("a stop is reported once to WSTOPPED, a continue once to WCONTINUED")
    void stopAndContinueReportedOnce() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven c = l.spawn();
            l.ok(Syscall.KILL, c.pid, Local.SIGSTOP);
            Local.Info s = l.waitid(Local.P_PID, c.pid, Local.WSTOPPED);
            assertThat(s.code).isEqualTo(Local.CLD_STOPPED);
            assertThat(s.status).isEqualTo(Local.SIGSTOP);
            assertThat(l.waitid(Local.P_PID, c.pid, Local.WSTOPPED | Local.WNOHANG).pid).isZero();
            l.ok(Syscall.KILL, c.pid, Local.SIGCONT);
            Local.Info cont = l.waitid(Local.P_PID, c.pid, Local.WCONTINUED | Local.WNOWAIT);
            assertThat(cont.code).isEqualTo(Local.CLD_CONTINUED);
            assertThat(cont.status).isEqualTo(Local.SIGCONT);
            assertThat(l.waitid(Local.P_PID, c.pid, Local.WCONTINUED).code).isEqualTo(Local.CLD_CONTINUED);
            assertThat(l.waitid(Local.P_PID, c.pid, Local.WCONTINUED | Local.WNOHANG).pid).isZero();
            assertThat(c.ok(Syscall.GETPID)).as("it serves again").isEqualTo(c.pid);
        }
    }
}
