// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.cli;

/** Breaks one rule of {@code LayeringTest} on purpose: {@code RulesCatchViolationsTest} checks that it is caught. */
public final class CliUsesInternal {
    private CliUsesInternal() {
    }

    /** The CLI reaching into the api's unexported internals. */
    public static Object violation() {
        return dev.jsyscall.internal.Blob.class;
    }
}
