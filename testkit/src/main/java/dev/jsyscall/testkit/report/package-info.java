// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * The per-backend conformance report (a TSV file written by a JUnit extension) and the matrix that the build
 * assembles from the reports into {@code docs/conformance.md}. Layer rule: as {@code dev.jsyscall.testkit}.
 */
package dev.jsyscall.testkit.report;
