// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import dev.jsyscall.backend.fake.FakeDeadlockException;
import dev.jsyscall.backend.fake.FakeNondeterminismException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * The turn that the application threads made by the fake ({@code FakeKernel.threads()}) share (internal): one of
 * them runs at a time, and the turn moves only at the program's own actions, so that which thread runs when is the
 * seed's choice and never the JVM's.
 *
 * <p>Why a turn and not a scheduler of every JVM thread: a thread's Java code between syscalls is invisible to the
 * kernel, and telling "it is about to make a syscall" from "it waits for another thread" took polling its state
 * with real-time grace periods, which hung and let real time decide (branch {@code det-scheduler-wip}). Threads
 * the fake makes can instead be told apart by what they are doing at the points they reach: a syscall entry (the
 * seed picks who goes on, the holder included), a block in the kernel (another ready thread goes on), their end, a
 * join. What happens between those points is one thread's alone. The one thing it cannot see, a holder that
 * blocks in Java (a latch, a monitor, {@code Thread.sleep}), a watchdog reports as nondeterminism and then hands
 * the turn on so that the run ends.
 *
 * <p>No hand-over at a syscall entry while the holder holds a monitor (the api holds some across syscalls, such as
 * the one that keeps a spawn's channel from leaking into another thread's child): another thread could need it,
 * and would block where the turn cannot see. Which monitors a thread holds at a point of its code is the program's
 * doing, not the JVM's timing, so this keeps runs their seed's.
 *
 * <p>Every field is guarded by {@link Kernel#lock}; {@link #changed} is its condition.
 */
public final class Turns {
    /** How long a holder may run Java code without a turn point before the watchdog reports it. */
    static final long WATCHDOG_MILLIS = 2000;

    private enum State {
        /** Waits for the turn. */
        READY,
        /** Holds the turn. */
        RUNNING,
        /** Its local syscall could not complete: waits for the kernel to change, then for the turn. */
        PARKED,
        /** Waits for another member to end. */
        JOINING,
        /** Lost the turn to the watchdog while it ran Java code; takes its place again at its next turn point. */
        DISPLACED
    }

    private static final class Member {
        final int number;
        final Thread thread;
        State state;
        /** {@link Kernel#changes} when it parked: it retries once that moved. */
        long parkedAt;
        Member joining;
        /** The watchdog's report about it, thrown at its next turn point in strict mode. */
        String displacedBy;

        Member(int number, Thread thread, State state) {
            this.number = number;
            this.thread = thread;
            this.state = state;
        }
    }

    private final Kernel k;
    private final Condition changed;
    /** In admission order, which is the order choices list them in. */
    private final Map<Thread, Member> members = new LinkedHashMap<>();
    private int admitted;
    private Member holder;
    /** Whether the holder is inside a local syscall (the watchdog leaves it alone). */
    private boolean holderInKernel;
    /** Real time of the holder's last turn point: read only by the watchdog, never by a decision. */
    private volatile long lastPointNanos;
    private volatile boolean active;
    private volatile int memberCount;
    private Thread watchdog;
    private boolean reportedThisHold;

    Turns(Kernel k) {
        this.k = k;
        this.changed = k.lock.newCondition();
    }

    /** Whether any thread was ever made: until then the kernel behaves as before, at the cost of one read. */
    boolean active() {
        return active;
    }

    boolean isMember(Thread t) {
        k.lock.lock();
        try {
            return members.containsKey(t);
        } finally {
            k.lock.unlock();
        }
    }

    /** Whether every thread of {@code threads} is a member (then their being in the kernel together is the turn's). */
    boolean allMembers(Iterable<Thread> threads) {
        k.lock.lock();
        try {
            for (Thread t : threads) {
                Member m = members.get(t);
                if (m == null) {
                    return false;
                }
            }
            return true;
        } finally {
            k.lock.unlock();
        }
    }

    // ------------------------------------------------------------------ threads

    /** A thread that joins the turn when started; {@code name} is deterministic, unlike the JVM's numbering. */
    public Thread newThread(Runnable task, String name) {
        return new TurnThread(this, task, name);
    }

    private static final class TurnThread extends Thread {
        private final Turns turns;
        private final Runnable task;

        TurnThread(Turns turns, Runnable task, String name) {
            super(name);
            this.turns = turns;
            this.task = task;
            setDaemon(true);
        }

        @Override
        public synchronized void start() {
            // admitted on the creator's turn, so that it is ready from a point of the creator's program
            turns.admit(this);
            super.start();
        }

        @Override
        public void run() {
            turns.awaitFirstTurn(this);
            try {
                task.run();
            } finally {
                turns.end(this);
            }
        }
    }

    private void admit(Thread t) {
        k.lock.lock();
        try {
            if (members.containsKey(t)) {
                throw new IllegalThreadStateException(t.getName() + " was started already");
            }
            enroll(Thread.currentThread());
            members.put(t, new Member(++admitted, t, State.READY));
            memberCount = members.size();
            startWatchdog();
        } finally {
            k.lock.unlock();
        }
    }

    /**
     * Makes the calling thread a member (the main thread, at its first use of the threads): it holds the turn if
     * nobody does, and otherwise waits for it like a thread made ready.
     */
    private Member enroll(Thread me) {
        Member m = members.get(me);
        if (m != null) {
            return m;
        }
        active = true;
        m = new Member(++admitted, me, State.READY);
        members.put(me, m);
        memberCount = members.size();
        if (holder == null) {
            take(m);
        } else {
            awaitTurn(m);
        }
        return m;
    }

    private void awaitFirstTurn(Thread me) {
        k.lock.lock();
        try {
            awaitTurn(members.get(me));
        } finally {
            k.lock.unlock();
        }
    }

    private void end(Thread me) {
        k.lock.lock();
        try {
            Member m = members.remove(me);
            memberCount = members.size();
            if (m == null) {
                return;
            }
            for (Member o : members.values()) {
                if (o.state == State.JOINING && o.joining == m) {
                    o.state = State.READY;
                    o.joining = null;
                }
            }
            if (holder == m) {
                holder = null;
                handOn(null, true);
            }
            changed.signalAll();
        } finally {
            k.lock.unlock();
        }
    }

    /** Waits, as the caller's turn point, until {@code t} (a thread from {@link #newThread}) has ended. */
    public void join(Thread t) {
        k.lock.lock();
        try {
            Member me = enroll(Thread.currentThread());
            Member target = members.get(t);
            if (target == me) {
                throw new IllegalArgumentException("thread: a thread cannot join itself (" + t.getName() + ")");
            }
            if (target == null && !(t instanceof TurnThread tt && tt.turns == this)) {
                throw new IllegalArgumentException("thread: " + t.getName() + " was not made by this fake kernel's"
                        + " threads(), so its end is not a point the seed decides; join it with Thread.join");
            }
            if (target == null && t.getState() == Thread.State.NEW) {
                throw new IllegalStateException("thread: " + t.getName() + " was never started");
            }
            comeBack(me);
            while (target != null && members.get(t) == target) {
                me.state = State.JOINING;
                me.joining = target;
                if (holder == me) {
                    holder = null;
                    if (!handOn(me, true) && !anyDisplaced()) {
                        me.state = State.RUNNING;
                        me.joining = null;
                        holder = me;
                        throw new FakeDeadlockException("deadlock: " + me.thread.getName() + " joins "
                                + t.getName() + ", and no thread made by threads() can run (seed " + k.config.seed
                                + ")" + (k.nondeterminism().isEmpty() ? "" : "; nondeterminism: "
                                + k.nondeterminism()), k.dump());
                    }
                }
                awaitTurn(me);
            }
        } finally {
            k.lock.unlock();
        }
        // it has left the turn; what remains of it is the JVM's end of a thread, which no syscall can observe
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ kernel points

    /** A local syscall's entry, before the baton: the seed picks who goes on among the ready and the holder. */
    void atSyscall() {
        Thread t = Thread.currentThread();
        // which locks the caller holds, asked before taking the kernel's own (a lock too) and only when a choice is
        // possible: the call stops the JVM for a moment
        boolean holdsLocks = memberCount > 1 && holdsMonitors(t);
        k.lock.lock();
        try {
            Member me = members.get(t);
            if (me == null) {
                return;
            }
            comeBack(me);
            if (holder != me) {
                me.state = State.READY;
                awaitTurn(me);
            }
            lastPointNanos = System.nanoTime();
            refresh();
            List<Member> ready = ready(me);
            if (!ready.isEmpty() && !holdsLocks) {
                ready.add(0, me);
                Member next = ready.get(k.scheduler().chooseTurn(ids(ready)));
                if (next != me) {
                    me.state = State.READY;
                    holder = null;
                    take(next);
                    awaitTurn(me);
                }
            }
            holderInKernel = true;
        } finally {
            k.lock.unlock();
        }
    }

    /** After a local syscall (and any onExit callbacks it ran), on the same thread. */
    void leftSyscall() {
        k.lock.lock();
        try {
            if (holder != null && holder.thread == Thread.currentThread()) {
                holderInKernel = false;
                lastPointNanos = System.nanoTime();
            }
        } finally {
            k.lock.unlock();
        }
    }

    /**
     * The holder's local syscall cannot complete and no simulated process can run: if another member is ready it
     * gets the turn and the caller parks (baton released) until the kernel has changed and the turn comes back.
     * Returns false when nobody is ready: then the caller may move virtual time or declare a deadlock, every other
     * member being parked or joining. Under the lock, with the baton.
     */
    boolean blockedInKernel() {
        Member me = members.get(Thread.currentThread());
        if (me == null || holder != me) {
            return false;
        }
        refresh();
        if (ready(me).isEmpty()) {
            return false;
        }
        Call mine = k.local.call;
        Proc.Run run = k.local.run;
        k.baton.release();
        me.state = State.PARKED;
        me.parkedAt = k.changes;
        holder = null;
        holderInKernel = false;
        handOn(me, false);
        try {
            awaitTurn(me);
        } finally {
            k.baton.retake();
            k.local.call = mine;
            k.local.run = run;
            holderInKernel = true;
        }
        return true;
    }

    /** The kernel is closed: every waiter goes on and meets it. */
    void close() {
        Thread w;
        k.lock.lock();
        try {
            changed.signalAll();
            w = watchdog;
            watchdog = null;
        } finally {
            k.lock.unlock();
        }
        if (w != null) {
            w.interrupt();
            boolean interrupted = false;
            while (w.isAlive()) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------ the turn

    /** Parked members whose kernel has changed since they parked retry: they are ready again. */
    private void refresh() {
        for (Member m : members.values()) {
            if (m.state == State.PARKED && m.parkedAt != k.changes) {
                m.state = State.READY;
            }
        }
    }

    /** Whether a member runs outside the turn (the watchdog took it away): it comes back at its next point. */
    private boolean anyDisplaced() {
        for (Member m : members.values()) {
            if (m.state == State.DISPLACED) {
                return true;
            }
        }
        return false;
    }

    private List<Member> ready(Member except) {
        List<Member> out = new ArrayList<>();
        for (Member m : members.values()) {
            if (m != except && m.state == State.READY) {
                out.add(m);
            }
        }
        return out;
    }

    private static int[] ids(List<Member> ms) {
        int[] ids = new int[ms.size()];
        for (int i = 0; i < ids.length; i++) {
            // recorded among pids in a schedule: negative, below the y/n codes, so that it names no process
            ids[i] = -10 - ms.get(i).number;
        }
        return ids;
    }

    /**
     * Gives the free turn to a ready member the seed picks. With nobody ready and {@code wakeParked}, the parked
     * members are made ready (one of them then finds the kernel unchanged and moves the clock or reports the
     * deadlock). Returns whether someone got it.
     */
    private boolean handOn(Member from, boolean wakeParked) {
        refresh();
        List<Member> ready = ready(from);
        if (ready.isEmpty() && wakeParked) {
            for (Member m : members.values()) {
                if (m.state == State.PARKED) {
                    m.state = State.READY;
                }
            }
            ready = ready(from);
        }
        if (ready.isEmpty()) {
            return false;
        }
        take(ready.size() == 1 ? ready.get(0) : ready.get(k.scheduler().chooseTurn(ids(ready))));
        return true;
    }

    private void take(Member m) {
        holder = m;
        m.state = State.RUNNING;
        holderInKernel = false;
        reportedThisHold = false;
        lastPointNanos = System.nanoTime();
        changed.signalAll();
    }

    private void awaitTurn(Member me) {
        while (holder != me && !k.closed) {
            if (holder == null && me.state == State.READY) {
                take(me);   // only after a watchdog hand-over found nobody: already reported
                break;
            }
            changed.awaitUninterruptibly();
        }
        me.state = State.RUNNING;
    }

    /** A member the watchdog displaced is back at a turn point: reported once in strict mode, then queued. */
    private void comeBack(Member me) {
        if (me.state != State.DISPLACED) {
            return;
        }
        String report = me.displacedBy;
        me.displacedBy = null;
        if (report != null && k.config.failOnNondeterminism) {
            throw new FakeNondeterminismException(report);   // it goes on outside the turn, as it did
        }
        me.state = State.READY;
        awaitTurn(me);
    }

    /**
     * Whether {@code t} holds a monitor ({@code synchronized}). Not the {@code java.util.concurrent} locks: asking for
     * those walks the heap, which made a run five times slower; a thread blocked on one is left to the watchdog.
     */
    private static boolean holdsMonitors(Thread t) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        @SuppressWarnings("deprecation")   // threadId() is JDK 19+
        long id = t.getId();
        ThreadInfo[] info = mx.getThreadInfo(new long[] {id}, true, false);
        return info.length == 1 && info[0] != null && info[0].getLockedMonitors().length > 0;
    }

    // ------------------------------------------------------------------ the watchdog

    /** Where {@code t} is now, for the report: its innermost frame outside the JDK. */
    private static String where(Thread t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (!e.getClassName().startsWith("java.") && !e.getClassName().startsWith("jdk.")) {
                return " at " + e;
            }
        }
        return "";
    }

    private void startWatchdog() {
        if (watchdog != null || k.closed) {
            return;
        }
        Thread w = new Thread(this::watch, "jsyscall-fake-turn-watchdog");
        w.setDaemon(true);
        watchdog = w;
        w.start();
    }

    /**
     * Only reports: a holder that has run Java code for {@link #WATCHDOG_MILLIS} of real time without reaching a
     * turn point is blocked where the turn cannot see (or computing for long), and the turn moves on so that the
     * run does not hang. The report names it; nothing goes into the trace.
     */
    private void watch() {
        long period = Math.max(10, WATCHDOG_MILLIS / 10);
        while (true) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            k.lock.lock();
            try {
                if (k.closed || watchdog != Thread.currentThread()) {
                    return;
                }
                Member h = holder;
                long held = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastPointNanos);
                if (h == null || holderInKernel || reportedThisHold || held < WATCHDOG_MILLIS) {
                    continue;
                }
                reportedThisHold = true;
                String report = k.detector.report("thread " + h.thread.getName() + " has held the turn of threads() for "
                        + held + " ms of real time without a syscall or a join (blocked in Java: a latch, a monitor,"
                        + " Thread.sleep?)" + where(h.thread) + "; the turn moved on by real time, not by the seed");
                h.state = State.DISPLACED;
                h.displacedBy = report;
                holder = null;
                if (!handOn(h, true)) {
                    changed.signalAll();
                }
            } finally {
                k.lock.unlock();
            }
        }
    }
}
