// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.testkit.report.sample.SampleSuite;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Rule ids and expectations, on a tiny area run by a nested launcher, and on the kit itself. */
class ConformanceRulesTest {

    /** How often the X2 test body ran, to prove a skipped rule does not run at all. */
    static final AtomicInteger X2_RUNS = new AtomicInteger();

    /** A tiny area: one rule that holds, one that does not, one the backend lacks a capability for. */
    interface TinyArea {
        @Test
        @RuleId("X1")
        default void holds() {
            assertThat(1 + 1).isEqualTo(2);
        }

        @Test
        @RuleId("X2")
        default void broken() {
            X2_RUNS.incrementAndGet();
            throw new AssertionError("deliberate failure");
        }

        @Test
        @RuleId("X3")
        default void lacksCapability() {
            Assumptions.abort("backend 'tiny' lacks REAL_KERNEL");
        }
    }

    /** A backend's suite: the area composed in one line, and what the backend expects of it. */
    @ExtendWith(SampleSuite.OnlyWhenLaunchedByTheTest.class)
    @ExtendWith(ConformanceRules.class)
    abstract static class TinySuite implements Expectations.Source {
        @Nested
        class Area implements TinyArea {
        }
    }

    static class NoExpectations extends TinySuite {
        @Override
        public Expectations expectations() {
            return Expectations.none();
        }
    }

    static class ExpectsX2ToFail extends TinySuite {
        @Override
        public Expectations expectations() {
            return Expectations.none().fails("X2", "the tiny backend breaks it on purpose");
        }
    }

    static class StaleExpectation extends TinySuite {
        @Override
        public Expectations expectations() {
            return Expectations.none().fails("X1", "was broken once").fails("X2", "still broken");
        }
    }

    static class SkipsX2 extends TinySuite {
        @Override
        public Expectations expectations() {
            return Expectations.none().skips("X2", "would hang the tiny backend");
        }
    }

    static class UnknownRule extends TinySuite {
        @Override
        public Expectations expectations() {
            return Expectations.none().fails("X9", "renamed long ago");
        }
    }

    @Test
    void aFailureNamesItsRule() {
        Map<String, TestExecutionResult> r = run(NoExpectations.class);
        assertThat(r.get("holds()").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(r.get("broken()").getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(message(r.get("broken()"))).startsWith("[X2] ").contains("deliberate failure");
        assertThat(r.get("lacksCapability()").getStatus()).isEqualTo(TestExecutionResult.Status.ABORTED);
        assertThat(message(r.get("lacksCapability()"))).contains("lacks REAL_KERNEL");
    }

    @Test
    void anExpectedFailureIsASkipWithTheReason() {
        Map<String, TestExecutionResult> r = run(ExpectsX2ToFail.class);
        assertThat(r.get("broken()").getStatus()).isEqualTo(TestExecutionResult.Status.ABORTED);
        assertThat(message(r.get("broken()"))).contains("[X2]", "the tiny backend breaks it on purpose",
                "deliberate failure");
        assertThat(r.get("holds()").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    @Test
    void anExpectedFailureThatPassesFailsAsStale() {
        Map<String, TestExecutionResult> r = run(StaleExpectation.class);
        assertThat(r.get("holds()").getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(message(r.get("holds()"))).contains("[X1]", "was broken once", "stale");
        assertThat(r.get("broken()").getStatus()).isEqualTo(TestExecutionResult.Status.ABORTED);
    }

    @Test
    void anExpectedSkipDoesNotRunTheTest() {
        int before = X2_RUNS.get();
        Map<String, TestExecutionResult> r = run(SkipsX2.class);
        assertThat(r.get("broken()").getStatus()).isEqualTo(TestExecutionResult.Status.ABORTED);
        assertThat(message(r.get("broken()"))).contains("[X2]", "would hang the tiny backend");
        assertThat(X2_RUNS.get()).isEqualTo(before);
    }

    @Test
    void anExpectationNamingNoRuleFailsEveryTest() {
        Map<String, TestExecutionResult> r = run(UnknownRule.class);
        assertThat(r.values()).allSatisfy(res -> {
            assertThat(res.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
            assertThat(message(res)).contains("X9", "does not have");
        });
        assertThat(r).hasSize(3);
    }

    @Test
    void expectationsRefuseBadArgumentsNamingThem() {
        assertThatThrownBy(() -> Expectations.none().fails(" ", "why")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ruleId");
        assertThatThrownBy(() -> Expectations.none().skips("P2", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason");
        assertThatThrownBy(() -> Expectations.none().fails("P2", "a").skips("P2", "b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("P2");
        assertThatThrownBy(() -> Expectations.none().fails(null, "a")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("ruleId");
    }

    @Test
    void everyTestOfTheKitHasAUniqueRuleId() {
        List<String> missing = new ArrayList<>();
        Map<String, String> seen = new TreeMap<>();
        Map<String, List<String>> duplicates = new HashMap<>();
        for (Class<?> root : List.of(SyscallConformanceSuite.class, NativeAccessContract.class,
                SharedKernelContract.class)) {
            for (Method m : testMethods(root)) {
                RuleId id = m.getAnnotation(RuleId.class);
                String name = m.getDeclaringClass().getSimpleName() + "." + m.getName();
                if (id == null) {
                    missing.add(name);
                } else if (seen.containsKey(id.value()) && !seen.get(id.value()).equals(name)) {
                    duplicates.computeIfAbsent(id.value(), k -> new ArrayList<>(List.of(seen.get(k)))).add(name);
                } else {
                    seen.put(id.value(), name);
                }
            }
        }
        assertThat(missing).as("kit tests without @RuleId").isEmpty();
        assertThat(duplicates).as("rule ids on more than one test").isEmpty();
        // the seed's ids are all present
        assertThat(seen).containsKeys("P1", "P2", "P3", "P4", "P5", "P6", "P7", "C1", "C2", "C3", "C4", "C5", "C6",
                "C7", "C8", "T1", "T2", "T3", "K1", "K2", "K3");
    }

    private static List<Method> testMethods(Class<?> type) {
        List<Method> out = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Test.class)) {
                    out.add(m);
                }
            }
            for (Class<?> nested : c.getDeclaredClasses()) {
                if (nested.isAnnotationPresent(Nested.class)) {
                    out.addAll(testMethods(nested));
                }
            }
        }
        for (Class<?> i : type.getInterfaces()) {
            for (Method m : i.getMethods()) {
                if (m.isAnnotationPresent(Test.class)) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    private static String message(TestExecutionResult result) {
        return result.getThrowable().map(Throwable::getMessage).orElse("");
    }

    /** Runs {@code suite} in a nested launcher; the results by test display name. */
    private static Map<String, TestExecutionResult> run(Class<?> suite) {
        Map<String, TestExecutionResult> results = new HashMap<>();
        Launcher launcher = LauncherFactory.create(
                LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(DiscoverySelectors.selectClass(suite))
                .filters(EngineFilter.includeEngines("junit-jupiter"))
                .configurationParameter(SampleSuite.ENABLED, "true").build(), new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (id.isTest()) {
                            results.put(id.getDisplayName(), result);
                        }
                    }
                });
        return results;
    }
}
