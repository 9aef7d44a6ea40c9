// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.linux.signal.Signal;
import java.lang.module.ResolvedModule;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A program for the conformance suite, run in a JVM of its own that the test then kills with SIGKILL: it leaves a
 * driven child that is still being set up and a program started with {@code PR_SET_PDEATHSIG}, prints their pids,
 * and waits to be killed. Neither may outlive it. Not API: only the kit's own parent-death test launches it.
 */
final class ParentDeathProbe {
    private ParentDeathProbe() {
    }

    /**
     * The command that starts the probe in a JVM like this one, wherever the kit and the backend were loaded from:
     * this JVM's module path (when it has one) with every module on it, and its class path. {@code java -cp
     * $java.class.path} alone fails when the api or the backend is a module on the module path.
     */
    static List<String> command(String backendId) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        // the modules from the module path (not the JDK's own), which a native backend among them needs
        String modules = ModuleLayer.boot().configuration().modules().stream()
                .filter(m -> m.reference().location().filter(l -> !"jrt".equals(l.getScheme())).isPresent())
                .map(ResolvedModule::name).sorted().collect(Collectors.joining(","));
        command.add("--enable-native-access=ALL-UNNAMED" + (modules.isEmpty() ? "" : "," + modules));
        command.add("-Djsyscall.backend=" + backendId);
        String modulePath = System.getProperty("jdk.module.path", "");
        if (!modulePath.isEmpty()) {
            command.add("--module-path");
            command.add(modulePath);
            // what this JVM resolved from the module path: ServiceLoader finds a backend only in a resolved module
            command.add("--add-modules");
            command.add("ALL-MODULE-PATH");
        }
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.isEmpty()) {
            command.add("-cp");
            command.add(classPath);
        }
        Module kit = ParentDeathProbe.class.getModule();
        if (kit.isNamed()) {
            command.add("-m");
            command.add(kit.getName() + "/" + ParentDeathProbe.class.getName());
        } else {
            command.add(ParentDeathProbe.class.getName());
        }
        return command;
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
