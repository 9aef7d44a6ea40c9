// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import dev.jsyscall.JsyscallException;
import java.time.Duration;

/**
 * The fake's virtual clock would pass the run's limit ({@link FakeKernel.Builder#timeLimit(Duration)}): a program
 * that sleeps in a loop without end would otherwise run the clock on for ever, in little wall time. The message
 * names the limit, the virtual time reached and the timer that would have passed it, with the process table.
 *
 * <pre>{@code
 * try (FakeKernel fake = FakeKernel.builder().timeLimit(Duration.ofMinutes(1)).build()) {
 *     Kernel.open(fake).time().sleep(Duration.ofHours(1));   // throws FakeTimeLimitException
 * }
 * }</pre>
 *
 * @since 0.2
 */
public class FakeTimeLimitException extends JsyscallException {
    private static final long serialVersionUID = 1L;

    /** The limit, as virtual time since boot. */
    private final Duration limit;
    /** The virtual time since boot when the run was stopped. */
    private final Duration virtualTime;
    /** The process table when the run was stopped. */
    private final String processTable;

    /**
     * An exception for a run that reached its simulated-time limit.
     *
     * @param message what would have passed the limit
     * @param limit the limit, as virtual time since the fake's boot
     * @param virtualTime the virtual time since boot when the run was stopped
     * @param processTable the dump of the process table
     */
    public FakeTimeLimitException(String message, Duration limit, Duration virtualTime, String processTable) {
        super(message + "\n" + processTable);
        this.limit = limit;
        this.virtualTime = virtualTime;
        this.processTable = processTable;
    }

    /**
     * The limit that was reached, as virtual time since the fake's boot.
     *
     * @return the limit
     */
    public Duration limit() {
        return limit;
    }

    /**
     * The virtual time since the fake's boot when the run was stopped: at most {@link #limit()} when a timer would
     * have passed it, a little past it when syscalls ticked the clock over.
     *
     * @return the virtual time
     */
    public Duration virtualTime() {
        return virtualTime;
    }

    /**
     * The dump of the process table when the run was stopped.
     *
     * @return the dump
     */
    public String processTable() {
        return processTable;
    }
}
