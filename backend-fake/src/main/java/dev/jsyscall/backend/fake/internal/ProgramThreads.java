// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import dev.jsyscall.linux.Syscall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Program threads (internal): the pooled JVM threads that run simulated programs, and the hand-over of the turn
 * between the driver and a program thread.
 *
 * <p>The scheduler decides which process runs; this unit only carries out a decision (start a program, resume it
 * with a syscall's result, unwind it) and returns once the program has made its next syscall or ended. Every
 * method but {@link #programSyscall} runs on the driver, under {@link Kernel#lock}.
 */
final class ProgramThreads {
    private final Kernel k;
    /** The syscalls that never return to the program: see {@link #programSyscall}. */
    private final int exitNr;
    private final int exitGroupNr;

    ProgramThreads(Kernel k) {
        this.k = k;
        this.exitNr = Syscall.EXIT.number(k.arch);
        this.exitGroupNr = Syscall.EXIT_GROUP.number(k.arch);
    }

    /** Whether {@code t} is one of the program threads (they never make local syscalls). */
    boolean isProgramThread(Thread t) {
        return programThreads.contains(t);
    }

    /** Every live program thread, idle or not: close waits for them to end. */
    List<Thread> threads() {
        return new ArrayList<>(programThreads);
    }

    /*
     * Program threads. Starting a platform thread costs 100 µs to 1 ms, far more than the rest of a simulated
     * clone + exec + wait, so programs run on pooled daemon threads: one goes back to the pool when its program
     * ends and is reused by the next execve. The turn passes between the driver and a program thread by a
     * volatile flag; the waiting side polls briefly before it parks, because the other side often answers
     * within microseconds (a program runs a little Java code between syscalls) and a park/unpark wake-up costs
     * tens of them. Which thread runs a program changes nothing simulated: only the order of syscalls matters, and
     * that is still decided by the driver alone.
     */

    /**
     * How long the driver and a program thread poll for the turn before they park. Each turn is usually handed back
     * within microseconds, while a park/unpark wake-up costs 5 to 50 µs on a busy machine. They poll with
     * {@link Thread#yield()}, not a busy spin, so that on an oversubscribed machine the other side (or another
     * process) gets the core. An idle program thread does not poll: the next execve is further away.
     */
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(10);
    /** How long an idle program thread waits for another program before it ends. */
    private static final long IDLE_KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Idle program threads kept at most (more only while that many programs run at once). */
    private static final int MAX_IDLE_WORKERS = 4;
    private static final java.util.concurrent.atomic.AtomicInteger WORKER_IDS =
            new java.util.concurrent.atomic.AtomicInteger();

    /** Idle program threads, the most recently used first (its stack and caches are the warmest). */
    private final java.util.ArrayDeque<ProgramWorker> idleWorkers = new java.util.ArrayDeque<>();
    /** Every live program thread, idle or not (guarded by {@link Kernel#lock}). */
    private final java.util.Set<Thread> programThreads = new java.util.HashSet<>();

    /**
     * A pooled program thread: waits for a program run, runs it, goes back to the pool. It is named after the
     * program it runs, or ran last ({@code fake-pid-PID-PATH}).
     */
    private final class ProgramWorker implements Runnable {
        final Thread thread;
        /** The next run, set under {@link Kernel#lock} by the driver that takes this worker from the pool. */
        volatile Proc nextProc;
        volatile Proc.ProgramRunner next;
        /** Set under {@link Kernel#lock}: the worker ends instead of waiting for another run. */
        volatile boolean quit;

        ProgramWorker() {
            thread = new Thread(this, "fake-program-" + WORKER_IDS.incrementAndGet());
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                Proc.ProgramRunner r = awaitRun();
                if (r == null) {
                    return;
                }
                Proc p = nextProc;
                nextProc = null;
                next = null;
                Thread.interrupted(); // a previous program's interrupt is not this one's
                programMain(p, r, this);
            }
        }

        /** Parks until a run is assigned; null once the worker must end. */
        private Proc.ProgramRunner awaitRun() {
            long start = System.nanoTime();
            while (true) {
                Proc.ProgramRunner r = next;
                if (r != null) {
                    return r;
                }
                if (quit) {
                    return null;
                }
                long waited = System.nanoTime() - start;
                if (waited < IDLE_KEEP_ALIVE_NANOS) {
                    LockSupport.parkNanos(this, IDLE_KEEP_ALIVE_NANOS - waited);
                    Thread.interrupted(); // nobody may interrupt an idle worker into a busy loop
                    continue;
                }
                k.lock.lock();
                try {
                    if (next == null) {
                        idleWorkers.remove(this);
                        programThreads.remove(thread);
                        return null;
                    }
                } finally {
                    k.lock.unlock();
                }
            }
        }
    }

    void startProgram(Proc p, Proc.Launch l) {
        if (p.runner != null) {
            unwind(p, "replaced by execve of " + l.path);
        }
        p.kind = Proc.Kind.PROGRAM;
        p.server = null;
        Proc.ProgramRunner runner = new Proc.ProgramRunner(l);
        p.runner = runner;
        if (l.program instanceof Programs.ExitOnly e) {
            runInline(p, runner, e.status());
            return;
        }
        runner.context = new ProgramContextImpl(k, p, runner);
        ProgramWorker w = idleWorkers.pollFirst();
        boolean fresh = w == null;
        if (fresh) {
            w = new ProgramWorker();
            programThreads.add(w.thread);
        }
        // renaming another thread makes no system call (naming the current one does); shown in thread dumps
        w.thread.setName("fake-pid-" + p.pid + "-" + l.path);
        runner.thread = w.thread;
        runner.running = true;
        w.nextProc = p;
        w.next = runner;
        if (fresh) {
            w.thread.start();
        }
        handOver(runner, w.thread, Long.MAX_VALUE);
    }

    /**
     * Runs a program whose only syscall is its exit on the driver itself, under {@link Kernel#lock}: no thread, no
     * hand-over. This is the scheduled run without the thread: on a program thread the driver would hand over the
     * turn and wait while the program ran to its {@code exit_group}, deposited that call and ended (see
     * {@link #programSyscall}), with nothing else running meanwhile; here the same call is deposited in the same
     * state, from the same point of the driver's step, and the scheduler, the clock, the random source and the
     * trace cannot tell which thread did it.
     */
    private void runInline(Proc p, Proc.ProgramRunner runner, int status) {
        // what ProgramContext.exit(status) deposits: exit_group with the status as its only argument
        deposit(p, runner, exitGroupNr, status, 0, 0, 0, 0, 0);
        runner.finished = true;
    }

    /**
     * The driver gives the turn to a program thread (already marked running) and waits until the program makes its
     * next syscall or ends, or {@code timeoutNanos} pass. The kernel k.lock is released meanwhile (the program takes
     * it to deposit its syscall; other JVM threads may take it to wait for the baton) and held again on return.
     */
    private void handOver(Proc.ProgramRunner r, Thread programThread, long timeoutNanos) {
        r.driver = Thread.currentThread();
        int holds = k.lock.getHoldCount();
        for (int i = 0; i < holds; i++) {
            k.lock.unlock();
        }
        boolean interrupted = false;
        try {
            LockSupport.unpark(programThread);
            long start = System.nanoTime();
            while (r.running) {
                long waited = System.nanoTime() - start;
                if (waited >= timeoutNanos) {
                    break;
                }
                if (waited < POLL_NANOS) {
                    Thread.yield();
                    continue;
                }
                LockSupport.parkNanos(this, Math.min(timeoutNanos - waited, TimeUnit.SECONDS.toNanos(1)));
                interrupted |= Thread.interrupted();
            }
        } finally {
            for (int i = 0; i < holds; i++) {
                k.lock.lock();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A program thread's turn ends (a syscall or the end of the program): wakes the driver waiting for it. */
    private static void endTurn(Proc.ProgramRunner r) {
        r.running = false;
        Thread d = r.driver;
        if (d != null) {
            LockSupport.unpark(d);
        }
    }

    /** On a program thread: polls, then parks, until the driver gives it the turn again. */
    private static void awaitTurn(Proc.ProgramRunner r) {
        long start = System.nanoTime();
        boolean interrupted = false;
        while (!r.running) {
            if (System.nanoTime() - start < POLL_NANOS) {
                Thread.yield();
                continue;
            }
            LockSupport.park(r);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void programMain(Proc p, Proc.ProgramRunner runner, ProgramWorker worker) {
        int status;
        try {
            try {
                status = runner.launch.program.run(runner.context);
            } catch (ProgramUnwind u) {
                throw u;
            } catch (Throwable t) {
                status = reportFailure(p, runner, t);
            }
            runner.context.exit(status);
        } catch (ProgramUnwind u) {
            // killed, exited or replaced by execve: nothing left to do on this thread
        } catch (Throwable t) {
            k.lock.lock();
            try {
                k.programFailures.add("pid " + p.pid + " (" + runner.launch.path + ") failed while exiting: " + t);
            } finally {
                k.lock.unlock();
            }
        } finally {
            k.lock.lock();
            try {
                runner.finished = true;
                // back to the pool before the driver is woken, so that its next execve finds this thread
                if (!k.closed && idleWorkers.size() < MAX_IDLE_WORKERS) {
                    idleWorkers.addFirst(worker);
                } else {
                    worker.quit = true;
                    programThreads.remove(worker.thread);
                }
            } finally {
                k.lock.unlock();
            }
            endTurn(runner);
        }
    }

    private int reportFailure(Proc p, Proc.ProgramRunner runner, Throwable t) {
        java.io.StringWriter sw = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(sw));
        String report = "Exception in simulated program " + runner.launch.path + " (pid " + p.pid + "): " + sw;
        k.lock.lock();
        try {
            k.programFailures.add(report);
        } finally {
            k.lock.unlock();
        }
        try {
            runner.context.print(2, report);
        } catch (ProgramUnwind u) {
            throw u;
        } catch (RuntimeException ignored) {
            // stderr may be k.closed or a broken pipe; the report is kept in k.programFailures anyway
        }
        return 1;
    }

    /** Called on a program thread: deposits the syscall and waits for the scheduler to hand back its result. */
    long programSyscall(Proc p, Proc.ProgramRunner runner, int nr, long a0, long a1, long a2, long a3, long a4,
            long a5) {
        if (Thread.currentThread() != runner.thread) {
            throw new IllegalStateException("a simulated program's syscalls must come from its own thread ("
                    + runner.thread.getName() + "), not " + Thread.currentThread().getName());
        }
        if (runner.unwinding) {
            throw new ProgramUnwind(runner.unwindReason);
        }
        deposit(p, runner, nr, a0, a1, a2, a3, a4, a5);
        if (runner.unwinding) {
            throw new ProgramUnwind(runner.unwindReason);
        }
        endTurn(runner);
        awaitTurn(runner);
        if (runner.unwinding) {
            throw new ProgramUnwind(runner.unwindReason);
        }
        return runner.resumeValue;
    }

    /** The program's syscall becomes its process's pending call, for the scheduler to run. */
    private void deposit(Proc p, Proc.ProgramRunner runner, int nr, long a0, long a1, long a2, long a3, long a4,
            long a5) {
        k.lock.lock();
        try {
            p.call = new Call(p, nr, a0, a1, a2, a3, a4, a5);
            p.run = Proc.Run.READY;
            if (nr == exitGroupNr || nr == exitNr) {
                /*
                 * exit and exit_group never return to the program, whatever happens to the call (a kill first, a
                 * fault): the program's stack can unwind now, while it still has the turn, instead of the driver
                 * handing the turn back only to unwind it when the call runs. The turn ends once the stack is
                 * unwound (programMain), so the program's Java code has still finished before its exit completes.
                 */
                runner.unwindReason = "pid " + p.pid + " called " + k.syscallName(nr);
                runner.unwinding = true;
            }
        } finally {
            k.lock.unlock();
        }
    }

    void resumeProgram(Proc p, long value) {
        Proc.ProgramRunner r = p.runner;
        if (r.finished) {
            // a hook made its exit or exit_group fail: the program ended at the call (programSyscall) and cannot take
            // the result, so the process stays without a call, as it did when the program's exit threw on a return
            k.programFailures.add("pid " + p.pid + " (" + r.launch.path + "): its exit returned " + value
                    + " (a SyscallHook failed it), but a program's exit never returns");
            return;
        }
        r.resumeValue = value;
        r.running = true;
        handOver(r, r.thread, Long.MAX_VALUE);
    }

    /** Ends a program thread: it throws out of its pending syscall; we wait until it has finished. */
    void unwind(Proc p, String reason) {
        Proc.ProgramRunner r = p.runner;
        p.runner = null;
        if (r == null || r.finished) {
            return;
        }
        r.unwindReason = reason;
        r.unwinding = true;
        r.running = true;
        handOver(r, r.thread, TimeUnit.SECONDS.toNanos(10));
        if (!r.finished) {
            k.programFailures.add("pid " + p.pid + " (" + r.launch.path + "): its thread did not finish within 10 s"
                    + " of being told to (" + reason + "); it ignores ProgramUnwind or blocks outside syscalls");
        }
    }

    /** Ends the idle program threads (at close); running ones end when their programs are unwound. */
    void retireIdleWorkers() {
        for (ProgramWorker w : idleWorkers) {
            w.quit = true;
            programThreads.remove(w.thread);
            LockSupport.unpark(w.thread);
        }
        idleWorkers.clear();
    }

    /** Thrown into a program thread whose process died or exec'd; programs must not catch it. */
    static final class ProgramUnwind extends Error {
        private static final long serialVersionUID = 1L;

        ProgramUnwind(String reason) {
            super(reason, null, false, false);
        }
    }
}
