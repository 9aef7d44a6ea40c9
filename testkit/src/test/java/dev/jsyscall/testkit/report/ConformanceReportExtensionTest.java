// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.testkit.report.sample.SampleSuite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

class ConformanceReportExtensionTest {

    /** What a backend module does: extend the suite, from another package, and name the column. */
    static class SampleBackend extends SampleSuite {
        @Override
        public String reportName() {
            return "sample (JDK 99)";
        }
    }

    /** A second class reporting under the same name in the same JVM. */
    @ExtendWith(SampleSuite.OnlyWhenLaunchedByTheTest.class)
    @ExtendWith(ConformanceReportExtension.class)
    static class SameNameElsewhere implements ConformanceTarget {
        @Override
        public String reportName() {
            return "sample (JDK 99)";
        }

        @Test
        void extra() {
            assertThat(List.of(1)).hasSize(1);
        }
    }

    @ExtendWith(SampleSuite.OnlyWhenLaunchedByTheTest.class)
    @ExtendWith(ConformanceReportExtension.class)
    static class NotATarget {
        @Test
        void whatever() {
            assertThat(true).isTrue();
        }
    }

    private static final String HEADER = "#jsyscall-conformance-report\t1\tsample (JDK 99)";
    private static final String COLUMNS = "area\ttest\tstatus\tdetail";
    private static final List<String> SAMPLE_ROWS = List.of(
            "\ta top-level test passes\tpassed\t",
            "\tsquares are positive › n = 3\tpassed\t",
            "\tsquares are positive › n = -3\tpassed\t",
            "Pipes\ta write | then\\tread round-trips\tpassed\t",
            "Pipes\ta failing test\tfailed\tjava.lang.AssertionError: deliberate failure\\nsecond line",
            "Pipes\tan aborted test\tskipped\tneeds pipe2\\nwith O_DIRECT",
            "Pipes\ta disabled test\tdisabled\twaiting for the fake",
            "Pipes › Atomicity\twrites up to PIPE_BUF are atomic\tpassed\t",
            "Signals\t(class-level setup or teardown)\tskipped\tsignals are not implemented");

    @TempDir
    Path dir;

    @Test
    void writesOneRowPerTestInSuiteOrderAttributedToTheOutermostClass() throws IOException {
        TestExecutionSummary summary = launch(Map.of(), SampleBackend.class);

        // The sample really ran as designed: 7 tests started, 1 failed, 1 aborted, 1 disabled; the Signals
        // container aborted before its test.
        assertThat(summary.getTestsStartedCount()).isEqualTo(7);
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getTestsAbortedCount()).isEqualTo(1);
        assertThat(summary.getTestsSkippedCount()).isEqualTo(1);
        assertThat(summary.getContainersAbortedCount()).isEqualTo(1);

        assertThat(reportFiles()).containsExactly(dir.resolve("sample-jdk-99.tsv"));
        List<String> lines = Files.readAllLines(dir.resolve("sample-jdk-99.tsv"), StandardCharsets.UTF_8);
        assertThat(lines).containsExactlyElementsOf(concat(List.of(HEADER, COLUMNS), SAMPLE_ROWS));
    }

    @Test
    void writesNothingUnlessADirectoryIsAskedFor() throws IOException {
        // the build asks for reports with a system property, which the configuration parameter falls back to
        String asked = System.clearProperty(ConformanceReportExtension.DIR_PROPERTY);
        Path defaultPlace = Path.of("target", "conformance", "sample-jdk-99.tsv");
        Files.deleteIfExists(defaultPlace);
        try {
            TestExecutionSummary summary = execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(SampleBackend.class))
                    .filters(EngineFilter.includeEngines("junit-jupiter"))
                    .configurationParameter(SampleSuite.ENABLED, "true").build());
            assertThat(summary.getTestsStartedCount()).isEqualTo(7);
        } finally {
            if (asked != null) {
                System.setProperty(ConformanceReportExtension.DIR_PROPERTY, asked);
            }
        }
        assertThat(reportFiles()).isEmpty();
        assertThat(defaultPlace).doesNotExist();
    }

    @Test
    void theMatrixReadsBackWhatTheExtensionWrote() throws IOException {
        launch(Map.of(), SampleBackend.class);

        ConformanceReport report = ConformanceReport.read(dir.resolve("sample-jdk-99.tsv"));

        assertThat(report.name()).isEqualTo("sample (JDK 99)");
        assertThat(report.entries()).contains(
                new ConformanceReport.Entry("Pipes", "a write | then\tread round-trips",
                        ConformanceReport.Status.PASSED, ""),
                new ConformanceReport.Entry("Pipes", "an aborted test", ConformanceReport.Status.SKIPPED,
                        "needs pipe2\nwith O_DIRECT"));
    }

    @Test
    void recordsEveryTestWhenTestsRunInParallel() throws IOException {
        launch(Map.of("junit.jupiter.execution.parallel.enabled", "true",
                        "junit.jupiter.execution.parallel.mode.default", "concurrent",
                        "junit.jupiter.execution.parallel.mode.classes.default", "concurrent"),
                SampleBackend.class);

        List<String> lines = Files.readAllLines(dir.resolve("sample-jdk-99.tsv"), StandardCharsets.UTF_8);
        assertThat(lines.subList(0, 2)).containsExactly(HEADER, COLUMNS);
        assertThat(lines.subList(2, lines.size())).containsExactlyInAnyOrderElementsOf(SAMPLE_ROWS);
    }

    @Test
    void classesWithTheSameReportNameShareOneFile() throws IOException {
        launch(Map.of(), SampleBackend.class, SameNameElsewhere.class);

        assertThat(reportFiles()).containsExactly(dir.resolve("sample-jdk-99.tsv"));
        List<String> lines = Files.readAllLines(dir.resolve("sample-jdk-99.tsv"), StandardCharsets.UTF_8);
        assertThat(lines).containsExactlyInAnyOrderElementsOf(
                concat(List.of(HEADER, COLUMNS, "\textra()\tpassed\t"), SAMPLE_ROWS));
    }

    @Test
    void aClassThatIsNoConformanceTargetFailsClearlyAndWritesNothing() throws IOException {
        TestExecutionSummary summary = launch(Map.of(), NotATarget.class);

        assertThat(summary.getFailures()).hasSize(1);
        assertThat(summary.getFailures().get(0).getException())
                .hasMessageContaining(NotATarget.class.getName())
                .hasMessageContaining("does not implement " + ConformanceTarget.class.getName());
        assertThat(reportFiles()).isEmpty();
    }

    @Test
    void theSampleStaysOffWhenNotLaunchedByThisTest() throws IOException {
        TestExecutionSummary summary = execute(request(SampleBackend.class).build());

        assertThat(summary.getTestsStartedCount()).isZero();
        assertThat(summary.getFailures()).isEmpty();
        // The summary counts the skipped class and every container below it.
        assertThat(summary.getContainersSkippedCount()).isEqualTo(5);
        assertThat(reportFiles()).isEmpty();
    }

    private TestExecutionSummary launch(Map<String, String> parameters, Class<?>... classes) {
        LauncherDiscoveryRequestBuilder request = request(classes).configurationParameter(SampleSuite.ENABLED, "true")
                .configurationParameters(parameters);
        return execute(request.build());
    }

    private LauncherDiscoveryRequestBuilder request(Class<?>... classes) {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(classes).map(DiscoverySelectors::selectClass).toList())
                .filters(EngineFilter.includeEngines("junit-jupiter"))
                .configurationParameter(ConformanceReportExtension.DIR_PROPERTY, dir.toString());
    }

    private static TestExecutionSummary execute(LauncherDiscoveryRequest request) {
        // No auto-registered listeners: only this summary observes the nested run.
        Launcher launcher = LauncherFactory.create(
                LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        return listener.getSummary();
    }

    private List<Path> reportFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
