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
     */
    long libcSyscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5);

    /**
     * Binds the native function at {@code address}, with the C signature
     * {@code long f(long, long, long, long, long, long, long)}.
     */
    NativeFunction bind(long address);

    /** A native function of seven {@code long} arguments returning {@code long}. */
    @FunctionalInterface
    interface NativeFunction {
        long invoke(long a0, long a1, long a2, long a3, long a4, long a5, long a6);
    }
}
