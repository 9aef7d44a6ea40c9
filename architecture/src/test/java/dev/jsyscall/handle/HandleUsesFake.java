// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

/** Breaks one rule of {@code LayeringTest} on purpose: {@code RulesCatchViolationsTest} checks that it is caught. */
public final class HandleUsesFake {
    private HandleUsesFake() {
    }

    /** The api naming a backend, which is chosen at run time. */
    public static Object violation() {
        return dev.jsyscall.backend.fake.FakeKernel.class;
    }
}
