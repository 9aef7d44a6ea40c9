// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which process runs next (internal): the kernel asks before each local syscall whether another process takes a
 * step first ({@link #preemptNext}) and, when one does, which ({@link #choose}). Every answer is recorded, so that
 * a run's schedule can be written out and replayed decision by decision.
 *
 * <p>Every policy draws from the kernel's generator exactly as the random policy does at each decision, whether it
 * uses the draw or not: the other users of that generator (getrandom, the kernel's own choices) then see the same
 * numbers under a recorded schedule's replay as in the run that recorded it.
 */
abstract class Scheduler {
    /** Recorded answers of {@link #preemptNext}: below every pid. */
    static final int YES = -1;
    static final int NO = -2;

    final Kernel kernel;
    /**
     * The decisions in order, two bits each (n, y, or "the next of {@link #others}"): a local syscall notes one even
     * when nobody else could run, so a simulation making millions of syscalls a second records millions of
     * decisions, which an int each made a heap's worth within seconds.
     */
    private long[] codes = new long[64];
    private long count;
    /** The decisions that are pids or thread ids, in order. */
    private int[] others = new int[64];
    private int otherCount;
    /**
     * Where a decision is, as deviations name it: the number of local syscalls so far (the window) and the index
     * of the decision in that window. Removing a deviation then moves only the decisions of its own window, so
     * the others still name the same points of the run while a schedule is shrunk.
     */
    private int window;
    private int inWindow;
    /**
     * The deviations as (window, index, decision) triples: a run with preemption deviates at many of its syscalls,
     * and the text is wanted only when someone asks for it.
     */
    private int[] deviations = new int[3 * 64];
    private int deviationCount;

    Scheduler(Kernel kernel) {
        this.kernel = kernel;
    }

    static Scheduler of(Kernel k, KernelConfig c) {
        return switch (c.scheduler) {
            case KernelConfig.PCT -> new Pct(k, c.pctDepth, c.pctSteps);
            case KernelConfig.REPLAY -> new Replay(k, c.replay);
            case KernelConfig.DEVIATIONS -> new Deviations(k, c.deviations);
            default -> new Random(k);
        };
    }

    /** Whether another process takes step {@code i} (0 first) before the local syscall about to run. */
    final boolean preemptNext(int i) {
        int m = kernel.config.maxPreemptSteps;
        int drawn = i == 0 && m > 0 ? kernel.rng.nextInt(m * 2 + 1) - m : Integer.MIN_VALUE;
        if (i == 0) {
            window++;
            inWindow = 0;
        }
        boolean yes = decidePreempt(i, drawn);
        note(yes ? YES : NO, NO);
        return yes;
    }

    /** The index in {@code candidates} (not empty) of the process that takes the next step. */
    final int choose(List<Proc> candidates) {
        int drawn = kernel.rng.nextInt(candidates.size());
        int c = decideChoice(candidates, drawn);
        note(candidates.get(c).pid, candidates.get(0).pid);
        return c;
    }

    /**
     * Which of the application threads {@code ids} (at least two; the holder of the turn, if it may go on, first)
     * gets the turn. Recorded like a choice among pids, under the thread's id (negative, so it names no process).
     */
    final int chooseTurn(int[] ids) {
        int drawn = kernel.rng.nextInt(ids.length);
        int c = decideTurn(ids, drawn);
        note(ids[c], ids[0]);
        return c;
    }

    /** By default the draw: PCT's priorities are those of processes, and a thread's turn is not one of them. */
    int decideTurn(int[] ids, int drawn) {
        return drawn;
    }

    /** @param drawn at step 0, the random policy's step count (MIN_VALUE when preemption is off) */
    abstract boolean decidePreempt(int i, int drawn);

    abstract int decideChoice(List<Proc> candidates, int drawn);

    /** The key of the decision about to be made (see {@link #window}). */
    final String key() {
        return window + "." + inWindow;
    }

    /**
     * Records decision {@code d}; it deviates when it is not {@code byDefault}, the default order's: no step of
     * others before a local syscall, and the first candidate (in pid order) when one must step.
     */
    private void note(int d, int byDefault) {
        record(d);
        if (d != byDefault) {
            int at = deviationCount * 3;
            if (at == deviations.length) {
                deviations = Arrays.copyOf(deviations, at * 2);
            }
            deviations[at] = window;
            deviations[at + 1] = inWindow;
            deviations[at + 2] = d;
            deviationCount++;
        }
        inWindow++;
    }

    private static final int CODE_NO = 0;
    private static final int CODE_YES = 1;
    private static final int CODE_OTHER = 2;

    /** Appends {@code d} to the decisions. */
    private void record(int d) {
        int code = d == NO ? CODE_NO : d == YES ? CODE_YES : CODE_OTHER;
        if (code == CODE_OTHER) {
            if (otherCount == others.length) {
                others = Arrays.copyOf(others, otherCount * 2);
            }
            others[otherCount++] = d;
        }
        int word = (int) (count >>> 5);
        if (word == codes.length) {
            codes = Arrays.copyOf(codes, word * 2);
        }
        codes[word] |= (long) code << ((count & 31) * 2);
        count++;
    }

    /**
     * Forgets the deviation of the preemption just decided, which nobody could take: the run is the one the default
     * order gives, and a simulation whose local task runs alone would otherwise keep a deviation for every other
     * syscall. The decision itself stays recorded, so that {@link #recorded()} still replays decision by decision.
     */
    final void retractIneffectivePreemption() {
        int at = (deviationCount - 1) * 3;
        if (at >= 0 && deviations[at] == window && deviations[at + 1] == inWindow - 1 && deviations[at + 2] == YES) {
            deviationCount--;
        }
    }

    /** How many ints and longs the record of decisions takes: for tests of its size. */
    long recordedEntries() {
        return (count + 31) / 32 + otherCount;
    }

    /** The decisions that differ from the default order, as {@code window.index=y} or {@code window.index=pid}. */
    List<String> deviations() {
        List<String> out = new ArrayList<>(deviationCount);
        for (int i = 0; i < deviationCount * 3; i += 3) {
            int d = deviations[i + 2];
            String what = d == YES ? "y" : d == NO ? "n" : Integer.toString(d);
            out.add(deviations[i] + "." + deviations[i + 1] + "=" + what);
        }
        return List.copyOf(out);
    }

    /** The decisions so far: {@code y}/{@code n} for a preemption, a pid for a choice, comma-separated. */
    String recorded() {
        StringBuilder sb = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 8, count * 2));
        int other = 0;
        for (long i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(',');
            }
            int code = (int) (codes[(int) (i >>> 5)] >>> ((i & 31) * 2)) & 3;
            if (code == CODE_YES) {
                sb.append('y');
            } else if (code == CODE_NO) {
                sb.append('n');
            } else {
                sb.append(others[other++]);
            }
        }
        return sb.toString();
    }

    /** The seeded random walk the fake has always had: up to maxPreemptSteps steps, a uniform choice. */
    static final class Random extends Scheduler {
        private int steps;

        Random(Kernel k) {
            super(k);
        }

        @Override
        boolean decidePreempt(int i, int drawn) {
            if (i == 0) {
                steps = drawn;
            }
            return i < steps;
        }

        @Override
        int decideChoice(List<Proc> candidates, int drawn) {
            return drawn;
        }
    }

    /**
     * Probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010): each process gets a random priority when
     * first seen, the highest-priority runnable one always runs, and at d-1 random steps out of the first
     * {@code steps} the running process drops below all others. A bug that needs d orderings is found with
     * probability at least 1/(n·k^(d-1)) per run, where the random walk makes long runs of one process unlikely.
     */
    static final class Pct extends Scheduler {
        private final SplittableRandom random;
        private final long[] changePoints;
        private final Map<Proc, Long> priority = new IdentityHashMap<>();
        private long step;
        private final int depth;

        Pct(Kernel k, int depth, long steps) {
            super(k);
            this.depth = depth;
            // its own stream: the kernel's generator stays in step with the random policy (see the class comment)
            this.random = new SplittableRandom(k.config.seed ^ 0x9E3779B97F4A7C15L);
            this.changePoints = new long[depth - 1];
            for (int i = 0; i < changePoints.length; i++) {
                changePoints[i] = 1 + random.nextLong(steps);
            }
        }

        private long priority(Proc p) {
            // initial priorities are above every change-point priority (1..d-1)
            return priority.computeIfAbsent(p, x -> depth + (random.nextLong() >>> 2));
        }

        /** Counts a step of {@code p}; at a change point p drops to that point's low priority. */
        private void stepOf(Proc p) {
            step++;
            for (int i = 0; i < changePoints.length; i++) {
                if (changePoints[i] == step) {
                    priority.put(p, (long) (i + 1));
                }
            }
        }

        @Override
        boolean decidePreempt(int i, int drawn) {
            Proc local = kernel.local;
            if (i == 0) {
                stepOf(local);
            }
            if (i >= kernel.config.maxStepsPerCall) {
                return false; // a higher-priority process that never stops must not starve the caller for ever
            }
            long mine = priority(local);
            for (Proc p : kernel.candidates(true)) {
                if (priority(p) > mine) {
                    return true;
                }
            }
            return false;
        }

        @Override
        int decideChoice(List<Proc> candidates, int drawn) {
            int best = highest(candidates);
            stepOf(candidates.get(best));
            return highest(candidates);
        }

        private int highest(List<Proc> candidates) {
            int best = 0;
            for (int i = 1; i < candidates.size(); i++) {
                if (priority(candidates.get(i)) > priority(candidates.get(best))) {
                    best = i;
                }
            }
            return best;
        }
    }

    /** Replays recorded decisions one by one; past their end, the random policy takes over. */
    static final class Replay extends Scheduler {
        private final int[] plan;
        private int next;
        private final Random rest;

        Replay(Kernel k, int[] plan) {
            super(k);
            this.plan = plan;
            this.rest = new Random(k);
        }

        @Override
        boolean decidePreempt(int i, int drawn) {
            if (next >= plan.length) {
                return rest.decidePreempt(i, drawn);
            }
            int d = plan[next++];
            if (d != YES && d != NO) {
                throw mismatch("a preemption before a local syscall", d);
            }
            return d == YES;
        }

        @Override
        int decideChoice(List<Proc> candidates, int drawn) {
            if (next >= plan.length) {
                return rest.decideChoice(candidates, drawn);
            }
            int d = plan[next++];
            for (int i = 0; i < candidates.size(); i++) {
                if (candidates.get(i).pid == d) {
                    return i;
                }
            }
            throw mismatch("a choice among pids " + candidates.stream().map(p -> p.pid).toList(), d);
        }

        @Override
        int decideTurn(int[] ids, int drawn) {
            if (next >= plan.length) {
                return drawn;
            }
            int d = plan[next++];
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] == d) {
                    return i;
                }
            }
            throw mismatch("a choice among application threads " + java.util.Arrays.toString(ids), d);
        }

        private IllegalStateException mismatch(String wanted, int d) {
            return new IllegalStateException("the replayed schedule does not fit this run at decision " + next
                    + " of " + plan.length + ": the run needs " + wanted + " and the schedule says "
                    + (d == YES ? "y" : d == NO ? "n" : "pid " + d)
                    + " (was the code under test or the seed changed since it was recorded?)");
        }
    }

    /**
     * The default order except at the given decisions: a schedule's deviations, replayed while they are shrunk. A
     * deviation that no longer fits (a pid that cannot step there) gives way to the default, so that any subset of
     * a run's deviations is a schedule.
     */
    static final class Deviations extends Scheduler {
        private final Map<String, Integer> plan;

        Deviations(Kernel k, Map<String, Integer> plan) {
            super(k);
            this.plan = plan;
        }

        @Override
        boolean decidePreempt(int i, int drawn) {
            Integer d = plan.get(key());
            return d != null && d == YES && i < kernel.config.maxStepsPerCall;
        }

        @Override
        int decideChoice(List<Proc> candidates, int drawn) {
            Integer d = plan.get(key());
            for (int i = 0; d != null && i < candidates.size(); i++) {
                if (candidates.get(i).pid == d) {
                    return i;
                }
            }
            return 0;
        }

        @Override
        int decideTurn(int[] ids, int drawn) {
            Integer d = plan.get(key());
            for (int i = 0; d != null && i < ids.length; i++) {
                if (ids[i] == d) {
                    return i;
                }
            }
            return 0;
        }
    }
}
