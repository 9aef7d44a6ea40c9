// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The baton of the local process (internal): which JVM thread drives the kernel now, the JVM threads that have
 * ever made a local syscall, and the count of completed local syscalls that parked threads wait on. Everything
 * here is touched under the kernel's lock except {@link #arriving}, which counts threads not yet holding it.
 */
final class Baton {
    private final Turns turns;
    private final Condition free;
    /** Signalled when a local syscall completes, the clock moves or the kernel closes: parked threads look again. */
    final Condition changed;
    private Thread holder;
    /** Local syscalls completed so far: a parked thread waits for this to move. */
    long completions;
    private final Map<Thread, Boolean> users = new WeakHashMap<>();
    /** The thread last added to {@link #users} (weakly: a dead thread must not be kept). */
    private WeakReference<Thread> lastUser = new WeakReference<>(null);

    /**
     * JVM threads that have made a syscall and not yet got the baton to run it, counted from before they take the
     * kernel lock: they are busy, not idle, and virtual time must not jump under them. A thread waiting for the
     * lock looks WAITING to {@link Thread#getState()}, like an idle one, so the count is what tells them apart
     * (without it, a daemon thread's blocked epoll_pwait could see a main thread that was entering the kernel as
     * quiet and let a 1000-second sleep finish before the main thread's kill arrived).
     */
    final AtomicInteger arriving = new AtomicInteger();

    Baton(ReentrantLock lock, Turns turns) {
        this.turns = turns;
        this.free = lock.newCondition();
        this.changed = lock.newCondition();
    }

    /** Waits for the baton and takes it for the calling thread, which must not hold it already. */
    void acquire() {
        Thread me = Thread.currentThread();
        if (holder == me) {
            throw new IllegalStateException("re-entrant syscall into the fake kernel from " + me
                    + " (a simulated program thread or a callback made a local syscall)");
        }
        if (lastUser.get() != me) {
            // once per change of calling thread, not per syscall (a WeakHashMap put is a good part of a getpid)
            users.put(me, Boolean.TRUE);
            lastUser = new WeakReference<>(me);
        }
        retake();
    }

    /** Takes the baton back after {@link #release()} inside a syscall (the lock is held). */
    void retake() {
        while (holder != null) {
            free.awaitUninterruptibly();
        }
        holder = Thread.currentThread();
    }

    void release() {
        holder = null;
        free.signalAll();
    }

    /** The live JVM threads other than {@code me} that use the kernel and are not in {@code me}'s turn. */
    List<Thread> others(Thread me) {
        List<Thread> out = new ArrayList<>();
        // the turn accounts for its members among themselves: none of them is running while another is
        boolean member = turns.active() && turns.isMember(me);
        for (Thread t : users.keySet()) {
            if (t != me && t.isAlive() && !(member && turns.isMember(t))) {
                out.add(t);
            }
        }
        return out;
    }
}
