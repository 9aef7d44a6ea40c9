// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.near;

/** Breaks one rule of {@code LayeringTest} on purpose: {@code RulesCatchViolationsTest} checks that it is caught. */
public final class NearUsesLinux {
    private NearUsesLinux() {
    }

    /** A near value that knows Linux's errno table. */
    public static Object violation() {
        return dev.jsyscall.linux.Errno.EPERM;
    }
}
