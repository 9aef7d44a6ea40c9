// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jsyscall.Capture;
import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Output;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.Stop;
import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.ChildProcessException;
import dev.jsyscall.handle.ProcessFailedException;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.time.Time;
import dev.jsyscall.linux.wait.ChildState;
import dev.jsyscall.linux.wait.WaitOption;
import dev.jsyscall.spi.Capability;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The everyday layer: run a program and capture its output, feed its stdin, check its status, time it out and
 * stop it with what it started. Composed into a backend's suite with one nested class, as {@link ThreadsContract}
 * is.
 *
 * @since 0.2
 */
public interface EverydayContract extends ConformanceArea {
    /**
     * The kernel under test.
     *
     * @return the kernel, opened by the backend's test
     */
    Kernel kernel();



    private static Spawn sh(String script) {
        return Spawn.of(Command.of("/bin/sh", "-c", script));
    }

    /** 1 MiB that is not all one byte, so that a reordering or a lost chunk shows. */
    private static byte[] mebibyte() {
        byte[] b = new byte[1 << 20];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + (i >>> 12));
        }
        return b;
    }

    /** The kernel's monotonic clock, virtual on a simulated kernel, in nanoseconds. */
    private long now() {
        return local().call(Time.clockGettime(Time.CLOCK_MONOTONIC)).toDuration().toNanos();
    }

    @Test
    @RuleId("EV1")
    @DisplayName("output captures stdout and stderr apart, with the exit state")
    default void outputCapturesBoth() {
        Output o = sh("echo out; echo err >&2; exit 3").output(local());
        assertThat(o.stdoutText()).isEqualTo("out\n");
        assertThat(o.stderrText()).isEqualTo("err\n");
        assertThat(o.state().exitStatus()).isEqualTo(3);
        assertThat(o.timedOut()).isFalse();
        assertThat(o.stdoutTruncated()).isFalse();
    }

    @Test
    @RuleId("EV2")
    @DisplayName("1 MiB written to stderr before any stdout is drained without deadlock")
    default void stderrFirstDoesNotDeadlock() {
        byte[] data = mebibyte();
        Output o = sh("cat >&2; echo done").output(local(), Capture.defaults().input(data));
        assertThat(o.state().isCleanExit()).isTrue();
        assertThat(o.stdoutText()).isEqualTo("done\n");
        assertThat(Arrays.equals(o.stderr(), data)).as("stderr is the 1 MiB fed, in order").isTrue();
    }

    @Test
    @RuleId("EV3")
    @DisplayName("a program echoing 1 MiB of stdin gets it while its output is drained, from bytes or a stream")
    default void echoesAMebibyte() {
        byte[] data = mebibyte();
        Output fromBytes = Spawn.of(Command.of("/bin/cat")).output(local(), Capture.defaults().input(data));
        assertThat(Arrays.equals(fromBytes.stdout(), data)).isTrue();
        Output fromStream = Spawn.of(Command.of("/bin/cat"))
                .output(local(), Capture.defaults().input(new ByteArrayInputStream(data)));
        assertThat(Arrays.equals(fromStream.stdout(), data)).isTrue();
        assertThat(fromStream.state().isCleanExit()).isTrue();
    }

    @Test
    @RuleId("EV4")
    @DisplayName("stdin from a string, and /dev/null (not the JVM's stdin) when none is given")
    default void stdinFromString() {
        assertThat(Spawn.of(Command.of("/bin/cat")).output(local(), Capture.defaults().input("héllo\n"))
                .stdoutText()).isEqualTo("héllo\n");
        assertThat(Spawn.of(Command.of("/bin/cat")).output(local(), Capture.defaults()
                .input("héllo", StandardCharsets.ISO_8859_1)).stdoutText(StandardCharsets.ISO_8859_1))
                .isEqualTo("héllo");
        Output none = Spawn.of(Command.of("/bin/cat")).output(local());
        assertThat(none.stdout()).isEmpty();
        assertThat(none.state().isCleanExit()).isTrue();
    }

    @Test
    @RuleId("EV5")
    @DisplayName("stdin from a file is opened by the child itself")
    default void stdinFromFile() {
        Output byName = Spawn.of(Command.of("/bin/cat", "/etc/hostname")).output(local()).check();
        Output fromFile = Spawn.of(Command.of("/bin/cat"))
                .output(local(), Capture.defaults().input(java.nio.file.Path.of("/etc/hostname"))).check();
        assertThat(fromFile.stdoutText()).isNotEmpty().isEqualTo(byName.stdoutText());
    }

    @Test
    @RuleId("EV6")
    @DisplayName("merged stderr arrives in stdout in the order written")
    default void mergeStderr() {
        Output o = sh("echo a; echo b >&2; echo c; echo d >&2").output(local(), Capture.defaults().mergeStderr());
        assertThat(o.stdoutText()).isEqualTo("a\nb\nc\nd\n");
        assertThat(o.stderr()).isEmpty();
    }

    @Test
    @RuleId("EV7")
    @DisplayName("a limit keeps the first bytes, says it truncated, and keeps draining so the program ends")
    default void limitTruncates() {
        byte[] data = mebibyte();
        Output o = Spawn.of(Command.of("/bin/cat")).output(local(), Capture.defaults().input(data).limit(1000));
        assertThat(o.state().isCleanExit()).as("cat never blocked on a full pipe").isTrue();
        assertThat(o.stdoutTruncated()).isTrue();
        assertThat(o.stdout()).isEqualTo(Arrays.copyOf(data, 1000));
        assertThat(o.stderrTruncated()).isFalse();
    }

    @Test
    @RuleId("EV8")
    @DisplayName("check names the command, the state and the end of stderr; allowed statuses pass")
    default void checkQuotesStderr() {
        Output o = sh("echo first >&2; echo boom >&2; exit 2").output(local());
        assertThatThrownBy(o::check).isInstanceOf(ProcessFailedException.class)
                .hasMessageContaining("/bin/sh").hasMessageContaining("2").hasMessageContaining("boom")
                .satisfies(e -> assertThat(((ProcessFailedException) e).state()).isEqualTo(o.state()));
        assertThat(o.check(0, 2)).isSameAs(o);
        assertThatThrownBy(() -> o.check(0, 1)).isInstanceOf(ProcessFailedException.class);
        assertThatThrownBy(() -> o.check(256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256");
        assertThat(sh("exit 0").output(local()).check().state().isCleanExit()).isTrue();
    }

    @Test
    @RuleId("EV9")
    @DisplayName("a timeout stops the program with the chosen signal and the output says it timed out")
    default void timeoutStops() {
        long start = now();
        Output o = sh("echo started; exec sleep 100").output(local(),
                Capture.defaults().timeout(Duration.ofMillis(300), Stop.of(Signal.SIGTERM, Duration.ofSeconds(5))));
        assertThat(o.timedOut()).isTrue();
        assertThat(o.state().killedBy()).contains(Signal.SIGTERM);
        assertThat(o.stdoutText()).isEqualTo("started\n");
        assertThat(Duration.ofNanos(now() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300))
                .isLessThan(Duration.ofSeconds(5));
        assertThatThrownBy(o::check).hasMessageContaining("timed out");
    }

    @Test
    @RuleId("EV10")
    @DisplayName("a group that ignores SIGTERM is killed after the grace, with what it started, leaving nothing")
    default void stopGroupAfterGrace() {
        stopAfterGrace(Stop.Scope.GROUP, Duration.ofSeconds(1));
    }

    @Test
    @RuleId("EV11")
    @DisplayName("a session that ignores SIGTERM is killed after the grace, with what it started, leaving nothing")
    default void stopSessionAfterGrace() {
        stopAfterGrace(Stop.Scope.SESSION, Duration.ofMillis(300));
    }

    private void stopAfterGrace(Stop.Scope scope, Duration grace) {
        // as sh -c 'trap "" TERM; ...': SIG_IGN is inherited by the shell and both sleeps
        Spawn spawn = sh("sleep 100 & echo $!; sleep 100").ignoreSignal(Signal.SIGTERM);
        long start = now();
        Output o = spawn.output(local(), Capture.defaults()
                .timeout(Duration.ofMillis(300), Stop.of(Signal.SIGTERM, grace).scope(scope)));
        Duration took = Duration.ofNanos(now() - start);
        assertThat(o.timedOut()).isTrue();
        assertThat(o.state().killedBy()).as("the shell ignored SIGTERM").contains(Signal.SIGKILL);
        assertThat(took).isGreaterThanOrEqualTo(grace.plusMillis(300)).isLessThan(Duration.ofSeconds(10));
        int background = Integer.parseInt(o.stdoutText().trim());
        assertThat(gone(background)).as("the background sleep %d was killed with the %s", background, scope)
                .isTrue();
    }

    /**
     * Whether {@code pid} no longer runs (absent, or a zombie: an orphan's is its new parent's to reap), waiting up
     * to 10 s of the kernel's clock; read through the kernel's own /proc, which the simulated kernel has too.
     */
    private boolean gone(int pid) {
        long deadline = now() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Output stat = Spawn.of(Command.of("/bin/cat", "/proc/" + pid + "/stat")).output(local());
            String s = stat.stdoutText();
            if (!stat.state().isCleanExit() || s.isEmpty()) {
                return true;
            }
            char state = s.charAt(s.lastIndexOf(')') + 2);
            if (state == 'Z' || state == 'X') {
                return true;
            }
            if (now() > deadline) {
                return false;
            }
            Spawn.of(Command.of("/bin/sleep", "0.05")).run(local());
        }
    }

    @Test
    @RuleId("EV12")
    @DisplayName("stop on a spawned program: the signal, or SIGKILL once the grace passes")
    default void spawnedStop() {
        try (Spawned s = Spawn.of(Command.of("/bin/sleep", "100")).start(local())) {
            ChildState st = s.stop(Stop.of(Signal.SIGTERM, Duration.ofSeconds(5)));
            assertThat(st.killedBy()).contains(Signal.SIGTERM);
        }
        try (Spawned s = Spawn.of(Command.of("/bin/sleep", "100")).ignoreSignal(Signal.SIGTERM).start(local())) {
            ChildState st = s.stop(Stop.of(Signal.SIGTERM, Duration.ofMillis(200)));
            assertThat(st.killedBy()).contains(Signal.SIGKILL);
        }
    }

    @Test
    @RuleId("EV13")
    @DisplayName("a group stop of a program that leads no group is refused before any signal")
    default void groupStopNeedsALeader() {
        try (Spawned s = Spawn.of(Command.of("/bin/sleep", "100")).start(local())) {
            assertThatThrownBy(() -> s.stop(Stop.kill().scope(Stop.Scope.GROUP)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stop")
                    .hasMessageContaining("newProcessGroup");
            assertThat(s.waitForExit(Duration.ZERO)).as("still running").isEmpty();
        }
    }

    @Test
    @RuleId("EV14")
    @DisplayName("waitForExit with a timeout returns empty while the program runs, its state once it ended")
    default void timedWait() {
        try (Spawned s = Spawn.of(Command.of("/bin/sleep", "100")).start(local())) {
            long start = now();
            assertThat(s.waitForExit(Duration.ofMillis(200))).isEmpty();
            assertThat(Duration.ofNanos(now() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            s.process().kill(Signal.SIGKILL);
            Optional<ChildState> st = s.waitForExit(Duration.ofSeconds(10));
            assertThat(st).isPresent();
            assertThat(st.get().killedBy()).contains(Signal.SIGKILL);
            assertThat(s.waitForExit(Duration.ZERO)).isEqualTo(st);
        }
    }

    @Test
    @RuleId("EV15")
    @DisplayName("bad arguments are refused naming them, before anything runs")
    default void badArguments() {
        assertThatThrownBy(() -> Capture.defaults().limit(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> Capture.defaults().timeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> Stop.of(Signal.SIGTERM, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grace");
        try (Spawned s = Spawn.of(Command.of("/bin/true")).start(local())) {
            assertThatThrownBy(() -> s.waitForExit(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        }
        assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).stdout(dev.jsyscall.Redirect.devNull())
                .output(local(), Capture.defaults().mergeStderr())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mergeStderr");
    }

    @Test
    @RuleId("EV16")
    @DisplayName("an output whose program cannot be exec'd throws the exec error and leaves no pipe behind")
    default void outputOfAMissingProgram() {
        assertThatThrownBy(() -> Spawn.of(Command.of("/nonexistent/jsyscall-everyday")).output(local(),
                Capture.defaults().input("x").timeout(Duration.ofSeconds(5))))
                .isInstanceOf(dev.jsyscall.handle.ExecFailedException.class)
                .hasMessageContaining("/nonexistent/jsyscall-everyday");
    }

    @Test
    @RuleId("EV17")
    @DisplayName("an interrupted output or timed wait stops waiting; output kills its program, a wait does not")
    default void interruptedWaits() throws Exception {
        requires(Capability.REAL_KERNEL, "only a real kernel's waits park where another thread can interrupt them");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Thread> runner = new CompletableFuture<>();
            java.util.concurrent.Future<?> out = pool.submit(() -> {
                runner.complete(Thread.currentThread());
                return sh("exec sleep 100").output(local(), Capture.defaults().timeout(Duration.ofSeconds(60)));
            });
            Thread.sleep(300);
            runner.get(10, TimeUnit.SECONDS).interrupt();
            assertThatThrownBy(() -> out.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(
                    dev.jsyscall.handle.WaitInterruptedException.class);
            try (Spawned s = Spawn.of(Command.of("/bin/sleep", "100")).start(local())) {
                java.util.concurrent.Future<?> wait = pool.submit(() -> {
                    Thread.currentThread().interrupt();
                    return s.waitForExit(Duration.ofSeconds(60));
                });
                assertThatThrownBy(() -> wait.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(
                        dev.jsyscall.handle.WaitInterruptedException.class);
                assertThat(s.waitForExit(Duration.ZERO)).as("the program still runs").isEmpty();
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    @RuleId("EV18")
    @DisplayName("a slow onExit callback delays no other: two children's callbacks both start at once, and a third"
            + " child's exit is not held up")
    default void onExitOffTheWatcher() throws Exception {
        requires(Capability.REAL_KERNEL, "onExit's futures are completed by the real kernel's exit watcher");
        // programs that wait for the end of their stdin: both are watched before they exit, and close to each other
        try (Spawned slow1 = Spawn.of(Command.of("/bin/cat")).stdin(Redirect.pipe()).start(local());
             Spawned slow2 = Spawn.of(Command.of("/bin/cat")).stdin(Redirect.pipe()).start(local());
             Spawned other = Spawn.of(Command.of("/bin/sleep", "0.3")).start(local())) {
            long start = System.nanoTime();
            CompletableFuture<Long> began1 = new CompletableFuture<>();
            CompletableFuture<Long> began2 = new CompletableFuture<>();
            CompletableFuture<Void> slept1 = slow1.process().onExit().thenRun(() -> {
                began1.complete(System.nanoTime());
                sleepQuietly(2000);
            });
            CompletableFuture<Void> slept2 = slow2.process().onExit().thenRun(() -> {
                began2.complete(System.nanoTime());
                sleepQuietly(2000);
            });
            slow1.stdin().close();
            slow2.stdin().close();
            other.process().onExit().get(10, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not held up by the 2 s callbacks")
                    .isLessThan(Duration.ofMillis(1500));
            assertThat(Duration.ofNanos(began1.get(10, TimeUnit.SECONDS) - start)).as("the first callback's start")
                    .isLessThan(Duration.ofMillis(1500));
            assertThat(Duration.ofNanos(began2.get(10, TimeUnit.SECONDS) - start))
                    .as("the second callback's start, not after the first callback's 2 s")
                    .isLessThan(Duration.ofMillis(1500));
            slept1.get(10, TimeUnit.SECONDS);
            slept2.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @RuleId("EV21")
    @DisplayName("onExit's callbacks run on the exit watcher's thread that saw the exit once another has taken the"
            + " watch over, so that no other thread is woken to complete the future")
    default void onExitWithoutAHop() throws Exception {
        requires(Capability.REAL_KERNEL, "onExit's futures are completed by the real kernel's exit watcher");
        java.util.List<String> seen = new java.util.ArrayList<>();
        // a few tries: an exit that comes while the loop's other thread serves something else is handed on
        for (int i = 0; i < 5; i++) {
            try (Spawned s = Spawn.of(Command.of("/bin/cat")).stdin(Redirect.pipe()).start(local())) {
                CompletableFuture<String> ran = s.process().onExit().thenApply(st -> Thread.currentThread().getName());
                s.stdin().close();
                String name = ran.get(10, TimeUnit.SECONDS);
                if (name.equals("jsyscall-poller")) {
                    return;
                }
                seen.add(name);
            }
        }
        throw new AssertionError("no callback ran on the exit watcher's thread in 5 exits; they ran on " + seen);
    }

    @Test
    @RuleId("EV22")
    @DisplayName("a kernel closed from an onExit callback on the exit watcher's thread fails the futures still"
            + " waiting with MisuseException and ends every thread of its loop")
    default void kernelClosedFromAnOnExitCallback() throws Exception {
        requires(Capability.REAL_KERNEL, "onExit's futures are completed by the real kernel's exit watcher");
        long loopsBefore = ConformanceArea.pollerThreads();
        int pid = -1;
        int pidfd = -1;
        Kernel own = Kernel.open(kernel().backendId());
        try {
            Spawned quick = Spawn.of(Command.of("/bin/cat")).stdin(Redirect.pipe()).start(own.localTask());
            Spawned slow = Spawn.of(Command.of("/bin/sleep", "1000")).start(own.localTask());
            pid = slow.process().near().id();
            pidfd = slow.process().pidfd().orElseThrow().near().number();
            CompletableFuture<ChildState> slowExit = slow.process().onExit();
            Kernel closing = own;
            CompletableFuture<ChildState> closed = quick.process().onExit().thenApply(st -> {
                closing.close();
                return st;
            });
            quick.stdin().close();
            own = null;
            assertThat(closed.get(10, TimeUnit.SECONDS).isCleanExit()).isTrue();
            assertThatThrownBy(() -> slowExit.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(dev.jsyscall.MisuseException.class);
            assertThat(ConformanceArea.awaitPollerThreadsAtMost(loopsBefore)).as("threads of readiness loops")
                    .isLessThanOrEqualTo(loopsBefore);
        } finally {
            if (own != null) {
                own.close();
            }
            endOutlivedChild(pid, pidfd);   // the sleeper outlives its kernel's handles
        }
    }

    @Test
    @RuleId("EV23")
    @DisplayName("closing the kernel does not wait for an onExit callback that blocks, and that callback still"
            + " completes its future after the close")
    default void kernelCloseWhileACallbackBlocks() throws Exception {
        requires(Capability.REAL_KERNEL, "onExit's futures are completed by the real kernel's exit watcher");
        long loopsBefore = ConformanceArea.pollerThreads();
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        CompletableFuture<ChildState> blocked;
        Kernel own = Kernel.open(kernel().backendId());
        try {
            Spawned s = Spawn.of(Command.of("/bin/cat")).stdin(Redirect.pipe()).start(own.localTask());
            blocked = s.process().onExit().thenApply(st -> {
                running.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return st;
            });
            s.stdin().close();
            assertThat(running.await(10, TimeUnit.SECONDS)).as("the callback runs").isTrue();
            Kernel closing = own;
            Thread closer = new Thread(closing::close);
            closer.start();
            closer.join(10_000);
            assertThat(closer.isAlive()).as("the close waits for the blocked callback").isFalse();
            own = null;
        } finally {
            release.countDown();
            if (own != null) {
                own.close();
            }
        }
        assertThat(blocked.get(10, TimeUnit.SECONDS).isCleanExit()).isTrue();
        assertThat(ConformanceArea.awaitPollerThreadsAtMost(loopsBefore)).as("threads of readiness loops")
                .isLessThanOrEqualTo(loopsBefore);
    }

    @Test
    @RuleId("EV19")
    @DisplayName("onExit(executor) completes the future on that executor")
    default void onExitOnExecutor() throws Exception {
        requires(Capability.REAL_KERNEL, "onExit's futures are completed by the real kernel's exit watcher");
        ExecutorService mine = Executors.newSingleThreadExecutor(r -> new Thread(r, "everyday-executor"));
        try (Spawned s = Spawn.of(Command.of("/bin/sleep", "0.1")).start(local())) {
            ChildProcess p = s.process();
            CompletableFuture<String> where = p.onExit(mine).thenApply(st -> Thread.currentThread().getName());
            assertThat(where.get(10, TimeUnit.SECONDS)).isEqualTo("everyday-executor");
        } finally {
            mine.shutdown();
            assertThat(mine.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    @RuleId("EV20")
    @DisplayName("onExit completes only once the memory used to wait for and reap the child is freed, whichever"
            + " thread reaps it")
    default void onExitAfterWaitMemoryFreed() throws Exception {
        // the exit watcher and this thread race to reap, as the watcher and Process.isAlive() do; the callback runs
        // on whichever wins, inside its reaping section, so memory the loser holds for its wait is seen there.
        // A race: rounds make the loser hold memory at that moment in most interleavings where any path allows it
        for (int round = 0; round < 20; round++) {
            try (Spawned s = Spawn.of(Command.of("/bin/cat")).stdin(Redirect.pipe()).start(local())) {
                ChildProcess p = s.process();
                CompletableFuture<Long> inUse = new CompletableFuture<>();
                p.onExit(Runnable::run).thenRun(() -> {
                    // time for the loser to reach the reaping section, holding what it allocated on the way
                    sleepQuietly(20);
                    inUse.complete(local().allocator().bytesInUse());
                });
                long before = local().allocator().bytesInUse();
                p.kill(Signal.SIGKILL);
                reapRacingTheWatcher(p);
                assertThat(inUse.get(10, TimeUnit.SECONDS)).as("allocator bytes in use when onExit completed, round "
                        + round).isEqualTo(before);
            }
        }
    }

    private static void reapRacingTheWatcher(ChildProcess p) {
        try {
            while (p.waitForStateChange(EnumSet.of(WaitOption.WEXITED, WaitOption.WNOHANG)).isEmpty()) {
                Thread.onSpinWait();
            }
        } catch (ChildProcessException.NotAlive | ChildProcessException.InUse reapedByTheWatcher) {
            // the watcher won (or is reaping now): the callback ran, or runs, on its thread
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
