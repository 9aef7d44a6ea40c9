// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.dst;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.dst.example.SupervisorExample;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult.Status;

class ExampleCaughtTest {

    @Test
    @DisplayName("the harness catches the supervisor's pid-reuse race and its replay line reproduces that seed")
    void caughtAndReplayed() {
        List<Launch.Result> sweep = Launch.run(SupervisorExample.fixture(), Map.of());
        Launch.Result failed = sweep.stream().filter(r -> r.status() == Status.FAILED).findFirst().orElseThrow(
                () -> new AssertionError("no seed of 200 caught the race: " + sweep));
        String report = failed.thrown().getMessage();
        assertThat(report).contains("workers killed by mistake", "configuration: seed=", "pidMax=5",
                "process table at the failure:", " mark round ", "kill(", "SIGTERM) = 0", "full trace (JSON Lines)");
        Matcher m = Pattern.compile("replay: (.*)").matcher(report);
        assertThat(m.find()).as("a replay line in %s", report).isTrue();
        String replay = m.group(1);
        assertThat(replay).contains("./mvnw", "-pl dst", "-Dtest='SupervisorSimulation#"
                + "supervisorNeverKillsAWorkerItDidNotChoose'");
        Matcher seed = Pattern.compile("-Djsyscall\\.seed=(\\d+)").matcher(replay);
        assertThat(seed.find()).isTrue();
        assertThat(failed.name()).isEqualTo("seed " + seed.group(1));
        // the seeds after the first failure are aborted with its name, not run
        assertThat(sweep).filteredOn(r -> r.status() == Status.FAILED).hasSize(1);

        List<Launch.Result> replayed = Launch.run(SupervisorExample.fixture(),
                Map.of("jsyscall.seed", seed.group(1)));
        assertThat(replayed).hasSize(1);
        assertThat(replayed.get(0).name()).isEqualTo("seed " + seed.group(1));
        assertThat(replayed.get(0).status()).isEqualTo(Status.FAILED);
        String again = replayed.get(0).thrown().getMessage();
        assertThat(traceOf(again)).isEqualTo(traceOf(report));
    }

    /** The report's trace section without the path of the saved file. */
    private static String traceOf(String report) {
        int from = report.indexOf("  trace (last");
        return report.substring(report.indexOf('\n', from), report.indexOf("  process table"));
    }
}
