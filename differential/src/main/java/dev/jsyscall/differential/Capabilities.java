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

    /**
     * The best (lowest) nice value in the JVM's process group (fields 5 and 19 of each /proc/[pid]/stat): what
     * getpriority(PRIO_PGRP, 0) sees from a child in that group.
     */
    static int groupNice() {
        try {
            String[] self = fields(Files.readString(Path.of("/proc/self/stat")));
            int best = Integer.parseInt(self[19 - 3]);
            try (java.nio.file.DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path proc : procs) {
                    String[] f;
                    try {
                        f = fields(Files.readString(proc.resolve("stat")));
                    } catch (IOException gone) {
                        continue; // it exited meanwhile
                    }
                    if (f[5 - 3].equals(self[5 - 3])) {
                        best = Math.min(best, Integer.parseInt(f[19 - 3]));
                    }
                }
            }
            return best;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the nice values of the JVM's process group from /proc", e);
        }
    }

    /**
     * Whether the JVM's process group is outside its pid namespace (a container started inside another session):
     * Linux then reports the group as 0 (field 5 of /proc/self/stat), and no program in here can name it.
     */
    static boolean groupOutsideNamespace() {
        try {
            return fields(Files.readString(Path.of("/proc/self/stat")))[5 - 3].equals("0");
        } catch (IOException e) {
            throw new UncheckedIOException("reading the JVM's process group from /proc/self/stat", e);
        }
    }

    private static String[] fields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}
