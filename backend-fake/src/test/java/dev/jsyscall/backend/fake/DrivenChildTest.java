// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DrivenChildTest {

    @Test
    @DisplayName("clone a driven child, drive getpid, exec /bin/echo into a pipe, see EOF, wait for its exit status")
    void endToEnd() {
        try (FakeKernel k = FakeKernel.builder().seed(11).build()) {
            Local l = new Local(k);
            int[] out = l.pipe(Local.O_CLOEXEC);
            Local.Driven c = l.spawn(Local.CLONE_PIDFD);
            assertThat(c.ok(Syscall.GETPID)).isEqualTo(c.pid);
            assertThat(c.ok(Syscall.GETPPID)).isEqualTo(l.pid());
            assertThat(c.ok(Syscall.DUP2, out[1], 1)).isEqualTo(1);
            long r = c.exec("/bin/echo", List.of("echo", "hello", "world"), List.of());
            assertThat(r).as("exec success is EOF on the close-on-exec channel").isEqualTo(Local.Driven.EOF);
            c.closeChannel();
            l.ok(Syscall.CLOSE, out[1]);
            assertThat(l.readAll(out[0])).isEqualTo("hello world\n");
            Local.Info i = l.waitid(Local.P_PIDFD, c.pidfd, Local.WEXITED);
            assertThat(i.pid).isEqualTo(c.pid);
            assertThat(i.code).isEqualTo(Local.CLD_EXITED);
            assertThat(i.status).isZero();
        }
    }

    @Test
    @DisplayName("a failed execve replies -errno and the child keeps serving")
    void failedExecKeepsServing() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven c = l.spawn();
            assertThat(c.exec("/no/such/program", List.of("x"), List.of())).isEqualTo(-Errno.ENOENT.number());
            assertThat(c.ok(Syscall.GETPID)).isEqualTo(c.pid);
            assertThat(k.processInfo(c.pid)).containsEntry("kind", "SERVER");
        }
    }

    @Test
    @DisplayName("EOF on the request pipe makes the child exit 0; a truncated request exits with its length")
    void eofExits() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven a = l.spawn();
            a.closeChannel();
            assertThat(l.waitid(Local.P_PID, a.pid, Local.WEXITED).status).isZero();
            Local.Driven b = l.spawn();
            l.ok(Syscall.WRITE, b.req, l.alloc(16), 10);
            b.closeChannel();
            Local.Info i = l.waitid(Local.P_PID, b.pid, Local.WEXITED);
            assertThat(i.code).isEqualTo(Local.CLD_EXITED);
            assertThat(i.status).isEqualTo(10);
        }
    }

    @Test
    @DisplayName("the child resets caught handlers to SIG_DFL, keeps ignored ones, and starts with every signal blocked")
    void handlersAndMask() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            l.sigaction(Local.SIGHUP, 1, 0);
            Local.Driven c = l.spawn();
            long old = l.alloc(32);
            c.ok(Syscall.RT_SIGACTION, Local.SIGTERM, 0, old, 8);
            assertThat(l.getLong(old)).as("the JVM's SIGTERM handler was reset").isZero();
            c.ok(Syscall.RT_SIGACTION, Local.SIGHUP, 0, old, 8);
            assertThat(l.getLong(old)).as("ignored stays ignored").isEqualTo(1);
            l.ok(Syscall.RT_SIGACTION, Local.SIGTERM, 0, old, 8);
            assertThat(l.getLong(old)).as("the parent keeps its handler").isGreaterThan(1);
            long mask = l.alloc(8);
            c.ok(Syscall.RT_SIGPROCMASK, 0, 0, mask, 8);
            assertThat(l.getLong(mask)).isEqualTo(~((1L << 8) | (1L << 18)));
        }
    }

    @Test
    @DisplayName("a local clone blocks every signal in the child, as the api's clone stub does, whatever our mask")
    void localCloneBlocksAll() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] req = l.pipe(Local.O_CLOEXEC);
            int[] resp = l.pipe(Local.O_CLOEXEC);
            long sp = (l.alloc(1024) + 512) & ~15L;
            l.putLong(sp, k.serverEntryPoint());
            l.putLong(sp + 8, req[0]);
            l.putLong(sp + 16, resp[1]);
            long pid = l.ok(Syscall.CLONE, Local.CLONE_VM | Local.SIGCHLD, sp, 0, 0, 0);
            Local.Driven c = new Local.Driven(l, (int) pid, req[1], resp[0]);
            long mask = l.alloc(8);
            c.ok(Syscall.RT_SIGPROCMASK, 0, 0, mask, 8);
            assertThat(l.getLong(mask)).isEqualTo(~((1L << 8) | (1L << 18)));
            assertThat(l.setMask(0)).as("our own mask is untouched").isZero();
        }
    }

    @Test
    @DisplayName("CLONE_PIDFD returns a close-on-exec pidfd through parent_tid; with CLONE_PARENT_SETTID it is EINVAL")
    void clonePidfd() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven c = l.spawn(Local.CLONE_PIDFD);
            assertThat(c.pidfd).isGreaterThan(2);
            assertThat(l.ok(Syscall.FCNTL, c.pidfd, 1)).isEqualTo(1);
            assertThat(l.ok(Syscall.FCNTL, c.pidfd, 3)).isEqualTo(2);
            assertThat(l.err(Syscall.CLONE, Local.CLONE_VM | Local.CLONE_PIDFD | Local.CLONE_PARENT_SETTID
                    | Local.SIGCHLD, l.alloc(64) + 32, l.alloc(8), 0, 0)).isEqualTo(Errno.EINVAL);
        }
    }

    @Test
    @DisplayName("CLONE_PARENT_SETTID, CLONE_CHILD_SETTID and CLONE_CHILD_CLEARTID write and clear the tid")
    void tidWords() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] req = l.pipe(Local.O_CLOEXEC);
            int[] resp = l.pipe(Local.O_CLOEXEC);
            long sp = (l.alloc(1024) + 512) & ~15L;
            l.putLong(sp, k.serverEntryPoint());
            l.putLong(sp + 8, req[0]);
            l.putLong(sp + 16, resp[1]);
            long ptid = l.alloc(8);
            long ctid = l.alloc(8);
            long pid = l.ok(Syscall.CLONE, Local.CLONE_VM | Local.SIGCHLD | Local.CLONE_PARENT_SETTID
                    | Local.CLONE_CHILD_SETTID | Local.CLONE_CHILD_CLEARTID, sp, ptid, ctid, 0);
            l.ok(Syscall.CLOSE, req[0]);
            l.ok(Syscall.CLOSE, resp[1]);
            assertThat(l.getInt(ptid)).isEqualTo(pid);
            assertThat(l.getInt(ctid)).isEqualTo(pid);
            Local.Driven c = new Local.Driven(l, (int) pid, req[1], resp[0]);
            assertThat(c.exec("/bin/true", List.of("true"), List.of())).isEqualTo(Local.Driven.EOF);
            assertThat(l.getInt(ctid)).as("cleared when the child left our address space").isZero();
        }
    }

    @Test
    @DisplayName("CLONE_PARENT makes the new process our sibling")
    void cloneParent() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven c = l.spawn(Local.CLONE_PARENT);
            assertThat(c.ok(Syscall.GETPPID)).isEqualTo(1);
            assertThat(l.waitid(Local.P_ALL, 0, Local.WEXITED | Local.WNOHANG).ret).isEqualTo(-Errno.ECHILD.number());
        }
    }

    @Test
    @DisplayName("a clone the fake cannot run fails loudly: no stack, or a stack that does not start with the entry")
    void unsupportedClones() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            assertThatThrownBy(() -> l.raw(Syscall.CLONE, Local.SIGCHLD, 0, 0, 0, 0))
                    .isInstanceOf(FakeUnsupportedException.class).hasMessageContaining("fork-like");
            long sp = (l.alloc(256) + 128) & ~15L;
            l.putLong(sp, 0x401000);
            assertThatThrownBy(() -> l.raw(Syscall.CLONE, Local.CLONE_VM | Local.SIGCHLD, sp, 0, 0, 0))
                    .isInstanceOf(FakeUnsupportedException.class).hasMessageContaining("server entry point")
                    .hasMessageContaining("0x401000");
            assertThatThrownBy(() -> l.raw(Syscall.FORK)).isInstanceOf(FakeUnsupportedException.class);
            assertThat(l.pid()).as("no child was created and the kernel still works").isEqualTo(2);
            assertThat(l.err(Syscall.CLONE, 0x800 /* CLONE_SIGHAND without CLONE_VM */, sp, 0, 0, 0))
                    .isEqualTo(Errno.EINVAL);
        }
    }

    @Test
    @DisplayName("a child killed in the middle of a request closes the channel: the driver reads EOF")
    void killedMidRequest() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] p = l.pipe(0);
            Local.Driven c = l.spawn();
            Local.Driven killer = l.spawn();
            c.ok(Syscall.CLOSE, p[1]);
            killer.ok(Syscall.CLOSE, p[1]);
            // the killer kills c a virtual second from now, once c is blocked reading an empty pipe
            assertThat(killer.run("/bin/sh", "sh", "-c", "sleep 1; kill -9 " + c.pid)).isTrue();
            assertThat(c.call(Syscall.READ, p[0], l.alloc(8), 8)).isEqualTo(Local.Driven.EOF);
            assertThat(l.waitid(Local.P_PID, c.pid, Local.WEXITED).status).isEqualTo(Local.SIGKILL);
        }
    }

    @Test
    @DisplayName("a new mount namespace or a mount fails loudly: the fake simulates neither")
    void mountsUnsupported() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            try (dev.jsyscall.Kernel kernel = dev.jsyscall.Kernel.open(k)) {
                // what the conformance suite's mount tests skip: Spawn.unshare(NEWNS) with its propagation change
                assertThatThrownBy(() -> dev.jsyscall.Spawn.of(dev.jsyscall.Command.of("/bin/true"))
                        .unshare(dev.jsyscall.linux.sched.CloneFlag.NEWNS).run(kernel.localTask()))
                        .isInstanceOf(dev.jsyscall.SpawnFailedException.class)
                        .hasRootCauseInstanceOf(FakeUnsupportedException.class)
                        .hasMessageContaining("only user and UTS namespaces are simulated");
                assertThatThrownBy(() -> kernel.localTask().mount(null, "/", null,
                        dev.jsyscall.linux.mount.Mount.MS_PRIVATE, null))
                        .isInstanceOf(FakeUnsupportedException.class).hasMessageContaining("mount");
            }
        }
    }

    @Test
    @DisplayName("an unimplemented syscall requested of a child fails loudly and kills the child with SIGSYS")
    void unimplementedInChild() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven c = l.spawn();
            assertThatThrownBy(() -> c.call(Syscall.SOCKET, 1, 1, 0)).isInstanceOf(FakeUnsupportedException.class)
                    .hasMessageContaining("socket");
            Local.Info i = l.waitid(Local.P_PID, c.pid, Local.WEXITED);
            assertThat(i.status).isEqualTo(31 /* SIGSYS */);
        }
    }
}
