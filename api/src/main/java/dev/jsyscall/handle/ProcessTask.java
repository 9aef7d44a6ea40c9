// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.MisuseException;
import dev.jsyscall.far.AddressSpace;
import dev.jsyscall.far.FarTask;
import dev.jsyscall.far.FdTable;
import dev.jsyscall.far.PidNamespace;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.sched.CloneArgs;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.linux.sched.CloneFlags;
import dev.jsyscall.linux.sched.FutexNode;
import dev.jsyscall.linux.sched.Sched;
import dev.jsyscall.linux.sched.Stack;
import dev.jsyscall.near.Pid;
import dev.jsyscall.spi.SyscallInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A syscall interface plus the namespaces its process is known to be in, and the {@link Process} it runs in.
 *
 * <p>The local task is built from its raw pid: it is its own process, with no known parent task. A child task is
 * built from its {@link Process}, whose task is then the parent task (needed for {@code CLONE_PARENT}). Tasks come
 * from {@code Kernel.localTask()} and {@code LocalTask.cloneChild()}; every one is a {@link Task}.
 *
 * @since 0.1
 */
// non-sealed: FarTask admits only this class; its constructors, package-private, keep subclasses inside the api
public abstract non-sealed class ProcessTask extends FarTask {
    private final Process process;
    private final Task parentTask;

    /** A task for the process {@code pid}, whose parent task is unknown. */
    // the Process handle of a task built from a pid names the task itself; it only stores the reference
    @SuppressWarnings("this-escape")
    ProcessTask(SyscallInterface sysif, Pid pid, FdTable fdTable, AddressSpace addressSpace,
                       PidNamespace pidNamespace, Arch arch) {
        super(sysif, pid, fdTable, addressSpace, pidNamespace, arch);
        // Task is the only subclass (its constructors, like these, are not public), so this is a Task
        this.process = new Process((Task) this, pid);
        this.parentTask = null;
    }

    /** A task for {@code process}, whose own task becomes this task's parent task. */
    ProcessTask(SyscallInterface sysif, Process process, FdTable fdTable, AddressSpace addressSpace,
                       PidNamespace pidNamespace, Arch arch) {
        super(sysif, Objects.requireNonNull(process, "process").near(), fdTable, addressSpace, pidNamespace, arch);
        this.process = process;
        this.parentTask = process.task();
    }

    /**
     * The process this task runs syscalls in.
     *
     * @return the process
     */
    public Process process() {
        return process;
    }

    /**
     * The task that owns {@link #process()} as its child; null if unknown.
     *
     * @return the parent task, or null
     */
    public Task parentTask() {
        return parentTask;
    }

    /**
     * Wraps an arbitrary pid as a {@link Process} of this task. See {@link Process} on pid reuse.
     *
     * @param pid the pid, in this task's pid namespace
     * @return a process handle; it does not own the pid
     */
    public Process makeProcess(int pid) {
        return new Process((Task) this, new Pid(pid));
    }

    /**
     * Raw {@code clone}: starts a child running on {@code stackData}, which sits right at the end of
     * {@code stackAlloc} (the room the child's stack grows down into). All checks come before the syscall:
     * the stack data must be 16-byte aligned, the allocation must end exactly where the data begins, every
     * pointer must be valid and in this task's address space, and {@code CLONE_PARENT} needs a known parent
     * task. The child belongs to the parent task with {@code CLONE_PARENT}, otherwise to this task; it owns the
     * merged stack, {@code ctid} and {@code newtls} and frees them when it dies or execs.
     *
     * @param ptid   may be null; with {@code CLONE_PIDFD} the kernel stores the pidfd here (an int)
     * @param ctid   may be null; the kernel gets the address of its futex word
     * @param newtls may be null
     * @param flags the clone flags and exit signal
     * @param stackAlloc the memory holding the child's stack
     * @param stackData the stack's initial contents, at the end of {@code stackAlloc}
     * @return the child
     */
    public ThreadProcess clone(CloneFlags flags, Pointer<?> stackAlloc, WrittenPointer<Stack> stackData,
                               Pointer<?> ptid, Pointer<FutexNode> ctid, Pointer<?> newtls) {
        return clone(flags, stackAlloc, stackData, ptid, ctid, newtls, (data, ptidAddr, futex, tlsAddr) ->
                Task.callWords(sysif(), arch(), Sched.clone(arch(), flags, data, ptidAddr, futex, tlsAddr)));
    }

    /**
     * {@link #clone} through {@code clone3}, with the same checks: the stack is {@code stackAlloc}, so the child
     * starts at {@code stackData}; {@code pidfd} receives the pidfd with {@code CLONE_PIDFD}, {@code cgroup} is the
     * directory fd with {@code CLONE_INTO_CGROUP} (else -1). A kernel that refuses {@code clone3} throws its
     * {@code ErrnoException} and leaves every pointer as it was, so the caller can fall back to {@code clone}.
     */
    ThreadProcess clone3(CloneFlags flags, Pointer<?> stackAlloc, WrittenPointer<Stack> stackData, Pointer<?> pidfd,
                         int cgroup) {
        long size = stackAlloc.size();
        return clone(flags, stackAlloc, stackData, pidfd, null, null, (data, pidfdAddr, futex, tlsAddr) ->
                ((Task) this).call(Sched.clone3(new CloneArgs(flags, pidfdAddr, data - size, size, cgroup))));
    }

    /** Makes the clone syscall from the borrowed addresses; returns the child's pid. */
    private interface CloneCall {
        long clone(long stackData, long ptid, long ctidFutex, long tls);
    }

    private ThreadProcess clone(CloneFlags flags, Pointer<?> stackAlloc, WrittenPointer<Stack> stackData,
                                Pointer<?> ptid, Pointer<FutexNode> ctid, Pointer<?> newtls, CloneCall call) {
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(stackAlloc, "stackAlloc");
        Objects.requireNonNull(stackData, "stackData");
        Task owner = (Task) this;
        if (flags.contains(CloneFlag.PARENT)) {
            if (parentTask == null) {
                throw new MisuseException("CLONE_PARENT was requested, but the parent task of " + this
                        + " is unknown: build the task from a Process to record it");
            }
            owner = parentTask;
        }
        long data = stackData.near().value();
        if (data % 16 != 0) {
            throw new IllegalArgumentException("the child's stack data must be 16-byte aligned (the x86_64 and"
                    + " aarch64 ABIs require it), but it starts at " + stackData.near());
        }
        long allocEnd = stackAlloc.near().value() + stackAlloc.size();
        if (allocEnd != data) {
            throw new IllegalArgumentException("the stack allocation must end where the stack data begins: it ends"
                    + " at 0x" + Long.toHexString(allocEnd) + " but the data begins at " + stackData.near());
        }
        long pid;
        List<AutoCloseable> borrows = new ArrayList<>(5);
        try {
            borrows.add(stackAlloc.borrow(this));
            Pointer<Stack>.Borrow dataBorrow = stackData.borrow(this);
            borrows.add(dataBorrow);
            long ptidAddr = borrowOptional(borrows, ptid);
            long ctidAddr = borrowOptional(borrows, ctid);
            long tlsAddr = borrowOptional(borrows, newtls);
            long futex = ctid == null ? 0 : ctidAddr + FutexNode.FUTEX_OFFSET;
            pid = call.clone(data, ptidAddr, futex, tlsAddr);
        } finally {
            for (int i = borrows.size() - 1; i >= 0; i--) {
                try {
                    borrows.get(i).close();
                } catch (Exception e) {
                    throw new IllegalStateException("releasing a pointer borrow cannot fail", e);
                }
            }
        }
        Pointer<?> merged = stackAlloc.merge(stackData);
        return new ThreadProcess(owner, new Pid((int) pid), merged, stackData.value(), ctid, newtls);
    }

    private long borrowOptional(List<AutoCloseable> borrows, Pointer<?> p) {
        if (p == null) {
            return 0;
        }
        Pointer<?>.Borrow b = p.borrow(this);
        borrows.add(b);
        return b.address();
    }
}
