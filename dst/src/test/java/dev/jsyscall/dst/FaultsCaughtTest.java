// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.dst;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.dst.example.SupervisorFaultSimulation;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.engine.TestExecutionResult.Status;

class FaultsCaughtTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Errnos, '=E'", "Kills, '=SIGKILL'"})
    @DisplayName("an injected fault kind alone catches the supervisor's lost restart, shrunk to one replayable firing")
    void caughtShrunkAndReplayed(String kind, String firing) throws ClassNotFoundException {
        Class<?> fixture = Class.forName(SupervisorFaultSimulation.class.getName() + "$" + kind);
        List<Launch.Result> sweep = Launch.run(fixture, Map.of());
        Launch.Result failed = sweep.stream().filter(r -> r.status() == Status.FAILED).findFirst().orElseThrow(
                () -> new AssertionError("no seed of 40 caught the lost restart: " + sweep));
        String report = failed.thrown().getMessage();
        assertThat(report).contains("workers kept after round", "faults=swarm", "faults: kinds ", "fired ");

        Matcher shrunk = Pattern.compile("shrunk to (\\d+) of (\\d+) firings in \\d+ replays: \\[(.*)]")
                .matcher(report);
        assertThat(shrunk.find()).as("a shrinking line in %s", report).isTrue();
        // one failed start loses one slot: a single firing is the whole cause
        assertThat(shrunk.group(1)).isEqualTo("1");
        assertThat(Integer.parseInt(shrunk.group(2))).isGreaterThanOrEqualTo(1);
        String minimal = shrunk.group(3);
        assertThat(minimal).contains(firing);

        Matcher replay = Pattern.compile("minimal replay: .*-Djsyscall\\.seed=(\\d+) '-Djsyscall\\.faults=([^']*)'")
                .matcher(report);
        assertThat(replay.find()).as("a minimal replay line in %s", report).isTrue();
        assertThat(replay.group(2)).isEqualTo(minimal);
        assertThat(failed.name()).isEqualTo("seed " + replay.group(1));

        // the printed minimal case, replayed as the line says, fails the same way with exactly that firing
        List<Launch.Result> again = Launch.run(fixture,
                Map.of("jsyscall.seed", replay.group(1), "jsyscall.faults", replay.group(2)));
        assertThat(again).hasSize(1);
        assertThat(again.get(0).status()).isEqualTo(Status.FAILED);
        String second = again.get(0).thrown().getMessage();
        assertThat(second).contains("workers kept after round", "faults=forced" + Arrays.asList(minimal.split(",")),
                "fired 1: [" + minimal + "]");

        // and the seed alone (the first replay line) reproduces the original failure
        List<Launch.Result> seedOnly = Launch.run(fixture, Map.of("jsyscall.seed", replay.group(1)));
        assertThat(seedOnly.get(0).status()).isEqualTo(Status.FAILED);
        assertThat(seedOnly.get(0).thrown().getMessage()).contains(shrunk.group(0));
    }
}
