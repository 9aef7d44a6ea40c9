// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.dst;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.backend.fake.FakeKernel;
import dev.jsyscall.backend.fake.FakeNondeterminismException;
import dev.jsyscall.dst.fixtures.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult.Status;

class HarnessTest {

    @Test
    @DisplayName("a sometimes condition never hit fails the sweep's last invocation")
    void sometimesMissing() {
        List<Launch.Result> r = Launch.run(Fixtures.NeverReached.class, Map.of());
        assertThat(r).extracting(Launch.Result::name).containsExactly("seed 0", "seed 1", "seed 2",
                "sometimes: never");
        assertThat(r.get(3).status()).isEqualTo(Status.FAILED);
        assertThat(r.get(3).thrown()).hasMessageContaining("in 3 runs, never happened: [never]");
    }

    @Test
    @DisplayName("twice reports the first diverging trace line of both runs")
    void twiceDiverges() {
        List<Launch.Result> r = Launch.run(Fixtures.Nondeterministic.class, Map.of());
        assertThat(r.get(0).name()).isEqualTo("seed 0, run 1");
        assertThat(r.get(0).status()).isEqualTo(Status.SUCCESSFUL);
        assertThat(r.get(1).status()).isEqualTo(Status.FAILED);
        assertThat(r.get(1).thrown()).hasMessageContaining("seed 0 ran differently twice")
                .hasMessageContaining("run 2 goes on: +").hasMessageContaining("getpid() = 2")
                .hasMessageContaining("-Djsyscall.seed=0");
    }

    @Test
    @DisplayName("named fault sites fire from the seed and a failure shrinks to the one firing of each site it needs")
    void sitesShrink() {
        List<Launch.Result> r = Launch.run(Fixtures.Sites.class, Map.of());
        Launch.Result failed = r.stream().filter(x -> x.status() == Status.FAILED).findFirst().orElseThrow(
                () -> new AssertionError("no seed fired both sites: " + r));
        String report = failed.thrown().getMessage();
        Matcher m = Pattern.compile("shrunk to 2 of \\d+ firings in \\d+ replays:"
                + " \\[(site:a#\\d+), (site:b#\\d+)]").matcher(report);
        assertThat(m.find()).as("a 2-firing minimal case in %s", report).isTrue();
        List<Launch.Result> again = Launch.run(Fixtures.Sites.class, Map.of("jsyscall.seed",
                failed.name().substring("seed ".length()), "jsyscall.faults", m.group(1) + "," + m.group(2)));
        assertThat(again).singleElement().satisfies(x -> assertThat(x.thrown()).hasMessageContaining("b after a")
                .hasMessageContaining("fired 2: [" + m.group(1) + ", " + m.group(2) + "]"));
    }

    @Test
    @DisplayName("a forced firing Linux could not produce is refused before any run, naming the property")
    void forcedFaultsChecked() {
        List<Launch.Result> r = Launch.run(Fixtures.Sites.class, Map.of("jsyscall.faults", "waitid#1=EINTR"));
        assertThat(r).singleElement().satisfies(x -> assertThat(x.thrown()).hasMessageContaining("jsyscall.faults")
                .hasMessageContaining("waitid#1=EINTR"));
    }

    @Test
    @DisplayName("a run whose virtual clock would pass its time limit fails naming the limit and the virtual time,"
            + " a day by default")
    void timeLimit() {
        long wall = System.nanoTime();
        List<Launch.Result> r = Launch.run(Fixtures.SleepsTooLong.class, Map.of());
        assertThat(r).hasSize(2).allSatisfy(x -> {
            assertThat(x.status()).isEqualTo(Status.FAILED);
            assertThat(x.thrown()).hasStackTraceContaining("FakeTimeLimitException");
        });
        assertThat(r).extracting(x -> x.thrown().toString()).anySatisfy(m -> assertThat(m)
                .contains("simulated time limit of PT1H reached at virtual time PT30M", "timeLimitSeconds=3600"));
        assertThat(r).extracting(x -> x.thrown().toString()).anySatisfy(m -> assertThat(m)
                .contains("simulated time limit of PT24H"));
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - wall)).isLessThan(java.time.Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("a spawn runs the same twice on every seed, with every parameter injected")
    void twiceAgrees() {
        List<Launch.Result> r = Launch.run(Fixtures.Deterministic.class, Map.of());
        assertThat(r).hasSize(6).allSatisfy(x -> assertThat(x.status()).as(x.name() + ": " + x.thrown())
                .isEqualTo(Status.SUCCESSFUL));
    }

    @Test
    @DisplayName("the decoded trace names syscalls, flags, signals, strings and errnos, with time and marks")
    void decoded(@TempDir Path dir) throws Exception {
        SimulationTrace trace = new SimulationTrace();
        try (Kernel kernel = Kernel.open(FakeKernel.builder().seed(1).traceListener(trace.listener()).build())) {
            ((FakeKernel) kernel.backend()).mark("before the spawn");
            kernel.localTask().run(Command.of("/bin/true"));
            kernel.time().sleep(java.time.Duration.ofSeconds(5));
            try {
                kernel.localTask().run(Command.of("/no/such/program"));
            } catch (RuntimeException expected) {
                // ENOENT: its execve line is what this test reads
            }
        }
        String all = String.join("\n", trace.lines().stream().map(TraceLine::toString).toList());
        assertThat(all).contains("+0.000000s boot seed=1", " mark before the spawn", "clone3({flags=CLONE_VM|",
                "pipe2(0x", "O_CLOEXEC)", "execve(\"/no/such/program\", 0x", ") = -1 ENOENT",
                "waitid(P_PIDFD, ", "WEXITED");
        // structs, read with the api's codecs: a sleep's timespec, the siginfo waitid filled, clone3's arguments
        assertThat(all).containsPattern("clock_nanosleep\\(CLOCK_MONOTONIC, TIMER_ABSTIME, \\{tv_sec=100\\d, tv_nsec=\\d+}")
                .contains("si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=", "si_status=0}")
                .containsPattern("clone3\\(\\{flags=CLONE_VM\\|[A-Z_|]*, pidfd=0x[0-9a-f]+, exit_signal=SIGCHLD, stack=0x")
                .containsPattern("clock_gettime\\(CLOCK_MONOTONIC, \\{tv_sec=100\\d, ");
        assertThat(trace.lines()).filteredOn(l -> l.kind().equals("mark")).hasSize(1);
        Path jsonl = dir.resolve("t.jsonl");
        trace.writeJsonLines(jsonl);
        List<String> rows = Files.readAllLines(jsonl);
        assertThat(rows).hasSize(trace.lines().size()).allMatch(l -> l.startsWith("{\"t_ns\":") && l.endsWith("}"));
    }

    @Test
    @DisplayName("a mark with a line break is refused before it reaches the trace")
    void badMark() {
        try (FakeKernel fake = FakeKernel.builder().build()) {
            org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                    .isThrownBy(() -> fake.mark("a\nb")).withMessageContaining("text");
        }
    }

    @Test
    @DisplayName("in a strict simulation, a thread of the turn waiting on a latch fails the run with"
            + " FakeNondeterminismException naming the holder")
    void latchInStrictModeFails() {
        List<Launch.Result> r = Launch.run(Fixtures.LatchInStrictMode.class, Map.of());
        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.name()).isEqualTo("seed 0");
            assertThat(x.status()).isEqualTo(Status.FAILED);
            assertThat(x.thrown()).hasMessageContaining("simulation failed at seed 0")
                    .hasMessageContaining("replay: ")
                    .cause().isInstanceOf(FakeNondeterminismException.class)
                    .hasMessageContaining("has held the turn");
        });
    }
}
