// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.ChildProcessException;
import dev.jsyscall.handle.OutsidePidNamespaceException;
import dev.jsyscall.handle.WaitInterruptedException;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.signal.Signals;
import dev.jsyscall.linux.wait.ChildState;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to stop a program: send {@link #signal()}, give it {@link #grace()} to end, then {@code SIGKILL} — to the
 * program alone, its process group or its session ({@link #scope()}), as {@code timeout --signal=SIG
 * --kill-after=GRACE} does for a group. Immutable.
 *
 * <pre>{@code
 * Stop stop = Stop.of(Signal.SIGTERM, Duration.ofSeconds(2)).scope(Stop.Scope.GROUP);
 * ChildState s = spawned.stop(stop);
 * Output out = Spawn.of(cmd).output(task, Capture.defaults().timeout(Duration.ofSeconds(10), stop));
 * }</pre>
 *
 * @since 0.2
 */
public final class Stop {
    /** Who gets the signals. */
    public enum Scope {
        /** The program alone; what it started keeps running. */
        PROCESS,
        /**
         * The program's process group, which it must lead (a run with a timeout of this scope starts the program
         * with {@link Spawn#newProcessGroup()}, as {@code timeout(1)} does): everything it started that stayed in
         * the group, even after the program itself has ended.
         */
        GROUP,
        /**
         * Every process group of the session the program leads ({@link Spawn#setsid()}; a run with a timeout of
         * this scope adds it), found in {@code /proc} ({@link ChildProcess#killSession}).
         */
        SESSION
    }

    /** {@code SIGTERM}, 5 seconds of grace, the program alone. */
    public static final Stop DEFAULT = new Stop(Signal.SIGTERM, Duration.ofSeconds(5), Scope.PROCESS);

    private final Signal signal;
    private final Duration grace;
    private final Scope scope;

    private Stop(Signal signal, Duration grace, Scope scope) {
        this.signal = signal;
        this.grace = grace;
        this.scope = scope;
    }

    /**
     * Sends {@code signal}, waits {@code grace}, then {@code SIGKILL}, to the program alone.
     *
     * @param signal the first signal, not null
     * @param grace how long to wait before {@code SIGKILL}
     * @return the stop
     * @throws IllegalArgumentException if {@code grace} is negative
     */
    public static Stop of(Signal signal, Duration grace) {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, was " + grace);
        }
        return new Stop(signal, grace, Scope.PROCESS);
    }

    /**
     * {@code SIGKILL} at once.
     *
     * @return the stop
     */
    public static Stop kill() {
        return new Stop(Signal.SIGKILL, Duration.ZERO, Scope.PROCESS);
    }

    /**
     * The same stop, sent to {@code scope}.
     *
     * @param scope who gets the signals, not null
     * @return a new stop
     */
    public Stop scope(Scope scope) {
        return new Stop(signal, grace, Objects.requireNonNull(scope, "scope"));
    }

    /**
     * The signal sent first.
     *
     * @return the signal
     */
    public Signal signal() {
        return signal;
    }

    /**
     * How long the program has to end after the first signal, before {@code SIGKILL}.
     *
     * @return the grace period
     */
    public Duration grace() {
        return grace;
    }

    /**
     * Who gets the signals: the program, its group or its session.
     *
     * @return the scope
     */
    public Scope scope() {
        return scope;
    }

    /**
     * Stops {@code child} and reaps it: the signal, up to the grace period for it to end, then {@code SIGKILL}.
     * With a group or session scope the {@code SIGKILL} goes to the group or session even when the program ended
     * in the grace period, since what it started may not have.
     */
    ChildState apply(ChildProcess child) {
        int id = child.near().id();
        if (scope == Scope.GROUP && child.deathState().isEmpty()) {
            int pgid;
            try {
                pgid = child.getpgid().id();
            } catch (ChildProcessException.NotAlive e) {
                pgid = id;   // reaped meanwhile; the signals below find out whether its group lives on
            } catch (OutsidePidNamespaceException e) {
                throw new IllegalArgumentException("stop: " + this + " needs " + child + " to lead its process group,"
                        + " but it is in the group this JVM inherited from outside its pid namespace (start it with"
                        + " Spawn.newProcessGroup() or setsid())", e);
            }
            if (pgid != id) {
                throw new IllegalArgumentException("stop: " + this + " needs " + child + " to lead its process group,"
                        + " but it is in group " + pgid + " (start it with Spawn.newProcessGroup() or setsid())");
            }
        }
        send(child, id, signal);
        if (signal != Signal.SIGKILL) {
            Optional<ChildState> ended;
            try {
                ended = child.waitForExit(grace);
            } catch (WaitInterruptedException e) {
                // the caller gives up waiting, not stopping: finish the job at once
                send(child, id, Signal.SIGKILL);
                child.waitForExitUninterruptibly();
                throw e;
            }
            if (ended.isEmpty() || scope != Scope.PROCESS) {
                send(child, id, Signal.SIGKILL);
            }
        }
        ChildState state = child.waitForExitUninterruptibly();
        // a contained child's tree ends with it, whatever the scope: the cgroup holds nothing else
        child.killContainedTree(Duration.ofSeconds(10));
        return state;
    }

    private void send(ChildProcess child, int id, Signal sig) {
        try {
            switch (scope) {
                case PROCESS:
                    child.kill(sig);
                    break;
                case GROUP:
                    child.killpg(sig);
                    break;
                default:
                    child.killSession(sig);
                    break;
            }
        } catch (ChildProcessException.NotAlive reaped) {
            if (scope != Scope.PROCESS) {
                // the leader is reaped, but its group id cannot pass to a new process while any member lives
                // (Linux allocates no pid still in use as a group or session id), so kill(-id) reaches only what
                // is left of the group, or nothing (ESRCH); a session's other groups are missed
                try {
                    child.task().call(Signals.killpg(id, sig));
                } catch (ErrnoException e) {
                    if (e.errno() != Errno.ESRCH) {
                        throw e;
                    }
                }
            }
        } catch (ErrnoException e) {
            // ESRCH: a zombie already, or a group that emptied; the reap below is all that is left
            if (e.errno() != Errno.ESRCH) {
                throw e;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Stop)) {
            return false;
        }
        Stop s = (Stop) o;
        return signal == s.signal && grace.equals(s.grace) && scope == s.scope;
    }

    @Override
    public int hashCode() {
        return Objects.hash(signal, grace, scope);
    }

    /** {@code Stop(SIGTERM, grace PT5S, GROUP)}. */
    @Override
    public String toString() {
        return "Stop(" + signal + ", grace " + grace + ", " + scope + ")";
    }
}
