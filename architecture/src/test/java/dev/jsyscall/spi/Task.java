// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi;

/**
 * Breaks one rule of {@code LayeringTest} on purpose, together with {@code dev.jsyscall.handle.Task}:
 * {@code RulesCatchViolationsTest} checks that it is caught.
 */
public final class Task {
    private Task() {
    }
}
