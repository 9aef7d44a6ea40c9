// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.examples.jdk17;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.Pipe;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.wait.ChildState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Spawns a program the jsyscall way on JDK 17: clone a child, set it up with syscalls made inside it, exec, wait.
 *
 * <pre>{@code
 * SpawnConfiguredChild.Outcome o = SpawnConfiguredChild.run(Paths.get("/tmp"), 5);
 * System.out.print(o.output());   // "/tmp\n" and the program's /proc/self/stat line
 * }</pre>
 *
 * @since 0.1
 */
public final class SpawnConfiguredChild {

    /**
     * What the spawned program did.
     *
     * @param backendId the backend that discovery chose
     * @param parentPid the JVM's pid
     * @param childPid  the child's pid, which exec keeps
     * @param output    everything the program wrote to its stdout
     * @param state     how it ended
     */
    public record Outcome(String backendId, int parentPid, int childPid, String output, ChildState state) {
    }

    private SpawnConfiguredChild() {
    }

    /**
     * Runs {@code sh -c 'pwd -P; exec cat /proc/self/stat'} in a child whose working directory is {@code dir},
     * whose stdout is a pipe back to us, which leads a session of its own and has the nice value {@code nice}.
     * The program replaces the shell by {@code cat}, so the stat line describes the child itself.
     */
    public static Outcome run(Path dir, int nice) {
        // Kernel.open() picks the best available backend: on JDK 17 that is jnr (ffm needs Java 22+)
        try (Kernel kernel = Kernel.open()) {
            LocalTask local = kernel.localTask();
            // close-on-exec in the JVM, so that no other program the JVM starts keeps the pipe open
            try (Pipe out = local.pipe2(Fcntl.O_CLOEXEC)) {
                ChildProcess process;
                int childPid;
                try (ChildTask child = local.cloneChild()) {
                    childPid = child.pid().id();
                    child.chdir(dir.toString());
                    // the child's copy of the pipe becomes its fd 1 without O_CLOEXEC (flags 0), so it survives
                    // exec while the inherited original, still close-on-exec, goes away
                    out.write().inheritedBy(child).dup3(1, 0);
                    child.setsid();
                    child.makeProcess(childPid).setpriority(nice);
                    process = child.exec(Command.of("/bin/sh", "-c", "pwd -P; exec cat /proc/self/stat"));
                }
                // our write end must be closed, or the read below never sees end of file
                out.write().close();
                String output = readToEnd(out);
                return new Outcome(kernel.backendId(), local.pid().id(), childPid, output, process.waitForExit());
            }
        }
    }

    private static String readToEnd(Pipe pipe) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] chunk = pipe.read().read(4096); chunk.length > 0; chunk = pipe.read().read(4096)) {
            bytes.write(chunk, 0, chunk.length);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** {@code java -cp ... dev.jsyscall.examples.jdk17.SpawnConfiguredChild [dir [nice]]} */
    public static void main(String[] args) {
        Path dir = Paths.get(args.length > 0 ? args[0] : "/tmp");
        int nice = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Outcome outcome = run(dir, nice);
        System.out.print(outcome.output());
        System.out.println(outcome.backendId() + ": " + outcome.state());
    }
}
