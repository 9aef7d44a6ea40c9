// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.differential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs generated programs on ffm, jnr and the fake, compares them step by step and sorts what diverges: accepted
 * by a {@link KnownDifference}, or unexplained (shrunk to a minimal program). ffm and jnr must always agree.
 * <pre>{@code
 * try (Campaign c = Campaign.open()) {
 *     Campaign.Result r = c.run(seed, 600);
 * }
 * }</pre>
 */
public final class Campaign implements AutoCloseable {
    /** How long a real call may take before it counts as blocked, in the campaign and when confirming. */
    static final long QUICK_BLOCK_MILLIS = 150;
    static final long SURE_BLOCK_MILLIS = 2000;

    private final Target ffm;
    private final Target jnr;
    private final Target fake;

    private Campaign(Target ffm, Target jnr, Target fake) {
        this.ffm = ffm;
        this.jnr = jnr;
        this.fake = fake;
    }

    /** Opens the ffm and jnr backends (and a fake per program). */
    public static Campaign open() {
        return new Campaign(Target.real("ffm"), Target.real("jnr"), Target.fake());
    }

    /**
     * What a campaign saw.
     *
     * @param programs how many programs ran
     * @param steps how many steps ran on the real kernel
     * @param accepted divergences per known difference id
     * @param unexplained shrunk divergences that no known difference covers
     * @param realDisagreements programs on which ffm and jnr disagreed (each a description)
     * @param processPrograms how many of the programs were process programs ({@link Generator#processProgram})
     */
    public record Result(int programs, long steps, Map<String, Integer> accepted, List<Divergence> unexplained,
            List<String> realDisagreements, int processPrograms) {}

    /** Runs {@code count} programs, the i-th from seed {@code seed + i}. */
    public Result run(long seed, int count) {
        return run(seed, count, false);
    }

    /** As {@link #run(long, int)}, with only process programs when {@code processesOnly}. */
    public Result run(long seed, int count, boolean processesOnly) {
        int processPrograms = 0;
        Map<String, Integer> accepted = new LinkedHashMap<>();
        List<Divergence> unexplained = new ArrayList<>();
        List<String> disagreements = new ArrayList<>();
        Map<String, Divergence> seen = new LinkedHashMap<>();
        long steps = 0;
        for (int i = 0; i < count; i++) {
            long s = seed + i;
            Program p = processesOnly ? Generator.processProgram(s) : Generator.any(s);
            if (p.processes()) {
                processPrograms++;
            }
            List<String> a = ffm.run(p, QUICK_BLOCK_MILLIS);
            List<String> b = jnr.run(p, QUICK_BLOCK_MILLIS);
            steps += a.size();
            if (!a.equals(b) && !confirmSame(p)) {
                disagreements.add("seed " + s + ": ffm " + a + " jnr " + b + "\n  program: " + p);
                continue;
            }
            Divergence d = Divergence.of(p, a, fake.run(p, QUICK_BLOCK_MILLIS));
            if (d != null && d.realOutcome().equals(Target.BLOCKS)) {
                // a busy machine can hold a real call past the quick bound: confirm a block with the long one
                d = Divergence.of(p, ffm.run(p, SURE_BLOCK_MILLIS), fake.run(p, SURE_BLOCK_MILLIS));
            }
            if (d == null) {
                continue;
            }
            KnownDifference k = known(d);
            if (k != null) {
                accepted.merge(k.id(), 1, Integer::sum);
                continue;
            }
            Divergence small = shrink(d);
            KnownDifference k2 = known(small);
            if (k2 != null) {
                accepted.merge(k2.id(), 1, Integer::sum);
            } else if (seen.putIfAbsent(small.signature(), small) == null) {
                unexplained.add(small);
            }
        }
        return new Result(count, steps, accepted, unexplained, disagreements, processPrograms);
    }

    private boolean confirmSame(Program p) {
        return ffm.run(p, SURE_BLOCK_MILLIS).equals(jnr.run(p, SURE_BLOCK_MILLIS));
    }

    /** The divergence of one program (null when the fake agrees), on ffm and the fake with the long bound. */
    public Divergence diverge(Program p) {
        return Divergence.of(p, ffm.run(p, SURE_BLOCK_MILLIS), fake.run(p, SURE_BLOCK_MILLIS));
    }

    /** ffm's and jnr's outcomes for {@code p}, when they differ; null when they agree. */
    public String realDisagreement(Program p) {
        List<String> a = ffm.run(p, SURE_BLOCK_MILLIS);
        List<String> b = jnr.run(p, SURE_BLOCK_MILLIS);
        return a.equals(b) ? null : "ffm " + a + " jnr " + b;
    }

    /** The known difference covering {@code d}, or null. */
    public static KnownDifference known(Divergence d) {
        for (KnownDifference k : KnownDifference.ALL) {
            if (k.matches(d)) {
                return k;
            }
        }
        return null;
    }

    /**
     * Removes steps one at a time while the program still diverges with the same signature, until no single
     * step can go: a 1-minimal program (delta debugging's last phase, enough for programs of at most 24 steps).
     */
    public Divergence shrink(Divergence d) {
        String sig = d.signature();
        Divergence best = d;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i = best.program().steps().size() - 1; i >= 0; i--) {
                Program candidate = best.program().without(i);
                if (candidate.steps().isEmpty()) {
                    continue;
                }
                Divergence c = diverge(candidate);
                if (c != null && Objects.equals(c.signature(), sig)) {
                    best = c;
                    progress = true;
                    break;
                }
            }
        }
        return best;
    }

    @Override
    public void close() {
        try {
            fake.close();
            jnr.close();
        } finally {
            ffm.close();
        }
    }
}
