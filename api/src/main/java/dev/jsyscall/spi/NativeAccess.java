// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi;

/**
 * The few native operations a real-kernel backend supplies; everything else (placing the machine-code blob,
 * the clone stub, driving children) is written once in the api, see {@link NativeBackends}.
 *
 * <p>A backend built on a foreign-function library (FFM, jnr-ffi, JNI...) implements these four methods and
 * {@link NativeBackends#open} turns them into a complete {@link SyscallBackend}.
 *
 * @since 0.1
 */
public interface NativeAccess extends Memory {

    /**
     * Calls libc's {@code syscall(nr, a0..a5)} and returns its result in the kernel convention
     * ({@code -errno} on failure). Used only to bootstrap: to map the blob before its raw-syscall stub exists.
     *
     * @param nr the syscall number
     * @param a0 the first argument
     * @param a1 the second argument
     * @param a2 the third argument
     * @param a3 the fourth argument
     * @param a4 the fifth argument
     * @param a5 the sixth argument
     * @return the result, or {@code -errno}
     */
    long libcSyscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5);

    /**
     * Binds the native function at {@code address}, with the C signature
     * {@code long f(long, long, long, long, long, long, long)}.
     *
     * @param address the function's address
     * @return the bound function
     */
    NativeFunction bind(long address);

    /**
     * Binds the native function at {@code address}, with the C signature
     * {@code long f(long, long, long, long, long, long)}. {@link NativeBackends} binds the blob's six-argument
     * raw-syscall stub with it and uses it for every syscall whose sixth argument is 0, which is nearly all of
     * them; a backend whose six-argument calls are cheaper than seven-argument ones (jffi passes up to six in
     * registers but seven through a heap buffer) should override it. The default calls {@link #bind}'s function
     * with a zero seventh argument, which the C calling conventions allow: a callee ignores arguments it does not
     * declare.
     *
     * @param address the function's address
     * @return the bound function
     */
    default NativeFunction6 bind6(long address) {
        NativeFunction f = bind(address);
        return (a0, a1, a2, a3, a4, a5) -> f.invoke(a0, a1, a2, a3, a4, a5, 0);
    }

    /** A native function of seven {@code long} arguments returning {@code long}. */
    @FunctionalInterface
    interface NativeFunction {
        /**
         * Calls the function.
         *
         * @param a0 the first argument
         * @param a1 the second argument
         * @param a2 the third argument
         * @param a3 the fourth argument
         * @param a4 the fifth argument
         * @param a5 the sixth argument
         * @param a6 the seventh argument
         * @return what it returned
         */
        long invoke(long a0, long a1, long a2, long a3, long a4, long a5, long a6);
    }

    /** A native function of six {@code long} arguments returning {@code long}. */
    @FunctionalInterface
    interface NativeFunction6 {
        /**
         * Calls the function.
         *
         * @param a0 the first argument
         * @param a1 the second argument
         * @param a2 the third argument
         * @param a3 the fourth argument
         * @param a4 the fifth argument
         * @param a5 the sixth argument
         * @return what it returned
         */
        long invoke(long a0, long a1, long a2, long a3, long a4, long a5);
    }
}
