// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.KernelTime;
import dev.jsyscall.spi.Capability;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Time through the kernel ({@link dev.jsyscall.Kernel#time()}): the clock, sleeping and the scheduled executor
 * behave the same on the real clock and on the fake's virtual one. Every wait below is bounded in wall time, so a
 * broken executor fails instead of hanging.
 *
 * @since 0.2
 */
public interface TimeContract extends ConformanceArea {

    /** The wall-time bound of every wait here: generous on a loaded machine, small beside a hang. */
    long WAIT_SECONDS = 30;

    private KernelTime time() {
        return kernel().time();
    }

    private static void terminate(ScheduledExecutorService ses) throws InterruptedException {
        ses.shutdownNow();
        assertThat(ses.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).as("the executor terminated").isTrue();
    }

    private static int schedulerThreads() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("jsyscall-scheduler-")) {
                n++;
            }
        }
        return n;
    }

    @Test
    @RuleId("TM1")
    @DisplayName("the kernel's monotonic time and clock advance across a sleep by at least the time slept")
    default void clockAdvancesAcrossASleep() {
        KernelTime time = time();
        long t0 = time.nanoTime();
        Instant i0 = time.clock().instant();
        time.sleep(Duration.ofMillis(50));
        long slept = time.nanoTime() - t0;
        assertThat(slept).as("CLOCK_MONOTONIC across the sleep, ns").isGreaterThanOrEqualTo(50_000_000L);
        assertThat(time.clock().instant()).isAfterOrEqualTo(i0.plusMillis(50));
        if (kernel().capabilities().contains(Capability.REAL_KERNEL)) {
            // the production clock is the JVM's own wall clock, not a copy of it that drifts
            assertThat(Duration.between(Instant.now(), time.clock().instant()).abs()).isLessThan(Duration.ofSeconds(5));
        }
        time.sleep(Duration.ZERO);
        assertThatThrownBy(() -> time.sleep(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duration");
    }

    @Test
    @RuleId("TM2")
    @DisplayName("scheduled tasks run in the order of their delays, not of their submission, and not early")
    default void tasksRunInOrderOfTheirDelays() throws Exception {
        ScheduledExecutorService ses = time().newScheduledExecutor();
        try {
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            long start = time().nanoTime();
            List<ScheduledFuture<Long>> futures = new ArrayList<>();
            // 250 ms apart: far more than submitting takes, even on a loaded machine (each delay counts from its own
            // submission, so tasks submitted slowly with close delays may rightly run in another order)
            for (int delay : new int[] {750, 250, 500, 0}) {
                futures.add(ses.schedule(() -> {
                    order.add(delay);
                    return time().nanoTime() - start;
                }, delay, TimeUnit.MILLISECONDS));
            }
            List<Long> ranAfter = new ArrayList<>();
            for (ScheduledFuture<Long> f : futures) {
                ranAfter.add(f.get(WAIT_SECONDS, TimeUnit.SECONDS));
            }
            assertThat(order).containsExactly(0, 250, 500, 750);
            assertThat(ranAfter.get(0)).as("the 750 ms task ran after, ns").isGreaterThanOrEqualTo(750_000_000L);
            assertThat(ranAfter.get(1)).as("the 250 ms task ran after, ns").isGreaterThanOrEqualTo(250_000_000L);
        } finally {
            terminate(ses);
        }
    }

    @Test
    @RuleId("TM3")
    @DisplayName("a cancelled task never runs and leaves the queue, and a cancelled fixed-rate task runs no more")
    default void cancelStopsTasks() throws Exception {
        ScheduledExecutorService ses = time().newScheduledExecutor();
        try {
            AtomicInteger late = new AtomicInteger();
            ScheduledFuture<?> never = ses.schedule(late::incrementAndGet, 1, TimeUnit.HOURS);
            assertThat(never.cancel(false)).isTrue();
            assertThat(never.isCancelled()).isTrue();
            assertThat(never.isDone()).isTrue();

            AtomicInteger runs = new AtomicInteger();
            CountDownLatch three = new CountDownLatch(3);
            ScheduledFuture<?> rate = ses.scheduleAtFixedRate(() -> {
                runs.incrementAndGet();
                three.countDown();
            }, 0, 10, TimeUnit.MILLISECONDS);
            assertThat(three.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("three runs of the fixed-rate task").isTrue();
            assertThat(rate.cancel(false)).isTrue();
            int atCancel = runs.get();
            time().sleep(Duration.ofMillis(60));
            // one run may have been under way when cancel returned
            assertThat(runs.get()).isLessThanOrEqualTo(atCancel + 1);
            assertThatThrownBy(() -> rate.get()).isInstanceOf(java.util.concurrent.CancellationException.class);

            ses.shutdown();
            // the hour-long task was removed by its cancel: nothing is left to wait for
            assertThat(ses.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(late.get()).isZero();
        } finally {
            terminate(ses);
        }
    }

    @Test
    @RuleId("TM4")
    @DisplayName("shutdown runs the delayed one-shot tasks, stops the periodic ones, refuses new ones and ends the"
            + " worker thread")
    default void shutdownEndsTheWorker() throws Exception {
        int before = schedulerThreads();
        ScheduledExecutorService ses = time().newScheduledExecutor();
        try {
            ScheduledFuture<String> delayed = ses.schedule(() -> "ran", 30, TimeUnit.MILLISECONDS);
            ScheduledFuture<?> periodic = ses.scheduleWithFixedDelay(() -> { }, 0, 10, TimeUnit.MILLISECONDS);
            ses.shutdown();
            assertThat(ses.isShutdown()).isTrue();
            assertThatThrownBy(() -> ses.schedule(() -> { }, 0, TimeUnit.SECONDS))
                    .isInstanceOf(RejectedExecutionException.class);
            assertThat(delayed.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("ran");
            assertThat(periodic.isCancelled()).isTrue();
            assertThat(ses.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(ses.isTerminated()).isTrue();
            assertThat(schedulerThreads()).as("scheduler threads alive after termination").isLessThanOrEqualTo(before);
        } finally {
            terminate(ses);
        }
    }

    @Test
    @RuleId("TM5")
    @DisplayName("shutdownNow returns the tasks that never ran and the worker ends without waiting for them")
    default void shutdownNowReturnsTheWaitingTasks() throws Exception {
        int before = schedulerThreads();
        ScheduledExecutorService ses = time().newScheduledExecutor();
        AtomicInteger ran = new AtomicInteger();
        ses.schedule(ran::incrementAndGet, 1, TimeUnit.HOURS);
        ses.schedule(ran::incrementAndGet, 2, TimeUnit.HOURS);
        assertThat(ses.shutdownNow()).hasSize(2);
        assertThat(ses.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(ran.get()).isZero();
        assertThat(schedulerThreads()).as("scheduler threads alive after termination").isLessThanOrEqualTo(before);
    }

    @Test
    @RuleId("TM6")
    @DisplayName("a task's exception reaches its future, and a periodic task that throws is not run again")
    default void taskExceptionsReachTheirFutures() throws Exception {
        ScheduledExecutorService ses = time().newScheduledExecutor();
        try {
            ScheduledFuture<Object> fails = ses.schedule(() -> {
                throw new IllegalStateException("planted");
            }, 5, TimeUnit.MILLISECONDS);
            assertThatThrownBy(() -> fails.get(WAIT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IllegalStateException.class).hasRootCauseMessage("planted");
            AtomicInteger runs = new AtomicInteger();
            ScheduledFuture<?> periodic = ses.scheduleAtFixedRate(() -> {
                runs.incrementAndGet();
                throw new IllegalStateException("periodic");
            }, 0, 5, TimeUnit.MILLISECONDS);
            assertThatThrownBy(() -> periodic.get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasRootCauseMessage("periodic");
            time().sleep(Duration.ofMillis(30));
            assertThat(runs.get()).isEqualTo(1);
            // the worker survived both
            assertThat(ses.schedule(() -> 7, 0, TimeUnit.SECONDS).get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(7);
        } finally {
            terminate(ses);
        }
    }

    @Test
    @RuleId("TM7")
    @DisplayName("the scheduled executor refuses a null task or unit and a period that is not positive, naming it")
    default void executorRefusesBadArguments() throws Exception {
        ScheduledExecutorService ses = time().newScheduledExecutor();
        try {
            assertThatThrownBy(() -> ses.schedule((Runnable) null, 1, TimeUnit.SECONDS))
                    .isInstanceOf(NullPointerException.class).hasMessage("command");
            assertThatThrownBy(() -> ses.schedule(() -> { }, 1, null))
                    .isInstanceOf(NullPointerException.class).hasMessage("unit");
            assertThatThrownBy(() -> ses.scheduleAtFixedRate(() -> { }, 0, 0, TimeUnit.SECONDS))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("period");
            assertThatThrownBy(() -> ses.scheduleWithFixedDelay(() -> { }, 0, -1, TimeUnit.SECONDS))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay");
        } finally {
            terminate(ses);
        }
    }
}
