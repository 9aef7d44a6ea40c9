// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.mutants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Proof that the kit catches what it must: each mutant backend breaks one rule, the kit's areas where that rule
 * lives run over it, and at least one named test must fail. The tests that failed are the mutant's killers; the
 * mutation score and the killers go to {@code docs/conformance.md} (module conformance-report appends the section).
 *
 * <p>{@code -Dmutants.areas=all} runs the whole kit over every mutant instead, to see every killer (slow).
 */
class MutantsTest {

    /** One mutant: the rule it breaks, what it wraps, and the kit's areas (nested classes) that cover the rule. */
    record Case(String name, String rule, String backend, Class<?> kit, List<String> areas) {
    }

    record Outcome(Case mutant, int run, List<String> killers, long millis) {
    }

    static final List<Case> CASES = List.of(
            new Case("reuses pids eagerly", "a freed pid goes to the very next clone (Linux counts up to pid_max)",
                    "fake", Kits.EagerPidReuseKit.class, List.of("ChildProcessBehaviour")),
            new Case("returns a wrong errno", "ESRCH comes back as EPERM", "jnr", Kits.WrongErrnoKit.class,
                    List.of("ProcessBehaviour", "ChildProcessBehaviour")),
            new Case("leaks an fd", "every pipe2 leaves an unowned copy of its read end", "jnr",
                    Kits.LeaksFdKit.class, List.of("ProcessBehaviour")),
            new Case("ignores CLOEXEC", "O_CLOEXEC and F_DUPFD_CLOEXEC are dropped", "jnr",
                    Kits.IgnoresCloexecKit.class, List.of("ProcessTaskBehaviour", "Spawning", "SpawnFds",
                            "SetupBatches", "Fidelity")),
            new Case("drops a siginfo field", "waitid leaves si_status zero", "jnr", Kits.DropsSiginfoStatusKit.class,
                    List.of("ChildProcessBehaviour", "Everyday")),
            new Case("splits a write under PIPE_BUF", "a write of 2 to 4096 bytes writes half", "jnr",
                    Kits.SplitsSmallWriteKit.class, List.of("ProcessTaskBehaviour", "Everyday", "Streaming")),
            new Case("delivers SIGCHLD late", "the first waitid(WNOHANG) after a child's exit reports nothing",
                    "jnr", Kits.LateSigchldKit.class, List.of("ProcessBehaviour", "ChildProcessBehaviour",
                            "Everyday")));

    private static final List<Outcome> OUTCOMES = Collections.synchronizedList(new ArrayList<>());

    @TestFactory
    Stream<DynamicTest> everyMutantIsKilledByANamedTest() {
        boolean all = "all".equals(System.getProperty("mutants.areas"));
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Outcome o = run(c, all ? List.of() : c.areas());
            OUTCOMES.add(o);
            assertThat(o.killers()).as("tests of %s that failed over the mutant '%s' (%s)", o.run(), c.name(),
                    c.rule()).isNotEmpty();
        }));
    }

    @AfterAll
    static void writeSection() throws IOException {
        String report = System.getProperty("mutants.report");
        if (report == null || OUTCOMES.isEmpty()) {
            return;
        }
        Path out = Path.of(report);
        Files.createDirectories(out.getParent());
        Files.writeString(out, MutationSection.render(List.copyOf(OUTCOMES)), StandardCharsets.UTF_8);
    }

    /** Runs the kit's {@code areas} (all of it when empty) over the mutant; returns the failed tests' names. */
    static Outcome run(Case c, List<String> areas) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(c.kit()))
                .filters(onlyAreas(areas))
                // the kit's per-backend report is for the matrix; a mutant's would only clutter it
                .configurationParameter("jsyscall.conformance.dir", "target/mutants/reports")
                // a mutant may hang a test (no CLOEXEC on the result channel: exec never shows as EOF); on a thread
                // of its own the test fails by name, and its clean-up kills the child, which frees the stuck thread
                .configurationParameter("junit.jupiter.execution.timeout.default", "20 s")
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                .build();
        List<String> killers = Collections.synchronizedList(new ArrayList<>());
        int[] run = {0};
        long start = System.nanoTime();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            private TestPlan plan;

            @Override
            public void testPlanExecutionStarted(TestPlan testPlan) {
                plan = testPlan;
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest()) {
                    return;
                }
                run[0]++;
                if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                    killers.add(path(plan, id));
                }
            }
        });
        return new Outcome(c, run[0], List.copyOf(killers), (System.nanoTime() - start) / 1_000_000);
    }

    /** "Area › test", from the display names below the kit class. */
    private static String path(TestPlan plan, TestIdentifier id) {
        List<String> names = new ArrayList<>();
        for (Optional<TestIdentifier> t = Optional.of(id); t.isPresent(); t = t.flatMap(plan::getParent)) {
            boolean nested = t.get().getUniqueIdObject().getLastSegment().getType().equals("nested-class");
            if (t.get().isTest() || nested) {
                names.add(0, t.get().getDisplayName());
            }
        }
        return String.join(" › ", names);
    }

    /** Keeps the tests of the named nested classes, and their containers; drops the rest. */
    private static PostDiscoveryFilter onlyAreas(List<String> areas) {
        return descriptor -> {
            if (areas.isEmpty()) {
                return FilterResult.included("the whole kit");
            }
            List<UniqueId.Segment> segments = descriptor.getUniqueId().getSegments();
            Optional<String> area = segments.stream().filter(s -> s.getType().equals("nested-class"))
                    .map(UniqueId.Segment::getValue).findFirst();
            if (area.isPresent()) {
                return areas.contains(area.get()) ? FilterResult.included("area " + area.get())
                        : FilterResult.excluded("area not run for this mutant");
            }
            boolean test = segments.stream().anyMatch(s -> !Arrays.asList("engine", "class").contains(s.getType()));
            return test ? FilterResult.excluded("top-level test, not in an area") : FilterResult.included("container");
        };
    }
}
