// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.dst;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.dst.fixtures.EarlyExit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult.Status;

class ScheduleShrinkTest {

    @Test
    @DisplayName("a schedule-only failure shrinks to the few deviations that cause it, and its minimal schedule replays it")
    void scheduleShrinksAndReplays(org.junit.jupiter.api.TestReporter reporter) throws Exception {
        List<Launch.Result> sweep = Launch.run(EarlyExit.Random.class, Map.of());
        Launch.Result failed = sweep.stream().filter(r -> r.status() == Status.FAILED).findFirst().orElseThrow(
                () -> new AssertionError("no seed caught the early exit: " + sweep));
        String report = failed.thrown().getMessage();
        assertThat(report).contains("the child exited before the test looked at it").doesNotContain("faults:");

        Matcher shrunk = Pattern.compile("schedule shrunk to (\\d+) of (\\d+) deviations from the default order in"
                + " (\\d+) replays: \\[(.*)]").matcher(report);
        assertThat(shrunk.find()).as("a schedule shrinking line in %s", report).isTrue();
        reporter.publishEntry("shrunk", shrunk.group(0));
        int min = Integer.parseInt(shrunk.group(1));
        int all = Integer.parseInt(shrunk.group(2));
        // at least one: the default order alone passes (ddmin tries it first); the child's exit needs one step
        assertThat(min).as(report).isBetween(1, 2).isLessThan(all);
        assertThat(shrunk.group(4)).matches("\\d+\\.\\d+=(y|\\d+)(, \\d+\\.\\d+=(y|\\d+))*");

        Matcher replay = Pattern.compile("minimal replay with its schedule: .*-Djsyscall\\.seed=(\\d+)"
                + " '-Djsyscall\\.schedule=([^']+)'").matcher(report);
        assertThat(replay.find()).as("a minimal replay line in %s", report).isTrue();
        assertThat(failed.name()).isEqualTo("seed " + replay.group(1));
        Path minimal = Path.of(replay.group(2));
        assertThat(minimal.getFileName().toString()).endsWith(".min.schedule");
        // the minimal schedule has fewer preemptions than the recorded one
        Path recorded = minimal.resolveSibling(minimal.getFileName().toString().replace(".min.schedule",
                ".schedule"));
        assertThat(Files.readString(minimal).split("y", -1).length)
                .isLessThan(Files.readString(recorded).split("y", -1).length);

        List<Launch.Result> again = Launch.run(EarlyExit.Random.class,
                Map.of("jsyscall.seed", replay.group(1), "jsyscall.schedule", minimal.toString()));
        assertThat(again).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.FAILED);
            assertThat(r.thrown()).hasMessageContaining("the child exited before the test looked at it");
        });
    }
}
