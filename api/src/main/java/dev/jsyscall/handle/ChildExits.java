// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.linux.wait.ChildState;
import dev.jsyscall.spi.Capability;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * How one {@link ChildProcess}'s exit reaches the threads that wait for it without blocking in the kernel: the
 * exit future, the registration with the {@link ExitWatcher} on a real kernel, and {@link ChildProcess#onExit()}'s
 * futures, which on a simulated kernel reap on the thread that waits for them. The handle's public waits delegate
 * here; the state is guarded by the child's monitor, so it changes atomically with the child's death.
 */
final class ChildExits {
    /** A thread per future, since a callback may block (the common pool has a single worker on a two-core machine). */
    private static final Executor PER_TASK = dev.jsyscall.internal.VirtualThreads.perTask("jsyscall-onExit");
    /**
     * Where {@link ChildProcess#onExit()} completes its futures: never a thread that is the only one watching for
     * exits, nor inside the reaping section. The readiness-loop thread that saw the exit completes them itself, after
     * its turn, when another of the loop's threads has taken over the watch ({@link Poller#runAfterEvents}): that
     * spares a wake-up of another thread per exit. Any other thread (the loop's only waiting one, a waiter that
     * reaped) hands them to a thread of their own.
     */
    private static final Executor ASYNC = command -> Poller.runAfterEvents(command, PER_TASK);

    private final ChildProcess child;
    private final ChildWaits waits;
    /** Registered with the exit watcher. */
    private boolean watched;
    private CompletableFuture<ChildState> exit;

    ChildExits(ChildProcess child, ChildWaits waits) {
        this.child = child;
        this.waits = waits;
    }

    /** Where {@code onExit()} completes: on a simulated kernel the thread that reaped, as another would race it. */
    Executor completionExecutor() {
        return simulated() ? Runnable::run : ASYNC;
    }

    /** Whether the child belongs to a simulated kernel, where the api starts no thread of its own. */
    private boolean simulated() {
        return child.task() instanceof LocalTask
                && !((LocalTask) child.task()).capabilities().contains(Capability.REAL_KERNEL);
    }

    /** For {@code markDead}, with the child's monitor held: the future to complete, or null. */
    CompletableFuture<ChildState> future() {
        return exit;
    }

    /** For {@code markDead}, with the child's monitor held: whether the exit watcher has the child. */
    boolean watched() {
        return watched;
    }

    /**
     * With the child's monitor held and the child alive: the exit future to park on, or null when the caller must
     * wait in the kernel itself.
     */
    CompletableFuture<ChildState> futureToAwait() {
        return watched || viaExitWatcher() ? exitFuture() : null;
    }

    /**
     * On a real kernel, a child of the local task with a pidfd is waited for by the exit watcher, which parks the
     * waiters: a blocking waitid would pin a virtual thread's carrier and could not be interrupted. A simulated
     * kernel is waited for on the caller's thread, so that no other thread enters it.
     */
    private boolean viaExitWatcher() {
        return child.pidfd().isPresent() && child.task() instanceof LocalTask
                && ((LocalTask) child.task()).capabilities().contains(Capability.REAL_KERNEL);
    }

    private CompletableFuture<ChildState> exitFuture() {
        synchronized (child) {
            if (exit == null) {
                exit = new CompletableFuture<>();
                child.deathState().ifPresent(exit::complete);
            }
            return exit;
        }
    }

    /** Registers the child with the exit watcher, once. */
    void watch() {
        synchronized (child) {
            if (watched || child.deathState().isPresent()) {
                return;
            }
            requireWatchable();
            watched = true;
        }
        try {
            ((LocalTask) child.task()).exitWatcher().watch(child);
        } catch (RuntimeException e) {
            synchronized (child) {
                watched = false;
            }
            throw e;
        }
    }

    private void requireWatchable() {
        synchronized (child) {
            if (child.deathState().isEmpty() && (child.pidfd().isEmpty() || !(child.task() instanceof LocalTask))) {
                throw new ChildProcessException(child.near(), "onExit needs a child of the local task with a pidfd"
                        + " (CLONE_PIDFD or pidfd_open); " + child + (child.pidfd().isEmpty() ? " has no pidfd"
                        : " belongs to " + child.task()));
            }
        }
    }

    /** Parks on the exit future, as a wait of the child's: an interrupt and a failure are the child's. */
    ChildState await(CompletableFuture<ChildState> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitInterruptedException(child, e);
        } catch (ExecutionException e) {
            throw ChildProcess.causeOf(e);
        }
    }

    /** {@link ChildProcess#onExit(Executor)} for a child not known dead when it was called. */
    CompletableFuture<ChildState> onExit(Executor executor) {
        CompletableFuture<ChildState> f;
        synchronized (child) {
            if (child.deathState().isPresent()) {
                return CompletableFuture.completedFuture(child.deathState().orElseThrow());
            }
            f = exitFuture();
        }
        CompletableFuture<ChildState> mine;
        boolean lookOnce = false;
        if (simulated()) {
            requireWatchable();
            mine = new SimulatedExit<>(child);
            SimulatedExits exits = ((LocalTask) child.task()).simulatedExits();
            if (exits != null) {
                exits.watch(child);
            }
            // an exit before now was reported when nothing watched this child: look once, on the caller's turn
            lookOnce = exits != null;
        } else {
            watch();
            mine = new CompletableFuture<>();
        }
        // whenCompleteAsync hops to the executor for failures too (thenApplyAsync would pass a failure on at once,
        // running the user's exceptionally() on the watcher's thread)
        f.whenCompleteAsync((state, failure) -> {
            if (failure != null) {
                mine.completeExceptionally(failure);
            } else {
                mine.complete(state);
            }
        }, executor);
        if (lookOnce) {
            ((LocalTask) child.task()).simulatedExits().childChanged();
        }
        return mine;
    }

    /**
     * Reaps the child if it has exited, without blocking ({@link SimulatedExits}); whether it is dead now. A failure
     * completes {@link ChildProcess#onExit()} exceptionally, as the exit watcher's does.
     */
    boolean reapIfExited() {
        try {
            return child.deathState().isPresent() || waits.reapOnceExited(false);
        } catch (RuntimeException e) {
            abandonWatch(e);
            return true;
        }
    }

    /** Called by the exit watcher once the pidfd is readable (the child exited): reaps it. */
    void reapForWatcher() {
        try {
            if (!waits.reapOnceExited(false)) {
                synchronized (child) {
                    watched = false;
                }
                watch();
            }
        } catch (RuntimeException e) {
            abandonWatch(e);
        }
    }

    /** Completes {@link ChildProcess#onExit()} exceptionally (the watcher stopped or failed). */
    void abandonWatch(RuntimeException why) {
        CompletableFuture<ChildState> f;
        synchronized (child) {
            f = exit;
            watched = false;
        }
        if (f != null) {
            f.completeExceptionally(why);
        }
    }

    /**
     * {@link ChildProcess#onExit()}'s future on a simulated kernel, and every stage made from it: waiting for it
     * reaps the child on the waiting thread first, as {@link ChildProcess#waitForExit()} does. No exit-watcher
     * thread runs there, because a thread of the api's own would enter the simulation at moments the seed does not
     * choose.
     */
    private static final class SimulatedExit<T> extends CompletableFuture<T> {
        private final ChildProcess child;

        SimulatedExit(ChildProcess child) {
            this.child = child;
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new SimulatedExit<>(child);
        }

        @Override
        public T get() throws InterruptedException, ExecutionException {
            if (!isDone()) {
                child.waitForExit();
            }
            return super.get();
        }

        @Override
        public T get(long timeout, java.util.concurrent.TimeUnit unit)
                throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
            if (!isDone() && child.waitForExit(java.time.Duration.ofNanos(unit.toNanos(timeout))).isEmpty()) {
                throw new java.util.concurrent.TimeoutException(child + " did not exit within " + timeout + " "
                        + unit + " of simulated time");
            }
            return super.get(timeout, unit);
        }

        @Override
        public T join() {
            if (!isDone()) {
                child.waitForExit();
            }
            return super.join();
        }
    }
}
