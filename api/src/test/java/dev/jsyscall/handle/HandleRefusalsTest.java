// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Command;
import dev.jsyscall.far.AddressSpace;
import dev.jsyscall.far.AddressSpaceMismatchException;
import dev.jsyscall.far.NamespaceMismatchException;
import dev.jsyscall.far.PidNamespace;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.linux.sched.CloneFlags;
import dev.jsyscall.linux.sched.FutexNode;
import dev.jsyscall.linux.sched.Stack;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.wait.ChildState;
import dev.jsyscall.linux.wait.Siginfo;
import dev.jsyscall.linux.wait.WaitOption;
import dev.jsyscall.near.Pid;
import dev.jsyscall.spi.SyscallInterface;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Refusals and bookkeeping of handles that need a handle built by hand (another pid namespace or address space, a
 * child marked dead without a wait): the api's own code, so these live beside it rather than in the testkit, where
 * handles are built only the way users build them.
 */
class HandleRefusalsTest {
    /** The allocator's mmap/munmap go to the fake mappings; waitid answers ECHILD; anything else is counted. */
    private static final class Stub implements SyscallInterface {
        final FakeMappings kernel = new FakeMappings();
        int others;

        @Override
        public long syscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
            if (nr == Syscall.MMAP.number(Arch.X86_64) || nr == Syscall.MUNMAP.number(Arch.X86_64)) {
                return kernel.syscall(nr, a0, a1, a2, a3, a4, a5);
            }
            others++;
            return nr == Syscall.WAITID.number(Arch.X86_64) ? -Errno.ECHILD.number() : 0;
        }

        @Override
        public String describe() {
            return "stub";
        }
    }

    private final Stub stub = new Stub();
    private final Task task = taskIn(stub.kernel.task.pidNamespace());

    private Task taskIn(PidNamespace pids) {
        return new Task(stub, new Pid(4242), stub.kernel.task.fdTable(), stub.kernel.space, pids, Arch.X86_64,
                stub.kernel.task.allocator());
    }

    @Test
    @DisplayName("kill, killpg and getpgid on a child marked dead throw before any syscall")
    void deadChildIsNeverSignalled() {
        ChildProcess p = new ChildProcess(task, new Pid(77));
        p.markDead(new ChildState(ChildState.Kind.KILLED, 77, 0, Signal.SIGKILL.number()));
        assertThatThrownBy(() -> p.kill(Signal.SIGTERM)).isInstanceOf(ChildProcessException.NotAlive.class);
        assertThatThrownBy(() -> p.killpg(Signal.SIGTERM)).isInstanceOf(ChildProcessException.NotAlive.class);
        assertThatThrownBy(p::getpgid).isInstanceOf(ChildProcessException.NotAlive.class);
        assertThat(stub.others).isZero();
    }

    @Test
    @DisplayName("setpgid with a child of another pid namespace fails before any syscall")
    void setpgidNamespaceMismatch() {
        ChildProcess foreign = new ChildProcess(taskIn(new PidNamespace("other")), new Pid(78));
        ChildProcess mine = new ChildProcess(task, new Pid(78));
        assertThatThrownBy(() -> mine.setpgid(foreign)).isInstanceOf(NamespaceMismatchException.class)
                .hasMessageContaining("different pid namespaces");
        assertThat(stub.others).isZero();
        assertThat(mine.inUse()).isFalse();
    }

    @Test
    @DisplayName("waitid with a buffer from another address space fails before any syscall")
    void waitidAddressSpaceMismatch() {
        AddressSpace other = new AddressSpace("other", stub.kernel);
        try (MemoryAllocator foreign = new MemoryAllocator(stub, Arch.X86_64, other)) {
            Pointer<Siginfo> info = foreign.allocate(Siginfo.CODEC);
            ChildProcess p = new ChildProcess(task, new Pid(79));
            assertThatThrownBy(() -> p.waitid(EnumSet.of(WaitOption.WEXITED), info, null))
                    .isInstanceOf(AddressSpaceMismatchException.class);
            assertThat(stub.others).isZero();
            assertThat(p.inUse()).isFalse();
            info.free();
        }
    }

    @Test
    @DisplayName("an ECHILD from waitid names P_PID and the pid, or P_PIDFD with the pid through a pidfd")
    void echildNamesTheTarget() {
        ChildProcess plain = new ChildProcess(task, new Pid(1));
        Pointer<Siginfo> info = task.allocator().allocate(Siginfo.CODEC);
        assertThatThrownBy(() -> plain.waitid(EnumSet.of(WaitOption.WEXITED, WaitOption.WNOHANG), info, null))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ECHILD))
                .hasMessageContaining("pid=1");
        assertThat(plain.hasUnreadSiginfo()).isFalse();
        ChildProcess viaPidfd = new ChildProcess(task, new Pid(1));
        viaPidfd.attachPidfd(new FileDescriptor(task, 55));
        assertThatThrownBy(() -> viaPidfd.waitid(EnumSet.of(WaitOption.WEXITED, WaitOption.WNOHANG), info, null))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ECHILD))
                .hasMessageContaining("P_PIDFD (pid 1)");
        info.free();
    }

    @Test
    @DisplayName("markDead and didExec record the death state and the command; a second death keeps the first")
    void markDeadDidExec() {
        ChildProcess p = new ChildProcess(task, new Pid(99999));
        Command cmd = Command.of("/bin/true");
        assertThat(p.didExec(cmd)).isSameAs(p);
        assertThat(p.command()).contains(cmd);
        ChildState dead = new ChildState(ChildState.Kind.EXITED, 99999, 0, 0);
        p.markDead(dead);
        p.markDead(new ChildState(ChildState.Kind.EXITED, 99999, 0, 1));
        assertThat(p.deathState()).contains(dead);
    }

    @Test
    @DisplayName("a ThreadProcess frees its stack, ctid and tls exactly once when it dies")
    void threadProcessFreesOnDeath() {
        MemoryAllocator alloc = task.allocator();
        Pointer<FutexNode> ctid = alloc.allocate(FutexNode.CODEC);
        Pointer<byte[]> tls = alloc.allocateBytes(64);
        Pointer<byte[]> stack = alloc.allocateBytes(128);
        ThreadProcess p = new ThreadProcess(task, new Pid(80), stack, new Stack(0x1000, List.of()), ctid, tls);
        p.markDead(new ChildState(ChildState.Kind.EXITED, 80, 0, 0));
        assertThat(stack.valid()).isFalse();
        assertThat(ctid.valid()).isFalse();
        assertThat(tls.valid()).isFalse();
        p.freeEverything();
        p.didExec(null);
        assertThat(alloc.bytesInUse()).isZero();
    }

    @Test
    @DisplayName("clone refuses a pointer from another address space before any syscall")
    void cloneForeignPointer() {
        Pointer.Split<byte[]> s = task.allocator().allocateBytes(1024 + 32).split(1024);
        WrittenPointer<Stack> data = s.rest().as(Stack.CODEC).write(new Stack(0x1000, List.of(-1L, -1L, 0L)));
        AddressSpace other = new AddressSpace("other", stub.kernel);
        try (MemoryAllocator foreign = new MemoryAllocator(stub, Arch.X86_64, other)) {
            Pointer<byte[]> tls = foreign.allocateBytes(64);
            assertThatThrownBy(() -> task.clone(CloneFlags.of(CloneFlag.VM).exitSignal(Signal.SIGCHLD), s.first(),
                    data, null, null, tls)).isInstanceOf(AddressSpaceMismatchException.class)
                    .hasMessageContaining(other.toString());
            tls.free();
        }
        assertThat(stub.others).isZero();
        s.first().free();
        data.free();
    }

    @Test
    @DisplayName("killSession of a child that leads no session, and onExit of a child without a pidfd, are"
            + " ChildProcessExceptions")
    void childStateRefusalsAreTyped() {
        ChildProcess p = new ChildProcess(task, new Pid(81));
        // the stub's getsid answers 0, not the child's own pid
        assertThatThrownBy(() -> p.killSession(Signal.SIGTERM)).isInstanceOf(ChildProcessException.class)
                .hasMessageContaining("does not lead a session");
        assertThatThrownBy(p::onExit).isInstanceOf(ChildProcessException.class).hasMessageContaining("no pidfd");
    }
}
