// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import dev.jsyscall.backend.fake.internal.Turns;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Application threads that run deterministically on a fake kernel: they share one turn, so that only one of them
 * runs at a time, and the turn moves only at points of the program itself, chosen by the seed. A run of several
 * threads is then its seed's alone, like a single-threaded one.
 *
 * <p>The turn moves at a local syscall of the thread holding it (the seed picks which ready thread goes on, the
 * holder included), when that syscall blocks in the kernel (another ready thread goes on; virtual time moves only
 * when none is ready), when the thread ends, and at the joins of this class: {@link #join(Thread)} and the
 * executor's {@link Future#get()}, {@code invokeAll}, {@code invokeAny} and {@code awaitTermination}. The thread
 * that first uses this object (the test's) joins the turn then. {@code onExit()} callbacks run on whichever thread
 * holds the turn at the syscall where they are due.
 *
 * <p>Not to do: block a thread of the turn in Java waiting for another (a {@code CountDownLatch}, a monitor held
 * across a wait, a {@code ReentrantLock} another thread holds, {@code Thread.sleep}): the turn cannot see it. After
 * two seconds of real time without a syscall or a join the holder is reported in {@link FakeKernel#nondeterminism()}
 * (strict mode: it gets a {@link FakeNondeterminismException} at its next syscall or join) and the turn moves on so
 * that the run ends. While a thread holds a monitor ({@code synchronized}) the turn stays with it at its syscalls,
 * since another thread could need the monitor. Threads not made here keep the plain behaviour: reported when they
 * are in the kernel together with another.
 *
 * <pre>{@code
 * SimulatedThreads threads = fake.threads();
 * Thread a = threads.start(() -> spawnAndWait(kernel));
 * Thread b = threads.start(() -> spawnAndWait(kernel));
 * threads.join(a);
 * threads.join(b);
 * }</pre>
 *
 * @since 0.2
 */
public final class SimulatedThreads implements ThreadFactory {
    private final Turns turns;
    private final AtomicInteger made = new AtomicInteger();

    SimulatedThreads(Turns turns) {
        this.turns = turns;
    }

    /**
     * A new, unstarted thread of the turn, named {@code sim-thread-N} in the order of creation. It joins the turn
     * as ready when started, and first runs when the seed hands it the turn.
     *
     * <pre>{@code
     * Thread t = fake.threads().newThread(() -> work());
     * t.start();
     * }</pre>
     *
     * @param task what the thread runs, not null
     * @return the thread, a daemon
     * @since 0.2
     */
    @Override
    public Thread newThread(Runnable task) {
        Objects.requireNonNull(task, "task");
        return turns.newThread(task, "sim-thread-" + made.incrementAndGet());
    }

    /**
     * A new thread of the turn, started.
     *
     * <pre>{@code
     * Thread t = fake.threads().start(() -> work());
     * }</pre>
     *
     * @param task what the thread runs, not null
     * @return the started thread
     * @since 0.2
     */
    public Thread start(Runnable task) {
        Thread t = newThread(task);
        t.start();
        return t;
    }

    /**
     * Waits until {@code thread}, made by this object, has ended, handing the turn on meanwhile. A join the turn
     * can never complete (every thread waits) is a {@link FakeDeadlockException}.
     *
     * <pre>{@code
     * fake.threads().join(t);
     * }</pre>
     *
     * @param thread a started thread of this object, not null
     * @throws IllegalArgumentException if {@code thread} was not made by this object, or is the caller
     * @throws IllegalStateException if it was never started
     * @since 0.2
     */
    public void join(Thread thread) {
        turns.join(Objects.requireNonNull(thread, "thread"));
    }

    /**
     * An executor that runs each task on a new thread of the turn. Its futures' {@code get} (with or without a
     * timeout, which only bounds a wait the seed decides anyway: a task that never ends is a deadlock, reported),
     * {@code invokeAll}, {@code invokeAny} and {@code awaitTermination} are joins of the turn.
     *
     * <pre>{@code
     * ExecutorService pool = fake.threads().newExecutor();
     * Future<Integer> f = pool.submit(() -> spawnAndWait(kernel));
     * int status = f.get();
     * pool.shutdown();
     * }</pre>
     *
     * @return a new executor
     * @since 0.2
     */
    public ExecutorService newExecutor() {
        return new TurnExecutor();
    }

    private final class TurnExecutor extends AbstractExecutorService {
        private final List<Thread> started = new ArrayList<>();
        private volatile boolean shutdown;

        @Override
        protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
            return new TurnFuture<>(Executors.callable(runnable, value));
        }

        @Override
        protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
            return new TurnFuture<>(callable);
        }

        @Override
        public void execute(Runnable command) {
            Objects.requireNonNull(command, "command");
            Thread t;
            synchronized (this) {
                if (shutdown) {
                    throw new RejectedExecutionException("the executor of " + command + " is shut down");
                }
                t = newThread(command);
                started.add(t);
            }
            if (command instanceof TurnFuture<?> f) {
                f.thread = t;
            }
            t.start();
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws ExecutionException,
                InterruptedException {
            // every task runs to its end, and the first in order that succeeded answers: which one finished first
            // would be a race between threads, not the seed's schedule
            if (tasks.isEmpty()) {
                throw new IllegalArgumentException("tasks: empty");
            }
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> c : tasks) {
                futures.add(submit(c));
            }
            ExecutionException first = null;
            T answer = null;
            boolean answered = false;
            for (Future<T> f : futures) {
                try {
                    T v = f.get();
                    if (!answered) {
                        answer = v;
                        answered = true;
                    }
                } catch (ExecutionException e) {
                    first = first == null ? e : first;
                }
            }
            if (answered) {
                return answer;
            }
            throw first;
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
                throws ExecutionException, InterruptedException {
            return invokeAny(tasks);
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            // each task has its own thread from the start: none is waiting to be handed out
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public synchronized boolean isTerminated() {
            return shutdown && started.stream().noneMatch(Thread::isAlive);
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            List<Thread> all;
            synchronized (this) {
                all = new ArrayList<>(started);
            }
            for (Thread t : all) {
                join(t);
            }
            return shutdown;
        }
    }

    private final class TurnFuture<T> extends FutureTask<T> {
        volatile Thread thread;

        TurnFuture(Callable<T> callable) {
            super(callable);
        }

        @Override
        public T get() throws InterruptedException, ExecutionException {
            Thread t = thread;
            if (t != null && t != Thread.currentThread()) {
                join(t);
            }
            return super.get();
        }

        @Override
        public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException {
            return get();
        }
    }
}
