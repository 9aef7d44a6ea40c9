// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JVM's open fds from {@code /proc/self/fd}, minus the files the JVM opens by itself at any moment (jars,
 * modules, shared libraries, class data) which would look like leaks.
 */
final class ProcFds {
    private ProcFds() {
    }

    static Set<String> snapshot() {
        Set<String> out = new TreeSet<>();
        Path dir = Paths.get("/proc/self/fd");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String target;
                try {
                    target = Files.readSymbolicLink(p).toString();
                } catch (NoSuchFileException e) {
                    continue; // the directory stream's own fd, closed by now
                }
                if (isJvmOwn(target)) {
                    continue;
                }
                out.add(p.getFileName() + " -> " + target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc/self/fd", e);
        }
        return out;
    }

    private static boolean isJvmOwn(String target) {
        return target.endsWith(".jar") || target.endsWith(".jmod") || target.endsWith(".so")
                || target.contains(".so.") || target.endsWith("/modules") || target.endsWith(".jsa")
                || target.startsWith("/proc/") || target.endsWith(".class");
    }
}
