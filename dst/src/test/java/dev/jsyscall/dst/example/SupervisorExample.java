// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.dst.example;

/** Lets the tests outside this package name the example class. */
public final class SupervisorExample {
    private SupervisorExample() {}

    public static Class<?> fixture() {
        return SupervisorSimulation.class;
    }
}
