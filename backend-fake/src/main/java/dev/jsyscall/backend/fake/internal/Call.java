// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

/** One syscall made by one process, kept while it blocks (internal). */
final class Call {
    static final long NO_DEADLINE = Long.MAX_VALUE;

    final Proc proc;
    final int nr;
    final long a0;
    final long a1;
    final long a2;
    final long a3;
    final long a4;
    final long a5;

    /** Bytes already transferred by a blocking write that was split (returned if a signal interrupts it). */
    int progress;
    /** Set by an attempt that changed kernel state although it still blocks. */
    boolean madeProgress;
    /** Whether the call has been attempted and blocked at least once. */
    boolean blockedOnce;
    /** For the process table dump: what the call waits for. */
    String waitingFor;
    /** Virtual monotonic time at which a blocked call times out. */
    long deadline = NO_DEADLINE;
    /** Added to the timeout by a jitter fault: timer slack and scheduling delay, never earlier. */
    long lateNs;
    /** A short-transfer fault's limit on the bytes moved, or 0; each file applies it only where Linux may. */
    long shortTo;
    /** Whether SA_RESTART restarts it after a handled signal; false means -EINTR regardless (ppoll, nanosleep). */
    boolean restartable = true;
    /** Only a fatal signal ends the wait (TASK_KILLABLE, e.g. vfork). */
    boolean killableOnly;
    /** The syscall hook has seen it. */
    boolean hooked;
    /** Completed (possibly by a signal), with {@link #result}. */
    boolean done;
    long result;
    /** The local process's call has returned to user mode. */
    boolean returned;
    /** Per-syscall state across attempts. */
    Object state;
    /** ppoll/pselect: the mask to restore when the call returns. */
    boolean maskSwapped;
    long savedMask;
    /** Called when a handled signal interrupts the call; returns the result (default -EINTR). */
    java.util.function.LongSupplier onInterrupt;

    Call(Proc proc, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        this.proc = proc;
        this.nr = nr;
        this.a0 = a0;
        this.a1 = a1;
        this.a2 = a2;
        this.a3 = a3;
        this.a4 = a4;
        this.a5 = a5;
    }

    long arg(int i) {
        switch (i) {
            case 0:
                return a0;
            case 1:
                return a1;
            case 2:
                return a2;
            case 3:
                return a3;
            case 4:
                return a4;
            default:
                return a5;
        }
    }
}
