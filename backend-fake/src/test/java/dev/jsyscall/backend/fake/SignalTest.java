// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SignalTest {

    /** A driven child with every signal unblocked (servers start with all of them blocked). */
    static Local.Driven unblocked(Local l) {
        Local.Driven c = l.spawn();
        c.ok(Syscall.RT_SIGPROCMASK, 2, l.sigsetOf(0), 0, 8);
        return c;
    }

    static long pending(Local l, Local.Driven c) {
        long set = l.alloc(8);
        c.ok(Syscall.RT_SIGPENDING, set, 8);
        return l.getLong(set);
    }

    @Test
    @DisplayName("a signal whose default action is to terminate kills the child")
    void terminate() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven c = unblocked(l);
            l.ok(Syscall.KILL, c.pid, Local.SIGTERM);
            Local.Info i = l.waitid(Local.P_PID, c.pid, Local.WEXITED);
            assertThat(i.code).isEqualTo(Local.CLD_KILLED);
            assertThat(i.status).isEqualTo(Local.SIGTERM);
        }
    }

    @Test
    @DisplayName("a core-dumping signal reports CLD_KILLED with RLIMIT_CORE 0 and CLD_DUMPED above it")
    void coreDump() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven a = unblocked(l);
            l.ok(Syscall.KILL, a.pid, Local.SIGQUIT);
            assertThat(l.wait4(a.pid, 0)[1]).isEqualTo(Local.SIGQUIT);
            Local.Driven b = unblocked(l);
            long lim = l.alloc(16);
            l.putLong(lim, -1);
            l.putLong(lim + 8, -1);
            l.ok(Syscall.PRLIMIT64, b.pid, 4 /* RLIMIT_CORE */, lim, 0);
            l.ok(Syscall.KILL, b.pid, Local.SIGSEGV);
            Local.Info i = l.waitid(Local.P_PID, b.pid, Local.WEXITED | Local.WNOWAIT);
            assertThat(i.code).isEqualTo(Local.CLD_DUMPED);
            assertThat(l.wait4(b.pid, 0)[1]).isEqualTo(0x80 | Local.SIGSEGV);
        }
    }

    @Test
    @DisplayName("a driven child keeps every signal blocked: SIGTERM waits until the mask is restored")
    void serverSignalsBlocked() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven c = l.spawn();
            long old = l.alloc(8);
            c.ok(Syscall.RT_SIGPROCMASK, 0, 0, old, 8);
            assertThat(l.getLong(old)).as("all but SIGKILL and SIGSTOP").isEqualTo(~((1L << 8) | (1L << 18)));
            l.ok(Syscall.KILL, c.pid, Local.SIGTERM);
            assertThat(c.ok(Syscall.GETPID)).isEqualTo(c.pid);
            assertThat(pending(l, c)).isEqualTo(1L << (Local.SIGTERM - 1));
            // unblocking delivers it before the reply is written
            assertThat(c.call(Syscall.RT_SIGPROCMASK, 2, l.sigsetOf(0), 0, 8)).isEqualTo(Local.Driven.EOF);
            assertThat(l.waitid(Local.P_PID, c.pid, Local.WEXITED).status).isEqualTo(Local.SIGTERM);
        }
    }

    @Test
    @DisplayName("SIGSTOP stops the child, the parent gets CLD_STOPPED, SIGCONT resumes it")
    void stopContinue() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            l.block(Local.SIGCHLD);
            Local.Driven c = l.spawn();
            l.ok(Syscall.KILL, c.pid, Local.SIGSTOP);
            long info = l.alloc(128);
            assertThat(l.ok(Syscall.RT_SIGTIMEDWAIT, l.sigset(Local.SIGCHLD), info, 0, 8)).isEqualTo(Local.SIGCHLD);
            assertThat(l.getInt(info + 8)).isEqualTo(Local.CLD_STOPPED);
            assertThat(l.getInt(info + 24)).isEqualTo(Local.SIGSTOP);
            assertThat(k.processInfo(c.pid)).containsEntry("state", "T");
            // a request written now is not served while the child is stopped
            l.putLong(c.req == 0 ? 0 : l.alloc(64), 0);
            long poll = l.alloc(8);
            l.putInt(poll, c.resp);
            l.putInt(poll + 4, 1);
            long req = l.alloc(56);
            l.putLong(req, Syscall.GETPID.number(dev.jsyscall.linux.Arch.X86_64));
            l.ok(Syscall.WRITE, c.req, req, 56);
            assertThat(l.ok(Syscall.POLL, poll, 1, 0)).isZero();
            l.ok(Syscall.KILL, c.pid, Local.SIGCONT);
            assertThat(l.ok(Syscall.POLL, poll, 1, -1)).isEqualTo(1);
            long res = l.alloc(8);
            assertThat(l.ok(Syscall.READ, c.resp, res, 8)).isEqualTo(8);
            assertThat(l.getLong(res)).isEqualTo(c.pid);
            assertThat(l.ok(Syscall.RT_SIGTIMEDWAIT, l.sigset(Local.SIGCHLD), info, 0, 8)).isEqualTo(Local.SIGCHLD);
            assertThat(l.getInt(info + 8)).isEqualTo(Local.CLD_CONTINUED);
        }
    }

    @Test
    @DisplayName("SA_NOCLDSTOP suppresses SIGCHLD for stops but not for exits")
    void nocldstop() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            l.block(Local.SIGCHLD);
            l.sigaction(Local.SIGCHLD, 0x4000, 1 /* SA_NOCLDSTOP */);
            Local.Driven c = l.spawn();
            l.ok(Syscall.KILL, c.pid, Local.SIGSTOP);
            assertThat(l.waitid(Local.P_PID, c.pid, Local.WSTOPPED).code).isEqualTo(Local.CLD_STOPPED);
            long set = l.alloc(8);
            l.ok(Syscall.RT_SIGPENDING, set, 8);
            assertThat(l.getLong(set)).isZero();
            l.ok(Syscall.KILL, c.pid, Local.SIGKILL);
            l.waitid(Local.P_PID, c.pid, Local.WEXITED | Local.WNOWAIT);
            l.ok(Syscall.RT_SIGPENDING, set, 8);
            assertThat(l.getLong(set)).isEqualTo(1L << (Local.SIGCHLD - 1));
        }
    }

    @Test
    @DisplayName("SIGKILL kills a stopped child; SIGKILL and SIGSTOP cannot be caught, ignored or blocked")
    void killAndStopAreSpecial() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven c = l.spawn();
            l.ok(Syscall.KILL, c.pid, Local.SIGSTOP);
            l.waitid(Local.P_PID, c.pid, Local.WSTOPPED);
            l.ok(Syscall.KILL, c.pid, Local.SIGKILL);
            assertThat(l.waitid(Local.P_PID, c.pid, Local.WEXITED).status).isEqualTo(Local.SIGKILL);
            long act = l.alloc(32);
            l.putLong(act, 1);
            assertThat(l.err(Syscall.RT_SIGACTION, Local.SIGKILL, act, 0, 8)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.RT_SIGACTION, Local.SIGSTOP, act, 0, 8)).isEqualTo(Errno.EINVAL);
            assertThat(l.ok(Syscall.RT_SIGACTION, Local.SIGKILL, 0, act, 8)).isZero();
            assertThat(l.err(Syscall.RT_SIGACTION, 65, 0, act, 8)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.RT_SIGACTION, 1, 0, act, 4)).isEqualTo(Errno.EINVAL);
            long old = l.setMask(-1L);
            assertThat(l.setMask(old)).isEqualTo(~((1L << 8) | (1L << 18)));
            assertThat(l.err(Syscall.RT_SIGPROCMASK, 7, l.sigsetOf(0), 0, 8)).isEqualTo(Errno.EINVAL);
            assertThat(l.ok(Syscall.RT_SIGPROCMASK, 7, 0, 0, 8)).isZero();
        }
    }

    @Test
    @DisplayName("an ignored signal is discarded, and ignoring a pending signal discards it")
    void ignore() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven c = l.spawn();
            l.ok(Syscall.KILL, c.pid, Local.SIGUSR1);
            assertThat(pending(l, c)).isEqualTo(1L << (Local.SIGUSR1 - 1));
            long act = l.alloc(32);
            l.putLong(act, 1);
            c.ok(Syscall.RT_SIGACTION, Local.SIGUSR1, act, 0, 8);
            assertThat(pending(l, c)).isZero();
            c.ok(Syscall.RT_SIGPROCMASK, 2, l.sigsetOf(0), 0, 8);
            l.ok(Syscall.KILL, c.pid, Local.SIGUSR1);
            l.ok(Syscall.KILL, c.pid, Local.SIGCHLD);
            assertThat(c.ok(Syscall.GETPID)).as("still alive").isEqualTo(c.pid);
        }
    }

    @Test
    @DisplayName("rt_sigaction returns the old action; the kernel drops unknown flag bits and KILL/STOP from sa_mask")
    void sigactionRoundTrip() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            long act = l.alloc(32);
            l.putLong(act, 0x1234);
            l.putLong(act + 8, 0x10000000L | 0x04000000L | 0x100000000L);
            l.putLong(act + 16, 0x5678);
            l.putLong(act + 24, -1L);
            l.ok(Syscall.RT_SIGACTION, Local.SIGUSR1, act, 0, 8);
            long old = l.alloc(32);
            l.ok(Syscall.RT_SIGACTION, Local.SIGUSR1, 0, old, 8);
            assertThat(l.getLong(old)).isEqualTo(0x1234);
            assertThat(l.getLong(old + 8)).isEqualTo(0x14000000L);
            assertThat(l.getLong(old + 16)).isEqualTo(0x5678);
            assertThat(l.getLong(old + 24)).isEqualTo(~((1L << 8) | (1L << 18)));
        }
    }

    @Test
    @DisplayName("a caught signal interrupts a blocking read with EINTR, or restarts it with SA_RESTART")
    void interruptsRead() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            l.sigaction(Local.SIGUSR1, 0x1000, 0);
            int[] p = l.pipe(0);
            Local.Driven c = l.spawn();
            assertThat(c.run("/bin/sh", "sh", "-c", "sleep 1; kill -USR1 " + l.pid() + "; sleep 1")).isTrue();
            long buf = l.alloc(8);
            assertThat(l.raw(Syscall.READ, p[0], buf, 8)).isEqualTo(-Errno.EINTR.number());
            assertThat((int[]) k.processInfo(2).get("handled")).satisfies(h -> assertThat(h[Local.SIGUSR1]).isEqualTo(1));
            l.waitid(Local.P_PID, c.pid, Local.WEXITED);

            l.sigaction(Local.SIGUSR1, 0x1000, 0x10000000L /* SA_RESTART */);
            l.ok(Syscall.CLOSE, p[1]);
            int[] q = l.pipe(0); // before the clone, so that the child's fd table has it
            Local.Driven d = l.spawn();
            d.ok(Syscall.DUP2, q[1], 1);
            l.ok(Syscall.CLOSE, q[1]);
            assertThat(d.run("/bin/sh", "sh", "-c", "sleep 1; kill -USR1 " + l.pid() + "; sleep 1; echo done")).isTrue();
            long r = l.raw(Syscall.READ, q[0], buf, 8);
            assertThat(r).as("restarted, then got the data\n%s", k.dump()).isEqualTo(5);
            assertThat(new String(l.bytes(buf, 5))).isEqualTo("done\n");
        }
    }

    @Test
    @DisplayName("kill(0), kill(-pgid) and kill(-1) reach the right processes; init ignores signals")
    void killTargets() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven a = unblocked(l);
            Local.Driven b = unblocked(l);
            Local.Driven c = unblocked(l);
            l.ok(Syscall.SETPGID, b.pid, b.pid);
            l.ok(Syscall.SETPGID, c.pid, b.pid);
            l.ok(Syscall.KILL, -b.pid, Local.SIGTERM);
            assertThat(l.waitid(Local.P_PID, b.pid, Local.WEXITED).status).isEqualTo(Local.SIGTERM);
            assertThat(l.waitid(Local.P_PID, c.pid, Local.WEXITED).status).isEqualTo(Local.SIGTERM);
            assertThat(l.err(Syscall.KILL, -b.pid, 0)).isEqualTo(Errno.ESRCH);
            // kill(0) signals our own group, ourselves included: the JVM's handler catches SIGTERM
            l.ok(Syscall.KILL, 0, Local.SIGTERM);
            assertThat(l.waitid(Local.P_PID, a.pid, Local.WEXITED).status).isEqualTo(Local.SIGTERM);
            assertThat(((int[]) k.processInfo(2).get("handled"))[Local.SIGTERM]).isEqualTo(1);
            Local.Driven d = unblocked(l);
            l.ok(Syscall.KILL, -1, Local.SIGKILL);
            assertThat(l.waitid(Local.P_PID, d.pid, Local.WEXITED).status).isEqualTo(Local.SIGKILL);
            assertThat(l.ok(Syscall.KILL, 1, Local.SIGKILL)).isZero();
            assertThat(k.processInfo(1)).isNotNull();
            assertThat(l.err(Syscall.KILL, 1, -1)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.KILL, 999, 65)).isEqualTo(Errno.ESRCH);
        }
    }

    @Test
    @DisplayName("tgkill needs the thread to belong to the group")
    void tgkill() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven c = unblocked(l);
            assertThat(l.err(Syscall.TGKILL, l.pid(), c.pid, 0)).isEqualTo(Errno.ESRCH);
            assertThat(l.err(Syscall.TGKILL, 0, c.pid, 0)).isEqualTo(Errno.EINVAL);
            l.ok(Syscall.TGKILL, c.pid, c.pid, Local.SIGUSR2);
            Local.Info i = l.waitid(Local.P_PID, c.pid, Local.WEXITED);
            assertThat(i.status).isEqualTo(Local.SIGUSR2);
        }
    }

    @Test
    @DisplayName("pidfd_send_signal signals through the pidfd; zombies accept signals, reaped processes are ESRCH")
    void pidfdSendSignal() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven c = l.spawn(Local.CLONE_PIDFD);
            assertThat(l.ok(Syscall.FCNTL, c.pidfd, 1)).isEqualTo(1);
            assertThat(l.err(Syscall.PIDFD_SEND_SIGNAL, c.pidfd, Local.SIGKILL, 0, 8)).isEqualTo(Errno.EINVAL);
            int[] p = l.pipe(0);
            assertThat(l.err(Syscall.PIDFD_SEND_SIGNAL, p[0], Local.SIGKILL, 0, 0)).isEqualTo(Errno.EBADF);
            l.ok(Syscall.PIDFD_SEND_SIGNAL, c.pidfd, Local.SIGKILL, 0, 0);
            l.waitid(Local.P_PIDFD, c.pidfd, Local.WEXITED | Local.WNOWAIT);
            assertThat(l.ok(Syscall.PIDFD_SEND_SIGNAL, c.pidfd, Local.SIGTERM, 0, 0)).isZero();
            l.waitid(Local.P_PIDFD, c.pidfd, Local.WEXITED);
            assertThat(l.err(Syscall.PIDFD_SEND_SIGNAL, c.pidfd, 0, 0, 0)).isEqualTo(Errno.ESRCH);
        }
    }

    @Test
    @DisplayName("a pidfd polls readable once the process exits, and hangs up once it is reaped")
    void pidfdPoll() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven c = l.spawn(Local.CLONE_PIDFD);
            long pfd = l.alloc(8);
            l.putInt(pfd, c.pidfd);
            l.putInt(pfd + 4, 1);
            assertThat(l.ok(Syscall.POLL, pfd, 1, 0)).isZero();
            l.ok(Syscall.KILL, c.pid, Local.SIGKILL);
            assertThat(l.ok(Syscall.POLL, pfd, 1, -1)).isEqualTo(1);
            assertThat(l.getInt(pfd + 4) >>> 16).isEqualTo(1);
            l.waitid(Local.P_PID, c.pid, Local.WEXITED);
            l.ok(Syscall.POLL, pfd, 1, 0);
            assertThat(l.getInt(pfd + 4) >>> 16).isEqualTo(0x11);
        }
    }

    @Test
    @DisplayName("rt_sigtimedwait takes a pending blocked signal with its siginfo, or times out on the virtual clock")
    void sigtimedwait() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            l.block(Local.SIGUSR1);
            Local.Driven c = l.spawn();
            c.ok(Syscall.KILL, l.pid(), Local.SIGUSR1);
            long info = l.alloc(128);
            assertThat(l.ok(Syscall.RT_SIGTIMEDWAIT, l.sigset(Local.SIGUSR1), info, 0, 8)).isEqualTo(Local.SIGUSR1);
            assertThat(l.getInt(info + 8)).as("SI_USER").isZero();
            assertThat(l.getInt(info + 16)).isEqualTo(c.pid);
            long ts = l.alloc(16);
            l.putLong(ts, 3);
            l.putLong(ts + 8, 0);
            long before = k.monotonicNanos();
            assertThat(l.err(Syscall.RT_SIGTIMEDWAIT, l.sigset(Local.SIGUSR1), info, ts, 8)).isEqualTo(Errno.EAGAIN);
            assertThat(k.monotonicNanos() - before).isGreaterThanOrEqualTo(3_000_000_000L);
        }
    }

    @Test
    @DisplayName("SIGTSTP stops a child in a group with a parent outside it, and is discarded in an orphaned group")
    void orphanedGroupTstp() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            // our own group is orphaned: our parent is init
            Local.Driven same = unblocked(l);
            l.ok(Syscall.KILL, same.pid, Local.SIGTSTP);
            assertThat(same.ok(Syscall.GETPID)).as("not stopped").isEqualTo(same.pid);
            Local.Driven own = unblocked(l);
            l.ok(Syscall.SETPGID, own.pid, own.pid);
            l.ok(Syscall.KILL, own.pid, Local.SIGTSTP);
            Local.Info i = l.waitid(Local.P_PID, own.pid, Local.WSTOPPED);
            assertThat(i.code).isEqualTo(Local.CLD_STOPPED);
            assertThat(i.status).isEqualTo(Local.SIGTSTP);
        }
    }

    @Test
    @DisplayName("a process group orphaned with a stopped member gets SIGHUP then SIGCONT")
    void orphanedGroupHangup() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            ProcessLifecycleTest.Family f = new ProcessLifecycleTest.Family(l);
            l.ok(Syscall.SETPGID, f.a.pid, f.a.pid);
            f.a.ok(Syscall.SETPGID, f.g.pid, f.a.pid);
            l.ok(Syscall.KILL, f.g.pid, Local.SIGSTOP);
            f.a.ok(Syscall.WAITID, Local.P_PID, f.g.pid, l.alloc(128), Local.WSTOPPED, 0);
            f.a.exit(0);
            // g's group lost its last link to a parent in the session, with g stopped: SIGHUP, then SIGCONT
            assertThat(f.g.ok(Syscall.GETPPID)).isEqualTo(1);
            long set = l.alloc(8);
            f.g.ok(Syscall.RT_SIGPENDING, set, 8);
            // both stay pending in the driven child, which blocks everything (a blocked SIGCONT still continues)
            assertThat(l.getLong(set)).isEqualTo((1L << (Local.SIGHUP - 1)) | (1L << (Local.SIGCONT - 1)));
            assertThat(f.g.ok(Syscall.GETPID)).as("continued").isEqualTo(f.g.pid);
        }
    }

    @Test
    @DisplayName("a program's default SIGPIPE kills it when it writes to a pipe nobody reads")
    void sigpipeKillsProgram() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] p = l.pipe(0);
            Local.Driven c = l.spawn();
            c.ok(Syscall.DUP2, p[1], 1);
            c.ok(Syscall.CLOSE, p[0]); // the child inherited the read end too
            l.ok(Syscall.CLOSE, p[0]);
            l.ok(Syscall.CLOSE, p[1]);
            assertThat(c.run("/bin/echo", "echo", "nobody listens")).isTrue();
            Local.Info i = l.waitid(Local.P_PID, c.pid, Local.WEXITED);
            assertThat(i.code).isEqualTo(Local.CLD_KILLED);
            assertThat(i.status).isEqualTo(Local.SIGPIPE);
            assertThat(k.programFailures()).isEmpty();
            assertThat(List.of(i.pid)).containsExactly(c.pid);
        }
    }
}
