// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.far;

/** Breaks one rule of {@code LayeringTest} on purpose: {@code RulesCatchViolationsTest} checks that it is caught. */
public class SubclassableTask {
    /** Protected in a class that is not sealed: any subclass, anywhere, can build one. */
    protected SubclassableTask() {
    }
}
