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
    protected FarTask(SyscallInterface sysif, Pid pid, FdTable fdTable, AddressSpace addressSpace,
                PidNamespace pidNamespace, Arch arch) {
        this.sysif = Objects.requireNonNull(sysif, "sysif");
        this.pid = Objects.requireNonNull(pid, "pid");
        this.fdTable = Objects.requireNonNull(fdTable, "fdTable");
        this.addressSpace = Objects.requireNonNull(addressSpace, "addressSpace");
        this.pidNamespace = Objects.requireNonNull(pidNamespace, "pidNamespace");
        this.arch = Objects.requireNonNull(arch, "arch");
    }

    public SyscallInterface sysif() {
        return sysif;
    }

    /** The task's pid, in its own pid namespace. */
    public Pid pid() {
        return pid;
    }

    public FdTable fdTable() {
        return fdTable;
    }

    public AddressSpace addressSpace() {
        return addressSpace;
    }

    public PidNamespace pidNamespace() {
        return pidNamespace;
    }

    public Arch arch() {
        return arch;
    }

    @Override
    public String toString() {
        return "Task(" + pid.id() + ", " + sysif.describe() + ")";
    }
}
