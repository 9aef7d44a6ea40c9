package dev.jsyscall;

import dev.jsyscall.far.AddressSpace;
import dev.jsyscall.far.FdTable;
import dev.jsyscall.far.PidNamespace;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.MemoryAllocator;
import dev.jsyscall.handle.Task;
import dev.jsyscall.internal.Calls;
import dev.jsyscall.linux.unistd.Unistd;
import dev.jsyscall.near.Pid;
import dev.jsyscall.spi.Capability;
import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.spi.SyscallBackendProvider;
import java.util.Objects;
import java.util.Set;

/**
 * An opened backend and the local task that drives everything: the entry point of jsyscall.
 *
 * <pre>{@code
 * try (Kernel kernel = Kernel.open()) {            // the best available backend
 *     LocalTask local = kernel.localTask();
 *     try (ChildTask child = local.cloneChild()) {
 *         child.chdir("/tmp");
 *         ChildProcess p = child.exec(Command.of("/bin/pwd"));
 *         System.out.println(p.waitForExit());   // ChildState(pid 1234 exited with status 0)
 *     }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class Kernel implements AutoCloseable {
    private final SyscallBackend backend;
    private final MemoryAllocator allocator;
    private final LocalTask localTask;

    private Kernel(SyscallBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        var sysif = backend.localSyscalls();
        // through the interface itself: the far task that would run it needs this pid
        long pid = Calls.call(sysif, backend.arch(), Unistd.getpid());
        AddressSpace space = new AddressSpace("local", backend.localMemory());
        FdTable fds = new FdTable("local");
        PidNamespace pidns = new PidNamespace("local");
        // the allocator maps memory through a bare far task: it exists before the local task does
        this.allocator = new MemoryAllocator(new dev.jsyscall.far.Task(sysif, new Pid((int) pid), fds, space, pidns,
                backend.arch()));
        this.localTask = new LocalTask(sysif, new Pid((int) pid), fds, space, pidns, backend.arch(), allocator,
                backend.serverEntryPoint(), backend.capabilities());
    }

    /** Opens the backend chosen by {@link Backends#select()}. */
    public static Kernel open() {
        return open(Backends.select().open());
    }

    /** Opens the backend with this id, whatever the property says. */
    public static Kernel open(String backendId) {
        return open(Backends.select(Objects.requireNonNull(backendId, "backendId"), Backends.discover()).open());
    }

    /** Wraps an already opened backend (a custom or configured fake kernel). */
    public static Kernel open(SyscallBackend backend) {
        return new Kernel(backend);
    }

    /** Opens {@code provider}'s backend. */
    public static Kernel open(SyscallBackendProvider provider) {
        return new Kernel(provider.open());
    }

    public String backendId() {
        return backend.id();
    }

    public Set<Capability> capabilities() {
        return backend.capabilities();
    }

    public SyscallBackend backend() {
        return backend;
    }

    /** The task of the JVM's own process (on the fake: the simulated process standing for it). */
    public LocalTask localTask() {
        return localTask;
    }

    /** The same as {@link #localTask()}, typed as a plain {@link Task}. */
    public Task task() {
        return localTask;
    }

    /** Unmaps the allocator's memory and closes the backend. Handles from this kernel must not be used after. */
    @Override
    public void close() {
        try {
            localTask.close();
            allocator.close();
        } finally {
            backend.close();
        }
    }

    @Override
    public String toString() {
        return "Kernel(" + backend.id() + ", pid " + localTask.pid().id() + ")";
    }
}
