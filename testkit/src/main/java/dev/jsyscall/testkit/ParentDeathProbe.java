// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.linux.signal.Signal;

/**
 * A program for the conformance suite, run in a JVM of its own that the test then kills with SIGKILL: it leaves a
 * driven child that is still being set up and a program started with {@code PR_SET_PDEATHSIG}, prints their pids,
 * and waits to be killed. Neither may outlive it. Not API: only the kit's own parent-death test launches it.
 */
final class ParentDeathProbe {
    private ParentDeathProbe() {
    }

    /**
     * Sets up the driven child and the program, prints their pids, and waits to be killed.
     *
     * @param args none
     * @throws InterruptedException if the wait is interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        Kernel kernel = Kernel.open();   // the backend named by -Djsyscall.backend
        ChildTask driven = kernel.localTask().cloneChild();
        Spawned sleeper = Spawn.of(Command.of("/bin/sleep", "1000")).parentDeathSignal(Signal.SIGKILL)
                .start(kernel.localTask());
        System.out.println("driven " + driven.pid().id());
        System.out.println("pdeathsig " + sleeper.process().near().id());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
