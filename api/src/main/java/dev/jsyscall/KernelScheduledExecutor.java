// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.epoll.Epoll;
import dev.jsyscall.linux.eventfd.EventFd;
import dev.jsyscall.linux.unistd.Unistd;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link KernelTime#newScheduledExecutor()}: one worker thread that waits in the kernel, so that on the fake the
 * scheduler sees it blocked with a timeout and lets virtual time jump to its next task.
 *
 * <p>No syscall is made while {@link #lock} is held: a thread blocked on a Java monitor looks idle to the fake,
 * which may then move virtual time under it.
 */
final class KernelScheduledExecutor extends AbstractExecutorService implements ScheduledExecutorService {
    private static final AtomicInteger NUMBER = new AtomicInteger();

    private final KernelTime time;
    private final LocalTask task;
    private final int epfd;
    private final int wakeFd;
    private final Thread worker;
    private final Object lock = new Object();
    private final PriorityQueue<Job<?>> queue = new PriorityQueue<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private long sequence;
    private boolean shutdown;
    private Job<?> running;
    private RuntimeException broken;

    KernelScheduledExecutor(KernelTime time, LocalTask task) {
        this.time = time;
        this.task = task;
        this.wakeFd = task.call(EventFd.eventfd2(0, EventFd.EFD_CLOEXEC | EventFd.EFD_NONBLOCK));
        int ep;
        try {
            ep = task.call(Epoll.epollCreate1(Epoll.EPOLL_CLOEXEC));
            try {
                task.call(Epoll.epollCtl(task.arch(), ep, Epoll.EPOLL_CTL_ADD, wakeFd, Epoll.EPOLLIN, 0));
            } catch (RuntimeException e) {
                closeQuietly(ep, e);
                throw e;
            }
        } catch (RuntimeException e) {
            closeQuietly(wakeFd, e);
            throw e;
        }
        this.epfd = ep;
        this.worker = new Thread(this::work, "jsyscall-scheduler-" + NUMBER.incrementAndGet());
        // like the api's other service threads: it must not keep a JVM alive whose kernel nobody closed
        worker.setDaemon(true);
        worker.start();
    }

    // ================================================================ submitting

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Objects.requireNonNull(command, "command");
        return enqueue(new Job<Void>(Executors.callable(command, null), delay(delay, unit), 0));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        Objects.requireNonNull(callable, "callable");
        return enqueue(new Job<>(callable, delay(delay, unit), 0));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        Objects.requireNonNull(command, "command");
        long p = period(period, unit, "period");
        return enqueue(new Job<Void>(Executors.callable(command, null), delay(initialDelay, unit), p));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        Objects.requireNonNull(command, "command");
        long d = period(delay, unit, "delay");
        return enqueue(new Job<Void>(Executors.callable(command, null), delay(initialDelay, unit), -d));
    }

    @Override
    public void execute(Runnable command) {
        schedule(Objects.requireNonNull(command, "command"), 0, TimeUnit.NANOSECONDS);
    }

    private static long delay(long delay, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        return Math.min(Math.max(0, unit.toNanos(delay)), KernelTime.MAX_NANOS);
    }

    private static long period(long period, TimeUnit unit, String name) {
        Objects.requireNonNull(unit, "unit");
        if (period <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + period + " " + unit);
        }
        return Math.max(1, Math.min(unit.toNanos(period), KernelTime.MAX_NANOS));
    }

    private <V> Job<V> enqueue(Job<V> job) {
        // read before the lock: no syscall under it
        job.time = time.deadlineAfter(job.firstDelay);
        boolean wake;
        synchronized (lock) {
            if (shutdown) {
                throw new RejectedExecutionException(this + " is shut down" + (broken == null ? ""
                        : " after its kernel failed: " + broken), broken);
            }
            job.sequence = sequence++;
            queue.add(job);
            wake = queue.peek() == job;
        }
        if (wake) {
            wake();
        }
        return job;
    }

    /** Makes the worker look at the queue again (an earlier task, a cancel, a shutdown). */
    private void wake() {
        try {
            task.call(EventFd.eventfdWrite(wakeFd, 1));
        } catch (ErrnoException e) {
            // EBADF: the worker ended and closed it; EAGAIN: the counter is full, the worker is awake anyway
            if (e.errno() != Errno.EBADF && e.errno() != Errno.EAGAIN) {
                throw e;
            }
        }
    }

    private void requeue(Job<?> job) {
        synchronized (lock) {
            if (!shutdown) {
                queue.add(job);
                return;
            }
        }
        job.cancel(false);
    }

    private void removed(Job<?> job) {
        boolean wake;
        synchronized (lock) {
            wake = queue.remove(job) && shutdown && queue.isEmpty();
        }
        if (wake) {
            wake(); // a shut-down executor ends once its queue is empty
        }
    }

    // ================================================================ shutting down

    @Override
    public void shutdown() {
        List<Job<?>> periodic = new ArrayList<>();
        synchronized (lock) {
            if (shutdown) {
                return;
            }
            shutdown = true;
            queue.removeIf(j -> j.isPeriodic() && periodic.add(j));
        }
        for (Job<?> j : periodic) {
            j.cancel(false);
        }
        wake();
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> never = new ArrayList<>();
        boolean wasShutdown;
        synchronized (lock) {
            wasShutdown = shutdown;
            shutdown = true;
            never.addAll(queue);
            queue.clear();
            if (running != null) {
                // under the lock the worker cannot be between tasks: it clears the interrupt under it too
                worker.interrupt();
            }
        }
        if (!wasShutdown || !never.isEmpty()) {
            wake();
        }
        return never;
    }

    @Override
    public boolean isShutdown() {
        synchronized (lock) {
            return shutdown;
        }
    }

    @Override
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + Objects.requireNonNull(unit, "unit").toNanos(timeout);
        if (!terminated.await(timeout, unit)) {
            return false;
        }
        // the worker counts down as its last act but is still alive a moment after: wait that moment too (within
        // the timeout), so that a caller who then looks for leaked threads finds none
        long left = deadline - System.nanoTime();
        if (Thread.currentThread() != worker && left > 0) {
            worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));   // join(0) would wait for ever
        }
        return true;
    }

    @Override
    public String toString() {
        return "KernelScheduledExecutor(" + worker.getName() + ", " + time + ")";
    }

    // ================================================================ the worker

    private void work() {
        RuntimeException failure = null;
        try {
            while (true) {
                long now = time.nanoTime();
                Job<?> due;
                long waitNanos;
                synchronized (lock) {
                    Job<?> head = queue.peek();
                    if (head == null && shutdown) {
                        break;
                    }
                    due = head != null && head.time <= now ? queue.poll() : null;
                    waitNanos = head == null ? -1 : head.time - now;
                    running = due;
                }
                if (due != null) {
                    try {
                        due.run();
                    } finally {
                        synchronized (lock) {
                            running = null;
                            // a shutdownNow or cancel(true) aimed at that task, not at the worker's next wait
                            Thread.interrupted();
                        }
                    }
                    continue;
                }
                // epoll's timeout is in ms: round up, so that a task never runs before its time
                long ms = waitNanos < 0 ? -1 : Math.min(Integer.MAX_VALUE, (waitNanos + 999_999) / 1_000_000);
                int ready = task.call(Epoll.epollWait(epfd, 1, (int) ms));
                if (ready > 0) {
                    drainWakeups();
                }
            }
        } catch (RuntimeException | Error e) {
            // the kernel failed under the worker (on the fake: a deadlock, a time limit): the tasks can never run,
            // so each future reports it instead of waiting for good
            failure = e instanceof RuntimeException ? (RuntimeException) e : new IllegalStateException(e);
            List<Job<?>> lost;
            synchronized (lock) {
                broken = failure;
                shutdown = true;
                lost = new ArrayList<>(queue);
                queue.clear();
            }
            for (Job<?> j : lost) {
                j.fail(failure);
            }
        } finally {
            try {
                closeQuietly(epfd, failure);
            } finally {
                try {
                    closeQuietly(wakeFd, failure);
                } finally {
                    // even when a close failed (the kernel was closed under us): awaitTermination must not hang
                    terminated.countDown();
                }
            }
        }
    }

    private void drainWakeups() {
        try {
            task.call(EventFd.eventfdRead(wakeFd));
        } catch (ErrnoException e) {
            if (e.errno() != Errno.EAGAIN) {
                throw e;
            }
        }
    }

    private void closeQuietly(int fd, RuntimeException failure) {
        try {
            task.call(Unistd.close(fd));
        } catch (RuntimeException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                throw e;
            }
        }
    }

    /**
     * A task and its time on {@code CLOCK_MONOTONIC}; {@code period} > 0 is a fixed rate, < 0 a fixed delay, 0 once.
     */
    private final class Job<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {
        final long firstDelay;
        final long period;
        long sequence;
        volatile long time;

        Job(Callable<V> callable, long firstDelay, long period) {
            super(callable);
            this.firstDelay = firstDelay;
            this.period = period;
        }

        @Override
        public boolean isPeriodic() {
            return period != 0;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(time - KernelScheduledExecutor.this.time.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            if (other == this) {
                return 0;
            }
            if (other instanceof Job) {
                Job<?> o = (Job<?>) other;
                int c = Long.compare(time - o.time, 0);
                return c != 0 ? c : Long.compare(sequence, o.sequence);
            }
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public void run() {
            if (!isPeriodic()) {
                super.run();
            } else if (runAndReset()) {
                // fixed rate counts from the planned time, so a late run does not shift the later ones
                time = period > 0 ? time + period : KernelScheduledExecutor.this.time.deadlineAfter(-period);
                requeue(this);
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                removed(this);
            }
            return cancelled;
        }

        void fail(Throwable t) {
            setException(t);
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
