// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Command;
import dev.jsyscall.MisuseException;
import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.Pipe;
import dev.jsyscall.handle.Pointer;
import dev.jsyscall.handle.PointerStateException;
import dev.jsyscall.handle.Process;
import dev.jsyscall.handle.Task;
import dev.jsyscall.handle.ThreadProcess;
import dev.jsyscall.handle.WrittenPointer;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.linux.sched.CloneFlags;
import dev.jsyscall.linux.sched.FutexNode;
import dev.jsyscall.linux.sched.Stack;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.wait.ChildState;
import dev.jsyscall.linux.wait.WaitOption;
import dev.jsyscall.spi.Capability;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A {@code ProcessTask}: a syscall interface in known namespaces, and clone (the seed's rules K1 to K3; K4 on are
 * this project's).
 * Composed into a backend's suite with one nested class:
 *
 * <pre>{@code
 * @Nested class Area implements ProcessTaskContract {
 *     public Kernel kernel() { return MySuite.this.kernel(); }
 * }
 * }</pre>
 *
 * @since 0.2
 */
@SuppressWarnings("try") // leases and borrows are held for the scope of their try blocks
public interface ProcessTaskContract extends ConformanceArea {

    @Test
    @RuleId("K7")
    @DisplayName("a write of PIPE_BUF bytes or fewer to a pipe with room is written whole, by one write")
    default void smallPipeWriteIsAtomic() {
        // pipe(7): writes of at most PIPE_BUF (4096) bytes are atomic; writers that share a pipe rely on it
        try (Pipe p = local().pipe2(Fcntl.O_CLOEXEC)) {
            WrittenPointer<byte[]> data = local().allocator().allocateBytes(4096).write(new byte[4096]);
            try {
                assertThat(p.write().write(data, 4096)).isEqualTo(4096);
                assertThat(p.write().write(data, 2)).isEqualTo(2);
            } finally {
                data.free();
            }
        }
    }

    @Test
    @RuleId("K1")
    @DisplayName("the local task is its own process with no parent task; a child's parent task is the local task")
    default void construction() {
        LocalTask l = local();
        assertThat(l.process().near()).isEqualTo(l.pid());
        assertThat(l.process().task()).isSameAs(l);
        assertThat(l.parentTask()).isNull();
        ChildTask c = child();
        assertThat(c.process()).isSameAs(c.childProcess());
        assertThat(c.parentTask()).isSameAs(l);
        c.exitGroup(0);
        c.childProcess().waitForExit();
    }

    @Test
    @RuleId("K3")
    @DisplayName("makeProcess wraps an arbitrary pid as a Process of this task")
    default void makeProcess() {
        Process p = local().makeProcess(12345);
        assertThat(p.task()).isSameAs(local());
        assertThat(p.near().id()).isEqualTo(12345);
        assertThat(p).isExactlyInstanceOf(Process.class);
    }

    private Pointer.Split<byte[]> stackPieces(int alloc, int data) {
        return local().allocator().allocateBytes(alloc + data).split(alloc);
    }

    private WrittenPointer<Stack> stackData(Pointer<byte[]> rest) {
        return rest.as(Stack.CODEC).write(new Stack(local().serverEntryPoint(), List.of(-1L, -1L, 0L)));
    }

    @Test
    @RuleId("K2")
    @DisplayName("clone refuses misaligned stack data before any syscall")
    default void misaligned() {
        CountingSyscallInterface counting = new CountingSyscallInterface(local().sysif());
        Task t = countingTask(counting);
        Pointer.Split<byte[]> s = stackPieces(1024 + 8, 32);
        WrittenPointer<Stack> data = stackData(s.rest());
        assertThatThrownBy(() -> t.clone(CloneFlags.of(CloneFlag.VM).exitSignal(Signal.SIGCHLD), s.first(), data,
                null, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16-byte aligned");
        assertThat(counting.count()).isZero();
        s.first().free();
        data.free();
    }

    @Test
    @RuleId("K2.2")
    @DisplayName("clone refuses a stack allocation that does not end where the data begins")
    default void notAdjacent() {
        CountingSyscallInterface counting = new CountingSyscallInterface(local().sysif());
        Task t = countingTask(counting);
        Pointer<byte[]> alloc = local().allocator().allocateBytes(1024);
        Pointer<byte[]> gap = local().allocator().allocateBytes(64);
        WrittenPointer<Stack> data = stackData(local().allocator().allocateBytes(32));
        assertThatThrownBy(() -> t.clone(CloneFlags.of(CloneFlag.VM).exitSignal(Signal.SIGCHLD), alloc, data,
                null, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must end where the stack data begins");
        assertThat(counting.count()).isZero();
        alloc.free();
        gap.free();
        data.free();
    }

    @Test
    @RuleId("K2.3")
    @DisplayName("clone refuses a freed pointer before any syscall")
    default void freedPointer() {
        CountingSyscallInterface counting = new CountingSyscallInterface(local().sysif());
        Task t = countingTask(counting);
        Pointer.Split<byte[]> s = stackPieces(1024, 32);
        WrittenPointer<Stack> data = stackData(s.rest());
        Pointer<FutexNode> ctid = local().allocator().allocate(FutexNode.CODEC);
        ctid.free();
        assertThatThrownBy(() -> t.clone(CloneFlags.of(CloneFlag.VM).exitSignal(Signal.SIGCHLD), s.first(), data,
                null, ctid, null)).isInstanceOf(PointerStateException.class).hasMessageContaining("freed");
        assertThat(counting.count()).isZero();
        assertThat(s.first().valid()).isTrue();
        s.first().free();
        data.free();
    }

    @Test
    @RuleId("K2.4")
    @DisplayName("clone with CLONE_PARENT and no known parent task fails before any syscall")
    default void cloneParentUnknown() {
        CountingSyscallInterface counting = new CountingSyscallInterface(local().sysif());
        Task t = countingTask(counting);
        Pointer.Split<byte[]> s = stackPieces(1024, 32);
        WrittenPointer<Stack> data = stackData(s.rest());
        assertThatThrownBy(() -> t.clone(CloneFlags.of(CloneFlag.VM, CloneFlag.PARENT), s.first(), data, null,
                null, null)).isInstanceOf(MisuseException.class)
                .hasMessageContaining("CLONE_PARENT").hasMessageContaining("unknown");
        assertThat(counting.count()).isZero();
        s.first().free();
        data.free();
    }

    @Test
    @RuleId("K2.5")
    @DisplayName("clone with CLONE_PARENT gives the new child to the parent task")
    default void cloneParentOwnership() {
        ChildTask c = child();
        // the grandchild runs the server with fds -1: its first read fails, so it exits with status 1
        Pointer.Split<byte[]> s = stackPieces(16 * 1024, 32);
        WrittenPointer<Stack> data = stackData(s.rest());
        ThreadProcess grandchild = c.clone(CloneFlags.of(CloneFlag.VM, CloneFlag.PARENT), s.first(), data, null,
                null, null);
        assertThat(grandchild.task()).isSameAs(local());
        ChildState st = grandchild.waitForStateChange(EnumSet.of(WaitOption.WEXITED, WaitOption.WALL))
                .orElseThrow();
        assertThat(st.exitStatus()).isEqualTo(1);
        assertThat(grandchild.usedStack().valid()).isFalse();
        c.exitGroup(0);
        c.childProcess().waitForExit();
    }

    @Test
    @RuleId("K2.6")
    @DisplayName("clone passes the futex word of ctid, and the result owns the merged stack")
    default void cloneCtid() {
        Pointer<FutexNode> ctid = local().allocator().allocate(FutexNode.CODEC).write(new FutexNode(0, -1));
        ChildTask c = local().cloneChild(CloneFlags.of(CloneFlag.VM, CloneFlag.CHILD_SETTID,
                CloneFlag.CHILD_CLEARTID).exitSignal(Signal.SIGCHLD), null, ctid);
        track(c);
        ThreadProcess p = c.childProcess();
        assertThat(p.ctid()).isSameAs(ctid);
        // CLONE_CHILD_SETTID writes the child's tid into the futex word (8 bytes into the node) when the child
        // first runs, which clone's return in the parent does not wait for: a round trip proves it ran
        assertThat(c.getpid()).isEqualTo(c.pid().id());
        assertThat(ctid.read().futex()).isEqualTo(c.pid().id());
        // the stack proper plus the six words the server starts from (entry, channel fds, fds to close, pad)
        assertThat(p.usedStack().size()).isEqualTo(16 * 1024 + 48);
        c.exitGroup(0);
        p.waitForExit();
        assertThat(ctid.valid()).isFalse();
    }

    @Test
    @RuleId("K4")
    @DisplayName("a driven child runs syscalls as itself, in its own fd table")
    default void drivenChild() {
        ChildTask c = child();
        assertThat(c.getpid()).isEqualTo(c.pid().id()).isNotEqualTo(local().pid().id());
        assertThat(c.getppid()).isEqualTo(local().pid().id());
        assertThat(c.fdTable()).isNotSameAs(local().fdTable());
        assertThat(c.addressSpace()).isSameAs(local().addressSpace());
        c.chdir("/tmp");
        assertThat(c.getcwd()).isEqualTo("/tmp");
        c.exitGroup(0);
        c.childProcess().waitForExit();
    }

    @Test
    @RuleId("K5")
    @DisplayName("a child cloned on the calling thread is driven like any other")
    default void cloneOnThisThread() {
        ChildTask c = local().cloneChildOnThisThread(10);
        track(c);
        assertThat(c.getpid()).isEqualTo(c.pid().id());
        assertThat(c.getppid()).isEqualTo(local().pid().id());
        assertThat(c.isChannelFd(9)).isFalse();
        ChildProcess p = c.exec(Command.of("/bin/true"));
        assertThat(p.waitForExit().isCleanExit()).isTrue();
    }

    @Test
    @RuleId("K5.2")
    @DisplayName("a child cloned on the calling thread refuses PR_SET_PDEATHSIG, which would fire when that thread"
            + " exits")
    default void cloneOnThisThreadRefusesParentDeathSignal() {
        requires(Capability.REAL_KERNEL, "a simulated kernel has no threads that could exit before the JVM");
        ChildTask c = local().cloneChildOnThisThread(0);
        track(c);
        assertThatThrownBy(() -> c.parentDeathSignal(Signal.SIGKILL)).isInstanceOf(MisuseException.class)
                .hasMessageContaining("cloneChildOnThisThread").hasMessageContaining("LocalTask.cloneChild()");
        assertThat(c.isDriven()).as("refused before any syscall").isTrue();
        c.exitGroup(0);
        c.childProcess().waitForExit();
    }

    @Test
    @RuleId("K6")
    @DisplayName("a clone asked for by an interrupted thread still returns its child, and the interrupt is kept")
    default void cloneWhileInterrupted() {
        ChildTask c;
        boolean interrupted;
        Thread.currentThread().interrupt();
        try {
            c = child();
        } finally {
            interrupted = Thread.interrupted();
        }
        assertThat(interrupted).isTrue();
        assertThat(c.getpid()).isEqualTo(c.pid().id());
        c.exitGroup(0);
        assertThat(c.childProcess().waitForExit().isCleanExit()).isTrue();
    }
}
