// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.jnr.internal;

import jnr.ffi.annotations.SaveError;
import jnr.ffi.annotations.Variadic;

/**
 * Internal, not API: the jnr-ffi binding of libc's {@code syscall(3)}. Public, and its package exported, only because
 * jnr-ffi generates the implementation in a class loader of its own, whose unnamed module must be able to see it.
 */
public interface LibC {

    /**
     * {@code long syscall(long number, ...)}. Variadic in C: on x86_64 and aarch64 Linux integer variadic arguments
     * travel like fixed ones, but {@code @Variadic} tells libffi the truth so no ABI relies on that.
     * Returns -1 and sets errno when the kernel returned {@code -errno}.
     *
     * @param number the syscall number
     * @param a0 the first argument
     * @param a1 the second argument
     * @param a2 the third argument
     * @param a3 the fourth argument
     * @param a4 the fifth argument
     * @param a5 the sixth argument
     * @return the result, or -1 with errno set
     */
    @SaveError
    @Variadic(fixedCount = 1)
    long syscall(long number, long a0, long a1, long a2, long a3, long a4, long a5);
}
