// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Deterministic simulation testing for code written against jsyscall: {@link dev.jsyscall.dst.Simulation} runs a
 * JUnit 5 test over many seeds of the fake kernel, prints a one-line replay of a failing seed, checks that a seed
 * runs the same twice and that rare conditions were reached, and decodes the fake's trace for people.
 */
module dev.jsyscall.dst {
    requires transitive dev.jsyscall;
    requires transitive dev.jsyscall.backend.fake;
    requires transitive org.junit.jupiter.api;

    exports dev.jsyscall.dst;

    opens dev.jsyscall.dst to org.junit.platform.commons;
}
