// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JVM's effective capabilities, from /proc/self/status: what some environment differences depend on. */
final class Capabilities {
    static final int CAP_SYS_NICE = 23;
    static final int CAP_SYS_RESOURCE = 24;

    private Capabilities() {}

    static boolean effective(int cap) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) >>> cap & 1) != 0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the JVM's capabilities from /proc/self/status", e);
        }
        throw new IllegalStateException("/proc/self/status has no CapEff line");
    }
}
