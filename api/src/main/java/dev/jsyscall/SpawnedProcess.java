// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.ChildProcessException;
import dev.jsyscall.handle.WaitInterruptedException;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.wait.ChildState;
import dev.jsyscall.linux.wait.WaitOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link Spawned} program presented as a {@link java.lang.Process}, for code written against the JDK's type;
 * see {@link Spawned#toProcess()}. Every call goes to the same {@link ChildProcess}, so the pid is signalled
 * through its pidfd and never after the child is reaped.
 */
final class SpawnedProcess extends Process {
    private final ChildProcess child;
    private final OutputStream stdin;
    private final InputStream stdout;
    private final InputStream stderr;

    SpawnedProcess(ChildProcess child, OutputStream stdin, InputStream stdout, InputStream stderr) {
        this.child = Objects.requireNonNull(child, "child");
        // ProcessBuilder gives these in place of a stream that was not redirected to a pipe
        this.stdin = stdin != null ? stdin : new ClosedOutputStream();
        this.stdout = stdout != null ? stdout : InputStream.nullInputStream();
        this.stderr = stderr != null ? stderr : InputStream.nullInputStream();
    }

    @Override
    public OutputStream getOutputStream() {
        return stdin;
    }

    @Override
    public InputStream getInputStream() {
        return stdout;
    }

    @Override
    public InputStream getErrorStream() {
        return stderr;
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            return child.waitForExit().shellStatus();
        } catch (WaitInterruptedException e) {
            throw interrupted(e);
        }
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        if (exited()) {
            return true;
        }
        if (timeout <= 0) {
            return false;
        }
        CompletableFuture<ChildState> exit;
        try {
            exit = child.onExit();
        } catch (ChildProcessException noPidfd) {
            // no pidfd to watch (kernels before 5.3): the JDK's default polls exitValue()
            return super.waitFor(timeout, unit);
        }
        try {
            exit.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return exited();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException ? (RuntimeException) c : new IllegalStateException(c);
        }
    }

    /** The JDK's convention, as {@link ProcessBuilder}'s processes: the exit status, or 128 + the signal. */
    @Override
    public int exitValue() {
        if (!exited()) {
            throw new IllegalThreadStateException("process " + child.pid() + " has not exited");
        }
        return child.deathState().orElseThrow().shellStatus();
    }

    @Override
    public boolean isAlive() {
        return !exited();
    }

    /**
     * Whether the child is dead, reaping it if it exited: the JDK reaps its children on a thread of its own, and
     * code that polls {@code isAlive()} or {@code exitValue()} expects to see the exit without waiting first.
     */
    private boolean exited() {
        if (child.deathState().isPresent()) {
            return true;
        }
        synchronized (this) {
            try {
                child.waitForStateChange(EnumSet.of(WaitOption.WEXITED, WaitOption.WNOHANG));
            } catch (ChildProcessException.NotAlive | ChildProcessException.InUse e) {
                // reaped meanwhile by another waiter, or one is reaping it now: the state below is the answer
            }
        }
        return child.deathState().isPresent();
    }

    /** SIGTERM, as {@link ProcessBuilder}'s processes on Linux; nothing once the child is reaped. */
    @Override
    public void destroy() {
        signal(Signal.SIGTERM);
    }

    @Override
    public Process destroyForcibly() {
        signal(Signal.SIGKILL);
        return this;
    }

    private void signal(Signal sig) {
        try {
            child.kill(sig);
        } catch (ChildProcessException.NotAlive e) {
            // already reaped: the JDK's destroy() of an exited process does nothing either
        } catch (ErrnoException e) {
            // ESRCH: a zombie not yet reaped, which no signal reaches
        }
    }

    @Override
    public boolean supportsNormalTermination() {
        return true;
    }

    @Override
    public long pid() {
        return child.pid();
    }

    @Override
    public ProcessHandle toHandle() {
        return child.toHandle();
    }

    /**
     * Completes with this process once the child has been reaped. Dependent stages run on the common pool, never on
     * the exit watcher's thread, which reaps every other child.
     */
    @Override
    public CompletableFuture<Process> onExit() {
        CompletableFuture<ChildState> exit;
        try {
            exit = child.onExit();
        } catch (ChildProcessException noPidfd) {
            return super.onExit();
        }
        return exit.thenApplyAsync(s -> this);
    }

    @Override
    public String toString() {
        return "Process[pid=" + child.pid() + ", exitValue="
                + child.deathState().map(s -> String.valueOf(s.shellStatus())).orElse("\"not exited\"")
                + ", " + child + "]";
    }

    private static InterruptedException interrupted(WaitInterruptedException e) {
        // java.lang.Process's waits clear the interrupt flag when they throw, as Object.wait does
        Thread.interrupted();
        InterruptedException ie = new InterruptedException(e.getMessage());
        ie.initCause(e);
        return ie;
    }

    /** What ProcessBuilder gives for stdin that is not a pipe: a write fails as on a closed stream. */
    private static final class ClosedOutputStream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("Stream closed: stdin was not redirected to a pipe (use Redirect.pipe())");
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            throw new IOException("Stream closed: stdin was not redirected to a pipe (use Redirect.pipe())");
        }
    }
}
