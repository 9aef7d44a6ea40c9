// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.far;

import dev.jsyscall.linux.Arch;
import dev.jsyscall.near.Pid;
import dev.jsyscall.spi.SyscallInterface;
import java.util.Objects;

/**
 * A syscall interface bundled with the near pid of the process it runs in and the namespaces that process is
 * known to be in — like a segment register whose value we must track ourselves, because the kernel does not
 * cheaply tell us. Handles check these namespaces before every syscall.
 *
 * <p>It is rsyscall's {@code far.Task}; the name differs from {@link dev.jsyscall.handle.Task}, the handle that
 * adds typed syscalls and an allocator, so that no two public types share a simple name. Users get tasks from
 * {@code Kernel.localTask()} and {@code LocalTask.cloneChild()}, never construct them.
 *
 * @since 0.1
 */
public sealed class FarTask permits dev.jsyscall.handle.ProcessTask {
    private final SyscallInterface sysif;
    private final Pid pid;
    private final FdTable fdTable;
    private final AddressSpace addressSpace;
    private final PidNamespace pidNamespace;
    private final Arch arch;

    // protected only for ProcessTask (the sealed class admits no other subclass); users get tasks from a Kernel
    /**
     * Used by {@code ProcessTask} only: tasks come from a {@code Kernel}.
     *
     * @param sysif the syscall interface
     * @param pid the pid in its own namespace
     * @param fdTable the fd table
     * @param addressSpace the address space
     * @param pidNamespace the pid namespace
     * @param arch the architecture
     */
    protected FarTask(SyscallInterface sysif, Pid pid, FdTable fdTable, AddressSpace addressSpace,
                PidNamespace pidNamespace, Arch arch) {
        this.sysif = Objects.requireNonNull(sysif, "sysif");
        this.pid = Objects.requireNonNull(pid, "pid");
        this.fdTable = Objects.requireNonNull(fdTable, "fdTable");
        this.addressSpace = Objects.requireNonNull(addressSpace, "addressSpace");
        this.pidNamespace = Objects.requireNonNull(pidNamespace, "pidNamespace");
        this.arch = Objects.requireNonNull(arch, "arch");
    }

    /**
     * The syscall interface this task's syscalls go through.
     *
     * @return the interface
     */
    public SyscallInterface sysif() {
        return sysif;
    }

    /**
     * The task's pid, in its own pid namespace.
     *
     * @return the pid
     */
    public Pid pid() {
        return pid;
    }

    /**
     * The fd table the task's fds are in; fds of another table cannot be used by this task.
     *
     * @return the fd table
     */
    public FdTable fdTable() {
        return fdTable;
    }

    /**
     * The address space the task runs in; pointers of another space cannot be passed to its syscalls.
     *
     * @return the address space
     */
    public AddressSpace addressSpace() {
        return addressSpace;
    }

    /**
     * The pid namespace in which pids this task passes or gets mean something.
     *
     * @return the pid namespace
     */
    public PidNamespace pidNamespace() {
        return pidNamespace;
    }

    /**
     * The architecture, which decides the syscall numbers.
     *
     * @return the architecture
     */
    public Arch arch() {
        return arch;
    }

    @Override
    public String toString() {
        return "Task(" + pid.id() + ", " + sysif.describe() + ")";
    }
}
