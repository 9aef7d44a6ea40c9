// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SyscallHookTest {

    /** The set-up a driver does before exec: each step is one syscall of the child. */
    static long[] setUp(Local l, Local.Driven c, int[] out) {
        return new long[] {
            c.call(Syscall.DUP2, out[1], 1),
            c.call(Syscall.CLOSE, out[0]),
            c.call(Syscall.SETPGID, 0, 0),
            c.call(Syscall.RT_SIGPROCMASK, 2, l.sigsetOf(0), 0, 8),
            c.call(Syscall.EXECVE, l.cstr("/bin/echo"), l.cstrs(List.of("echo", "ran")), l.cstrs(List.of())),
        };
    }

    @Test
    @DisplayName("a child killed before any one of its set-up syscalls: the driver sees EOF there, wait sees SIGKILL")
    void killBetweenAnyTwoSyscalls() {
        // after the helper's own 6 (two driven closes), the set-up is syscalls 7 to 20: each driven call is
        // read request, the syscall, write result; execve (20) has no reply. Sequence numbers restart at exec.
        for (int victim = 7; victim <= 20; victim++) {
            int target = victim;
            try (FakeKernel k = FakeKernel.builder().seed(target).build()) {
                Local l = new Local(k);
                int[] out = l.pipe(Local.O_CLOEXEC);
                int[] childPid = {-1};
                k.setSyscallHook(e -> e.pid() == childPid[0] && e.sequence() == target
                        ? SyscallHook.Action.signal(Local.SIGKILL) : null);
                Local.Driven c = l.spawn();
                childPid[0] = c.pid;
                long[] r = setUp(l, c, out);
                c.closeChannel();
                l.ok(Syscall.CLOSE, out[1]);
                String printed = l.readAll(out[0]);
                Local.Info i = l.waitid(Local.P_PID, c.pid, Local.WEXITED);
                assertThat(i.code).as("victim syscall %d", target).isEqualTo(Local.CLD_KILLED);
                assertThat(i.status).isEqualTo(Local.SIGKILL);
                assertThat(printed).isEmpty();
                List<Long> eofs = new ArrayList<>();
                for (long x : r) {
                    eofs.add(x == Local.Driven.EOF ? 1L : 0L);
                }
                assertThat(eofs).as("once dead, every later request sees EOF").isSorted();
            }
        }
    }

    @Test
    @DisplayName("a hook can make a syscall fail with an errno Linux could return, without running it")
    void injectErrno() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            k.setSyscallHook(e -> e.isLocal() && e.name().equals("pipe2") ? SyscallHook.Action.fail(Errno.EMFILE)
                    : null);
            assertThat(l.err(Syscall.PIPE2, l.alloc(8), 0)).isEqualTo(Errno.EMFILE);
            assertThat(k.processInfo(2).get("fds")).isEqualTo(List.of(0, 1, 2, 3));
            k.setSyscallHook(null);
            assertThat(l.pipe(0)).containsExactly(4, 5);
            assertThat(k.trace()).anyMatch(t -> t.contains("hook fail(EMFILE)"));
        }
    }

    @Test
    @DisplayName("a hook sees numbers, names, arguments and per-process sequence numbers, and may not make syscalls")
    void events() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            List<String> seen = new ArrayList<>();
            k.setSyscallHook(e -> {
                seen.add(e.pid() + ":" + e.sequence() + ":" + e.name() + ":" + e.number() + ":" + e.arg(0));
                return SyscallHook.Action.proceed();
            });
            l.ok(Syscall.GETPPID);
            l.ok(Syscall.KILL, 1, 0);
            assertThat(seen).containsExactly("2:1:getppid:110:0", "2:2:kill:62:1");
            k.setSyscallHook(e -> {
                l.pid();
                return null;
            });
            assertThatThrownBy(l::pid).isInstanceOf(IllegalStateException.class).hasMessageContaining("re-entrant");
            assertThatThrownBy(() -> SyscallHook.Action.signal(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
