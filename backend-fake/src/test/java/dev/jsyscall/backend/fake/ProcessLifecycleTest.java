// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProcessLifecycleTest {
    static final int PR_SET_PDEATHSIG = 1, PR_GET_PDEATHSIG = 2, PR_SET_CHILD_SUBREAPER = 36;

    @Test
    @DisplayName("a child that exits stays a zombie until its parent waits for it")
    void zombieUntilReaped() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven c = l.spawn();
            c.exit(5);
            assertThat(k.processInfo(c.pid)).containsEntry("state", "Z");
            assertThat(l.ok(Syscall.KILL, c.pid, 0)).as("a zombie can still be signalled").isZero();
            assertThat(l.ok(Syscall.KILL, c.pid, Local.SIGKILL)).isZero();
            Local.Info i = l.waitid(Local.P_PID, c.pid, Local.WEXITED);
            assertThat(i.ret).isZero();
            assertThat(i.signo).isEqualTo(Local.SIGCHLD);
            assertThat(i.code).isEqualTo(Local.CLD_EXITED);
            assertThat(i.pid).isEqualTo(c.pid);
            assertThat(i.uid).isZero();
            assertThat(i.status).isEqualTo(5);
            assertThat(k.processInfo(c.pid)).isNull();
            assertThat(l.err(Syscall.KILL, c.pid, 0)).isEqualTo(Errno.ESRCH);
        }
    }

    @Test
    @DisplayName("only the low 8 bits of the exit code reach the parent")
    void exitCodeIsEightBits() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven c = l.spawn();
            c.exit(256 + 3);
            long[] w = l.wait4(c.pid, 0);
            assertThat(w[0]).isEqualTo(c.pid);
            assertThat(w[1]).isEqualTo(0x300);
        }
    }

    @Test
    @DisplayName("the parent gets SIGCHLD with the child's pid, uid and status")
    void sigchldSiginfo() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            l.block(Local.SIGCHLD);
            Local.Driven c = l.spawn();
            c.exit(7);
            long info = l.alloc(128);
            assertThat(l.ok(Syscall.RT_SIGTIMEDWAIT, l.sigset(Local.SIGCHLD), info, 0, 8)).isEqualTo(Local.SIGCHLD);
            assertThat(l.getInt(info)).isEqualTo(Local.SIGCHLD);
            assertThat(l.getInt(info + 8)).isEqualTo(Local.CLD_EXITED);
            assertThat(l.getInt(info + 16)).isEqualTo(c.pid);
            assertThat(l.getInt(info + 24)).isEqualTo(7);
            assertThat(l.waitid(Local.P_PID, c.pid, Local.WEXITED).status).isEqualTo(7);
        }
    }

    /** local -> a -> g, with g's channel created before a so that both hold it. */
    static final class Family {
        final Local.Driven a;
        final Local.Driven g;

        Family(Local l) {
            int[] req = l.pipe(Local.O_CLOEXEC);
            int[] resp = l.pipe(Local.O_CLOEXEC);
            a = l.spawn();
            long sp = (l.alloc(4096) + 4000) & ~15L;
            l.putLong(sp, l.kernel.serverEntryPoint());
            l.putLong(sp + 8, req[0]);
            l.putLong(sp + 16, resp[1]);
            long gpid = a.ok(Syscall.CLONE, Local.CLONE_VM | Local.SIGCHLD, sp, 0, 0, 0);
            a.ok(Syscall.CLOSE, req[0]);
            a.ok(Syscall.CLOSE, resp[1]);
            l.ok(Syscall.CLOSE, req[0]);
            l.ok(Syscall.CLOSE, resp[1]);
            g = new Local.Driven(l, (int) gpid, req[1], resp[0]);
            // g inherited a's channel: without this, a's death would never reach us as EOF
            g.ok(Syscall.CLOSE, a.childReq);
            g.ok(Syscall.CLOSE, a.childResp);
        }
    }

    @Test
    @DisplayName("a nested clone through a driven child makes a grandchild that serves too")
    void nestedClone() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Family f = new Family(l);
            assertThat(f.g.ok(Syscall.GETPID)).isEqualTo(f.g.pid);
            assertThat(f.g.ok(Syscall.GETPPID)).isEqualTo(f.a.pid);
            assertThat(l.err(Syscall.WAITID, Local.P_PID, f.g.pid, l.alloc(128), Local.WEXITED | Local.WNOHANG, 0))
                    .as("a grandchild is not our child").isEqualTo(Errno.ECHILD);
        }
    }

    @Test
    @DisplayName("orphans are reparented to init, which reaps them")
    void orphansGoToInit() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Family f = new Family(l);
            f.a.exit(0);
            assertThat(f.g.ok(Syscall.GETPPID)).isEqualTo(1);
            assertThat(k.processInfo(f.g.pid)).containsEntry("ppid", 1);
            f.g.exit(0);
            assertThat(k.processInfo(f.g.pid)).as("init reaped it").isNull();
            assertThat(l.waitid(Local.P_PID, f.a.pid, Local.WEXITED).code).isEqualTo(Local.CLD_EXITED);
        }
    }

    @Test
    @DisplayName("a child subreaper adopts the orphans below it")
    void subreaper() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            l.ok(Syscall.PRCTL, PR_SET_CHILD_SUBREAPER, 1);
            long flag = l.alloc(4);
            l.ok(Syscall.PRCTL, 37, flag);
            assertThat(l.getInt(flag)).isEqualTo(1);
            Family f = new Family(l);
            f.a.exit(0);
            assertThat(l.waitid(Local.P_PID, f.a.pid, Local.WEXITED).pid).isEqualTo(f.a.pid);
            assertThat(f.g.ok(Syscall.GETPPID)).isEqualTo(l.pid());
            f.g.exit(4);
            Local.Info i = l.waitid(Local.P_ALL, 0, Local.WEXITED);
            assertThat(i.pid).isEqualTo(f.g.pid);
            assertThat(i.status).isEqualTo(4);
        }
    }

    @Test
    @DisplayName("PR_SET_PDEATHSIG sends the signal when the parent dies, even with every signal blocked")
    void parentDeathSignal() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            l.ok(Syscall.PRCTL, PR_SET_CHILD_SUBREAPER, 1);
            Family f = new Family(l);
            f.g.ok(Syscall.PRCTL, PR_SET_PDEATHSIG, Local.SIGKILL);
            long sig = l.alloc(4);
            f.g.ok(Syscall.PRCTL, PR_GET_PDEATHSIG, sig);
            assertThat(l.getInt(sig)).isEqualTo(Local.SIGKILL);
            assertThat(f.g.call(Syscall.PRCTL, PR_SET_PDEATHSIG, 65)).isEqualTo(-22);
            f.a.exit(0);
            Local.Info i = l.waitid(Local.P_PID, f.g.pid, Local.WEXITED);
            assertThat(i.code).isEqualTo(Local.CLD_KILLED);
            assertThat(i.status).isEqualTo(Local.SIGKILL);
        }
    }

    @Test
    @DisplayName("a blocked parent-death signal stays pending in the orphan")
    void blockedParentDeathSignal() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Family f = new Family(l);
            f.g.ok(Syscall.PRCTL, PR_SET_PDEATHSIG, Local.SIGTERM);
            f.a.exit(0);
            long set = l.alloc(8);
            f.g.ok(Syscall.RT_SIGPENDING, set, 8);
            assertThat(l.getLong(set)).isEqualTo(1L << (Local.SIGTERM - 1));
        }
    }

    @Test
    @DisplayName("a child with exit signal 0 sends no SIGCHLD and is waitable only with __WALL or __WCLONE")
    void cloneChildren() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            l.block(Local.SIGCHLD);
            Local.Driven c = l.spawnWith(Local.CLONE_VM);
            c.exit(1);
            assertThat(l.err(Syscall.WAITID, Local.P_PID, c.pid, l.alloc(128), Local.WEXITED | Local.WNOHANG, 0))
                    .isEqualTo(Errno.ECHILD);
            long set = l.alloc(8);
            l.ok(Syscall.RT_SIGPENDING, set, 8);
            assertThat(l.getLong(set)).isZero();
            assertThat(l.waitid(Local.P_PID, c.pid, Local.WEXITED | Local.__WCLONE | Local.WNOWAIT).pid)
                    .isEqualTo(c.pid);
            assertThat(l.waitid(Local.P_PID, c.pid, Local.WEXITED | Local.__WALL).status).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("with SIGCHLD ignored, children reap themselves and wait reports ECHILD")
    void ignoredSigchldAutoreaps() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            l.sigaction(Local.SIGCHLD, 1, 0);
            Local.Driven c = l.spawn();
            c.exit(0);
            assertThat(k.processInfo(c.pid)).isNull();
            assertThat(l.waitid(Local.P_ALL, 0, Local.WEXITED).ret).isEqualTo(-Errno.ECHILD.number());
        }
    }

    @Test
    @DisplayName("SA_NOCLDWAIT reaps children at once but still delivers SIGCHLD")
    void nocldwait() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            l.block(Local.SIGCHLD);
            l.sigaction(Local.SIGCHLD, 0x1234, 2 /* SA_NOCLDWAIT */);
            Local.Driven c = l.spawn();
            c.exit(0);
            assertThat(k.processInfo(c.pid)).isNull();
            long set = l.alloc(8);
            l.ok(Syscall.RT_SIGPENDING, set, 8);
            assertThat(l.getLong(set)).isEqualTo(1L << (Local.SIGCHLD - 1));
        }
    }

    @Test
    @DisplayName("a driven child whose stack is not mapped dies of SIGSEGV")
    void unmappedStack() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            long pid = l.ok(Syscall.CLONE, Local.CLONE_VM | Local.SIGCHLD, 0x10000, 0, 0, 0);
            Local.Info i = l.waitid(Local.P_PID, pid, Local.WEXITED);
            assertThat(i.code).isEqualTo(Local.CLD_KILLED);
            assertThat(i.status).isEqualTo(Local.SIGSEGV);
        }
    }
}
