// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PidAllocationTest {

    @Test
    @DisplayName("pids count up from the local process")
    void countUp() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            assertThat(l.spawn().pid).isEqualTo(3);
            assertThat(l.spawn().pid).isEqualTo(4);
            assertThat(l.spawn().pid).isEqualTo(5);
        }
    }

    @Test
    @DisplayName("after a wrap at pid_max a stale pid names a new process, and only its pidfd still tells them apart")
    void wrapReusesAStalePid() {
        try (FakeKernel k = FakeKernel.builder().pidMax(8).build()) {
            Local l = new Local(k);
            Local.Driven old = l.spawn(Local.CLONE_PIDFD);
            assertThat(old.pid).isEqualTo(3);
            for (int pid = 4; pid < 8; pid++) {
                assertThat(l.spawn().pid).isEqualTo(pid);
            }
            old.exit(0);
            assertThat(l.waitid(Local.P_PID, 3, Local.WEXITED).code).isEqualTo(Local.CLD_EXITED);
            Local.Driven fresh = l.spawn();
            assertThat(fresh.pid).as("wrapped to the lowest free pid").isEqualTo(3);
            // the old pidfd refers to the reaped process, not to the new owner of pid 3
            assertThat(l.err(Syscall.PIDFD_SEND_SIGNAL, old.pidfd, Local.SIGKILL, 0, 0)).isEqualTo(Errno.ESRCH);
            assertThat(l.err(Syscall.WAITID, Local.P_PIDFD, old.pidfd, l.alloc(128), Local.WEXITED | Local.WNOHANG, 0))
                    .isEqualTo(Errno.ECHILD);
            assertThat(fresh.ok(Syscall.GETPID)).isEqualTo(3);
            // a plain kill of the stale number hits the new process: what pidfds exist to prevent
            l.ok(Syscall.KILL, 3, Local.SIGKILL);
            Local.Info i = l.waitid(Local.P_PID, 3, Local.WEXITED);
            assertThat(i.code).isEqualTo(Local.CLD_KILLED);
            assertThat(i.status).isEqualTo(Local.SIGKILL);
        }
    }

    @Test
    @DisplayName("a pid still used as a process group id is not reused")
    void pgidKeepsPidInUse() {
        try (FakeKernel k = FakeKernel.builder().pidMax(8).build()) {
            Local l = new Local(k);
            Local.Driven leader = l.spawn();
            Local.Driven member = l.spawn();
            l.ok(Syscall.SETPGID, leader.pid, leader.pid);
            l.ok(Syscall.SETPGID, member.pid, leader.pid);
            leader.exit(0);
            l.waitid(Local.P_PID, leader.pid, Local.WEXITED);
            assertThat(l.ok(Syscall.GETPGID, member.pid)).isEqualTo(3);
            for (int pid = 5; pid < 8; pid++) {
                assertThat(l.spawn().pid).isEqualTo(pid);
            }
            // 1, 2 in use by processes, 3 by a group, 4..7 by processes: nothing free
            assertThat(l.err(Syscall.CLONE, Local.CLONE_VM | Local.SIGCHLD, stack(l), 0, 0, 0))
                    .isEqualTo(Errno.EAGAIN);
            member.exit(0);
            l.waitid(Local.P_PID, member.pid, Local.WEXITED);
            // now both 3 and 4 are free; the cursor is past 7, so it wraps to the lowest
            assertThat(l.spawn().pid).isEqualTo(3);
        }
    }

    private static long stack(Local l) {
        int[] req = l.pipe(Local.O_CLOEXEC);
        long sp = (l.alloc(256) + 128) & ~15L;
        l.putLong(sp, l.kernel.serverEntryPoint());
        l.putLong(sp + 8, req[0]);
        l.putLong(sp + 16, req[1]);
        return sp;
    }

    @Test
    @DisplayName("ns_last_pid decides the next pid, and past RESERVED_PIDS the allocator wraps to 300")
    void lastPidAndReservedWrap() {
        try (FakeKernel k = FakeKernel.builder().pidMax(400).build()) {
            Local l = new Local(k);
            k.setLastPid(41);
            assertThat(l.spawn().pid).isEqualTo(42);
            k.setLastPid(399);
            assertThat(l.spawn().pid).isEqualTo(300);
            assertThat(l.spawn().pid).isEqualTo(301);
        }
    }

    @Test
    @DisplayName("the builder refuses a pid_max too small to boot")
    void builderChecks() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FakeKernel.builder().pidMax(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pidMax");
        assertThat(ErrnoException.isError(-11)).isTrue();
    }
}
