// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.reliability;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.PidfdProcess;
import dev.jsyscall.handle.Process;
import dev.jsyscall.linux.resource.Resource;
import dev.jsyscall.linux.signal.SigSet;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.wait.WaitOption;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Forces pid reuse on the real kernel and calls every method of the old handles. Run it as the first process of a
 * new pid namespace ({@code unshare --pid --fork --mount-proc java ... PidReuseMain BACKEND}), where writing
 * {@code /proc/sys/kernel/ns_last_pid} decides the next pid without disturbing the machine.
 *
 * <p>It reaps a child of pid P (a {@link ChildProcess}, with a {@link PidfdProcess} opened on it while alive), makes
 * an unrelated process take P — a session leader (so pgid = sid = P) that blocks SIGUSR1, SIGUSR2 and SIGHUP (so a
 * signal meant for the dead child stays visible as pending) — then calls each method on the old handles and compares
 * the new process's nice value, process group, session, pending signals and state after every call. It prints
 * {@code call HANDLE.METHOD -> OUTCOME} lines and {@code effects N reads M}: N calls changed the unrelated process,
 * M calls answered with its values. Internal to the suite.
 */
public final class PidReuseMain {
    private PidReuseMain() {
    }

    private static int effects;
    private static int reads;
    private static long target;

    public static void main(String[] args) throws Exception {
        System.out.println("STARTED as pid " + ProcessHandle.current().pid() + " in a new pid namespace");
        Kernel kernel = Kernel.open(args[0]);
        LocalTask local = kernel.localTask();
        Spawn.of(Command.of("/bin/true")).run(local); // starts the JVM-side threads a first spawn needs

        Spawned oldSpawn = Spawn.of(Command.of("/bin/sleep", "1000")).start(local);
        ChildProcess old = oldSpawn.process();
        int p = old.near().id();
        PidfdProcess oldPidfd = local.pidfdOpen(p);
        old.kill(Signal.SIGKILL);
        System.out.println("old child " + p + " reaped: " + old.waitForExit());

        Spawned unrelated = null;
        for (int attempt = 0; attempt < 20 && unrelated == null; attempt++) {
            Files.writeString(Paths.get("/proc/sys/kernel/ns_last_pid"), Integer.toString(p - 1));
            Spawned u = Spawn.of(Command.of("/bin/sleep", "1000")).setsid()
                    .signalMask(SigSet.of(Signal.SIGUSR1, Signal.SIGUSR2, Signal.SIGHUP)).start(local);
            if (u.process().near().id() == p) {
                unrelated = u;
            } else {
                u.close(); // a JVM thread took the pid first: try again
            }
        }
        if (unrelated == null) {
            System.out.println("NO-REUSE: could not make an unrelated process take pid " + p);
            System.exit(2);
        }
        target = p;
        // let the program's exec finish, so that the state compared is the sleeping program's
        Thread.sleep(100);
        System.out.println("unrelated process " + p + " before: " + state());

        calls("ChildProcess", old, true, 7);
        calls("PidfdProcess", oldPidfd, false, 9);

        System.out.println("effects " + effects + " reads " + reads);
        unrelated.close();
        oldPidfd.close();
        kernel.close();
        System.exit(0);
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static void calls(String handle, Process h, boolean child, int nice) {
        call(handle, "kill(SIGUSR1)", false, () -> {
            h.kill(Signal.SIGUSR1);
            return null;
        });
        call(handle, "killpg(SIGUSR2)", false, () -> {
            h.killpg(Signal.SIGUSR2);
            return null;
        });
        call(handle, "getpgid()", true, h::getpgid);
        call(handle, "getsid()", true, h::getsid);
        call(handle, "getrlimit(RLIMIT_NOFILE)", true, () -> h.getrlimit(Resource.RLIMIT_NOFILE));
        call(handle, "getpriority()", true, h::getpriority);
        call(handle, "setpriority(" + nice + ")", false, () -> {
            h.setpriority(nice);
            return null;
        });
        if (child) {
            ChildProcess c = (ChildProcess) h;
            call(handle, "killSession(SIGHUP)", false, () -> c.killSession(Signal.SIGHUP));
            call(handle, "setpgid(itself)", false, () -> {
                c.setpgid(c);
                return null;
            });
            call(handle, "waitForStateChange(WEXITED|WSTOPPED|WNOHANG)", false,
                    () -> c.waitForStateChange(EnumSet.of(WaitOption.WEXITED, WaitOption.WSTOPPED,
                            WaitOption.WNOHANG)));
            call(handle, "borrow()", false, () -> {
                c.borrow().close();
                return null;
            });
            call(handle, "waitForExit()", false, c::waitForExit);
            call(handle, "close()", false, () -> {
                c.close();
                return null;
            });
        }
    }

    private static void call(String handle, String method, boolean isRead, Call c) {
        String before = state();
        String outcome;
        boolean answered = false;
        try {
            Object v = c.run();
            outcome = "returned " + (v instanceof Optional<?> o ? o.map(Object::toString).orElse("empty") : v);
            answered = true;
        } catch (Exception e) {
            outcome = "threw " + e.getClass().getName() + ": " + e.getMessage();
        }
        String after = state();
        StringBuilder line = new StringBuilder("call " + handle + "." + method + " -> " + outcome);
        if (!after.equals(before)) {
            effects++;
            line.append(" [EFFECT on pid ").append(target).append(": ").append(before).append(" => ").append(after)
                    .append(']');
        }
        if (isRead && answered) {
            reads++;
            line.append(" [READ of pid ").append(target).append("'s new owner]");
        }
        System.out.println(line);
    }

    /** The unrelated process as the old handles could change it. */
    private static String state() {
        Optional<Census.Stat> s = Census.stat(target);
        if (s.isEmpty()) {
            return "gone";
        }
        long pending = 0;
        try {
            List<String> status = Files.readAllLines(Path.of("/proc/" + target + "/status"));
            for (String l : status) {
                if (l.startsWith("SigPnd:") || l.startsWith("ShdPnd:")) {
                    pending |= Long.parseUnsignedLong(l.substring(7).trim(), 16);
                }
            }
        } catch (IOException e) {
            return "gone";
        }
        Census.Stat st = s.get();
        return "state " + st.state() + " nice " + st.nice() + " pgid " + st.pgrp() + " sid " + st.session()
                + " pending 0x" + Long.toHexString(pending);
    }
}
