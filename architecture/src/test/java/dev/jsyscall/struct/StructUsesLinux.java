// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.struct;

/** Breaks one rule of {@code LayeringTest} on purpose: {@code RulesCatchViolationsTest} checks that it is caught. */
public final class StructUsesLinux {
    private StructUsesLinux() {
    }

    /** A codec that knows what the values it decodes mean. */
    public static Object violation() {
        return dev.jsyscall.linux.Errno.EPERM;
    }
}
