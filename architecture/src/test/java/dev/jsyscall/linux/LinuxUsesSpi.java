// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux;

/** Breaks one rule of {@code LayeringTest} on purpose: {@code RulesCatchViolationsTest} checks that it is caught. */
public final class LinuxUsesSpi {
    private LinuxUsesSpi() {
    }

    /** A Linux constant table that depends on the SPI. */
    public static Object violation() {
        return dev.jsyscall.spi.Capability.PIDFD;
    }
}
