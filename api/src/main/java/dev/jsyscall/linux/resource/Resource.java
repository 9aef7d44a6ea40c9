// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.resource;

/**
 * Resource limits ({@code RLIMIT_*}) for {@code prlimit64}.
 *
 * @since 0.1
 */
public enum Resource {
    /** CPU time in seconds; {@code SIGXCPU} at the soft limit, {@code SIGKILL} at the hard one. */
    RLIMIT_CPU(0),
    /** The largest file the process may create, in bytes ({@code SIGXFSZ} past it). */
    RLIMIT_FSIZE(1),
    /** The data segment and heap, in bytes. */
    RLIMIT_DATA(2),
    /** The main thread's stack, in bytes. */
    RLIMIT_STACK(3),
    /** The largest core dump, in bytes (0: none). */
    RLIMIT_CORE(4),
    /** Resident set size in bytes (ignored by current kernels). */
    RLIMIT_RSS(5),
    /** The number of processes of the real user id. */
    RLIMIT_NPROC(6),
    /** One more than the highest fd number the process may open. */
    RLIMIT_NOFILE(7),
    /** Bytes of memory that may be locked into RAM. */
    RLIMIT_MEMLOCK(8),
    /** The size of the address space, in bytes. */
    RLIMIT_AS(9),
    /** The number of file locks (ignored by current kernels). */
    RLIMIT_LOCKS(10),
    /** The number of signals queued for the real user id. */
    RLIMIT_SIGPENDING(11),
    /** Bytes in POSIX message queues of the real user id. */
    RLIMIT_MSGQUEUE(12),
    /** The ceiling of the nice value, as {@code 20 - limit}. */
    RLIMIT_NICE(13),
    /** The ceiling of the real-time priority. */
    RLIMIT_RTPRIO(14),
    /** CPU time in microseconds a real-time task may use without blocking. */
    RLIMIT_RTTIME(15);

    private final int value;

    Resource(int value) {
        this.value = value;
    }

    /**
     * The {@code RLIMIT_*} number the kernel takes.
     *
     * @return the resource number
     */
    public int value() {
        return value;
    }
}
