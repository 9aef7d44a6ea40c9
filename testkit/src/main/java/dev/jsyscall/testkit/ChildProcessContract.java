// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static dev.jsyscall.testkit.KitSupport.output;
import static dev.jsyscall.testkit.KitSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Command;
import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.ChildProcessException;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.ExecFailedException;
import dev.jsyscall.handle.Pipe;
import dev.jsyscall.handle.Pointer;
import dev.jsyscall.handle.ThreadProcess;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.wait.ChildState;
import dev.jsyscall.linux.wait.IdType;
import dev.jsyscall.linux.wait.Rusage;
import dev.jsyscall.linux.wait.Siginfo;
import dev.jsyscall.linux.wait.Wait;
import dev.jsyscall.linux.wait.WaitOption;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A {@code ChildProcess}: our child, safe to signal until reaped (the seed's rules C1 to C8).
 * Composed into a backend's suite with one nested class:
 *
 * <pre>{@code
 * @Nested class Area implements ChildProcessContract {
 *     public Kernel kernel() { return MySuite.this.kernel(); }
 * }
 * }</pre>
 *
 * @since 0.2
 */
@SuppressWarnings("try") // leases and borrows are held for the scope of their try blocks
public interface ChildProcessContract extends ConformanceArea {

    @Test
    @RuleId("C1")
    @DisplayName("starts alive: no death state, no unread siginfo, not in use, no command")
    default void startsAlive() {
        ChildTask c = child();
        ThreadProcess p = c.childProcess();
        assertThat(p.deathState()).isEmpty();
        assertThat(p.hasUnreadSiginfo()).isFalse();
        assertThat(p.inUse()).isFalse();
        assertThat(p.command()).isEmpty();
        c.exitGroup(0);
        p.waitForExit();
    }

    @Test
    @RuleId("C9")
    @DisplayName("a reaped child's pid is not handed to the next child: pids count up to pid_max before reuse")
    default void reapedPidIsNotReusedAtOnce() {
        ChildTask first = child();
        int pid = first.pid().id();
        first.exitGroup(0);
        first.childProcess().waitForExit();
        ChildTask next = child();
        // Linux allocates upward from the last pid; only a wrap past pid_max (millions on x86_64) could return
        // this one, so code that trusts a freshly reaped pid to stay unused for a while is not fooled in tests
        assertThat(next.pid().id()).as("pid after reaping %d", pid).isNotEqualTo(pid);
        next.exitGroup(0);
        next.childProcess().waitForExit();
    }

    @Test
    @RuleId("C2")
    @DisplayName("borrow refuses a dead child, naming it no longer alive")
    default void borrowRefusesDead() {
        ChildTask c = child();
        c.exitGroup(3);
        ThreadProcess p = c.childProcess();
        ChildState s = p.waitForExit();
        assertThat(s.exitStatus()).isEqualTo(3);
        assertThatThrownBy(p::borrow).isInstanceOf(ChildProcessException.NotAlive.class)
                .hasMessageContaining("no longer alive").hasMessageContaining(String.valueOf(p.near().id()));
    }

    @Test
    @RuleId("C2.2")
    @DisplayName("borrow refuses a child whose earlier waitid result is unread")
    default void borrowRefusesUnread() {
        ChildProcess p = sleeper();
        Pointer<Siginfo> info = local().allocator().allocate(Siginfo.CODEC);
        p.waitid(EnumSet.of(WaitOption.WEXITED, WaitOption.WNOHANG), info, null);
        assertThat(p.hasUnreadSiginfo()).isTrue();
        assertThatThrownBy(() -> p.kill(Signal.SIGKILL)).isInstanceOf(ChildProcessException.UnreadSiginfo.class)
                .hasMessageContaining("unread siginfo");
        assertThat(p.readSiginfo()).isEmpty();
        info.free();
        p.kill(Signal.SIGKILL);
        p.waitForExit();
    }

    @Test
    @RuleId("C2.3")
    @DisplayName("borrow refuses a child already in use, and releases the mark on every exit path")
    default void borrowRefusesInUse() {
        ChildProcess p = sleeper();
        try (ChildProcess.Lease l = p.borrow()) {
            assertThat(p.inUse()).isTrue();
            assertThatThrownBy(p::borrow).isInstanceOf(ChildProcessException.InUse.class)
                    .hasMessageContaining("currently being waited on");
            // a low-level wait holds the child against other low-level waits only: signalling and the calls
            // that name the pid go on (they hold off reaping instead)
            assertThat(p.getpriority()).isBetween(-20, 19);
            p.kill(Signal.SIGCONT);
        }
        assertThat(p.inUse()).isFalse();
        assertThatThrownBy(() -> {
            try (ChildProcess.Lease l = p.borrow()) {
                throw new IllegalStateException("boom");
            }
        }).hasMessage("boom");
        assertThat(p.inUse()).isFalse();
        // a failing syscall inside a borrow also releases it (no WEXITED/WSTOPPED/WCONTINUED: EINVAL)
        Pointer<Siginfo> info = local().allocator().allocate(Siginfo.CODEC);
        assertThatThrownBy(() -> p.waitid(EnumSet.noneOf(WaitOption.class), info, null))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
        info.free();
        assertThat(p.inUse()).isFalse();
        p.kill(Signal.SIGKILL);
        p.waitForExit();
    }

    @Test
    @RuleId("C3")
    @DisplayName("kill, killpg and getpgid on a reaped child throw instead of reaching a reused pid")
    default void reapedChildIsNeverSignalled() {
        ChildProcess p = sleeper();
        p.kill(Signal.SIGKILL);
        p.waitForExit();
        // that no syscall is made is checked on a counting task in the api's HandleRefusalsTest
        assertThatThrownBy(() -> p.kill(Signal.SIGTERM)).isInstanceOf(ChildProcessException.NotAlive.class);
        assertThatThrownBy(() -> p.killpg(Signal.SIGTERM)).isInstanceOf(ChildProcessException.NotAlive.class);
        assertThatThrownBy(p::getpgid).isInstanceOf(ChildProcessException.NotAlive.class);
    }

    @Test
    @RuleId("C4")
    @DisplayName("setpgid(null) makes the child its own group leader")
    default void setpgidNull() {
        ChildTask c = child();
        c.childProcess().setpgid(null);
        assertThat(c.childProcess().getpgid().id()).isEqualTo(c.pid().id());
        c.exitGroup(0);
        c.childProcess().waitForExit();
    }

    @Test
    @RuleId("C4.2")
    @DisplayName("setpgid(other) moves the child into the other child's group, not its own")
    default void setpgidOther() {
        ChildTask leader = child();
        ChildTask member = child();
        leader.childProcess().setpgid(null);
        member.childProcess().setpgid(leader.childProcess());
        assertThat(member.childProcess().getpgid().id()).isEqualTo(leader.pid().id());
        assertThat(member.childProcess().getpgid().id()).isNotEqualTo(member.pid().id());
        member.exitGroup(0);
        leader.exitGroup(0);
        member.childProcess().waitForExit();
        leader.childProcess().waitForExit();
    }

    @Test
    @RuleId("C5")
    @DisplayName("waitid records the buffer as unread until it is parsed")
    default void waitidRecordsUnread() {
        ChildTask c = child();
        c.exitGroup(5);
        ThreadProcess p = c.childProcess();
        Pointer<Siginfo> info = local().allocator().allocate(Siginfo.CODEC);
        Pointer<Rusage> rusage = local().allocator().allocate(Rusage.CODEC);
        p.waitid(EnumSet.of(WaitOption.WEXITED), info, rusage);
        assertThat(p.hasUnreadSiginfo()).isTrue();
        ChildState s = p.readStateChange();
        assertThat(p.hasUnreadSiginfo()).isFalse();
        assertThat(s).isEqualTo(new ChildState(ChildState.Kind.EXITED, p.near().id(), s.uid(), 5));
        assertThat(rusage.read().userMicros()).isNotNegative();
        info.free();
        rusage.free();
    }

    @Test
    @RuleId("C6")
    @DisplayName("a WNOHANG wait that finds nothing gives no state")
    default void wnohangNothing() {
        ChildTask c = child();
        Optional<ChildState> s = c.childProcess().waitForStateChange(
                EnumSet.of(WaitOption.WEXITED, WaitOption.WNOHANG));
        assertThat(s).isEmpty();
        assertThat(c.childProcess().deathState()).isEmpty();
        c.exitGroup(0);
        c.childProcess().waitForExit();
    }

    @Test
    @RuleId("C6.2")
    @DisplayName("waitid reports killed, stopped and continued children, and a death marks the child dead")
    default void states() {
        ChildProcess p = sleeper();
        p.kill(Signal.SIGSTOP);
        ChildState stopped = p.waitForStateChange(EnumSet.of(WaitOption.WSTOPPED)).orElseThrow();
        assertThat(stopped.kind()).isEqualTo(ChildState.Kind.STOPPED);
        assertThat(stopped.signal()).isEqualTo(Signal.SIGSTOP);
        p.kill(Signal.SIGCONT);
        ChildState continued = p.waitForStateChange(EnumSet.of(WaitOption.WCONTINUED)).orElseThrow();
        assertThat(continued.kind()).isEqualTo(ChildState.Kind.CONTINUED);
        assertThat(p.deathState()).isEmpty();
        p.kill(Signal.SIGKILL);
        ChildState killed = p.waitForExit();
        assertThat(killed.kind()).isEqualTo(ChildState.Kind.KILLED);
        assertThat(killed.shellStatus()).isEqualTo(137);
        assertThat(p.deathState()).contains(killed);
    }

    @Test
    @RuleId("C6.3")
    @DisplayName("a child killed by SIGABRT is reported as dumped or killed, and dead either way")
    default void dumped() {
        ChildProcess p = sleeper();
        p.kill(Signal.SIGABRT);
        ChildState s = p.waitForExit();
        // DUMPED when the core is written; KILLED when the core limit or core_pattern suppresses it
        assertThat(s.kind()).isIn(ChildState.Kind.DUMPED, ChildState.Kind.KILLED);
        assertThat(s.signal()).isEqualTo(Signal.SIGABRT);
        assertThat(s.died()).isTrue();
    }

    @Test
    @RuleId("C7")
    @DisplayName("readSiginfo without a pending wait and readStateChange without a change are errors")
    default void readErrors() {
        ChildTask c = child();
        ThreadProcess p = c.childProcess();
        assertThatThrownBy(p::readSiginfo).isInstanceOf(ChildProcessException.NoStateChange.class)
                .hasMessageContaining("no siginfo buffer");
        Pointer<Siginfo> info = local().allocator().allocate(Siginfo.CODEC).write(Siginfo.ZERO);
        p.waitid(EnumSet.of(WaitOption.WEXITED, WaitOption.WNOHANG), info, null);
        assertThatThrownBy(p::readStateChange).isInstanceOf(ChildProcessException.NoStateChange.class)
                .hasMessageContaining("expected a state change");
        info.free();
        c.exitGroup(0);
        p.waitForExit();
    }

    @Test
    @RuleId("C8")
    @DisplayName("exec runs the program and records the command; its output arrives through a pipe")
    default void execEcho() {
        Pipe out = local().pipe2(Fcntl.O_CLOEXEC);
        ChildProcess p;
        try (ChildTask c = child()) {
            out.write().inheritedBy(c).dup3(1, 0);
            c.chdir("/");
            p = c.exec(Command.of("/bin/echo", "hello", "world"));
        }
        out.write().close();
        assertThat(readAll(out.read())).isEqualTo("hello world\n");
        out.read().close();
        assertThat(p.command()).contains(Command.of("/bin/echo", "hello", "world"));
        assertThat(p.waitForExit().isCleanExit()).isTrue();
    }

    @Test
    @RuleId("C8.2")
    @DisplayName("a failed exec names the path and errno, and the child keeps serving")
    default void execFailure() {
        ChildTask c = child();
        assertThatThrownBy(() -> c.exec(Command.of("/nonexistent/program")))
                .isInstanceOfSatisfying(ExecFailedException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.ENOENT);
                    assertThat(e.path()).isEqualTo("/nonexistent/program");
                })
                .hasMessageContaining("/nonexistent/program");
        assertThat(c.getpid()).isEqualTo(c.pid().id());
        assertThat(c.childProcess().command()).isEmpty();
        c.exitGroup(0);
        assertThat(c.childProcess().waitForExit().isCleanExit()).isTrue();
    }

    @Test
    @RuleId("C10")
    @DisplayName("waitid with a null infop waits and succeeds, writing no siginfo; with WNOWAIT the child stays"
            + " waitable")
    default void waitidNullInfop() {
        // the api's blocking waits rely on it: they hold no buffer until they may reap
        ChildTask c = child();
        ChildProcess p = c.childProcess();
        c.exitGroup(5);
        local().call(Wait.waitid(IdType.P_PID, p.near().id(), 0,
                WaitOption.bits(EnumSet.of(WaitOption.WEXITED, WaitOption.WNOWAIT)), 0));
        assertThat(p.deathState()).isEmpty();
        assertThat(p.waitForStateChange(EnumSet.of(WaitOption.WEXITED, WaitOption.WNOHANG)))
                .hasValueSatisfying(st -> assertThat(st.exitStatus()).isEqualTo(5));
    }
}
