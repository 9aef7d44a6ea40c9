// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.jsyscall.linux.Syscall;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SchedulePolicyTest {

    /** Two chatty children into one pipe (DeterminismTest's scenario), under {@code policy}. */
    private static Object[] run(long seed, SchedulePolicy policy) {
        return DeterminismTest.chatty(FakeKernel.builder().seed(seed).schedule(policy).keepFullTrace(),
                k -> new Object[] {k.trace(), k.schedule(), k.scheduleDeviations()});
    }

    @Test
    @DisplayName("the preemption decisions before 200,000 local syscalls take two bits each, and the schedule they"
            + " make replays to itself")
    void runsOfNoPreemption() {
        int calls = 200_000;
        String schedule;
        try (FakeKernel k = FakeKernel.builder().seed(4).build()) {
            Local l = new Local(k);
            for (int i = 0; i < calls; i++) {
                l.ok(Syscall.GETPID);
            }
            schedule = k.schedule();
            // a decision before each syscall, y or n, each two bits: a long for every 32
            assertThat(k.recordedScheduleEntries()).as("longs and ints the record takes")
                    .isLessThanOrEqualTo(2L * calls / 32 + 64);
        }
        assertThat(schedule.split(",", -1)).hasSizeGreaterThanOrEqualTo(calls).containsOnly("n", "y");
        try (FakeKernel k = FakeKernel.builder().seed(4).schedule(SchedulePolicy.replay(schedule)).build()) {
            Local l = new Local(k);
            for (int i = 0; i < calls; i++) {
                l.ok(Syscall.GETPID);
            }
            assertThat(k.schedule()).isEqualTo(schedule);
        }
    }

    @Test
    @DisplayName("a pct run's recorded schedule replays to the same trace, line for line")
    void pctReplays() {
        for (long seed = 0; seed < 5; seed++) {
            Object[] pct = run(seed, SchedulePolicy.pct(2, 300));
            Object[] again = run(seed, SchedulePolicy.replay((String) pct[2]));
            assertThat((List<?>) again[1]).as("seed %d", seed).isEqualTo(pct[1]);
            assertThat(again[0]).isEqualTo(pct[0]);
        }
    }

    @Test
    @DisplayName("the random scheduler's recorded schedule replays to the trace the seed gives")
    void randomReplays() {
        Object[] random = run(9, SchedulePolicy.random());
        assertThat(run(9, SchedulePolicy.replay((String) random[2]))[1]).isEqualTo(random[1]);
    }

    @Test
    @DisplayName("a run's deviations from the default order replay to its trace; the default order has none")
    @SuppressWarnings("unchecked") // run() returns the deviations as the fourth element
    void deviationsReplay() {
        for (long seed = 0; seed < 5; seed++) {
            for (SchedulePolicy p : List.of(SchedulePolicy.random(), SchedulePolicy.pct(2, 300))) {
                Object[] first = run(seed, p);
                List<String> deviations = (List<String>) first[3];
                // a pct run may happen to be the default order (the caller first, then children in pid order)
                assertThat(deviations).as("seed %d, %s", seed, p)
                        .allSatisfy(d -> assertThat(d).matches("\\d+\\.\\d+=(y|\\d+)"));
                Object[] again = run(seed, SchedulePolicy.deviations(deviations));
                assertThat((List<?>) again[1]).as("seed %d, %s", seed, p).isEqualTo(first[1]);
                assertThat(again[3]).isEqualTo(deviations);
            }
        }
        assertThat((List<?>) run(9, SchedulePolicy.random())[3]).isNotEmpty();
        Object[] plain = run(3, SchedulePolicy.deviations(List.of()));
        assertThat((List<?>) plain[3]).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> SchedulePolicy.deviations(List.of("3.1=y", "3=y")))
                .withMessageContaining("\"3=y\"");
    }

    @Test
    @DisplayName("pct at depth 1 runs one child's ten writes all before the other's first")
    void pctRunsAhead() {
        Set<String> outputs = new HashSet<>();
        int whole = 0;
        for (long seed = 0; seed < 20; seed++) {
            String s = (String) run(seed, SchedulePolicy.pct(1, 300))[0];
            outputs.add(s);
            // with priorities only, the higher child writes all ten before the other's first
            whole += s.startsWith("A0 A1 A2 A3 A4 A5 A6 A7 A8 A9") || s.startsWith("B0 B1 B2 B3 B4 B5 B6 B7 B8 B9")
                    ? 1 : 0;
        }
        assertThat(whole).isEqualTo(20);
        assertThat(outputs).hasSize(2);
    }

    @Test
    @DisplayName("a schedule that does not fit the run fails the syscall naming the decision")
    void mismatch() {
        assertThatIllegalStateException().isThrownBy(() -> run(1, SchedulePolicy.replay("y,999")))
                .withMessageContaining("decision 2 of 2").withMessageContaining("pid 999");
    }

    @Test
    @DisplayName("bad pct settings and schedule tokens are refused, naming the argument")
    void badArguments() {
        assertThatIllegalArgumentException().isThrownBy(() -> SchedulePolicy.pct(0, 10)).withMessageContaining("depth");
        assertThatIllegalArgumentException().isThrownBy(() -> SchedulePolicy.pct(2, 0)).withMessageContaining("steps");
        assertThatIllegalArgumentException().isThrownBy(() -> SchedulePolicy.replay("y,n,-3"))
                .withMessageContaining("schedule: token 3");
        assertThatIllegalArgumentException().isThrownBy(() -> FakeKernel.builder().traceTail(0))
                .withMessageContaining("traceTail");
    }

    @Test
    @DisplayName("the trace keeps the last 1,024 lines by default and as many as traceTail says")
    void retention() {
        try (FakeKernel k = FakeKernel.builder().build(); FakeKernel few = FakeKernel.builder().traceTail(10).build()) {
            for (int i = 0; i < 2000; i++) {
                new Local(k).ok(Syscall.GETPID);
                new Local(few).ok(Syscall.GETPID);
            }
            assertThat(k.trace()).hasSize(1024).last().asString().contains("getpid");
            assertThat(few.trace()).hasSize(10);
            assertThat(k.dump()).contains("last syscalls:");
            assertThat(k.dump().lines().filter(x -> x.contains("getpid("))).hasSize(64);
        }
    }
}
