// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.guice;

/** Breaks one rule of {@code LayeringTest} on purpose: {@code RulesCatchViolationsTest} checks that it is caught. */
public final class GuiceUsesFake {
    private GuiceUsesFake() {
    }

    /** A user of the api naming a backend, which is chosen at run time. */
    public static Object violation() {
        return dev.jsyscall.backend.fake.FakeKernel.class;
    }
}
