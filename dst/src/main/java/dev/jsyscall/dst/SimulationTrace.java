// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.dst;

import dev.jsyscall.backend.fake.TraceListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The whole trace of one simulated run, decoded as it is made: syscalls with their names, flags, strings and
 * errnos, kernel events, and the test's marks, each with its virtual time.
 *
 * <pre>{@code
 * SimulationTrace trace = new SimulationTrace();
 * try (FakeKernel k = FakeKernel.builder().seed(3).traceListener(trace.listener()).build()) { ... }
 * trace.writeJsonLines(Path.of("target/run-3.jsonl"));
 * }</pre>
 *
 * @since 0.2
 */
public final class SimulationTrace {
    private final List<TraceLine> lines = Collections.synchronizedList(new ArrayList<>());
    private final TraceListener listener = e -> lines.add(TraceDecoder.decode(e));

    /** An empty trace; pass {@link #listener()} to the fake kernel's builder to fill it. */
    public SimulationTrace() {}

    /**
     * What fills this trace: give it to {@code FakeKernel.Builder.traceListener}.
     *
     * @return the listener
     */
    public TraceListener listener() {
        return listener;
    }

    /**
     * Adds the process table as it is at a failure, so the JSON Lines file holds it beside the lines that led there
     * (kind {@code process_table}; not part of the fake's trace, so not hashed).
     */
    void addProcessTable(long monotonicNanos, String table) {
        lines.add(new TraceLine(monotonicNanos, 0, "process_table", table, ""));
    }

    /**
     * Every line so far, oldest first (a copy).
     *
     * @return the lines
     */
    public List<TraceLine> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /**
     * The last {@code n} lines (fewer if the trace is shorter).
     *
     * @param n the most lines, not negative
     * @return the lines, oldest first
     */
    public List<TraceLine> tail(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        synchronized (lines) {
            return List.copyOf(lines.subList(Math.max(0, lines.size() - n), lines.size()));
        }
    }

    /**
     * Writes one JSON object per line ({@code t_ns}, {@code pid}, {@code kind}, {@code text}, {@code raw}); after a
     * failure in a simulation the last is the process table then (kind {@code process_table}).
     *
     * @param file the file, created or replaced
     */
    public void writeJsonLines(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (TraceLine l : lines()) {
                    w.write(l.toJson());
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trace to " + file, e);
        }
    }

    /**
     * Where two traces first differ, both lines with their numbers, or null if they are equal; compares the raw
     * lines, which are what the trace hash reads.
     *
     * @param a a trace
     * @param b the other
     * @return the description of the first difference, or null
     */
    public static String firstDivergence(List<TraceLine> a, List<TraceLine> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            if (!a.get(i).raw().equals(b.get(i).raw())) {
                return "first divergence at trace line " + (i + 1) + ":\n  run 1: " + a.get(i) + "\n  run 2: "
                        + b.get(i);
            }
        }
        if (a.size() == b.size()) {
            return null;
        }
        return "the traces agree for " + n + " lines, then " + (a.size() > n
                ? "run 1 goes on: " + a.get(n) + "\n  run 2 ends" : "run 2 goes on: " + b.get(n) + "\n  run 1 ends");
    }
}
