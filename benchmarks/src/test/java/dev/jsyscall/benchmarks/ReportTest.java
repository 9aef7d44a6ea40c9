// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The report's verdicts and its reasons for a missed target, from figures fed in: how far a target is beyond what
 * the C baselines reached is said from their figures, and a target they reach is called reachable.
 */
class ReportTest {
    private static RunAll run(double vforkNs, double posixSpawnNs, double apiNs) {
        RunAll run = new RunAll(RunAll.Mode.QUICK, Path.of("target", "c"), Map.of());
        for (int round = 0; round < RunAll.Mode.QUICK.rounds; round++) {
            run.record("c:vfork", round, vforkNs);
            run.record("c:posix_spawn", round, posixSpawnNs);
            run.record("jmh:SpawnJdkBenchmark.processBuilderInheritIo", round, 2 * posixSpawnNs);
            for (String b : RunAll.BACKENDS) {
                run.record("jmh:SpawnBenchmark.bare:" + b, round, apiNs);
                run.record("jmh:SpawnBenchmark.spawnApiBare:" + b, round, apiNs);
            }
        }
        return run;
    }

    @Test
    @DisplayName("a spawn target that even a C loop of vfork+execve+waitpid misses in every round says how far off it is")
    void floorBelowTarget() {
        // the floor is 1.03x posix_spawn: 1.10x would mean beating it
        String md = new Report(run(770_000, 795_000, 1_000_000)).markdown();
        assertThat(md).contains("| 3 | spawn+wait throughput through the `Spawn` API ÷ C `posix_spawn` | ffm | 0.80×")
                .contains("So 1.10× would take a spawn+wait 7% faster than that loop in its best round: more than"
                        + " anything measured here achieved")
                .contains("`vfork`, `execve` and `waitpid` 2.06× (per round 2.06–2.06)")
                .contains("Reaching 2.70× would take a spawn+wait 31% faster than that loop's in its best round,"
                        + " while jsyscall's fastest round here reached 0.77× the loop's throughput");
    }

    @Test
    @DisplayName("a spawn target that the C loop meets is called reachable")
    void floorAboveTarget() {
        String md = new Report(run(550_000, 795_000, 1_000_000)).markdown();
        assertThat(md).contains("**(3) spawn vs posix_spawn**")
                .doesNotContain("more than anything measured here achieved")
                .contains("So the target is reachable in principle");
    }

    @Test
    @DisplayName("the eight-thread C ceiling is turned from ns per spawn into a rate before it is compared")
    void concurrentCeiling() {
        RunAll run = run(770_000, 795_000, 1_000_000);
        for (int round = 0; round < RunAll.Mode.QUICK.rounds; round++) {
            run.record("c:posix_spawn8", round, 500_000);   // 2000 spawns/s
            run.record("jmh:ConcurrentSpawnJdkBenchmark.processBuilder", round, 1000);
            for (String b : RunAll.BACKENDS) {
                run.record("jmh:ConcurrentSpawnBenchmark.jsyscall:" + b, round, 1500);
            }
        }
        String md = new Report(run).markdown();
        assertThat(md).contains("| 5· | C `posix_spawn` on 8 threads, spawns/s ÷ `ProcessBuilder` | — | 2.00×")
                .contains("| 5 | 8 spawns in flight (8 threads), spawns/s: jsyscall ÷ `ProcessBuilder` | ffm | 1.50×")
                .contains("so 2.50× would take 25% more spawns per second than C `posix_spawn` managed in the"
                        + " median round")
                .contains("jsyscall reached ffm 0.75×, jnr 0.75× C's rate");
    }

    @Test
    @DisplayName("a run's saved figures give the same report again")
    void savedFiguresRoundTrip(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        RunAll run = run(770_000, 795_000, 1_000_000);
        run.record("jmh:SpawnBenchmark.cloneOnly:ffm", 1, Double.NaN);
        Path file = dir.resolve("figures.tsv");
        run.save(file);
        assertThat(new Report(RunAll.load(file)).markdown()).isEqualTo(new Report(run).markdown());
    }
}
