// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.dst;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.backend.fake.FakeKernel;
import dev.jsyscall.backend.fake.SimulatedThreads;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.DisplayName;

/**
 * Application threads in a simulation: the parameters of type {@code SimulatedThreads}, {@code ThreadFactory} and
 * {@code ExecutorService} are the run's {@code fake.threads()}, and two threads that spawn and wait run the same
 * twice on every seed. The tagged regions are the examples of docs/dst.md, section 11 ({@code DstDocExamplesTest}
 * keeps them equal).
 */
class ThreadsSimulationTest {

    // tag::two-threads[]
    @Simulation(seeds = 20, twice = true, pidMax = 16)
    void twoThreadsSpawnAndWait(SimulatedThreads threads, Kernel kernel, SimulationRun run) {
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        Thread a = threads.start(() -> statuses.add(spawnAndWait(kernel, run, "a", 3)));
        Thread b = threads.start(() -> statuses.add(spawnAndWait(kernel, run, "b", 4)));
        threads.join(a);                       // a join of the turn: never a.join(), a latch or a lock
        threads.join(b);
        assertThat(statuses).containsExactlyInAnyOrder(3, 4);
    }

    @Simulation(seeds = 20, twice = true, pidMax = 16)
    void twoTasksSpawnAndWait(ExecutorService pool, Kernel kernel, SimulationRun run) throws Exception {
        Future<Integer> a = pool.submit(() -> spawnAndWait(kernel, run, "a", 3));
        Future<Integer> b = pool.submit(() -> spawnAndWait(kernel, run, "b", 4));
        assertThat(a.get() + b.get()).isEqualTo(7);   // get() is a join of the turn too
    }

    static int spawnAndWait(Kernel kernel, SimulationRun run, String who, int status) {
        run.mark(who + " spawns");
        try (Spawned s = Spawn.of(Command.of("/bin/sh", "-c", "exit " + status)).start(kernel.localTask())) {
            int exit = s.process().onExit().join().exitStatus();
            run.mark(who + " saw " + exit);
            return exit;
        }
    }
    // end::two-threads[]

    @Simulation(seeds = 2)
    @DisplayName("the thread parameters are the run's threads(), its thread factory, and one executor per run")
    void parametersAreTheRunsThreads(FakeKernel fake, SimulatedThreads threads, ThreadFactory factory,
            ExecutorService pool, ExecutorService again) throws Exception {
        assertThat(threads).isSameAs(fake.threads());
        assertThat(factory).isSameAs(fake.threads());
        assertThat(again).isSameAs(pool);
        assertThat(pool.submit(() -> Thread.currentThread().getName()).get()).startsWith("sim-thread-");
        assertThat(fake.nondeterminism()).isEmpty();
    }
}
