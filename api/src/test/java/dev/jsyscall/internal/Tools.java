// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Finds external build tools (assemblers, gcc) for tests: a visible skip when absent, a failure under CI=true. */
final class Tools {

    private Tools() {
    }

    /** The first of {@code candidates} found on PATH, or an aborted (CI: failed) test naming what is missing. */
    static Path require(String purpose, String... candidates) {
        return require("true".equals(System.getenv("CI")), purpose, candidates);
    }

    static Path require(boolean ci, String purpose, String... candidates) {
        Optional<Path> found = find(candidates);
        if (found.isPresent()) {
            return found.get();
        }
        String message = "none of " + Arrays.toString(candidates) + " is on PATH, needed to " + purpose;
        if (ci) {
            fail(message + " (CI=true: a missing tool is a failure, not a skip)");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable: Assumptions.abort throws");
    }

    static Optional<Path> find(String... candidates) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : candidates) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The api module's directory: surefire sets {@code basedir}; an IDE usually runs tests from there. */
    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    }

    /** What a finished command printed (stdout and stderr merged) and its exit code. */
    record Result(int exitCode, String output) {
    }

    /** Runs {@code command}, failing the test if it does not finish within {@code timeoutSeconds}. */
    static Result run(long timeoutSeconds, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        // Read on this thread after the wait would deadlock on a full pipe; read first, then wait with a bound.
        byte[][] out = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                out[0] = process.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = ("<reading output failed: " + e + ">").getBytes(StandardCharsets.UTF_8);
            }
        });
        reader.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            reader.join(5_000);
            fail(command + " did not finish within " + timeoutSeconds + " s; output so far:\n"
                    + (out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8)));
        }
        // A leftover descendant (say, a driven child that never saw EOF) would keep the output pipe open.
        reader.join(10_000);
        if (reader.isAlive()) {
            fail(command + " exited but its output stayed open for 10 s: a child process it started still runs");
        }
        return new Result(process.exitValue(), new String(out[0], StandardCharsets.UTF_8));
    }
}
