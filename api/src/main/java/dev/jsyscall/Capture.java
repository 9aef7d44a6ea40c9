// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Spawn#output(dev.jsyscall.handle.LocalTask, Capture)} runs a program and captures what it writes:
 * what its stdin reads, whether stderr joins stdout, how much of each stream is kept, and when to stop it.
 * Immutable: every method returns a new {@code Capture}.
 *
 * <pre>{@code
 * Output out = Spawn.of(Command.of("/usr/bin/sort"))
 *         .output(task, Capture.defaults().input("b\na\n").timeout(Duration.ofSeconds(10)));
 * }</pre>
 *
 * @since 0.2
 */
public final class Capture {
    private static final Capture DEFAULTS = new Capture(null, false, Integer.MAX_VALUE, null, null);

    /** A byte[], an InputStream or a Path; null: /dev/null unless the spawn says otherwise. */
    private final Object input;
    private final boolean mergeStderr;
    private final int limit;
    private final Duration timeout;
    private final Stop stop;

    private Capture(Object input, boolean mergeStderr, int limit, Duration timeout, Stop stop) {
        this.input = input;
        this.mergeStderr = mergeStderr;
        this.limit = limit;
        this.timeout = timeout;
        this.stop = stop;
    }

    /**
     * Stdin from the spawn's own redirect, or {@code /dev/null} (not the JVM's stdin); stdout and stderr captured
     * apart, all of them; no timeout.
     *
     * @return the default capture
     */
    public static Capture defaults() {
        return DEFAULTS;
    }

    /**
     * Stdin reads {@code bytes}, then end of file; they are written while the output is drained.
     *
     * @param bytes the input, copied
     * @return a capture with that input
     */
    public Capture input(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new Capture(bytes.clone(), mergeStderr, limit, timeout, stop);
    }

    /**
     * Stdin reads {@code text} in UTF-8.
     *
     * @param text the input
     * @return a capture with that input
     */
    public Capture input(String text) {
        return input(text, StandardCharsets.UTF_8);
    }

    /**
     * Stdin reads {@code text} encoded in {@code charset}.
     *
     * @param text the input
     * @param charset its encoding
     * @return a capture with that input
     */
    public Capture input(String text, Charset charset) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(charset, "charset");
        return new Capture(text.getBytes(charset), mergeStderr, limit, timeout, stop);
    }

    /**
     * Stdin is {@code file}, opened by the child itself (read-only), so no byte passes through the JVM.
     *
     * @param file the file
     * @return a capture with that input
     */
    public Capture input(Path file) {
        Objects.requireNonNull(file, "file");
        return new Capture(file, mergeStderr, limit, timeout, stop);
    }

    /**
     * Stdin reads {@code in} to its end. The stream is read on the calling thread, a chunk at a time whenever the
     * program's stdin has room, between reads of its output: a stream that blocks holds up the draining too. It is
     * not closed.
     *
     * @param in the stream
     * @return a capture with that input
     */
    public Capture input(InputStream in) {
        Objects.requireNonNull(in, "in");
        return new Capture(in, mergeStderr, limit, timeout, stop);
    }

    /**
     * Stderr goes to the same pipe as stdout, so both arrive in {@link Output#stdout()} in the order written.
     *
     * @return a capture that merges
     */
    public Capture mergeStderr() {
        return new Capture(input, true, limit, timeout, stop);
    }

    /**
     * Keeps at most {@code bytes} of each stream (the first ones); the rest is still read, so the program never
     * blocks on a full pipe, and dropped, and {@link Output#stdoutTruncated()} says so.
     *
     * @param bytes the most bytes kept per stream
     * @return a capture with that limit
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public Capture limit(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("limit must be >= 0 bytes, was " + bytes);
        }
        return new Capture(input, mergeStderr, bytes, timeout, stop);
    }

    /**
     * Stops the program with {@link Stop#DEFAULT} if it has not ended after {@code after}.
     *
     * @param after how long the program may run, positive
     * @return a capture with that timeout
     */
    public Capture timeout(Duration after) {
        return timeout(after, Stop.DEFAULT);
    }

    /**
     * Stops the program with {@code stop} if it has not ended after {@code after}; the output then says
     * {@link Output#timedOut()}. A group or session scope makes the program lead a new group or session. The
     * timeout covers the output too: a process the program started that keeps its stdout open holds the run
     * until the timeout, as it would hold a shell's {@code $(...)}.
     *
     * @param after how long the program may run, positive
     * @param stop how it is stopped, not null
     * @return a capture with that timeout
     * @throws IllegalArgumentException if {@code after} is negative
     */
    public Capture timeout(Duration after, Stop stop) {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(stop, "stop");
        if (after.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + after);
        }
        return new Capture(input, mergeStderr, limit, after, stop);
    }

    Object input() {
        return input;
    }

    boolean merged() {
        return mergeStderr;
    }

    int limit() {
        return limit;
    }

    /** Null: no timeout. */
    Duration timeoutAfter() {
        return timeout;
    }

    Stop stop() {
        return stop;
    }

    @Override
    public String toString() {
        return "Capture(input " + (input == null ? "default" : input instanceof byte[]
                ? ((byte[]) input).length + " bytes" : input) + (mergeStderr ? ", stderr merged" : "")
                + (limit == Integer.MAX_VALUE ? "" : ", limit " + limit) + (timeout == null ? "" : ", timeout "
                + timeout + " then " + stop) + ")";
    }
}
