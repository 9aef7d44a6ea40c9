// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.dst.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.Kernel;
import dev.jsyscall.dst.Simulation;
import dev.jsyscall.dst.SimulationRun;
import dev.jsyscall.dst.Sometimes;

/**
 * The example of docs/dst.md: a simulation of {@link Supervisor} that the harness catches. It fails on purpose, so
 * surefire does not run it directly; {@code ExampleCaughtTest} runs it and checks the report.
 */
class SupervisorSimulation {

    @Simulation(seeds = 200, pidMax = 5, sometimes = "pid reused")
    void supervisorNeverKillsAWorkerItDidNotChoose(Kernel kernel, SimulationRun run) {
        Supervisor s = new Supervisor(kernel, () -> run.random().nextInt(3) == 0);
        s.start(2);
        for (int round = 0; round < 6; round++) {
            run.mark("round " + round);
            s.tick();
        }
        s.stop();
        if (s.pidReuses() > 0) {
            Sometimes.hit("pid reused");
        }
        assertThat(s.wronglyKilled()).as("workers killed by mistake").isEmpty();
    }
}
