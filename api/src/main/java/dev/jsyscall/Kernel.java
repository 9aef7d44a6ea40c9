// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.MemoryAllocator;
import dev.jsyscall.handle.Task;
import dev.jsyscall.internal.HandleAccess;
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
    private static final System.Logger LOG = System.getLogger(Kernel.class.getName());
    private static final Object SHARED_LOCK = new Object();
    private static volatile Kernel shared;

    private final SyscallBackend backend;
    private final MemoryAllocator allocator;
    private final LocalTask localTask;
    private final boolean isShared;
    private final Object timeLock = new Object();
    private KernelTime time;

    private Kernel(SyscallBackend backend) {
        this(backend, false);
    }

    private Kernel(SyscallBackend backend, boolean isShared) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.isShared = isShared;
        // the local task's constructor is not public; see HandleAccess for why this route
        this.localTask = HandleAccess.get().openLocalTask(backend);
        this.allocator = localTask.allocator();
    }

    /**
     * The process-wide kernel, for calls that need no plumbing ({@link Spawn#run()}, {@link Spawn#start()}): the
     * backend {@link Backends#select()} chooses, opened on the first call and then the same instance for every
     * thread, for the life of the JVM. Nobody closes it ({@link #close()} refuses); open your own with
     * {@link #open()} to control its life, and pass its {@code localTask()} explicitly in tests and for the fake.
     *
     * <pre>{@code
     * Kernel kernel = Kernel.shared();                 // no try-with-resources: it is never closed
     * ChildState s = Spawn.of(Command.of("/bin/true")).run(kernel.localTask());
     * }</pre>
     *
     * @return the shared kernel
     * @throws dev.jsyscall.spi.BackendUnavailableException when no backend can be opened; a later call tries again
     * @since 0.2
     */
    public static Kernel shared() {
        Kernel k = shared;
        if (k != null) {
            return k;
        }
        synchronized (SHARED_LOCK) {
            if (shared == null) {
                // a failure is not kept: the next call tries again (say, once the property names a backend)
                shared = new Kernel(Backends.select().open(), true);
                LOG.log(System.Logger.Level.DEBUG, "jsyscall: the shared kernel uses backend ''{0}''",
                        shared.backendId());
            }
            return shared;
        }
    }

    /**
     * Whether this is {@link #shared()}, which cannot be closed.
     *
     * @return true for the shared kernel
     * @since 0.2
     */
    public boolean isShared() {
        return isShared;
    }

    /**
     * Opens the backend chosen by {@link Backends#select()}.
     *
     * @return the kernel; close it when done
     */
    public static Kernel open() {
        return open(Backends.select().open());
    }

    /**
     * Opens the backend with this id, whatever the property says.
     *
     * @param backendId the id, e.g. {@code "ffm"}
     * @return the kernel; close it when done
     */
    public static Kernel open(String backendId) {
        return open(Backends.select(Objects.requireNonNull(backendId, "backendId"), Backends.discover()).open());
    }

    /**
     * Wraps an already opened backend (a custom or configured fake kernel).
     *
     * @param backend the backend, not null
     * @return the kernel; closing it closes {@code backend}
     */
    public static Kernel open(SyscallBackend backend) {
        return new Kernel(backend);
    }

    /**
     * Opens {@code provider}'s backend.
     *
     * @param provider the provider, not null
     * @return the kernel; close it when done
     */
    public static Kernel open(SyscallBackendProvider provider) {
        return new Kernel(provider.open());
    }

    /**
     * The id of the backend this kernel runs on.
     *
     * @return the id, e.g. {@code "ffm"}
     */
    public String backendId() {
        return backend.id();
    }

    /**
     * What the backend can do.
     *
     * @return the capabilities
     */
    public Set<Capability> capabilities() {
        return backend.capabilities();
    }

    /**
     * The backend this kernel runs on.
     *
     * @return the backend
     */
    public SyscallBackend backend() {
        return backend;
    }

    /**
     * The task of the JVM's own process (on the fake: the simulated process standing for it).
     *
     * @return the local task
     */
    public LocalTask localTask() {
        return localTask;
    }

    /**
     * The same as {@link #localTask()}, typed as a plain {@link Task}.
     *
     * @return the local task
     */
    public Task task() {
        return localTask;
    }

    /**
     * Time read and waited on through this kernel: a {@link java.time.Clock}, {@code sleep} and scheduled
     * executors, on the real clock of a real kernel and on the virtual clock of the fake. See {@link KernelTime}.
     *
     * <pre>{@code
     * Clock clock = kernel.time().clock();
     * kernel.time().sleep(Duration.ofSeconds(1));
     * }</pre>
     *
     * @return the kernel's time, the same object on every call
     * @since 0.2
     */
    public KernelTime time() {
        synchronized (timeLock) {
            if (time == null) {
                time = new KernelTime(this);
            }
            return time;
        }
    }

    /**
     * Unmaps the allocator's memory and closes the backend, after shutting down the executors of {@link #time()}. Handles from this kernel must not be used after.
     *
     * @throws MisuseException on {@link #shared()}, which other code in the JVM may be using
     */
    @Override
    public void close() {
        if (isShared) {
            throw new MisuseException("Kernel.shared() (" + backend.id() + ") is used by the whole JVM and"
                    + " cannot be closed; to close a kernel, open your own with Kernel.open()");
        }
        KernelTime t;
        synchronized (timeLock) {
            t = time;
        }
        try {
            if (t != null) {
                t.close(); // their threads make syscalls: they end while the kernel still answers
            }
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
