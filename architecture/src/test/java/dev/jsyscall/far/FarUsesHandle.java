// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.far;

/** Breaks one rule of {@code LayeringTest} on purpose: {@code RulesCatchViolationsTest} checks that it is caught. */
public final class FarUsesHandle {
    private FarUsesHandle() {
    }

    /** A far identity that depends on the handles built on it. */
    public static Object violation() {
        return dev.jsyscall.handle.LocalTask.class;
    }
}
