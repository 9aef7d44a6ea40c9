// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi;

/**
 * Executes raw system calls in one process: the JVM's own, a driven child, or a simulated process.
 *
 * <p>The return value follows the kernel's convention: a value in {@code [-4095, -1]} is {@code -errno};
 * anything else is the syscall's result. Implementations never throw for an errno; typed wrappers in the api
 * turn it into an {@link dev.jsyscall.linux.ErrnoException}. They may throw {@link SyscallTransportException}
 * when the syscall could not be delivered at all (a driven child died mid-request).
 *
 * <pre>{@code
 * long pid = sysif.syscall(Syscall.GETPID.number(arch), 0, 0, 0, 0, 0, 0);
 * }</pre>
 *
 * @since 0.1
 */
public interface SyscallInterface {

    /**
     * Performs syscall {@code nr} with six raw 64-bit arguments.
     *
     * @return the raw result; {@code -4095 <= r <= -1} means {@code -errno}
     * @param nr the syscall number
     * @param a0 the first argument
     * @param a1 the second argument
     * @param a2 the third argument
     * @param a3 the fourth argument
     * @param a4 the fifth argument
     * @param a5 the sixth argument
     */
    long syscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5);

    /**
     * A short description for error messages and {@code toString}s, e.g. {@code "ffm local"}.
     *
     * @return the description
     */
    String describe();
}
