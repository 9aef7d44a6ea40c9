// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.dst.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.Kernel;
import dev.jsyscall.backend.fake.FaultKind;
import dev.jsyscall.dst.Simulation;
import dev.jsyscall.dst.SimulationRun;
import java.time.Duration;

/**
 * The supervisor's timing bug: a housekeeping job that lives 950 ms, checked a round of 1 s later. With the same
 * seeds and no faults it never shows, however the processes interleave; jitter on sleeps ({@link FaultKind#JITTER})
 * pushes a job's exit past the round. {@code TimingCaughtTest} runs both. Fails on purpose.
 */
public class SupervisorTimingSimulation {

    static void jobsEndWithinTheirRound(Kernel kernel, SimulationRun run) {
        Supervisor s = new Supervisor(kernel, () -> false);
        for (int round = 0; round < 6; round++) {
            run.mark("round " + round);
            s.housekeep(Duration.ofMillis(950));
            kernel.time().sleep(Duration.ofSeconds(1));
        }
        s.stop();
        assertThat(s.hungJobs()).as("housekeeping jobs taken for hung").isEmpty();
    }

    /** Timeouts of any process end later by a seeded delay. */
    public static class Jitter {
        @Simulation(seeds = 40, faults = FaultKind.JITTER)
        void supervisorNeverKillsAJobThatEndsInTime(Kernel kernel, SimulationRun run) {
            jobsEndWithinTheirRound(kernel, run);
        }
    }

    /** The control: the same seeds without faults, where the bug never shows. */
    public static class NoJitter {
        @Simulation(seeds = 40)
        void supervisorNeverKillsAJobThatEndsInTime(Kernel kernel, SimulationRun run) {
            jobsEndWithinTheirRound(kernel, run);
        }
    }
}
