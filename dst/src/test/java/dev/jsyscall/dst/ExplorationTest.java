// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.dst;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.dst.fixtures.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult.Status;

class ExplorationTest {

    private static long failures(List<Launch.Result> r) {
        assertThat(r).hasSize(100);
        return r.stream().filter(x -> x.status() == Status.FAILED).peek(x -> assertThat(x.thrown())
                .hasMessageContaining("the worker ran its whole life inside the window")).count();
    }

    @Test
    @DisplayName("pct at depth 2 finds an ordering bug in more of the same seeds than the random scheduler")
    void pctFindsDepthTwo(org.junit.jupiter.api.TestReporter reporter) {
        long random = failures(Launch.run(Window.Random.class, Map.of()));
        long depth1 = failures(Launch.run(Window.PctDepth1.class, Map.of()));
        long pct = failures(Launch.run(Window.Pct.class, Map.of()));
        reporter.publishEntry("seeds failing of 100", "random " + random + ", PCT depth 1 " + depth1
                + ", PCT depth 2 " + pct);
        // counts over fixed seeds: the same numbers on every machine, so exact bounds are safe
        assertThat(pct).as("PCT depth 2 (random: %d, depth 1: %d)", random, depth1).isGreaterThanOrEqualTo(5)
                .isGreaterThan(random).isGreaterThan(depth1);
    }

    @Test
    @DisplayName("a failure's recorded schedule replayed by the property reproduces the trace line for line")
    void scheduleReplays() throws Exception {
        List<Launch.Result> r = Launch.run(Window.Pct.class, Map.of());
        Launch.Result failed = r.stream().filter(x -> x.status() == Status.FAILED).findFirst().orElseThrow();
        String report = failed.thrown().getMessage();
        Matcher schedule = Pattern.compile("'-Djsyscall.schedule=([^']+)'").matcher(report);
        Matcher trace = Pattern.compile("full trace \\(JSON Lines\\): (\\S+)\\)").matcher(report);
        assertThat(schedule.find()).as("a schedule replay line in %s", report).isTrue();
        assertThat(trace.find()).as("a JSON Lines file in %s", report).isTrue();
        Path jsonl = Path.of(trace.group(1));
        List<String> first = Files.readAllLines(jsonl);
        assertThat(first.get(first.size() - 1)).contains("\"kind\":\"process_table\"", "PPID");
        String seed = failed.name().substring("seed ".length());
        Files.delete(jsonl);

        // the schedule alone decides: replayed under the random scheduler's settings it still fails the same way
        List<Launch.Result> again = Launch.run(Window.Random.class, Map.of("jsyscall.seed", seed,
                "jsyscall.schedule", schedule.group(1)));
        assertThat(again).singleElement().satisfies(x -> assertThat(x.thrown())
                .hasMessageContaining("the worker ran its whole life inside the window")
                .hasMessageContaining("schedule=" + schedule.group(1)));
        Path replayed = jsonl.resolveSibling(jsonl.getFileName().toString().replace("Window$Pct", "Window$Random"));
        assertThat(Files.readAllLines(replayed)).isEqualTo(first);
    }

    @Test
    @DisplayName("a schedule property that is not a schedule is refused before any run, naming the property")
    void badSchedule(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("s"), "n,y,banana");
        List<Launch.Result> r = Launch.run(Window.Random.class, Map.of("jsyscall.schedule", f.toString()));
        assertThat(r).singleElement().satisfies(x -> assertThat(x.thrown()).hasMessageContaining("jsyscall.schedule")
                .hasMessageContaining("banana"));
    }
}
