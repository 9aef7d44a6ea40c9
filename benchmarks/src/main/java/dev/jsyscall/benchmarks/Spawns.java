// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.benchmarks;

import dev.jsyscall.Command;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.linux.wait.ChildState;
import java.io.IOException;

/**
 * The spawn-and-wait operations shared by the single-threaded and the concurrent spawn benchmarks, each checking
 * that {@code /bin/true} really ran (exit status 0), so that a broken spawn cannot pass for a fast one.
 *
 * <pre>{@code
 * Spawns.jsyscall(kernel.localTask());
 * }</pre>
 *
 * @since 0.1
 */
public final class Spawns {
    /** The program every spawn benchmark runs. */
    public static final String TRUE = "/bin/true";
    static final Command COMMAND = Command.of(TRUE);

    private Spawns() {
    }

    /**
     * jsyscall: clone a driven child, exec /bin/true in it, wait for it. The clone is made on the calling thread
     * ({@code cloneChildOnThisThread}), as {@code Spawn} does when no step sets {@code PR_SET_PDEATHSIG}.
     */
    public static int jsyscall(LocalTask local) {
        try (ChildTask child = local.cloneChildOnThisThread(0)) {
            return check(child.exec(COMMAND).waitForExit());
        }
    }

    /**
     * {@code ProcessBuilder} with stdin, stdout and stderr inherited: the same fds as a jsyscall child gets, so
     * neither side pays for pipes the other does not create.
     */
    public static int processBuilderInheritIo() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(TRUE).inheritIO().start();
        return check(p.waitFor());
    }

    /** {@code ProcessBuilder} as most code uses it: three pipes, closed once the child is reaped. */
    public static int processBuilderPipes() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(TRUE).start();
        try {
            return check(p.waitFor());
        } finally {
            p.getOutputStream().close();
            p.getInputStream().close();
            p.getErrorStream().close();
        }
    }

    static int check(ChildState state) {
        if (!state.isCleanExit()) {
            throw new IllegalStateException(TRUE + " should exit with status 0, but " + state.describe());
        }
        return state.pid();
    }

    private static int check(int status) {
        if (status != 0) {
            throw new IllegalStateException(TRUE + " should exit with status 0, but exited with " + status);
        }
        return status;
    }
}
