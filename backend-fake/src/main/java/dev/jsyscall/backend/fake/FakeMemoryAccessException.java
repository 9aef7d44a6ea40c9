// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import dev.jsyscall.JsyscallException;

/**
 * Java code touched simulated memory that is not mapped, or not mapped with the access it needs: what would be a
 * SIGSEGV in a real process. Thrown by the {@link dev.jsyscall.spi.Memory} of a fake process instead of
 * corrupting anything; a syscall given such an address returns {@code -EFAULT}, as Linux does.
 *
 * <pre>{@code
 * try (FakeKernel k = FakeKernel.builder().build()) {
 *     k.localMemory().write(0x1000, new byte[1], 0, 1);   // throws: nothing is mapped at 0x1000
 * }
 * }</pre>
 *
 * @since 0.1
 */
public class FakeMemoryAccessException extends JsyscallException {
    private static final long serialVersionUID = 1L;

    /** The first address that could not be accessed. */
    private final long address;

    /**
     * An exception for an access to unmapped or protected simulated memory.
     *
     * @param message what was accessed, and how
     * @param address the first address that could not be accessed
     */
    public FakeMemoryAccessException(String message, long address) {
        super(message);
        this.address = address;
    }

    /**
     * The first address that could not be accessed.
     *
     * @return the address
     */
    public long address() {
        return address;
    }
}
