// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.dst;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.dst.example.SupervisorTimingSimulation;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult.Status;

class TimingCaughtTest {

    @Test
    @DisplayName("fixed lifetimes without jitter never expose the supervisor's timing bug, whatever the interleaving")
    void neverWithoutJitter() {
        List<Launch.Result> sweep = Launch.run(SupervisorTimingSimulation.NoJitter.class, Map.of());
        assertThat(sweep).hasSize(40).allSatisfy(r -> assertThat(r.status()).as(r.name()).isEqualTo(Status.SUCCESSFUL));
    }

    @Test
    @DisplayName("jitter on sleeps moves a job's exit across the round and catches the timing bug, shrunk to one late sleep")
    void caughtByJitterShrunkAndReplayed() {
        List<Launch.Result> sweep = Launch.run(SupervisorTimingSimulation.Jitter.class, Map.of());
        Launch.Result failed = sweep.stream().filter(r -> r.status() == Status.FAILED).findFirst().orElseThrow(
                () -> new AssertionError("no seed of 40 caught the timing bug: " + sweep));
        String report = failed.thrown().getMessage();
        assertThat(report).contains("housekeeping jobs taken for hung", "faults=swarm[JITTER]",
                "faults: kinds [JITTER]", "late by up to");

        Matcher shrunk = Pattern.compile("shrunk to (\\d+) of (\\d+) firings in \\d+ replays: \\[(.*)]")
                .matcher(report);
        assertThat(shrunk.find()).as("a shrinking line in %s", report).isTrue();
        // one job's sleep ending late is the whole cause: the supervisor's own late sleeps only hide it
        assertThat(shrunk.group(1)).isEqualTo("1");
        String minimal = shrunk.group(3);
        assertThat(minimal).matches("nanosleep#\\d+=LATE:PT0\\.\\d+S");

        Matcher replay = Pattern.compile("minimal replay: .*-Djsyscall\\.seed=(\\d+) '-Djsyscall\\.faults=([^']*)'")
                .matcher(report);
        assertThat(replay.find()).as("a minimal replay line in %s", report).isTrue();
        assertThat(replay.group(2)).isEqualTo(minimal);
        assertThat(failed.name()).isEqualTo("seed " + replay.group(1));

        List<Launch.Result> again = Launch.run(SupervisorTimingSimulation.Jitter.class,
                Map.of("jsyscall.seed", replay.group(1), "jsyscall.faults", minimal));
        assertThat(again).hasSize(1);
        assertThat(again.get(0).status()).isEqualTo(Status.FAILED);
        assertThat(again.get(0).thrown().getMessage()).contains("housekeeping jobs taken for hung",
                "fired 1: [" + minimal + "]");

        List<Launch.Result> seedOnly = Launch.run(SupervisorTimingSimulation.Jitter.class,
                Map.of("jsyscall.seed", replay.group(1)));
        assertThat(seedOnly.get(0).status()).isEqualTo(Status.FAILED);
        assertThat(seedOnly.get(0).thrown().getMessage()).contains(shrunk.group(0));
    }
}
