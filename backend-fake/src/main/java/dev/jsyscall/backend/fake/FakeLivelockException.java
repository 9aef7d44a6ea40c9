// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

/**
 * A blocked local syscall waited through more scheduling steps of other processes than the run allows
 * ({@link FakeKernel.Builder#livelockSteps(long)}) without completing: the simulated processes keep running but
 * never give the local process what it waits for. A {@link FakeDeadlockException}, since the caller would hang
 * as surely, with the limit in the message.
 *
 * <pre>{@code
 * FakeKernel fake = FakeKernel.builder().livelockSteps(10_000).build();   // report a livelock quickly
 * }</pre>
 *
 * @since 0.2
 */
public class FakeLivelockException extends FakeDeadlockException {
    private static final long serialVersionUID = 1L;

    /** The limit of scheduling steps that was reached. */
    private final long steps;

    /**
     * An exception for a livelock of the simulated processes.
     *
     * @param message which call waited, and the limit
     * @param steps the limit of steps that was reached
     * @param processTable the dump of the process table
     */
    public FakeLivelockException(String message, long steps, String processTable) {
        super(message, processTable);
        this.steps = steps;
    }

    /**
     * The limit of scheduling steps that the call waited through.
     *
     * @return the steps
     */
    public long steps() {
        return steps;
    }
}
