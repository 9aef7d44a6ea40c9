// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.dst;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Named conditions a simulation marks when it reaches them ("pid reused", "killed during set-up"), counted across
 * a {@link Simulation} sweep; the names listed in {@link Simulation#sometimes()} must each be hit at least once.
 * Sweeps of one JVM are counted one at a time: do not run {@code @Simulation} methods in parallel.
 *
 * <pre>{@code
 * if (newWorker.pid() == oldPid) Sometimes.hit("pid reused");
 * }</pre>
 *
 * @since 0.2
 */
public final class Sometimes {
    private static final Map<String, Long> HITS = new LinkedHashMap<>();

    private Sometimes() {}

    /**
     * Counts one occurrence of {@code condition} in the running sweep (and the trace of the running seed).
     *
     * @param condition the condition's name
     * @throws IllegalArgumentException if {@code condition} is blank
     */
    public static void hit(String condition) {
        Objects.requireNonNull(condition, "condition");
        if (condition.isBlank()) {
            throw new IllegalArgumentException("condition must not be blank");
        }
        synchronized (HITS) {
            HITS.merge(condition, 1L, Long::sum);
        }
    }

    /**
     * How often each condition was hit since the running sweep began.
     *
     * @return the counts by condition
     */
    public static Map<String, Long> counts() {
        synchronized (HITS) {
            return Map.copyOf(HITS);
        }
    }

    static void reset() {
        synchronized (HITS) {
            HITS.clear();
        }
    }
}
