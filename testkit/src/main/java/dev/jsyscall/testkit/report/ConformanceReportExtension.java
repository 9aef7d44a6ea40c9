// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit.report;

import dev.jsyscall.testkit.RuleId;
import dev.jsyscall.testkit.report.ConformanceReport.Entry;
import dev.jsyscall.testkit.report.ConformanceReport.Status;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Records the outcome of every test of a conformance suite and writes it, when the suite class finishes and a
 * directory is set, to {@code <dir>/<report name>.tsv} for the project's {@code ConformanceMatrix} to assemble into
 * {@code docs/conformance.md}.
 *
 * <pre>{@code
 * // the shared suite carries the extension:
 * //   @ExtendWith(ConformanceReportExtension.class)
 * //   public abstract class SyscallConformanceSuite implements ConformanceTarget { ... }
 * class FfmConformanceTest extends SyscallConformanceSuite {
 *     public String reportName() { return "ffm (JDK " + Runtime.version().feature() + ")"; }
 * }
 * }</pre>
 *
 * <p>The outermost test class must implement {@link ConformanceTarget}; tests of its {@code @Nested} classes are
 * attributed to it. A test's row is its path of display names below the outermost class (nested classes, then the
 * test), preceded by the test's {@link RuleId} when it has one, and its status: passed, failed, skipped (an
 * assumption aborted it; the row keeps the assumption's message) or disabled. A nested class whose class-level setup or teardown fails or aborts gets a row of its own, so its
 * tests do not vanish from the matrix unexplained.
 *
 * <p>A report is written only when asked for: the configuration parameter or system property {@value #DIR_PROPERTY}
 * names the directory, relative to the working directory (Maven Surefire runs tests in the module's directory).
 * Without it a backend's tests leave no file behind.
 * Results of several classes with the same report name in one JVM are written together to one file.
 * Rows are in execution order, which is the suite's order unless tests run in parallel.
 *
 * @since 0.1
 */
public final class ConformanceReportExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback,
        TestWatcher {

    /** Configuration parameter (or system property) naming the report directory. */
    public static final String DIR_PROPERTY = "jsyscall.conformance.dir";

    /** The test path of a class's own setup/teardown row. */
    static final String CLASS_LEVEL_ROW = "(class-level setup or teardown)";
    private static final String ASSUMPTION_PREFIX = "Assumption failed: ";
    /** Failure details are for a quick look; the full story is in the test runner's own report. */
    private static final int MAX_DETAIL = 500;

    private static final Namespace NAMESPACE = Namespace.create(ConformanceReportExtension.class);

    /** Rows already written per report file in this JVM, so a second class with the same name adds to them. */
    private static final Map<Path, List<Entry>> WRITTEN = new ConcurrentHashMap<>();

    /** Collects the rows of one outermost test class; callbacks may come from several threads. */
    private static final class Collector {
        private final Class<?> suiteClass;
        private final List<Entry> entries = new ArrayList<>();
        private String reportName;

        Collector(Class<?> suiteClass) {
            this.suiteClass = suiteClass;
        }

        synchronized void add(Entry entry) {
            entries.add(entry);
        }

        synchronized void nameFrom(Object outermostInstance) {
            if (reportName == null && outermostInstance instanceof ConformanceTarget target) {
                reportName = target.reportName();
                if (reportName == null || reportName.isBlank()) {
                    throw new ExtensionConfigurationException(suiteClass.getName() + ".reportName() returned '"
                            + reportName + "'; it must name the matrix column, e.g. \"ffm (JDK 25)\"");
                }
            }
        }

        synchronized ConformanceReport report() {
            // No instance was ever created when every test was disabled; the class name still says whose it is.
            String name = reportName != null ? reportName : suiteClass.getSimpleName();
            return new ConformanceReport(name, entries);
        }
    }

    /** Instantiated by JUnit for {@code @ExtendWith(ConformanceReportExtension.class)}. */
    public ConformanceReportExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext outermost = outermost(context);
        Class<?> suiteClass = outermost.getRequiredTestClass();
        if (!ConformanceTarget.class.isAssignableFrom(suiteClass)) {
            throw new ExtensionConfigurationException(ConformanceReportExtension.class.getSimpleName() + " reports "
                    + "under the name given by ConformanceTarget.reportName(), but " + suiteClass.getName()
                    + " does not implement " + ConformanceTarget.class.getName() + ". Implement it in the test class.");
        }
        Collector collector = collector(outermost);
        // With @TestInstance(PER_CLASS) the instance exists already; otherwise beforeEach sees it.
        context.getTestInstances().ifPresent(i -> collector.nameFrom(i.getAllInstances().get(0)));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        collector(outermost(context)).nameFrom(context.getRequiredTestInstances().getAllInstances().get(0));
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        record(context, Status.PASSED, "");
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        record(context, Status.SKIPPED, skipReason(cause));
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        record(context, Status.FAILED, failureSummary(cause));
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        record(context, Status.DISABLED, reason.filter(r -> !r.isBlank()).orElse("disabled (no reason given)"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ExtensionContext outermost = outermost(context);
        Collector collector = collector(outermost);
        // A failing or aborted @BeforeAll/@AfterAll never reaches TestWatcher: report it as a row of its own.
        context.getExecutionException().ifPresent(e -> {
            Status status = isAbort(e) ? Status.SKIPPED : Status.FAILED;
            collector.add(new Entry(area(context, outermost), CLASS_LEVEL_ROW, status,
                    status == Status.SKIPPED ? skipReason(e) : failureSummary(e)));
        });
        // A class that is no ConformanceTarget already failed in beforeAll; it must not become a matrix column.
        if (context == outermost && ConformanceTarget.class.isAssignableFrom(outermost.getRequiredTestClass())) {
            directory(context).ifPresent(dir -> write(dir, collector.report()));
        }
    }

    private static void write(Path dir, ConformanceReport report) {
        Path key = dir.toAbsolutePath().normalize().resolve(ConformanceReport.fileName(report.name()));
        // compute() holds the lock for this file while writing, so two classes finishing at once cannot lose rows.
        WRITTEN.compute(key, (k, previous) -> {
            List<Entry> all = new ArrayList<>(previous == null ? List.of() : previous);
            all.addAll(report.entries());
            new ConformanceReport(report.name(), all).writeTo(dir);
            return all;
        });
    }

    private static Optional<Path> directory(ExtensionContext context) {
        // Configuration parameters fall back to system properties, so -Djsyscall.conformance.dir works as well.
        return context.getConfigurationParameter(DIR_PROPERTY).filter(s -> !s.isBlank()).map(Paths::get);
    }

    private void record(ExtensionContext context, Status status, String detail) {
        ExtensionContext outermost = outermost(context);
        Collector collector = collector(outermost);
        context.getTestInstances().ifPresent(i -> collector.nameFrom(i.getAllInstances().get(0)));
        collector.add(new Entry(area(context, outermost), testName(context, outermost), status, detail));
    }

    private static Collector collector(ExtensionContext outermost) {
        return outermost.getStore(NAMESPACE).getOrComputeIfAbsent(Collector.class,
                k -> new Collector(outermost.getRequiredTestClass()), Collector.class);
    }

    /** The class context just below the engine: the suite subclass that the backend runs. */
    private static ExtensionContext outermost(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getParent().isPresent() && c.getParent().get().getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    /** Display names of the contexts between {@code outermost} (excluded) and {@code context} (included). */
    private static List<ExtensionContext> below(ExtensionContext context, ExtensionContext outermost) {
        List<ExtensionContext> chain = new ArrayList<>();
        for (ExtensionContext c = context; c != outermost; c = c.getParent().orElseThrow()) {
            chain.add(0, c);
        }
        return chain;
    }

    /** Nested class display names: contexts without a test method. */
    private static String area(ExtensionContext context, ExtensionContext outermost) {
        List<String> names = new ArrayList<>();
        for (ExtensionContext c : below(context, outermost)) {
            if (c.getTestMethod().isEmpty()) {
                names.add(c.getDisplayName());
            }
        }
        return String.join(ConformanceReport.PATH_SEPARATOR, names);
    }

    /** The test's display name, preceded by its template's (e.g. a @ParameterizedTest) when it is an invocation. */
    private static String testName(ExtensionContext context, ExtensionContext outermost) {
        List<String> names = new ArrayList<>();
        for (ExtensionContext c : below(context, outermost)) {
            if (c.getTestMethod().isPresent()) {
                names.add(c.getDisplayName());
            }
        }
        // the rule id leads, so the matrix names the rule a backend's expectations and failure messages name
        String rule = context.getTestMethod().map(m -> m.getAnnotation(RuleId.class)).map(r -> r.value() + " · ")
                .orElse("");
        return rule + String.join(ConformanceReport.PATH_SEPARATOR, names);
    }

    private static boolean isAbort(Throwable t) {
        // opentest4j's TestAbortedException (what Assumptions throw) is matched by name: testkit does not
        // require the opentest4j module, and JUnit also honours subclasses from other frameworks.
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("org.opentest4j.TestAbortedException")) {
                return true;
            }
        }
        return false;
    }

    private static String skipReason(Throwable cause) {
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return "aborted without a reason (" + cause.getClass().getName() + ")";
        }
        return message.startsWith(ASSUMPTION_PREFIX) ? message.substring(ASSUMPTION_PREFIX.length()) : message;
    }

    private static String failureSummary(Throwable cause) {
        String message = cause.getMessage() == null ? "" : cause.getMessage().strip();
        String summary = message.isEmpty() ? cause.getClass().getName() : cause.getClass().getName() + ": " + message;
        return summary.length() <= MAX_DETAIL ? summary : summary.substring(0, MAX_DETAIL) + "…";
    }
}
