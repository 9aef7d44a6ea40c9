// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit.report;

/**
 * A test class whose results go into the conformance matrix under {@link #reportName()}.
 *
 * @since 0.1
 */
public interface ConformanceTarget {

    /**
     * The matrix column, e.g. {@code "ffm (JDK 25)"}; also names the report file.
     *
     * @return the column name
     */
    String reportName();
}
