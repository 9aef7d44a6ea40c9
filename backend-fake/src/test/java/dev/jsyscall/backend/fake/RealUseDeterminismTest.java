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
