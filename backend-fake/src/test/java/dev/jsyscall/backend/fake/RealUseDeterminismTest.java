// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.Pipe;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.wait.ChildState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Runs programs written as users write them (onExit, several threads, an inherited environment) twice per seed on
 * the fake, and compares the traces. {@code -Djsyscall.det.seeds=1000} sweeps more seeds than the build's 200.
 */
class RealUseDeterminismTest {
    private static final int SEEDS = Integer.getInteger("jsyscall.det.seeds", 200);

    /** A program of the local process, given the fake and its local task. */
    interface Program {
        void run(FakeKernel fake, Kernel kernel) throws Exception;
    }

    private static String run(long seed, Program program) throws Exception {
        FakeKernel fake = FakeKernel.builder().seed(seed).pidMax(64).build();
        try (Kernel k = Kernel.open(fake)) {
            program.run(fake, k);
            assertThat(fake.nondeterminism()).as("seed %d", seed).isEmpty();
            return Long.toHexString(fake.traceHash()) + " after " + fake.trace().size() + " kept lines";
        }
    }

    /** The seeds whose two runs differ. */
    private static List<Long> mismatches(Program program) throws Exception {
        List<Long> bad = new ArrayList<>();
        for (long seed = 0; seed < SEEDS; seed++) {
            if (!run(seed, program).equals(run(seed, program))) {
                bad.add(seed);
            }
        }
        return bad;
    }

    /** The README's example: a spawn whose exit is awaited through onExit, on one thread. */
    static void onExit(FakeKernel fake, Kernel kernel) {
        try (Spawned s = Spawn.of(Command.of("/bin/sh", "-c", "exit 3")).start(kernel.localTask())) {
            ChildState state = s.process().onExit().join();
            assertThat(state.exitStatus()).isEqualTo(3);
        }
    }

    /** A program that prints the environment it inherited. */
    static String inheritedEnvironment(FakeKernel fake, Kernel kernel) throws java.io.IOException {
        try (Spawned s = Spawn.of(Command.of("/usr/bin/env")).stdout(Redirect.pipe()).start(kernel.localTask())) {
            String out = new String(s.stdout().readAllBytes(), StandardCharsets.UTF_8);
            s.process().check();
            return out;
        }
    }

    @Test
    @DisplayName("a single-threaded program that waits through onExit runs the same twice on every seed")
    void onExitIsDeterministic() throws Exception {
        assertThat(mismatches(RealUseDeterminismTest::onExit)).isEmpty();
    }

    @Test
    @DisplayName("a program that inherits its environment runs the same twice on every seed")
    void inheritedEnvironmentIsDeterministic() throws Exception {
        assertThat(mismatches(RealUseDeterminismTest::inheritedEnvironment)).isEmpty();
    }

    @Test
    @DisplayName("a spawned program inherits the fake's fixed environment, never the host's")
    void environmentIsTheFakes() throws Exception {
        try (FakeKernel fake = FakeKernel.builder().build(); Kernel k = Kernel.open(fake)) {
            assertThat(inheritedEnvironment(fake, k))
                    .isEqualTo("PATH=/usr/local/bin:/usr/bin:/bin\nHOME=/root\nLANG=C\n");
        }
    }

    @Test
    @DisplayName("a configured environment is what spawned programs inherit, with the command's changes")
    void configuredEnvironment() throws Exception {
        try (FakeKernel fake = FakeKernel.builder().environment(java.util.Map.of("TZ", "UTC")).build();
             Kernel k = Kernel.open(fake);
             Spawned s = Spawn.of(Command.of("/usr/bin/env").env("A", "1")).stdout(Redirect.pipe())
                     .start(k.localTask())) {
            assertThat(new String(s.stdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("TZ=UTC\nA=1\n");
            s.process().check();
        }
    }

    @Test
    @DisplayName("a malformed environment name is refused, naming it")
    void malformedEnvironment() {
        assertThatThrownBy(() -> FakeKernel.builder().environment(java.util.Map.of("A=B", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'A=B'");
    }


    /**
     * A supervisor as DST users write one: two workers of different lifetimes, each restarted from its own onExit
     * callback until six restarts; the main thread only sleeps on the kernel's clock and never waits for a child.
     */
    static final class Supervisor {
        final Kernel kernel;
        final List<String> log = new ArrayList<>();
        final List<Spawned> spawned = new ArrayList<>();
        final List<Thread> callbackThreads = new ArrayList<>();
        int restarts;
        boolean stopping;

        Supervisor(Kernel kernel) {
            this.kernel = kernel;
        }

        void start(int worker) {
            Spawned s = Spawn.of(Command.of("/bin/sleep", String.valueOf(worker + 1))).start(kernel.localTask());
            spawned.add(s);
            s.process().onExit().thenAccept(state -> {
                callbackThreads.add(Thread.currentThread());
                log.add("worker " + worker + " " + state.describe());
                if (restarts < 6 && !stopping) {
                    restarts++;
                    start(worker);
                }
            });
        }

        void run() {
            start(0);
            start(1);
            for (int i = 0; i < 100 && log.size() < 8; i++) {
                kernel.time().sleep(java.time.Duration.ofMillis(500));
            }
            stop();
        }

        void stop() {
            stopping = true;
            for (int i = 0; i < spawned.size(); i++) {
                spawned.get(i).close();
            }
        }
    }

    static void supervisor(FakeKernel fake, Kernel kernel) {
        Supervisor s = new Supervisor(kernel);
        s.run();
        assertThat(s.log).hasSize(8);
        fake.mark(String.join("; ", s.log));
    }

    @Test
    @DisplayName("onExit callbacks run at the caller's next syscall, on its thread, with no one waiting for the child")
    void onExitCallbackRunsWithoutAWaiter() throws Exception {
        try (FakeKernel fake = FakeKernel.builder().seed(1).build(); Kernel k = Kernel.open(fake)) {
            Supervisor s = new Supervisor(k);
            s.start(0);
            k.time().sleep(java.time.Duration.ofSeconds(2));
            assertThat(s.log).containsExactly("worker 0 exited with status 0");
            assertThat(s.callbackThreads).containsOnly(Thread.currentThread());
            s.stop();
        }
    }

    @Test
    @DisplayName("a supervisor that restarts workers from onExit callbacks runs the same twice on every seed")
    void supervisorIsDeterministic() throws Exception {
        assertThat(mismatches(RealUseDeterminismTest::supervisor)).isEmpty();
    }

    /** One application thread's work: two spawns awaited through onExit, whose callbacks mark the trace. */
    private static void spawnAndWait(FakeKernel fake, Kernel kernel, String who) {
        for (int i = 0; i < 2; i++) {
            try (Spawned s = Spawn.of(Command.of("/bin/sh", "-c", "exit " + i)).start(kernel.localTask())) {
                s.process().onExit().thenAccept(state -> fake.mark(who + " saw " + state.describe()));
                assertThat(s.process().onExit().join().exitStatus()).isEqualTo(i);
            }
        }
    }

    /**
     * Two application threads of {@code fake.threads()}: each spawns and waits through onExit; one writes into a
     * pipe through a child, the other reads it through a cat and prints its inherited environment.
     */
    static void twoThreads(FakeKernel fake, Kernel kernel) throws Exception {
        LocalTask task = kernel.localTask();
        Pipe shared = task.pipe2(Fcntl.O_CLOEXEC);
        List<Throwable> failures = new ArrayList<>();
        Thread a = fake.threads().start(() -> {
            try {
                spawnAndWait(fake, kernel, "a");
                try (Spawned w = Spawn.of(Command.of("/bin/sh", "-c", "echo from-a"))
                        .stdout(Redirect.fd(shared.write())).start(task)) {
                    shared.write().close();
                    w.process().onExit().join();
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        Thread b = fake.threads().start(() -> {
            try {
                spawnAndWait(fake, kernel, "b");
                try (Spawned cat = Spawn.of(Command.of("/bin/cat")).stdin(Redirect.fd(shared.read()))
                        .stdout(Redirect.pipe()).start(task)) {
                    shared.read().close();
                    fake.mark("b read " + new String(cat.stdout().readAllBytes(), StandardCharsets.UTF_8).trim());
                    cat.process().check();
                }
                fake.mark("b env " + inheritedEnvironment(fake, kernel).replace('\n', ' '));
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        fake.threads().join(a);
        fake.threads().join(b);
        assertThat(failures).isEmpty();
        assertThat(fake.trace()).anyMatch(l -> l.endsWith("b read from-a"));
    }

    @Test
    @DisplayName("two application threads of threads() that spawn, wait through onExit and share a pipe run the same"
            + " twice on every seed")
    void twoThreadsAreDeterministic() throws Exception {
        assertThat(mismatches(RealUseDeterminismTest::twoThreads)).isEmpty();
    }

    @Test
    @DisplayName("the seed decides the order of two application threads, which differs between seeds")
    void threadOrderVariesWithTheSeed() throws Exception {
        java.util.Set<List<String>> orders = new java.util.HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            try (FakeKernel fake = FakeKernel.builder().seed(seed).pidMax(64).keepFullTrace().build();
                 Kernel k = Kernel.open(fake)) {
                twoThreads(fake, k);
                orders.add(fake.trace().stream().filter(l -> l.contains(" mark ")).toList());
                assertThat(fake.nondeterminism()).as("seed %d", seed).isEmpty();
            }
        }
        assertThat(orders).as("orders of the marks over 20 seeds").hasSizeGreaterThan(2);
    }

    @Test
    @DisplayName("a holder of the turn blocked on a latch is reported and the turn moves on, instead of a hang")
    void latchBlockedHolderIsReported() throws Exception {
        try (FakeKernel fake = FakeKernel.builder().seed(1).build(); Kernel k = Kernel.open(fake)) {
            java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
            Thread t = fake.threads().start(() -> {
                k.time().sleep(java.time.Duration.ofMillis(1));
                latch.countDown();
            });
            // this thread holds the turn since it started t: t runs only once the watchdog hands the turn on
            assertThat(latch.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            fake.threads().join(t);
            assertThat(fake.nondeterminism()).singleElement().asString()
                    .contains("thread " + Thread.currentThread().getName() + " has held the turn");
        }
    }

    @Test
    @DisplayName("in strict mode the latch-blocked holder gets a FakeNondeterminismException at its next turn point")
    void latchBlockedHolderThrowsInStrictMode() throws Exception {
        try (FakeKernel fake = FakeKernel.builder().seed(1).failOnNondeterminism().build();
             Kernel k = Kernel.open(fake)) {
            java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
            Thread t = fake.threads().start(() -> {
                k.time().sleep(java.time.Duration.ofMillis(1));
                latch.countDown();
            });
            assertThat(latch.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> fake.threads().join(t)).isInstanceOf(FakeNondeterminismException.class)
                    .hasMessageContaining("has held the turn");
            t.join();
        }
    }

    @Test
    @DisplayName("the executor of threads() runs tasks on the turn; get, invokeAll and awaitTermination are joins")
    void executorJoins() throws Exception {
        try (FakeKernel fake = FakeKernel.builder().seed(5).build(); Kernel k = Kernel.open(fake)) {
            java.util.concurrent.ExecutorService pool = fake.threads().newExecutor();
            java.util.concurrent.Future<Integer> f = pool.submit(() -> {
                try (Spawned s = Spawn.of(Command.of("/bin/sh", "-c", "exit 4")).start(k.localTask())) {
                    return s.process().onExit().join().exitStatus();
                }
            });
            List<java.util.concurrent.Future<Integer>> all = pool.invokeAll(List.of(() -> 1, () -> 2));
            assertThat(f.get()).isEqualTo(4);
            assertThat(all.get(0).get() + all.get(1).get()).isEqualTo(3);
            pool.shutdown();
            assertThat(pool.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> pool.submit(() -> 0))
                    .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
            assertThat(fake.nondeterminism()).isEmpty();
        }
    }

    @Test
    @DisplayName("joining a thread the fake did not make is refused, naming the argument")
    void joinOfAForeignThreadIsRefused() throws Exception {
        try (FakeKernel fake = FakeKernel.builder().build()) {
            assertThatThrownBy(() -> fake.threads().join(new Thread(() -> { })))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("thread: ");
        }
    }

    /** Starts a thread that blocks in the kernel waiting for a cat that only ends when its stdin closes. */
    private static Thread blockedInKernel(Kernel k, Spawned cat, List<Throwable> failures) throws Exception {
        Thread t = new Thread(() -> {
            try {
                cat.process().waitForExit();
            } catch (Throwable e) {
                failures.add(e);
            }
        }, "waiter");
        t.start();
        // parked in the kernel: WAITING on its condition (a thread still entering it is RUNNABLE)
        for (int i = 0; i < 2000 && t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING;
                i++) {
            Thread.sleep(1);
        }
        Thread.sleep(20);
        return t;
    }

    @Test
    @DisplayName("two JVM threads in the kernel at once are reported as nondeterminism, naming both")
    void concurrentThreadsAreReported() throws Exception {
        try (FakeKernel fake = FakeKernel.builder().seed(2).build(); Kernel k = Kernel.open(fake)) {
            Spawned cat = Spawn.of(Command.of("/bin/cat")).stdin(Redirect.pipe()).start(k.localTask());
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread waiter = blockedInKernel(k, cat, failures);
            cat.stdin().close();
            waiter.join(10_000);
            assertThat(waiter.isAlive()).isFalse();
            assertThat(failures).isEmpty();
            assertThat(fake.nondeterminism()).isNotEmpty()
                    .anySatisfy(line -> assertThat(line).contains("while [waiter]").contains("seed 2"));
            cat.close();
        }
    }

    @Test
    @DisplayName("a thread entering when the first thread inside has left is reported too, naming the one still in")
    void enteringAfterTheFirstLeftIsReported() throws Exception {
        try (FakeKernel fake = FakeKernel.builder().seed(2).build(); Kernel k = Kernel.open(fake)) {
            Spawned first = Spawn.of(Command.of("/bin/cat")).stdin(Redirect.pipe()).start(k.localTask());
            Spawned second = Spawn.of(Command.of("/bin/cat")).stdin(Redirect.pipe()).start(k.localTask());
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread firstWaiter = blockedInKernel(k, first, failures);
            Thread secondWaiter = blockedInKernel(k, second, failures);
            first.stdin().close();
            firstWaiter.join(10_000);
            assertThat(firstWaiter.isAlive()).isFalse();
            int before = fake.nondeterminism().size();

            k.localTask().call(dev.jsyscall.linux.unistd.Unistd.getpid());

            assertThat(fake.nondeterminism()).hasSize(before + 1).last().asString()
                    .contains("JVM thread " + Thread.currentThread().getName()).contains("while [waiter]");
            second.stdin().close();
            secondWaiter.join(10_000);
            assertThat(secondWaiter.isAlive()).isFalse();
            assertThat(failures).isEmpty();
            first.close();
            second.close();
        }
    }

    @Test
    @DisplayName("with failOnNondeterminism, a thread entering the kernel while another is in it gets a typed error")
    void strictModeThrows() throws Exception {
        FakeKernel fake = FakeKernel.builder().seed(3).failOnNondeterminism().build();
        Kernel k = Kernel.open(fake);
        Spawned cat = Spawn.of(Command.of("/bin/cat")).stdin(Redirect.pipe()).start(k.localTask());
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread waiter = blockedInKernel(k, cat, failures);
        try {
            assertThatThrownBy(() -> k.localTask().call(dev.jsyscall.linux.unistd.Unistd.getpid()))
                    .isInstanceOf(FakeNondeterminismException.class).hasMessageContaining("while [waiter]");
        } finally {
            fake.close();   // ends the waiter's blocked syscall: nothing else may enter the kernel now
            waiter.join(10_000);
        }
        assertThat(waiter.isAlive()).isFalse();
        assertThat(failures).hasSize(1);
    }
}
