package dev.jsyscall.testkit.report;

import org.junit.jupiter.api.extension.Extension;

/** TEMPORARY placeholder until the report pipeline lands (replaced on merge). */
public final class ConformanceReportExtension implements Extension {
    public ConformanceReportExtension() {
    }
}
