// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

/**
 * Receives every trace record of a {@link FakeKernel} as it is made, with the virtual time and (for a syscall) its
 * raw numbers, so that a tool can decode, keep or export the trace. Runs on the kernel's thread with the kernel
 * locked: it must not make syscalls, and should be quick.
 *
 * <pre>{@code
 * List<String> lines = new ArrayList<>();
 * FakeKernel k = FakeKernel.builder().traceListener(e -> lines.add(e.monotonicNanos() + " " + e.text())).build();
 * }</pre>
 *
 * @since 0.2
 */
@FunctionalInterface
public interface TraceListener {

    /**
     * One record, valid only during this call (its {@link Event#cString} reads memory as it is now).
     *
     * @param event the record
     */
    void record(Event event);

    /**
     * One trace record: a completed syscall, or a kernel event such as an exit, a reap, a clock jump or a test's
     * {@linkplain FakeKernel#mark mark}.
     *
     * @since 0.2
     */
    interface Event {
        /**
         * The virtual CLOCK_MONOTONIC when the record was made.
         *
         * @return the time in nanoseconds
         */
        long monotonicNanos();

        /**
         * The line as {@link FakeKernel#trace()} shows it (and as the trace hash reads it).
         *
         * @return the line
         */
        String text();

        /**
         * Whether this is a completed syscall; the accessors below are meaningful only then.
         *
         * @return true for a completed syscall
         */
        boolean isSyscall();

        /**
         * The process that made the syscall.
         *
         * @return the pid
         */
        int pid();

        /**
         * The x86_64 syscall number.
         *
         * @return the number
         */
        int number();

        /**
         * Raw argument {@code i} (0 to 5).
         *
         * @param i the argument's index
         * @return the argument
         */
        long arg(int i);

        /**
         * The raw result: {@code -errno} for an error.
         *
         * @return the result
         */
        long result();

        /**
         * The NUL-terminated string at {@code address} in the syscall's process, as its memory is now (an execve
         * that succeeded has replaced it), or null if it is not readable there; at most {@code max} bytes.
         *
         * @param address the string's address in the process
         * @param max the most bytes to read
         * @return the string
         */
        String cString(long address, int max);

        /**
         * {@code length} bytes at {@code address} in the syscall's process, as its memory is now (so an output
         * struct holds what the call wrote), or null if they are not all readable there.
         *
         * <pre>{@code
         * byte[] ts = event.bytes(event.arg(2), 16);   // clock_nanosleep's struct timespec
         * }</pre>
         *
         * @param address the first byte's address in the process
         * @param length how many bytes, 0 to 4096
         * @return a copy of the bytes, or null
         * @since 0.2
         */
        default byte[] bytes(long address, int length) {
            return null;
        }
    }
}
