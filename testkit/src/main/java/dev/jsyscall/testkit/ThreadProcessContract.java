// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.Command;
import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.Pointer;
import dev.jsyscall.handle.ThreadProcess;
import dev.jsyscall.near.Pid;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A {@code ThreadProcess}: a child running on a stack we allocated (the seed's rules T1 to T3).
 * Composed into a backend's suite with one nested class:
 *
 * <pre>{@code
 * @Nested class Area implements ThreadProcessContract {
 *     public Kernel kernel() { return MySuite.this.kernel(); }
 * }
 * }</pre>
 *
 * @since 0.2
 */
@SuppressWarnings("try") // leases and borrows are held for the scope of their try blocks
public interface ThreadProcessContract extends ConformanceArea {

    @Test
    @RuleId("T1")
    @DisplayName("holds the stack it runs on and the data written at its top")
    default void holdsStack() {
        ChildTask c = child();
        ThreadProcess p = c.childProcess();
        assertThat(p.usedStack().valid()).isTrue();
        assertThat(p.stackData().entryPoint()).isEqualTo(local().serverEntryPoint());
        assertThat(p.ctid()).isNull();
        assertThat(p.tls()).isNull();
        c.exitGroup(0);
        p.waitForExit();
    }

    @Test
    @RuleId("T2")
    @DisplayName("frees its stack once it execs, and never twice")
    default void freesOnExec() {
        ChildTask c = child();
        ThreadProcess p = c.childProcess();
        Pointer<?> stack = p.usedStack();
        ChildProcess execd = c.exec(Command.of("/bin/true"));
        c.close();
        assertThat(stack.valid()).isFalse();
        p.freeEverything();
        assertThat(execd.waitForExit().isCleanExit()).isTrue();
        assertThat(stack.valid()).isFalse();
    }

    @Test
    @RuleId("T3")
    @DisplayName("its string pretends to be a ChildProcess once it has exec'd or died")
    default void stringForm() {
        ChildTask c = child();
        ThreadProcess p = c.childProcess();
        assertThat(p.toString()).startsWith("ThreadProcess(Pid(" + c.pid().id() + "), parent=");
        c.exitGroup(0);
        p.waitForExit();
        assertThat(p.toString()).startsWith("ChildProcess(Pid(" + c.pid().id() + "), parent=");
    }
}
