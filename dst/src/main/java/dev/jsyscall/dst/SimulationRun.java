// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.dst;

import dev.jsyscall.backend.fake.FakeKernel;
import java.util.SplittableRandom;

/**
 * One run of a {@link Simulation}: its seed, a random source drawn from it (so the test's own choices replay with
 * the seed), the fake kernel and its decoded trace.
 *
 * <pre>{@code
 * Duration life = Duration.ofMillis(1 + run.random().nextInt(5));
 * run.mark("worker 2 started");
 * }</pre>
 *
 * @since 0.2
 */
public final class SimulationRun {
    private final long seed;
    private final int attempt;
    private final FakeKernel fake;
    private final SimulationTrace trace;
    private final SplittableRandom random;

    SimulationRun(long seed, int attempt, FakeKernel fake, SimulationTrace trace) {
        this.seed = seed;
        this.attempt = attempt;
        this.fake = fake;
        this.trace = trace;
        // not the kernel's own generator: the test's draws must not shift the scheduler's
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    /**
     * The seed of this run.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * 1, or 2 for the second run of a seed under {@link Simulation#twice()}.
     *
     * @return the attempt
     */
    public int attempt() {
        return attempt;
    }

    /**
     * The test's random source: the same numbers for the same seed.
     *
     * @return the random source
     */
    public SplittableRandom random() {
        return random;
    }

    /**
     * The fake kernel of this run.
     *
     * @return the fake kernel
     */
    public FakeKernel fake() {
        return fake;
    }

    /**
     * The decoded trace so far.
     *
     * @return the trace
     */
    public SimulationTrace trace() {
        return trace;
    }

    /**
     * Adds a line to the trace (see {@link FakeKernel#mark}).
     *
     * @param text one line, not empty
     */
    public void mark(String text) {
        fake.mark(text);
    }

    @Override
    public String toString() {
        return "SimulationRun[seed=" + seed + (attempt > 1 ? ", run " + attempt : "") + "]";
    }
}
