// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.dst.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.Kernel;
import dev.jsyscall.backend.fake.FaultKind;
import dev.jsyscall.dst.Simulation;
import dev.jsyscall.dst.SimulationRun;

/**
 * The supervisor's lost-restart bug, caught only by faults the fake injects with Linux's meaning: one simulation
 * per kind, so that {@code FaultsCaughtTest} can check that each kind alone finds it. Fails on purpose.
 */
public class SupervisorFaultSimulation {

    static void keepsTwoWorkers(Kernel kernel, SimulationRun run) {
        Supervisor s = new Supervisor(kernel, () -> false);
        s.start(2);
        for (int round = 0; round < 4; round++) {
            run.mark("round " + round);
            assertThat(s.size()).as("workers kept after round %d; failed starts %s", round, s.failedStarts())
                    .isEqualTo(2);
            s.tick();
        }
        s.stop();
    }

    /** Clone's EAGAIN or EMFILE/ENFILE for a set-up pipe. */
    public static class Errnos {
        @Simulation(seeds = 40, pidMax = 64, faults = FaultKind.ERRNO)
        void supervisorKeepsTwoWorkers(Kernel kernel, SimulationRun run) {
            keepsTwoWorkers(kernel, run);
        }
    }

    /** SIGKILL to a child at a syscall boundary: during its set-up, before execve. */
    public static class Kills {
        @Simulation(seeds = 40, pidMax = 64, faults = FaultKind.KILL)
        void supervisorKeepsTwoWorkers(Kernel kernel, SimulationRun run) {
            keepsTwoWorkers(kernel, run);
        }
    }
}
