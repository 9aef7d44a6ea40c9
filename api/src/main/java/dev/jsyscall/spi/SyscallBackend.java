// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi;

import dev.jsyscall.linux.Arch;
import java.util.Set;

/**
 * An opened backend: what the api needs to run syscalls in the JVM's own process (or, for the fake, in the
 * simulated process that stands for it) and to clone driven children.
 *
 * <p>Closing it releases what {@code open} acquired; handles made from it must not be used afterwards.
 *
 * @since 0.1
 */
public interface SyscallBackend extends AutoCloseable {

    /**
     * The provider id, e.g. {@code "ffm"}.
     *
     * @return the id
     */
    String id();

    /**
     * The architecture whose syscall numbers and struct layouts apply.
     *
     * @return the architecture
     */
    Arch arch();

    /**
     * Raw syscalls in the local process. For native backends, {@code clone} goes through the blob's clone stub.
     *
     * @return the interface
     */
    SyscallInterface localSyscalls();

    /**
     * The local process's memory.
     *
     * @return the memory
     */
    Memory localMemory();

    /**
     * Address of the syscall-server entry point in the local address space. A child cloned with
     * {@code CLONE_VM} whose stack begins with this address (followed by its request and response fd numbers)
     * serves the driven-child protocol: read 56 bytes (nr + six args, little-endian), run the syscall, write the
     * 8-byte raw result, exit on EOF.
     *
     * @return the address
     */
    long serverEntryPoint();

    /**
     * The environment of the process the local syscalls run in, which a spawned program inherits: {@code NAME=value}
     * entries as execve takes them (each ending in its NUL), or null for the JVM's own (what every real backend
     * returns). A simulated kernel returns its simulated process's, so that the programs it runs never see the
     * host's environment and a run does not depend on the shell that started it.
     *
     * <pre>{@code
     * List<byte[]> env = backend.localEnvironment();   // null: the JVM's environment
     * }</pre>
     *
     * @return the entries, or null for the JVM's environment
     * @since 0.2
     */
    default java.util.List<byte[]> localEnvironment() {
        return null;
    }

    /**
     * For a simulated kernel, which the api must not enter from a thread of its own: asks the backend to run
     * {@code onChildChange} on the thread that made a local syscall, after that syscall has left the kernel and before
     * it returns to its caller, whenever a child of the local process has changed state (exited) since the last run.
     * The api reaps the children that {@code onExit()} watches there, so their callbacks run at points the seed
     * decides. {@code onChildChange} may make local syscalls itself; when it returns true it is run again after the
     * thread's next local syscall, changes or not (it could not act yet). Real kernels return false: the api watches
     * exits on a thread of its own.
     *
     * <pre>{@code
     * boolean simulated = backend.notifyChildChanges(() -> reapWatchedChildren());
     * }</pre>
     *
     * @param onChildChange what to run, returning whether to run again at the next syscall; it replaces any earlier
     *     one
     * @return whether the backend will run it
     * @since 0.2
     */
    default boolean notifyChildChanges(java.util.function.BooleanSupplier onChildChange) {
        return false;
    }

    /**
     * The factory of the application's own threads (an integration binds it, such as the Guice module). Real
     * kernels return plain platform threads; a simulated kernel returns threads it schedules itself, so that a run
     * of several application threads is still its seed's.
     *
     * <pre>{@code
     * Thread worker = backend.applicationThreads().newThread(() -> superviseWorkers());
     * }</pre>
     *
     * @return the factory
     * @since 0.2
     */
    default java.util.concurrent.ThreadFactory applicationThreads() {
        return java.util.concurrent.Executors.defaultThreadFactory();
    }

    /**
     * A new executor for the application's own tasks: on real kernels a cached pool of {@link
     * #applicationThreads()}; a simulated kernel returns one whose waits ({@code Future.get}, {@code invokeAll},
     * {@code awaitTermination}) are points it schedules at, which a pool waiting in Java could not be. The caller
     * shuts it down.
     *
     * <pre>{@code
     * ExecutorService pool = backend.newApplicationExecutor();
     * }</pre>
     *
     * @return a new executor
     * @since 0.2
     */
    default java.util.concurrent.ExecutorService newApplicationExecutor() {
        return java.util.concurrent.Executors.newCachedThreadPool(applicationThreads());
    }

    /**
     * What this backend can do.
     *
     * @return the capabilities
     */
    Set<Capability> capabilities();

    @Override
    void close();
}
