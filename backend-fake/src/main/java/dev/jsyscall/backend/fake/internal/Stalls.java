// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.signalName;

import dev.jsyscall.backend.fake.FakeDeadlockException;
import dev.jsyscall.backend.fake.FakeLivelockException;
import dev.jsyscall.backend.fake.FakeTimeLimitException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What a local syscall that cannot complete does when no other process can take a step (internal): move the
 * virtual clock to the next timer, park while other JVM threads may still make the syscall it waits for, or
 * end with a deadlock, livelock or time-limit error that carries the process table. The kernel's lock and the
 * baton are held on entry.
 */
final class Stalls {
    private final Kernel k;
    private final Baton baton;
    private final Nondeterminism detector;
    private final Set<Thread> parked = new HashSet<>();
    /**
     * The local syscalls of the parked threads: their timeouts are timers too (a scheduler thread waiting for its
     * next task while another thread waits for ever), or virtual time would never reach them.
     */
    private final Map<Thread, Call> parkedCalls = new HashMap<>();

    Stalls(Kernel k, Baton baton, Nondeterminism detector) {
        this.k = k;
        this.baton = baton;
        this.detector = detector;
    }

    /**
     * Virtual time only jumps when the whole local process waits: a JVM thread that is running Java code between
     * syscalls (or about to make one) is the local process running, and time must not pass under it. Returns
     * whether the clock moved.
     */
    boolean advanceClockIfQuiet() {
        Thread me = Thread.currentThread();
        if (othersSettledQuiet(me) && advanceClock()) {
            List<Thread> others = baton.others(me);
            if (!others.isEmpty()) {
                detector.found("virtual time moved for " + me.getName() + " after a"
                        + " real-time pause in which the other JVM threads using the kernel "
                        + others.stream().map(Thread::getName).toList() + " looked idle");
            }
            return true;
        }
        return false;
    }

    FakeLivelockException livelock(Call c) {
        return new FakeLivelockException("livelock: local " + k.describeCall(c) + " waited through "
                + k.config.maxStepsPerCall + " scheduling steps of other processes without completing"
                + " (the limit: FakeKernel.builder().livelockSteps(...), @Simulation(livelockSteps))",
                k.config.maxStepsPerCall, k.dump());
    }

    FakeDeadlockException deadlock(Call c) {
        Proc local = k.local;
        return new FakeDeadlockException("deadlock: the local process (pid " + local.pid + ") is blocked in "
                + k.describeCall(c) + (c.waitingFor != null ? " waiting for " + c.waitingFor : "")
                + (local.stopped ? " while stopped by " + signalName(local.stopSignal) : "")
                + ", and no simulated process can run, no timer is pending (seed " + k.config.seed + ")",
                k.dump());
    }

    /**
     * The local syscall cannot progress on its own. If other JVM threads use the kernel, it parks (releasing the
     * baton) until one of them completes a syscall, and is a deadlock only once every other such thread has
     * been idle for the grace period: parked here too, or waiting on a Java lock or condition (a thread in
     * user code or a timed wait may still make the syscall we wait for). Single-threaded, it is a deadlock at
     * once. Returns false for a deadlock.
     *
     * <p>A long-lived daemon thread blocked here (such as the api's exit watcher in epoll_pwait) is the usual
     * case; when a deadlock is found while a non-daemon thread is parked too, that thread gets the error and
     * the daemons keep waiting.
     */
    boolean parkForOtherThreads() {
        Thread me = Thread.currentThread();
        KernelConfig config = k.config;
        boolean explicit = config.deadlockGraceMillis >= 0;
        long grace = explicit ? config.deadlockGraceMillis : config.otherThreadsGraceMillis;
        if (!explicit && me.isDaemon()) {
            // a daemon (an event loop) blocked for good is normal: only a long silence of every other thread makes
            // it the one to report a deadlock, so that a main thread busy outside the kernel never breaks it
            grace = Math.max(grace, 2000);
        }
        if (!explicit && baton.others(me).isEmpty()) {
            return false;
        }
        long seen = baton.completions;
        // the local process is single-threaded here: another JVM thread's syscall takes its place meanwhile
        Proc local = k.local;
        Call mine = local.call;
        Proc.Run run = local.run;
        baton.release();
        parked.add(me);
        parkedCalls.put(me, mine);
        long idleSince = -1;
        boolean deadlock = false;
        try {
            while (baton.completions == seen && !k.closed) {
                try {
                    baton.changed.awaitNanos(TimeUnit.MILLISECONDS.toNanos(Math.max(1, Math.min(grace, 50))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    deadlock = true;
                    break;
                }
                if (baton.completions != seen || k.closed) {
                    break;
                }
                if (timerPending() && othersQuiet(me)) {
                    break; // the clock may move now: retry
                }
                boolean idle = true;
                boolean nonDaemonParked = false;
                for (Thread t : baton.others(me)) {
                    Thread.State st = t.getState();
                    boolean waitsHere = parked.contains(t);
                    nonDaemonParked |= waitsHere && !t.isDaemon();
                    idle &= baton.arriving.get() == 0
                            && (waitsHere || st == Thread.State.WAITING || st == Thread.State.BLOCKED);
                }
                long now = System.nanoTime();
                if (!idle || (me.isDaemon() && nonDaemonParked)) {
                    idleSince = -1;
                } else if (idleSince < 0) {
                    idleSince = now;
                } else if (now - idleSince >= TimeUnit.MILLISECONDS.toNanos(grace)) {
                    deadlock = true;
                    detector.found("a deadlock of " + me.getName() + " was declared after " + grace
                            + " ms of real time in which the other JVM threads using the kernel looked idle");
                    break;
                }
            }
        } finally {
            parked.remove(me);
            parkedCalls.remove(me);
            baton.retake();
            local.call = mine;
            local.run = run;
        }
        return !deadlock && (baton.completions != seen || k.closed || timerPending());
    }

    /**
     * {@link #othersQuiet}, and still so after a short real-time pause, before virtual time may jump: a thread's
     * state is only a sample, and a thread in user code between two syscalls can be BLOCKED or WAITING on a Java
     * lock for a moment (the allocator's monitor, say, while the exit watcher holds it). Only when other JVM threads
     * use the kernel; the baton is kept meanwhile, so a thread that makes a syscall in the pause counts as arriving.
     */
    private boolean othersSettledQuiet(Thread me) {
        if (!othersQuiet(me)) {
            return false;
        }
        if (baton.others(me).isEmpty()) {
            return true;
        }
        long seen = baton.completions;
        for (int look = 0; look < 2; look++) {
            try {
                baton.changed.awaitNanos(TimeUnit.MILLISECONDS.toNanos(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (baton.completions != seen || !othersQuiet(me)) {
                return false;
            }
        }
        return true;
    }

    /** Whether every other JVM thread using the kernel waits (in the kernel, or in Java, timed or not). */
    private boolean othersQuiet(Thread me) {
        if (baton.arriving.get() > 0) {
            return false;
        }
        for (Thread t : baton.others(me)) {
            Thread.State st = t.getState();
            if (!parked.contains(t) && st != Thread.State.WAITING && st != Thread.State.BLOCKED
                    && st != Thread.State.TIMED_WAITING) {
                return false;
            }
        }
        return true;
    }

    private boolean timerPending() {
        for (Proc p : k.pids.all()) {
            if (p.alive() && !p.stopped && p.call != null && !p.call.done && p.call.deadline != Call.NO_DEADLINE) {
                return true;
            }
        }
        Proc local = k.local;
        for (Call c : parkedCalls.values()) {
            if (!c.done && c.deadline != Call.NO_DEADLINE && local.alive() && !local.stopped) {
                return true;
            }
        }
        return false;
    }

    /** Throws the time-limit error if the syscalls alone (1 us each: a busy loop, not a sleep) ran past it. */
    void checkTimeLimit() {
        KernelConfig config = k.config;
        Clock clock = k.clock;
        if (config.timeLimitNs >= 0 && clock.monotonicNs() - Clock.BOOT_MONOTONIC_NS > config.timeLimitNs) {
            throw timeLimit("syscalls have run the clock past it");
        }
    }

    private FakeTimeLimitException timeLimit(String why) {
        Duration limit = Duration.ofNanos(k.config.timeLimitNs);
        Duration now = Duration.ofNanos(k.clock.monotonicNs() - Clock.BOOT_MONOTONIC_NS);
        return new FakeTimeLimitException("simulated time limit of " + limit + " reached at virtual time " + now
                + " since boot: " + why + " (seed " + k.config.seed + "; raise FakeKernel.builder().timeLimit(...)"
                + " or @Simulation(timeLimitSeconds), or find the loop that never ends)", limit, now, k.dump());
    }

    /** Which waiting call has its timeout at {@code deadline}, for the time-limit message. */
    private String waiterAt(long deadline) {
        for (Proc p : k.pids.all()) {
            if (p.alive() && !p.stopped && p.call != null && !p.call.done && p.call.deadline == deadline) {
                return k.describeCall(p.call) + " of pid " + p.pid;
            }
        }
        for (Call c : parkedCalls.values()) {
            if (!c.done && c.deadline == deadline) {
                return k.describeCall(c) + " of the local process, on another JVM thread";
            }
        }
        return "a timer";
    }

    /** Moves the virtual clock to the earliest timeout of a waiting call, if there is one. */
    private boolean advanceClock() {
        Clock clock = k.clock;
        long earliest = Call.NO_DEADLINE;
        for (Proc p : k.pids.all()) {
            if (p.alive() && !p.stopped && p.call != null && !p.call.done) {
                earliest = Math.min(earliest, p.call.deadline);
            }
        }
        Proc local = k.local;
        if (local.alive() && !local.stopped) {
            for (Call c : parkedCalls.values()) {
                if (!c.done && c.deadline > clock.monotonicNs()) {
                    earliest = Math.min(earliest, c.deadline);
                }
            }
        }
        if (earliest != Call.NO_DEADLINE && earliest > clock.monotonicNs()) {
            if (k.config.timeLimitNs >= 0 && earliest - Clock.BOOT_MONOTONIC_NS > k.config.timeLimitNs) {
                throw timeLimit("every process waits and the next timer is due at "
                        + Duration.ofNanos(earliest - Clock.BOOT_MONOTONIC_NS) + " (" + waiterAt(earliest) + ")");
            }
            k.trace.record("clock " + clock.monotonicNs() + " -> " + earliest);
            clock.advanceTo(earliest);
            k.changes++;
            baton.changed.signalAll(); // a parked thread whose timeout this was retries now
            return true;
        }
        return false;
    }
}
