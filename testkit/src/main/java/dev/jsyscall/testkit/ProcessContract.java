// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Command;
import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.OutsidePidNamespaceException;
import dev.jsyscall.handle.PidfdProcess;
import dev.jsyscall.handle.Process;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.unistd.Unistd;
import dev.jsyscall.linux.wait.ChildState;
import dev.jsyscall.linux.wait.WaitOption;
import dev.jsyscall.near.Pid;
import dev.jsyscall.spi.Capability;
import java.util.EnumSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A {@code Process}: any pid, not necessarily our child (the seed's rules P1 to P7).
 * Composed into a backend's suite with one nested class:
 *
 * <pre>{@code
 * @Nested class Area implements ProcessContract {
 *     public Kernel kernel() { return MySuite.this.kernel(); }
 * }
 * }</pre>
 *
 * @since 0.2
 */
@SuppressWarnings("try") // leases and borrows are held for the scope of their try blocks
public interface ProcessContract extends ConformanceArea {

    @Test
    @RuleId("P1")
    @DisplayName("holds its task and pid, and equals a handle of the same pid through the same task")
    default void holdsTaskAndPid() {
        Process a = local().makeProcess(1);
        Process b = local().makeProcess(1);
        assertThat(a.task()).isSameAs(local());
        assertThat(a.near()).isEqualTo(new Pid(1));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(local().makeProcess(2));
    }

    @Test
    @RuleId("P2")
    @DisplayName("kill sends the signal to the pid")
    default void killSendsSignal() {
        ChildProcess child = sleeper();
        local().makeProcess(child.near().id()).kill(Signal.SIGTERM);
        ChildState s = child.waitForExit();
        assertThat(s.kind()).isEqualTo(ChildState.Kind.KILLED);
        assertThat(s.signal()).isEqualTo(Signal.SIGTERM);
    }

    @Test
    @RuleId("P2.2")
    @DisplayName("kill of a pid that does not exist fails with ESRCH naming the pid and signal")
    default void killMissingPid() {
        ChildProcess child = sleeper();
        int pid = child.near().id();
        child.kill(Signal.SIGKILL);
        child.waitForExit();
        // the pid was just freed; it is not reused this fast (pids count up), so kill sees no process
        assertThatThrownBy(() -> local().makeProcess(pid).kill(Signal.SIGTERM))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ESRCH))
                .hasMessage("ESRCH (No such process) from kill(pid=" + pid + ", SIGTERM)");
    }

    @Test
    @RuleId("P3")
    @DisplayName("killpg signals the process group whose id is the pid")
    default void killpgSignalsGroup() {
        ChildProcess child;
        try (ChildTask c = child()) {
            c.childProcess().setpgid(null);
            child = c.exec(Command.of("/bin/sleep", "1000"));
        }
        local().makeProcess(child.near().id()).killpg(Signal.SIGKILL);
        ChildState s = child.waitForExit();
        assertThat(s.kind()).isEqualTo(ChildState.Kind.KILLED);
        assertThat(s.signal()).isEqualTo(Signal.SIGKILL);
    }

    @Test
    @RuleId("P4")
    @DisplayName("getpgid returns the process group")
    default void getpgid() {
        ChildTask c = child();
        Process viaPid = local().makeProcess(c.pid().id());
        if (local().call(Unistd.getpgid(0)) != 0) {
            assertThat(viaPid.getpgid()).isEqualTo(local().process().getpgid());
        } else {
            // this JVM's group began outside its pid namespace (a container entered from another session): the
            // child inherited it, and neither has a number for it here
            assertThatThrownBy(viaPid::getpgid).isInstanceOf(OutsidePidNamespaceException.class)
                    .hasMessageContaining("getpgid(" + c.pid().id() + ") = 0");
        }
        c.childProcess().setpgid(null);
        assertThat(viaPid.getpgid().id()).isEqualTo(c.pid().id());
        c.exitGroup(0);
        c.childProcess().waitForExit();
    }

    @Test
    @RuleId("P5")
    @DisplayName("setpriority and getpriority work on the nice value, not the raw 20-nice of the syscall")
    default void priority() {
        ChildTask c = child();
        Process p = local().makeProcess(c.pid().id());
        p.setpriority(7);
        assertThat(p.getpriority()).isEqualTo(7);
        // seen from inside the child the same value comes back
        assertThat(c.makeProcess(c.pid().id()).getpriority()).isEqualTo(7);
        p.setpriority(19);
        assertThat(p.getpriority()).isEqualTo(19);
        // the raw syscall returns 20 - nice so that no success value looks like -errno
        long raw = c.sysif().syscall(Syscall.GETPRIORITY.number(c.arch()), 0, c.pid().id(), 0, 0, 0, 0);
        assertThat(raw).isEqualTo(1);
        c.exitGroup(0);
        c.childProcess().waitForExit();
    }

    @Test
    @RuleId("P6")
    @DisplayName("its string names the type, the pid and the owning task")
    default void stringForm() {
        Process p = local().makeProcess(4242);
        assertThat(p.toString()).isEqualTo("Process(Pid(4242), parent=" + local() + ")");
        assertThat(local().toString()).contains(String.valueOf(local().pid().id()));
    }

    @Test
    @RuleId("P7")
    @DisplayName("a pidfd-backed process refuses to signal once its process is gone, whoever has the pid now")
    default void pidfdProcess() {
        requires(Capability.PIDFD);
        ChildProcess child = sleeper();
        try (PidfdProcess p = local().pidfdOpen(child.near().id())) {
            p.kill(Signal.SIGSTOP);
            assertThat(child.waitForStateChange(EnumSet.of(WaitOption.WSTOPPED)).orElseThrow().kind())
                    .isEqualTo(ChildState.Kind.STOPPED);
            p.kill(Signal.SIGKILL);
            child.waitForExit();
            assertThatThrownBy(() -> p.kill(Signal.SIGTERM))
                    .isInstanceOfSatisfying(ErrnoException.class,
                            e -> assertThat(e.errno()).isEqualTo(Errno.ESRCH));
        }
    }
}
