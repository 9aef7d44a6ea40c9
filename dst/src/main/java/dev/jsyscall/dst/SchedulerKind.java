// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.dst;

/**
 * How a {@link Simulation} explores interleavings ({@code FakeKernel}'s {@code SchedulePolicy}).
 *
 * <pre>{@code
 * @Simulation(seeds = 200, scheduler = SchedulerKind.PCT, pctDepth = 2)
 * }</pre>
 *
 * @since 0.2
 */
public enum SchedulerKind {
    /** Up to {@code maxPreemptSteps} steps of others before each local syscall, chosen uniformly: the default. */
    RANDOM,
    /**
     * Probabilistic concurrency testing: random priorities and {@code pctDepth - 1} priority-change points among the
     * first {@code pctSteps} steps; finds orderings that need one process to run far ahead of another.
     */
    PCT
}
