// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package org.example.modulepath;

import dev.jsyscall.Command;
import dev.jsyscall.Spawn;
import dev.jsyscall.handle.LocalTask;
import jakarta.inject.Inject;
import java.util.Objects;

/**
 * Spawns {@code /bin/echo} in the JVM's process through the {@link LocalTask} Guice injects.
 *
 * <pre>{@code
 * try (SyscallModule syscalls = SyscallModule.forBackend("ffm")) {
 *     String line = Guice.createInjector(syscalls).getInstance(Greeter.class).greet("module path");
 * }
 * }</pre>
 */
public final class Greeter {
    private final LocalTask task;

    /**
     * For Guice.
     *
     * @param task the JVM's own task, from the injected kernel
     */
    @Inject
    public Greeter(LocalTask task) {
        this.task = Objects.requireNonNull(task, "task");
    }

    /**
     * Runs {@code echo hello NAME} and returns what it printed.
     *
     * @param name who to greet
     * @return the line echo wrote, without its newline
     */
    public String greet(String name) {
        return Spawn.of(Command.of("/bin/echo", "hello", name)).output(task).check().stdoutText().strip();
    }
}
