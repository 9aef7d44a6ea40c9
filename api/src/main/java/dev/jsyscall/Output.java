// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import dev.jsyscall.handle.ProcessFailedException;
import dev.jsyscall.linux.wait.ChildState;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What {@link Spawn#output} returns: how the program ended and what it wrote to stdout and stderr.
 *
 * <pre>{@code
 * Output out = Spawn.of(Command.of("/bin/ls", "-l")).output(task).check();
 * System.out.print(out.stdoutText());
 * }</pre>
 *
 * @since 0.2
 */
public final class Output {
    /** How much of stderr {@link #check()} quotes, as the end of what was written. */
    static final int TAIL = 2048;

    private final Command command;
    private final ChildState state;
    private final byte[] stdout;
    private final byte[] stderr;
    private final boolean stdoutTruncated;
    private final boolean stderrTruncated;
    private final byte[] stderrTail;
    private final boolean timedOut;

    Output(Command command, ChildState state, byte[] stdout, boolean stdoutTruncated, byte[] stderr,
           boolean stderrTruncated, byte[] stderrTail, boolean timedOut) {
        this.command = command;
        this.state = Objects.requireNonNull(state, "state");
        this.stdout = stdout;
        this.stderr = stderr;
        this.stdoutTruncated = stdoutTruncated;
        this.stderrTruncated = stderrTruncated;
        this.stderrTail = stderrTail;
        this.timedOut = timedOut;
    }

    /**
     * The command that ran.
     *
     * @return the command
     */
    public Command command() {
        return command;
    }

    /**
     * How the program ended (after a timeout: how the stop ended it).
     *
     * @return the state
     */
    public ChildState state() {
        return state;
    }

    /**
     * Whether the program was stopped because its timeout passed ({@link Capture#timeout}).
     *
     * @return true if it was stopped by the timeout
     */
    public boolean timedOut() {
        return timedOut;
    }

    /**
     * What it wrote to stdout (and stderr, when merged), up to the limit; a copy.
     *
     * @return the bytes
     */
    public byte[] stdout() {
        return stdout.clone();
    }

    /**
     * What it wrote to stderr, up to the limit; empty when merged into stdout. A copy.
     *
     * @return the bytes
     */
    public byte[] stderr() {
        return stderr.clone();
    }

    /**
     * {@link #stdout()} decoded as UTF-8 (malformed input replaced).
     *
     * @return the text
     */
    public String stdoutText() {
        return stdoutText(StandardCharsets.UTF_8);
    }

    /**
     * {@link #stdout()} decoded in {@code charset} (malformed input replaced).
     *
     * @param charset the encoding
     * @return the text
     */
    public String stdoutText(Charset charset) {
        return new String(stdout, Objects.requireNonNull(charset, "charset"));
    }

    /**
     * {@link #stderr()} decoded as UTF-8 (malformed input replaced).
     *
     * @return the text
     */
    public String stderrText() {
        return stderrText(StandardCharsets.UTF_8);
    }

    /**
     * {@link #stderr()} decoded in {@code charset} (malformed input replaced).
     *
     * @param charset the encoding
     * @return the text
     */
    public String stderrText(Charset charset) {
        return new String(stderr, Objects.requireNonNull(charset, "charset"));
    }

    /**
     * Whether stdout went past the limit and only its first bytes were kept.
     *
     * @return true if bytes were dropped
     */
    public boolean stdoutTruncated() {
        return stdoutTruncated;
    }

    /**
     * Whether stderr went past the limit and only its first bytes were kept.
     *
     * @return true if bytes were dropped
     */
    public boolean stderrTruncated() {
        return stderrTruncated;
    }

    /**
     * This output if the program exited with status 0.
     *
     * @return this output
     * @throws ProcessFailedException otherwise, naming the command, how it ended (or that it timed out) and the
     *     last lines of its stderr, as Python's {@code CalledProcessError} does
     */
    public Output check() {
        return check(0);
    }

    /**
     * This output if the program exited with one of {@code allowed} statuses ({@code grep} exits 1 for "no
     * match", {@code diff} 1 for "differ").
     *
     * <pre>{@code
     * Output out = Spawn.of(Command.of("/bin/grep", "x", "f")).output(task).check(0, 1);
     * }</pre>
     *
     * @param allowed the exit statuses that count as success
     * @return this output
     * @throws ProcessFailedException otherwise, as {@link #check()}
     * @throws IllegalArgumentException if an allowed status is outside 0..255
     */
    public Output check(int... allowed) {
        Objects.requireNonNull(allowed, "allowed");
        for (int a : allowed) {
            if (a < 0 || a > 255) {
                throw new IllegalArgumentException("allowed exit statuses are 0..255, got " + a);
            }
        }
        if (!timedOut && state.kind() == ChildState.Kind.EXITED) {
            for (int a : allowed) {
                if (state.exitStatus() == a) {
                    return this;
                }
            }
        }
        StringBuilder why = new StringBuilder();
        if (timedOut) {
            why.append("timed out");
        }
        String tail = new String(stderrTail, StandardCharsets.UTF_8).strip();
        if (!tail.isEmpty()) {
            why.append(why.length() == 0 ? "" : "; ").append("stderr ends with:\n").append(tail);
        }
        throw new ProcessFailedException(command, state, why.toString());
    }

    @Override
    public String toString() {
        return "Output(" + command + " " + state.describe() + (timedOut ? ", timed out" : "") + ", stdout "
                + stdout.length + (stdoutTruncated ? "+" : "") + " bytes, stderr " + stderr.length
                + (stderrTruncated ? "+" : "") + " bytes)";
    }
}
