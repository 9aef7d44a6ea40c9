// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.time.Time;
import dev.jsyscall.linux.time.Timespec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Time for application code, read and waited on through the kernel's syscalls: a {@link Clock}, a monotonic
 * {@link #nanoTime()}, {@link #sleep(Duration)} and {@link ScheduledExecutorService}s. On a real kernel this is
 * the real clock; on the fake it is the fake's virtual clock, which jumps when everything waits, so code written
 * against this class runs unchanged in production and in a simulation, where a ten-minute delay takes
 * milliseconds. Obtain it with {@link Kernel#time()}.
 *
 * <pre>{@code
 * KernelTime time = kernel.time();
 * Instant started = time.clock().instant();
 * time.sleep(Duration.ofSeconds(5));                  // 5 s of virtual time on the fake
 * ScheduledExecutorService ses = time.newScheduledExecutor();
 * ses.schedule(() -> System.out.println("later"), 10, TimeUnit.MINUTES);
 * }</pre>
 *
 * <p>Every read is a {@code clock_gettime} of the kernel's local task, and every wait blocks in the kernel
 * ({@code clock_nanosleep}, {@code epoll_pwait}), so the fake's scheduler sees it: time must only be read and
 * waited on through here, never through {@link System#nanoTime()} or {@link Thread#sleep}, for a simulation to
 * replay. The executors are closed with the kernel.
 *
 * @since 0.2
 */
public final class KernelTime {
    /** The longest wait handled as one: 73 years, so that adding it to any clock reading cannot overflow. */
    static final long MAX_NANOS = Long.MAX_VALUE / 4;

    private final Kernel kernel;
    private final LocalTask task;
    private final Clock utc;
    private final List<KernelScheduledExecutor> executors = new ArrayList<>();
    private boolean closed;

    KernelTime(Kernel kernel) {
        this.kernel = kernel;
        this.task = kernel.localTask();
        this.utc = new KernelClock(this, ZoneOffset.UTC);
    }

    /**
     * A clock on the kernel's {@code CLOCK_REALTIME}, in UTC; bind it where code takes a {@link Clock}.
     *
     * <pre>{@code
     * Instant now = kernel.time().clock().instant();
     * }</pre>
     *
     * @return the clock
     */
    public Clock clock() {
        return utc;
    }

    /**
     * The kernel's {@code CLOCK_MONOTONIC} in nanoseconds: differences measure elapsed time, the value itself means
     * nothing (on Linux it is the time since boot).
     *
     * <pre>{@code
     * long t0 = time.nanoTime();
     * work();
     * Duration took = Duration.ofNanos(time.nanoTime() - t0);
     * }</pre>
     *
     * @return the time in nanoseconds
     */
    public long nanoTime() {
        Timespec t = task.call(Time.clockGettime(Time.CLOCK_MONOTONIC));
        return t.seconds() * 1_000_000_000L + t.nanoseconds();
    }

    /**
     * Sleeps for {@code duration} on the kernel's {@code CLOCK_MONOTONIC}, with {@code clock_nanosleep} to an
     * absolute deadline, restarted after {@code EINTR}. Like a native sleep it is not ended by
     * {@link Thread#interrupt()} (the interrupt status is kept), and on a real kernel it holds a virtual thread's
     * carrier: for many concurrent waits use {@link #newScheduledExecutor()}.
     *
     * <pre>{@code
     * kernel.time().sleep(Duration.ofMillis(250));
     * }</pre>
     *
     * @param duration how long, not negative
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public void sleep(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, was " + duration);
        }
        if (duration.isZero()) {
            return;
        }
        long deadline = deadlineAfter(nanos(duration));
        Timespec until = new Timespec(deadline / 1_000_000_000L, deadline % 1_000_000_000L);
        while (true) {
            try {
                task.call(Time.clockNanosleep(Time.CLOCK_MONOTONIC, Time.TIMER_ABSTIME, until));
                return;
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EINTR) {
                    throw e;
                }
                // a handled signal: the deadline is absolute, so the retry sleeps only what is left
            }
        }
    }

    /**
     * A new {@link ScheduledExecutorService} on the kernel's {@code CLOCK_MONOTONIC}: one worker thread that waits
     * in {@code epoll_pwait} on an eventfd (for new work) with the time to the next task as its timeout, and runs
     * the tasks in order of their times. It keeps the whole contract: fixed rate and fixed delay, {@code cancel}
     * (which also removes the task), {@code shutdown} (delayed one-shot tasks still run, periodic ones stop),
     * {@code shutdownNow} (returns what never ran and interrupts the running task), {@code awaitTermination}, and
     * a task's exception in its future (a periodic task that throws is not run again). After termination its
     * thread has ended and its two fds are closed; {@link Kernel#close()} shuts down every executor still open.
     * Delays are waited with millisecond resolution (tasks never run early).
     *
     * <pre>{@code
     * ScheduledExecutorService ses = kernel.time().newScheduledExecutor();
     * ScheduledFuture<?> tick = ses.scheduleAtFixedRate(this::poll, 0, 1, TimeUnit.SECONDS);
     * ...
     * ses.shutdown();
     * }</pre>
     *
     * @return the executor; shut it down when done
     * @throws MisuseException if the kernel is closed
     */
    public ScheduledExecutorService newScheduledExecutor() {
        synchronized (executors) {
            if (closed) {
                throw new MisuseException("the kernel " + kernel + " is closed: its time has no new executors");
            }
            executors.removeIf(KernelScheduledExecutor::isTerminated);
            KernelScheduledExecutor e = new KernelScheduledExecutor(this, task);
            executors.add(e);
            return e;
        }
    }

    /** Shuts down every executor and waits (a bounded time) for their threads, before the kernel closes. */
    void close() {
        List<KernelScheduledExecutor> open;
        synchronized (executors) {
            closed = true;
            open = new ArrayList<>(executors);
            executors.clear();
        }
        for (KernelScheduledExecutor e : open) {
            e.shutdownNow();
        }
        for (KernelScheduledExecutor e : open) {
            try {
                if (!e.awaitTermination(10, TimeUnit.SECONDS)) {
                    throw new MisuseException("a scheduled task of " + e + " did not end within 10 s of the kernel's"
                            + " close (it ignores interrupts); end it before closing the kernel");
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    long deadlineAfter(long nanos) {
        return nanoTime() + Math.min(Math.max(0, nanos), MAX_NANOS);
    }

    static long nanos(Duration d) {
        return d.compareTo(Duration.ofNanos(MAX_NANOS)) > 0 ? MAX_NANOS : d.toNanos();
    }

    Instant now() {
        Timespec t = task.call(Time.clockGettime(Time.CLOCK_REALTIME));
        return Instant.ofEpochSecond(t.seconds(), t.nanoseconds());
    }

    @Override
    public String toString() {
        return "KernelTime(" + kernel.backendId() + ")";
    }

    /** A {@link Clock} whose every reading is a {@code clock_gettime(CLOCK_REALTIME)} of the kernel. */
    private static final class KernelClock extends Clock {
        private final KernelTime time;
        private final ZoneId zone;

        KernelClock(KernelTime time, ZoneId zone) {
            this.time = time;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId z) {
            return z.equals(zone) ? this : new KernelClock(time, Objects.requireNonNull(z, "zone"));
        }

        @Override
        public Instant instant() {
            return time.now();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KernelClock && ((KernelClock) o).time == time && ((KernelClock) o).zone.equals(zone);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(time) * 31 + zone.hashCode();
        }

        @Override
        public String toString() {
            return "KernelClock[" + time.kernel.backendId() + ", " + zone + "]";
        }
    }
}
