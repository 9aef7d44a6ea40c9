// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

/**
 * Java code that a fake process runs after a successful {@code execve} of the path it is registered under.
 * It makes its syscalls through {@link ProgramContext#syscalls()}, as the process it runs in; returning
 * {@code n} exits with status {@code n & 0xff}; an uncaught exception is reported on the process's stderr
 * (fd 2) and in {@link FakeKernel#programFailures()}, and the process exits with status 1, as a JVM does.
 *
 * <p>A program runs on its own Java thread but never concurrently with anything else in the simulation: it
 * must only block through syscalls (never on Java locks or sleeps shared with the test), and must make its
 * syscalls from that thread only.
 *
 * <pre>{@code
 * FakeKernel kernel = FakeKernel.builder()
 *         .program("/usr/bin/hello", ctx -> { ctx.print(1, "hello " + ctx.argv().get(1) + "\n"); return 0; })
 *         .build();
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface SimulatedProgram {

    /**
     * Runs the program.
     *
     * @return the exit status (only the low 8 bits reach the parent, as with {@code exit(3)})
     * @param ctx the process the program runs as
     * @throws Exception anything; it is reported and the process exits with status 1
     */
    int run(ProgramContext ctx) throws Exception;
}
