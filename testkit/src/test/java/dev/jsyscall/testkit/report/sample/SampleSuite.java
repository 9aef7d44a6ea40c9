// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit.report.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jsyscall.testkit.report.ConformanceReportExtension;
import dev.jsyscall.testkit.report.ConformanceTarget;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A miniature conformance suite, in its own package like the real one is in its own module, run by
 * {@code ConformanceReportExtensionTest} through the JUnit Platform launcher. It fails and skips on purpose, so it
 * only runs when that test sets {@link #ENABLED} (an IDE running "all tests" must not show its failure).
 */
@ExtendWith(SampleSuite.OnlyWhenLaunchedByTheTest.class)
@ExtendWith(ConformanceReportExtension.class)
@DisplayName("The sample suite (its own name is not in the report)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
public abstract class SampleSuite implements ConformanceTarget {

    /** Configuration parameter that lets the sample run. */
    public static final String ENABLED = "jsyscall.test.sample-suite";

    /** Keeps the deliberately failing sample out of ordinary test runs. */
    public static final class OnlyWhenLaunchedByTheTest implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(ENABLED).filter("true"::equals).isPresent()
                    ? ConditionEvaluationResult.enabled("launched by ConformanceReportExtensionTest")
                    : ConditionEvaluationResult.disabled("a sample for ConformanceReportExtensionTest, fails on purpose");
        }
    }

    @Test
    @Order(1)
    @DisplayName("a top-level test passes")
    void topLevel() {
        assertThat(Integer.sum(1, 1)).isEqualTo(2);
    }

    @ParameterizedTest(name = "n = {0}")
    @Order(2)
    @ValueSource(ints = {3, -3})
    @DisplayName("squares are positive")
    void squares(int n) {
        assertThat(n * n).isPositive();
    }

    @Nested
    @Order(1)
    @DisplayName("Pipes")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @TestClassOrder(ClassOrderer.OrderAnnotation.class)
    class Pipes {
        @Test
        @Order(1)
        @DisplayName("a write | then\tread round-trips")
        void passes() {
            assertThat("abc").hasSize(3);
        }

        @Test
        @Order(2)
        @DisplayName("a failing test")
        void fails() {
            throw new AssertionError("deliberate failure\nsecond line");
        }

        @Test
        @Order(3)
        @DisplayName("an aborted test")
        void aborted() {
            Assumptions.assumeTrue(false, "needs pipe2\nwith O_DIRECT");
        }

        @Test
        @Order(4)
        @Disabled("waiting for the fake")
        @DisplayName("a disabled test")
        void disabled() {
            fail("a disabled test ran");
        }

        @Nested
        @DisplayName("Atomicity")
        class Atomicity {
            @Test
            @DisplayName("writes up to PIPE_BUF are atomic")
            void atomic() {
                assertThat(4096).isLessThanOrEqualTo(65536);
            }
        }
    }

    @Nested
    @Order(2)
    @DisplayName("Signals")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Signals {
        @BeforeAll
        void needsSignals() {
            Assumptions.assumeTrue(false, "signals are not implemented");
        }

        @Test
        @DisplayName("never runs")
        void neverRuns() {
            fail("ran although the class-level assumption failed");
        }
    }
}
