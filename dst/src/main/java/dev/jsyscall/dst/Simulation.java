// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.dst;

import dev.jsyscall.backend.fake.FaultKind;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test method once per seed of a fresh {@code FakeKernel}, each run a JUnit invocation of its own
 * ({@code seed 17}); the method may take a {@code FakeKernel}, a {@code Kernel}, a {@code LocalTask}, a
 * {@link SimulationRun}, and for application threads the run's {@code SimulatedThreads} ({@code fake.threads()},
 * also when the parameter is a {@code ThreadFactory}) and an {@code ExecutorService} of those threads (one per run,
 * shut down when the run ends; a parameter of exactly that type, so a {@code ScheduledExecutorService} is not
 * one). They are method parameters, not constructor ones: a failing seed is replayed on the same test instance
 * with a fresh kernel while shrinking. A failure is reported with its seed, this configuration, the decoded end of the trace,
 * the process table at the failure and a one-line Maven command that replays exactly that seed
 * ({@code -Djsyscall.seed=N} runs only seed N); for the sweep's first failing seed, also the fewest deviations
 * from the default schedule that still fail, with a replay line for that minimal schedule.
 *
 * <pre>{@code
 * @Simulation(seeds = 200, pidMax = 8, sometimes = "pid reused")
 * void supervisorKeepsTwoWorkers(Kernel kernel, SimulationRun run) {
 *     ...
 *     if (reused) Sometimes.hit("pid reused");
 * }
 *
 * @Simulation(seeds = 20, twice = true)
 * void twoWorkers(SimulatedThreads threads, Kernel kernel) {
 *     Thread a = threads.start(() -> spawnAndWait(kernel));
 *     Thread b = threads.start(() -> spawnAndWait(kernel));
 *     threads.join(a);
 *     threads.join(b);
 * }
 * }</pre>
 *
 * @since 0.2
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(SimulationExtension.class)
public @interface Simulation {

    /**
     * How many seeds to run, starting at {@link #firstSeed()}.
     *
     * @return the number of seeds, positive
     */
    int seeds() default 100;

    /**
     * The first seed of the sweep.
     *
     * @return the first seed
     */
    long firstSeed() default 0;

    /**
     * The fake's pid_max: small values make pids wrap and be reused quickly.
     *
     * @return the pid_max
     */
    int pidMax() default 32768;

    /**
     * The fake's {@code maxPreemptSteps}: how far other processes may run ahead before each local syscall.
     *
     * @return the most steps
     */
    int maxPreemptSteps() default 2;

    /**
     * The most virtual time, in seconds since the fake's boot, a run may reach before it fails with
     * {@code FakeTimeLimitException} naming the limit and the virtual time ({@code FakeKernel.Builder.timeLimit});
     * 0 for none. By default one virtual day: a loop that sleeps without end fails in well under a second of wall
     * time instead of running the clock on for ever.
     *
     * <pre>{@code
     * @Simulation(seeds = 50, timeLimitSeconds = 3600)   // one virtual hour per run
     * }</pre>
     *
     * @return the limit in seconds, or 0
     * @since 0.2
     */
    long timeLimitSeconds() default 86_400;

    /**
     * The most scheduling steps of other processes one blocked local syscall may wait through before it fails as a
     * livelock ({@code FakeLivelockException}, {@code FakeKernel.Builder.livelockSteps}); 0 for the fake's default
     * (5,000,000, seconds of wall time). A lower value reports a livelock sooner.
     *
     * <pre>{@code
     * @Simulation(seeds = 50, livelockSteps = 20_000)
     * }</pre>
     *
     * @return the most steps, or 0
     * @since 0.2
     */
    long livelockSteps() default 0;

    /**
     * How interleavings are explored: {@link SchedulerKind#RANDOM} (the default) or {@link SchedulerKind#PCT}. A
     * failure writes the run's schedule next to its trace and prints a replay line that runs exactly that schedule
     * ({@code -Djsyscall.schedule=FILE}), whichever scheduler made it.
     *
     * <pre>{@code
     * @Simulation(seeds = 200, scheduler = SchedulerKind.PCT, pctDepth = 2, pctSteps = 500)
     * }</pre>
     *
     * @return the scheduler
     * @since 0.2
     */
    SchedulerKind scheduler() default SchedulerKind.RANDOM;

    /**
     * With {@link SchedulerKind#PCT}, the bug depth aimed at: how many orderings the bug needs (priority-change
     * points plus one).
     *
     * <pre>{@code
     * @Simulation(scheduler = SchedulerKind.PCT, pctDepth = 3)
     * }</pre>
     *
     * @return the depth, at least 1
     * @since 0.2
     */
    int pctDepth() default 2;

    /**
     * With {@link SchedulerKind#PCT}, about how many scheduling steps (local syscalls and steps of other processes)
     * a run takes: the change points are drawn among them. Too high wastes change points after the run has ended.
     *
     * <pre>{@code
     * @Simulation(scheduler = SchedulerKind.PCT, pctSteps = 500)
     * }</pre>
     *
     * @return the steps, positive
     * @since 0.2
     */
    long pctSteps() default 2000;

    /**
     * Runs each seed twice (two invocations) and fails the second if its trace differs from the first's, showing
     * the first diverging line of both: a test whose runs differ cannot be replayed from its seed.
     *
     * @return true to run each seed twice
     */
    boolean twice() default false;

    /**
     * Conditions ({@link Sometimes#hit}) that must have happened in at least one run of the sweep; a last
     * invocation fails if one never did, since a sweep that never reached the rare case tested nothing there.
     *
     * @return the conditions' names
     */
    String[] sometimes() default {};

    /**
     * The kinds of fault the run may inject (swarm testing: each seed draws which of them are on, see
     * {@code KernelFaults.swarm}); none by default. A failure then also prints the faults that fired and the
     * smallest subset of them that still fails, with a replay line that forces exactly that subset
     * ({@code -Djsyscall.faults=clone#3=EAGAIN,site:slow#1}).
     *
     * @return the kinds that may be on
     * @since 0.2
     */
    FaultKind[] faults() default {};

    /**
     * Strict mode: nondeterminism the fake cannot control (two JVM threads in the kernel at once, a real-time grace
     * period that decides; {@code FakeKernel.nondeterminism()}) fails the run with
     * {@code FakeNondeterminismException} where it is found, instead of being only recorded.
     *
     * <pre>{@code
     * @Simulation(seeds = 200, twice = true, strict = true)
     * }</pre>
     *
     * @return true to fail on uncontrolled nondeterminism
     * @since 0.2
     */
    boolean strict() default false;

    /**
     * Whether to go on after a failing seed; by default the later seeds are aborted with the failing one named.
     *
     * @return true to go on
     */
    boolean keepGoing() default false;
}
