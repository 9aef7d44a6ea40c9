// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.reliability;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Spawn;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.FileDescriptor;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.Pipe;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.signal.Signal;

/**
 * A JVM to be killed with SIGKILL: it starts one child of each kind, prints {@code child KIND PID} for each and then
 * {@code READY}, and waits to be killed (it exits by itself after two minutes, so that a broken test cannot leave it).
 * The test then looks at which children outlived it.
 *
 * <p>Usage: {@code java -cp ... dev.jsyscall.reliability.KillJvmMain BACKEND MARKER [KIND,...]}, kinds among
 * {@code setup-idle, setup-blocked, exec, exec-pdeathsig, processbuilder} (default: all). Internal to the suite.
 */
public final class KillJvmMain {
    private KillJvmMain() {
    }

    public static void main(String[] args) throws Exception {
        String backend = args[0];
        String marker = args[1];
        Kernel kernel = Kernel.open(backend);
        LocalTask local = kernel.localTask();
        java.util.List<String> kinds = java.util.List.of((args.length > 2 ? args[2]
                : "setup-idle,setup-blocked,exec,exec-pdeathsig,processbuilder").split(","));
        Command sleep = Command.of("/bin/sleep", "1000").env(Census.MARKER, marker);

        if (kinds.contains("setup-idle")) {
            setupIdle(local);
        }
        if (kinds.contains("setup-blocked")) {
            setupBlocked(local);
        }
        if (kinds.contains("exec")) {
            print("exec", Spawn.of(sleep).start(local).process().near().id());
        }
        if (kinds.contains("exec-pdeathsig")) {
            print("exec-pdeathsig", Spawn.of(sleep).parentDeathSignal(Signal.SIGKILL).start(local).process().near()
                    .id());
        }
        if (kinds.contains("processbuilder")) {
            ProcessBuilder pb = new ProcessBuilder("/bin/sleep", "1000");
            pb.environment().put(Census.MARKER, marker);
            print("processbuilder", pb.start().pid());
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(120_000);
        System.exit(3);
    }

    private static void setupIdle(LocalTask local) {
        ChildTask idle = local.cloneChild();
        idle.chdir("/tmp");
        print("setup-idle", idle.childProcess().near().id());
    }

    private static void setupBlocked(LocalTask local) throws InterruptedException {
        // the child gets a copy of both ends: nobody else will ever write, so its read blocks until it dies
        Pipe pipe = local.pipe2(Fcntl.O_CLOEXEC);
        ChildTask blocked = local.cloneChild();
        FileDescriptor readEnd = pipe.read().inheritedBy(blocked);
        Thread reader = new Thread(() -> {
            try {
                readEnd.read(16);
            } catch (RuntimeException e) {
                // the JVM is being killed; nothing to report
            }
        }, "blocked set-up read");
        reader.setDaemon(true);
        reader.start();
        waitUntilSleeping(blocked.childProcess().near().id());
        print("setup-blocked", blocked.childProcess().near().id());
    }

    private static void waitUntilSleeping(long pid) throws InterruptedException {
        // the driven child is in read(2) once its /proc/PID/syscall names syscall 0 (x86_64 read) or 63 (aarch64)
        for (int i = 0; i < 200; i++) {
            try {
                String sc = java.nio.file.Files.readString(java.nio.file.Paths.get("/proc/" + pid + "/syscall"));
                if (sc.startsWith("0 ") || sc.startsWith("63 ")) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not readable yet
            }
            Thread.sleep(10);
        }
    }

    private static void print(String kind, long pid) {
        System.out.println("child " + kind + " " + pid);
        System.out.flush();
    }
}
