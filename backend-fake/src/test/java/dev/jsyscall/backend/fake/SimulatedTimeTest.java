// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.KernelTime;
import dev.jsyscall.Spawn;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.epoll.Epoll;
import dev.jsyscall.linux.eventfd.EventFd;
import dev.jsyscall.linux.unistd.Unistd;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link Kernel#time()} on the virtual clock, and the limits that end a run which would not end by itself. */
class SimulatedTimeTest {

    @Test
    @DisplayName("a task scheduled 10 minutes ahead completes in well under a second of wall time, on virtual time")
    void tenMinutesInMilliseconds() throws Exception {
        try (Kernel kernel = Kernel.open(FakeKernel.builder().seed(3).build())) {
            KernelTime time = kernel.time();
            ScheduledExecutorService ses = time.newScheduledExecutor();
            Instant before = time.clock().instant();
            long wall = System.nanoTime();
            ScheduledFuture<Instant> f = ses.schedule(() -> time.clock().instant(), 10, TimeUnit.MINUTES);
            Instant ran = f.get(30, TimeUnit.SECONDS);
            long wallTook = System.nanoTime() - wall;
            assertThat(Duration.between(before, ran)).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(10).plusSeconds(1));
            assertThat(Duration.ofNanos(wallTook)).isLessThan(Duration.ofSeconds(1));
            // the fake boots on 2026-01-01: this is its clock, not the host's
            assertThat(before).isBetween(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:01:00Z"));
            ses.shutdown();
            assertThat(ses.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    @DisplayName("a scheduled task runs on virtual time while another JVM thread waits in the kernel without a timeout")
    void scheduledBesideAThreadThatWaitsForEver() throws Exception {
        try (Kernel kernel = Kernel.open(FakeKernel.builder().build())) {
            LocalTask task = kernel.localTask();
            int efd = task.call(EventFd.eventfd2(0, EventFd.EFD_CLOEXEC));
            int epfd = task.call(Epoll.epollCreate1(Epoll.EPOLL_CLOEXEC));
            task.call(Epoll.epollCtl(task.arch(), epfd, Epoll.EPOLL_CTL_ADD, efd, Epoll.EPOLLIN, 0));
            // an event loop like the api's poller: it waits for good, and its wait has no timer
            CompletableFuture<Integer> loop = CompletableFuture.supplyAsync(() -> task.call(Epoll.epollWait(epfd, 1, -1)),
                    r -> {
                        Thread t = new Thread(r, "forever");
                        t.setDaemon(true);
                        t.start();
                    });
            ScheduledExecutorService ses = kernel.time().newScheduledExecutor();
            long t0 = kernel.time().nanoTime();
            long ranAt = ses.schedule(() -> kernel.time().nanoTime(), 10, TimeUnit.MINUTES).get(30, TimeUnit.SECONDS);
            assertThat(ranAt - t0).isGreaterThanOrEqualTo(Duration.ofMinutes(10).toNanos());
            task.call(EventFd.eventfdWrite(efd, 1));
            assertThat(loop.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            ses.shutdown();
            assertThat(ses.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            task.call(Unistd.close(epfd));
            task.call(Unistd.close(efd));
        }
    }

    @Test
    @DisplayName("an hour of sleep on the virtual clock takes well under a second of wall time")
    void sleepAnHour() {
        try (Kernel kernel = Kernel.open(FakeKernel.builder().build())) {
            long t0 = kernel.time().nanoTime();
            long wall = System.nanoTime();
            kernel.time().sleep(Duration.ofHours(1));
            assertThat(kernel.time().nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofHours(1).toNanos());
            assertThat(Duration.ofNanos(System.nanoTime() - wall)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    @DisplayName("a sleep that would pass the time limit ends the run with an error naming the limit and the time")
    void timeLimitOnASleep() {
        try (Kernel kernel = Kernel.open(FakeKernel.builder().seed(9).timeLimit(Duration.ofMinutes(1)).build())) {
            kernel.time().sleep(Duration.ofSeconds(30)); // under the limit
            assertThatThrownBy(() -> kernel.time().sleep(Duration.ofMinutes(5)))
                    .isInstanceOf(FakeTimeLimitException.class)
                    .hasMessageContaining("simulated time limit of PT1M")
                    .hasMessageContaining("clock_nanosleep")
                    .hasMessageContaining("seed 9")
                    .satisfies(e -> {
                        FakeTimeLimitException t = (FakeTimeLimitException) e;
                        assertThat(t.limit()).isEqualTo(Duration.ofMinutes(1));
                        assertThat(t.virtualTime()).isBetween(Duration.ofSeconds(30), Duration.ofMinutes(1));
                        assertThat(t.processTable()).contains("PID", "local");
                    });
        }
    }

    @Test
    @DisplayName("a program that sleeps 1 s in a loop is stopped at the time limit instead of running the clock on")
    void timeLimitOnASleepLoop() {
        FakeKernel fake = FakeKernel.builder().timeLimit(Duration.ofSeconds(100))
                .program("/bin/sleeploop", ctx -> {
                    while (true) {
                        ctx.sleep(Duration.ofSeconds(1));
                    }
                }).build();
        try (Kernel kernel = Kernel.open(fake)) {
            long wall = System.nanoTime();
            assertThatThrownBy(() -> Spawn.of(Command.of("/bin/sleeploop")).run(kernel.localTask()))
                    .isInstanceOf(FakeTimeLimitException.class)
                    .hasMessageContaining("PT1M40S");
            assertThat(Duration.ofNanos(System.nanoTime() - wall)).isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    @DisplayName("a scheduled task past the time limit fails its future with the time-limit error")
    void timeLimitReachesTheFuture() throws Exception {
        try (Kernel kernel = Kernel.open(FakeKernel.builder().timeLimit(Duration.ofMinutes(1)).build())) {
            ScheduledExecutorService ses = kernel.time().newScheduledExecutor();
            ScheduledFuture<?> f = ses.schedule(() -> { }, 2, TimeUnit.MINUTES);
            assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(FakeTimeLimitException.class);
            assertThat(ses.awaitTermination(10, TimeUnit.SECONDS)).as("the executor ends after the failure").isTrue();
        }
    }

    @Test
    @DisplayName("the livelock step limit is set from the builder and names itself in the error")
    void livelockSteps() {
        FakeKernel fake = FakeKernel.builder().livelockSteps(2_000)
                .program("/bin/spin", ctx -> {
                    while (true) {
                        ctx.syscall(Syscall.GETPID);
                    }
                }).build();
        try (Kernel kernel = Kernel.open(fake)) {
            long wall = System.nanoTime();
            assertThatThrownBy(() -> Spawn.of(Command.of("/bin/spin")).run(kernel.localTask()))
                    .isInstanceOf(FakeLivelockException.class)
                    .hasMessageContaining("2000 scheduling steps")
                    .hasMessageContaining("livelockSteps")
                    .satisfies(e -> assertThat(((FakeLivelockException) e).steps()).isEqualTo(2_000));
            assertThat(Duration.ofNanos(System.nanoTime() - wall)).isLessThan(Duration.ofSeconds(5));
        }
        assertThatThrownBy(() -> FakeKernel.builder().livelockSteps(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("livelockSteps");
        assertThatThrownBy(() -> FakeKernel.builder().timeLimit(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeLimit");
    }
}
