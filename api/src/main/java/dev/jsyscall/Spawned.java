// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.FileDescriptor;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.Pty;
import dev.jsyscall.handle.WaitInterruptedException;
import dev.jsyscall.internal.HandleAccess;
import dev.jsyscall.linux.wait.ChildState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

/**
 * A program started by {@link Spawn#start}: its process and the JVM's ends of the pipes asked for. Closing it
 * closes the streams and, if the program still runs, kills it (SIGKILL) and reaps it.
 *
 * <pre>{@code
 * try (Spawned s = Spawn.of(Command.of("/bin/cat")).stdin(Redirect.pipe()).stdout(Redirect.pipe()).start(task)) {
 *     s.stdin().write("hi".getBytes());
 *     s.stdin().close();
 *     String out = new String(s.stdout().readAllBytes());
 *     ChildState state = s.process().check();
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class Spawned implements AutoCloseable {
    private final LocalTask task;
    private final ChildProcess process;
    private final OutputStream stdin;
    private final InputStream stdout;
    private final InputStream stderr;
    /** Streams by the program's fd number. */
    private final Map<Integer, OutputStream> toProgram = new LinkedHashMap<>();
    private final Map<Integer, InputStream> fromProgram = new LinkedHashMap<>();
    private final Map<Integer, StreamReader> streams;
    /** The pty of {@link Spawn#terminal}, with only the master open; null: none. Set by Spawn.start. */
    Pty terminal;

    /**
     * The fds are the JVM's own ends, by the program's fd number, which the program no longer holds after its exec
     * (they are close-on-exec): pipes it reads, pipes it writes, and those fed to {@link Redirect#lines} and
     * {@link Redirect#chunks} callbacks.
     */
    Spawned(LocalTask task, ChildProcess process, Map<Integer, FileDescriptor> toProgram,
            Map<Integer, FileDescriptor> fromProgram, Map<Integer, StreamReader> streams) {
        this.task = task;
        this.process = Objects.requireNonNull(process, "process");
        toProgram.forEach((n, fd) -> this.toProgram.put(n, task.outputStream(fd)));
        fromProgram.forEach((n, fd) -> this.fromProgram.put(n, task.inputStream(fd)));
        this.streams = Map.copyOf(streams);
        this.stdin = this.toProgram.get(0);
        this.stdout = this.fromProgram.get(1);
        this.stderr = this.fromProgram.get(2);
    }

    /**
     * The program's process: signal it, wait for it, or find its pid.
     *
     * @return the process
     */
    public ChildProcess process() {
        return process;
    }

    /**
     * The write end of the child's stdin pipe.
     *
     * @return the stream
     * @throws MisuseException unless stdin was {@link Redirect#pipe()}
     */
    public OutputStream stdin() {
        return require(stdin, "stdin");
    }

    /**
     * The read end of the child's stdout pipe. A read that must wait for data parks (see
     * {@link LocalTask#inputStream}): virtual threads keep their carriers free, {@link Thread#interrupt()} ends it
     * with {@link java.io.InterruptedIOException}, and {@link InputStream#close()} from another thread wakes it.
     *
     * @return the stream
     */
    public InputStream stdout() {
        return require(stdout, "stdout");
    }

    /**
     * The read end of the child's stderr pipe; reads wait as those of {@link #stdout()} do.
     *
     * @return the stream
     */
    public InputStream stderr() {
        return require(stderr, "stderr");
    }

    /**
     * The read end of the pipe the program writes at fd {@code fd} ({@link Redirect#pipe()} at any fd but 0);
     * reads wait as those of {@link #stdout()} do.
     *
     * <pre>{@code
     * Spawned s = Spawn.of(Command.of("/bin/sh", "-c", "echo status >&3")).fd(3, Redirect.pipe()).start();
     * String status = new String(s.pipe(3).readAllBytes(), StandardCharsets.UTF_8);
     * }</pre>
     *
     * @param fd the fd number in the program
     * @return the stream
     * @throws MisuseException unless fd {@code fd} was {@link Redirect#pipe()} written by the program
     * @since 0.2
     */
    public InputStream pipe(int fd) {
        return require(fromProgram.get(fd), "fd " + fd);
    }

    /**
     * The write end of the pipe the program reads at fd {@code fd} ({@link Redirect#inputPipe()}, or
     * {@link Redirect#pipe()} at fd 0).
     *
     * @param fd the fd number in the program
     * @return the stream
     * @throws MisuseException unless fd {@code fd} was a pipe read by the program
     * @since 0.2
     */
    public OutputStream inputPipe(int fd) {
        return require(toProgram.get(fd), "fd " + fd);
    }

    /**
     * Waits until every {@link Redirect#lines}/{@link Redirect#chunks} stream of the program has ended (the
     * program, and whatever inherited the fd, closed it) and its last callback returned. On a simulated kernel
     * this thread reads the streams and runs their callbacks meanwhile (see {@link Redirect.Stream}).
     *
     * <pre>{@code
     * try (Spawned s = Spawn.of(cmd).stdout(Redirect.lines(System.out::println)).start()) {
     *     s.waitForStreams();
     *     ChildState st = s.waitForExit();
     * }
     * }</pre>
     *
     * @throws RuntimeException what a callback threw (the first one, by fd), or why a read failed
     * @throws dev.jsyscall.handle.WaitInterruptedException if the thread is interrupted
     * @since 0.2
     */
    public void waitForStreams() {
        if (streams.isEmpty()) {
            return;
        }
        if (HandleAccess.get().readiness(task) == null) {
            StreamReader.pump(task, new ArrayList<>(new TreeMap<>(streams).values()));
        }
        for (StreamReader r : new TreeMap<>(streams).values()) {
            try {
                r.done().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WaitInterruptedException(process, e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Error) {
                    throw (Error) cause;
                }
                throw cause instanceof RuntimeException ? (RuntimeException) cause
                        : new IllegalStateException(cause.getMessage(), cause);
            }
        }
    }

    /**
     * The master of the program's pseudo-terminal ({@link Spawn#terminal}): read what it writes, write what it
     * reads, resize it. Closing this {@code Spawned} closes the master.
     *
     * <pre>{@code
     * try (Spawned s = Spawn.of(Command.of("/bin/sh")).terminal(new WinSize(80, 24)).start()) {
     *     s.terminal().input().write("echo hi; exit\n".getBytes());
     *     String screen = new String(s.terminal().output().readAllBytes());
     * }
     * }</pre>
     *
     * @return the pair
     * @throws MisuseException unless the spawn asked for a terminal
     * @since 0.2
     */
    public Pty terminal() {
        if (terminal == null) {
            throw new MisuseException("the program has no terminal (use Spawn.terminal(size))");
        }
        return terminal;
    }

    private static <T> T require(T stream, String name) {
        if (stream == null) {
            throw new MisuseException(name + " was not redirected to a pipe (use Redirect.pipe())");
        }
        return stream;
    }

    /**
     * The program's pid, as {@link java.lang.Process#pid()} gives it.
     *
     * @return the pid
     * @since 0.2
     */
    public long pid() {
        return process.pid();
    }

    /**
     * The program as a {@link ProcessHandle}; see {@link ChildProcess#toHandle()} for how long the pid is exact.
     *
     * @return the handle
     * @since 0.2
     */
    public ProcessHandle toHandle() {
        return process.toHandle();
    }

    /**
     * The program as a {@link java.lang.Process}, for code that takes one. Its streams are this object's pipes, or
     * what {@link ProcessBuilder} gives for a stream that is not a pipe (an empty input, an output that refuses
     * writes); {@code exitValue()} is the exit status or 128 + the signal, as the JDK's; {@code destroy()} sends
     * SIGTERM and {@code destroyForcibly()} SIGKILL, through the pidfd; {@code onExit()} completes on the common
     * pool. Closing this {@code Spawned} still closes the streams and kills the program.
     *
     * <pre>{@code
     * Process p = Spawn.of(Command.of("/bin/echo", "hi")).stdout(Redirect.pipe()).start().toProcess();
     * String out = new String(p.getInputStream().readAllBytes());
     * int status = p.waitFor();
     * }</pre>
     *
     * @return the process
     * @since 0.2
     */
    public java.lang.Process toProcess() {
        return new SpawnedProcess(process, stdin, stdout, stderr);
    }

    /**
     * Waits for the program to end.
     *
     * @return how it ended
     */
    public ChildState waitForExit() {
        return process.waitForExit();
    }

    /**
     * Waits at most {@code timeout} for the program to end: its state, or empty if it still runs.
     *
     * <pre>{@code
     * ChildState s = spawned.waitForExit(Duration.ofSeconds(5)).orElseGet(() -> spawned.stop(Stop.DEFAULT));
     * }</pre>
     *
     * @param timeout how long to wait at most, not negative
     * @return the state, or empty
     * @see ChildProcess#waitForExit(java.time.Duration)
     * @since 0.2
     */
    public Optional<ChildState> waitForExit(java.time.Duration timeout) {
        return process.waitForExit(timeout);
    }

    /**
     * Stops the program as {@code stop} says (its signal, the grace period, then SIGKILL, to the program, its
     * group or its session) and reaps it; a program already ended is only reaped.
     *
     * <pre>{@code
     * ChildState s = spawned.stop(Stop.of(Signal.SIGTERM, Duration.ofSeconds(2)).scope(Stop.Scope.GROUP));
     * }</pre>
     *
     * @param stop how to stop it, not null
     * @return how it ended
     * @throws IllegalArgumentException if the scope is a group the program does not lead
     * @since 0.2
     */
    public ChildState stop(Stop stop) {
        Objects.requireNonNull(stop, "stop");
        return stop.apply(process);
    }

    /**
     * How the program ended, once it has been reaped.
     *
     * @return the state, or empty while the program is not reaped
     */
    public Optional<ChildState> state() {
        return process.deathState();
    }

    @Override
    public void close() {
        try {
            streams.values().forEach(StreamReader::close);
            for (java.io.Closeable c : toProgram.values()) {
                c.close();
            }
            for (java.io.Closeable c : fromProgram.values()) {
                c.close();
            }
            if (terminal != null) {
                terminal.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            process.close();
        }
    }
}
