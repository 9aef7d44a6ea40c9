// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

/** Breaks one rule of {@code LayeringTest} on purpose: {@code RulesCatchViolationsTest} checks that it is caught. */
public final class ConstructibleHandle {
    /** A handle anyone can build, with whatever state they like. */
    public ConstructibleHandle() {
    }
}
