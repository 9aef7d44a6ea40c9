// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import java.util.Arrays;
import java.util.Objects;

/**
 * How a {@link FakeKernel} picks which process runs next: before each syscall of the local process whether others
 * take steps first, and which. Every decision is recorded ({@link FakeKernel#schedule()}), so a run can be replayed
 * decision by decision with {@link #replay(String)}.
 *
 * <pre>{@code
 * FakeKernel k = FakeKernel.builder().seed(7).schedule(SchedulePolicy.pct(2, 2_000)).build();
 * ...
 * String schedule = k.schedule();                     // "n,n,y,5,n,..."
 * FakeKernel again = FakeKernel.builder().seed(7).schedule(SchedulePolicy.replay(schedule)).build();
 * }</pre>
 *
 * @since 0.2
 */
public final class SchedulePolicy {
    private final int kind;
    private final int depth;
    private final long steps;
    private final int[] decisions;
    /** For {@link #deviations}: "window.index" to y (-1), n (-2) or a pid. */
    private java.util.Map<String, Integer> deviations;

    private SchedulePolicy(int kind, int depth, long steps, int[] decisions) {
        this.kind = kind;
        this.depth = depth;
        this.steps = steps;
        this.decisions = decisions;
    }

    /**
     * The default: before each local syscall up to {@code maxPreemptSteps} steps of others (drawn from the seed),
     * each by a process chosen uniformly among those that can run.
     *
     * @return the policy
     */
    public static SchedulePolicy random() {
        return new SchedulePolicy(0, 0, 0, null);
    }

    /**
     * Probabilistic concurrency testing (PCT): each process gets a random priority, the highest-priority process
     * that can run always runs (the local process included: a higher-priority child runs to its next wait before
     * the caller's syscall), and at {@code depth - 1} steps drawn from the first {@code steps} the running process
     * drops below all others. A bug that needs {@code depth} orderings is found in a run with probability at least
     * 1/(processes × steps^(depth-1)); the random walk rarely lets one process run far ahead of another.
     *
     * @param depth the bug depth aimed at, at least 1 (1: priorities only, no change point)
     * @param steps about how many scheduling steps a run takes (local syscalls and steps of others), positive
     * @return the policy
     * @throws IllegalArgumentException if {@code depth} or {@code steps} is out of range
     */
    public static SchedulePolicy pct(int depth, long steps) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1: " + depth);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be positive: " + steps);
        }
        return new SchedulePolicy(1, depth, steps, null);
    }

    /**
     * Replays a schedule that {@link FakeKernel#schedule()} returned, decision by decision; past its end the random
     * policy goes on. With the same seed and the same code the run's trace is the same line for line; a decision
     * that does not fit (a pid that cannot run there) fails the syscall with {@link IllegalStateException}.
     *
     * @param schedule comma-separated decisions: {@code y} or {@code n} (does another process step before a local
     *     syscall) and pids (which process steps); empty for none
     * @return the policy
     * @throws IllegalArgumentException if {@code schedule} has a token that is neither
     */
    public static SchedulePolicy replay(String schedule) {
        Objects.requireNonNull(schedule, "schedule");
        String s = schedule.strip();
        if (s.isEmpty()) {
            return new SchedulePolicy(2, 0, 0, new int[0]);
        }
        String[] tokens = s.split(",");
        int[] out = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i].strip();
            if (t.equals("y")) {
                out[i] = -1;
            } else if (t.equals("n")) {
                out[i] = -2;
            } else {
                try {
                    out[i] = Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    out[i] = 0;
                }
                if (out[i] < 1) {
                    throw new IllegalArgumentException("schedule: token " + (i + 1) + " is \"" + t
                            + "\", neither y, n nor a pid");
                }
            }
        }
        return new SchedulePolicy(2, 0, 0, out);
    }

    /**
     * The default order except at these decisions, as {@link FakeKernel#scheduleDeviations()} prints them: by
     * default no other process steps before a syscall of the local process, and when one must (the local process
     * waits) the first that can, in pid order. {@code 12.0=y} makes others take a step before the 12th local
     * syscall, {@code 12.1=5} makes pid 5 take it. A deviation that does not fit the run (that pid cannot step
     * there) gives way to the default, so any subset of a run's deviations is a schedule: this is what shrinking
     * a schedule replays.
     *
     * <pre>{@code
     * FakeKernel k = FakeKernel.builder().seed(7).schedule(SchedulePolicy.deviations(List.of("12.0=y"))).build();
     * }</pre>
     *
     * @param deviations tokens {@code WINDOW.INDEX=y}, {@code =n} or {@code =PID}
     * @return the policy
     * @throws IllegalArgumentException if a token is malformed, naming it
     * @since 0.2
     */
    public static SchedulePolicy deviations(java.util.List<String> deviations) {
        java.util.Map<String, Integer> m = new java.util.LinkedHashMap<>();
        for (String t : Objects.requireNonNull(deviations, "deviations")) {
            String token = Objects.requireNonNull(t, "deviation").strip();
            if (!token.matches("[0-9]+\\.[0-9]+=(y|n|[1-9][0-9]{0,8})")) {
                throw new IllegalArgumentException("deviations: \"" + token + "\" is not WINDOW.INDEX=y, =n or =PID");
            }
            String v = token.substring(token.indexOf('=') + 1);
            m.put(token.substring(0, token.indexOf('=')),
                    v.equals("y") ? -1 : v.equals("n") ? -2 : Integer.parseInt(v));
        }
        SchedulePolicy p = new SchedulePolicy(3, 0, 0, null);
        p.deviations = java.util.Collections.unmodifiableMap(m);
        return p;
    }

    void applyTo(dev.jsyscall.backend.fake.internal.KernelConfig config) {
        config.scheduler = kind;
        config.pctDepth = depth;
        config.pctSteps = steps;
        config.replay = decisions;
        config.deviations = deviations;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case 1 -> "pct(depth=" + depth + ", steps=" + steps + ")";
            case 2 -> "replay(" + decisions.length + " decisions)";
            case 3 -> "deviations(" + deviations.size() + ")";
            default -> "random";
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SchedulePolicy p && p.kind == kind && p.depth == depth && p.steps == steps
                && Arrays.equals(p.decisions, decisions) && Objects.equals(p.deviations, deviations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, depth, steps, Arrays.hashCode(decisions), deviations);
    }
}
