// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

/** Breaks one rule of {@code LayeringTest} on purpose: {@code RulesCatchViolationsTest} checks that it is caught. */
public final class FakeUsesHandle {
    private FakeUsesHandle() {
    }

    /** The fake building on handles instead of implementing the SPI. */
    public static Object violation() {
        return dev.jsyscall.handle.LocalTask.class;
    }
}
