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
     * What this backend can do.
     *
     * @return the capabilities
     */
    Set<Capability> capabilities();

    @Override
    void close();
}
