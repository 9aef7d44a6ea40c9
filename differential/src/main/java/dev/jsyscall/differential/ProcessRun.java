// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.differential;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.backend.fake.FakeDeadlockException;
import dev.jsyscall.backend.fake.FakeUnsupportedException;
import dev.jsyscall.differential.Program.Op;
import dev.jsyscall.differential.Program.Step;
import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.wait.Siginfo;
import dev.jsyscall.spi.SyscallInterface;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One process program in the local task: its children are made through the api (so that closing them kills and
 * reaps them), its steps are raw syscalls of the local task, and its outcomes name pids by order of creation.
 */
final class ProcessRun implements AutoCloseable {
    private static final int P_PID = 1;
    private static final int WEXITED = 4;
    private static final int WNOWAIT = 0x1000000;
    private static final int SIGKILL = 9;

    /** A child of the program: its pid, its handles, and what the program did to it. */
    private static final class Child {
        final long pid;
        final ChildTask task;
        /** The exec'd program, or null while the child is driven. */
        final ChildProcess process;
        /** Reaped by one of the program's waits: its pid may be anyone's now, so it resolves to NOPID. */
        boolean reaped;
        /** Killed or exited: a driven child that can take no more requests. */
        boolean dead;

        Child(long pid, ChildTask task, ChildProcess process) {
            this.pid = pid;
            this.task = task;
            this.process = process;
        }

        ChildProcess handle() {
            return process != null ? process : task.childProcess();
        }
    }

    private final Kernel kernel;
    private final Target.Space space;
    private final SyscallInterface local;
    private final List<Child> children = new ArrayList<>();
    /** The program's pidfds: their fd numbers in the local task, and the child each names (-1: none). */
    private final List<Long> pidfds = new ArrayList<>();
    private final List<Integer> pidfdChild = new ArrayList<>();
    /** The local process's own group and session, which its children inherit until they change them. */
    private final long inheritedGroup;
    private final long inheritedSession;

    ProcessRun(Kernel kernel, Target.Space space) {
        this.kernel = kernel;
        this.space = space;
        this.local = space.local;
        this.inheritedGroup = local.syscall(Target.nr(Syscall.GETPGID), 0, 0, 0, 0, 0, 0);
        this.inheritedSession = local.syscall(Target.nr(Syscall.GETSID), 0, 0, 0, 0, 0, 0);
    }

    List<String> steps(Program program) {
        List<String> outcomes = new ArrayList<>();
        for (Step step : program.steps()) {
            try {
                outcomes.add(step(step));
            } catch (FakeUnsupportedException | FakeDeadlockException e) {
                outcomes.add("THREW " + e.getClass().getSimpleName());
                return outcomes;
            }
        }
        return outcomes;
    }

    private String step(Step step) {
        switch (step.op()) {
            case SPAWN:
                return spawn(step.args().get(0));
            case SETSID_IN: {
                int i = index(step.args().get(0));
                if (i < 0 || children.get(i).dead || children.get(i).process != null) {
                    return "not-driven";   // not a syscall: the child runs no more requests
                }
                long r = children.get(i).task.sysif().syscall(Target.nr(Syscall.SETSID), 0, 0, 0, 0, 0, 0);
                return result(r);
            }
            default:
                break;
        }
        long[] a = new long[6];
        boolean usesOut = false;
        for (int i = 0; i < step.args().size(); i++) {
            String t = step.args().get(i);
            usesOut |= t.equals("OUT");
            a[i] = resolve(t);
        }
        if (usesOut) {
            space.memory.write(space.out(), pattern(), 0, 32);
        }
        Set<Child> reached = step.op() == Op.KILL || step.op() == Op.PIDFD_SEND_SIGNAL ? reached(step.op(), a[0])
                : Set.of();
        long r = local.syscall(Target.nr(Target.syscall(step.op())), a[0], a[1], a[2], a[3], a[4], a[5]);
        StringBuilder s = new StringBuilder(inherited(step.op(), r) ? "INHERITED" : result(r));
        if (r >= 0 && step.op() == Op.PIDFD_OPEN) {
            s.setLength(0);
            s.append("fd");
            pidfds.add(r);
            pidfdChild.add(childOf(a[0]));
        }
        if (r == 0 && a[1] == SIGKILL && (step.op() == Op.KILL || step.op() == Op.PIDFD_SEND_SIGNAL)) {
            // a SIGKILL reaches its target soon, not at once: wait until it is a zombie, so that the next step
            // sees the same thing on every kernel
            for (Child c : reached) {
                settle(c);
            }
        }
        if (step.op() == Op.WAITID && r == 0 && usesOut) {
            s.append(' ').append(siginfo(a[3]));
        }
        return s.toString();
    }

    private String spawn(String kind) {
        ChildTask task = kernel.localTask().cloneChild(Target.FLOOR);
        long pid = task.childProcess().near().id();
        try {
            ChildProcess process = switch (kind) {
                case "DRIVEN" -> null;
                case "TRUE" -> task.exec(Command.of("/bin/true"));
                case "EXIT3" -> task.exec(Command.of("/bin/sh", "-c", "exit 3"));
                case "SLEEP" -> task.exec(Command.of("/bin/sleep", "5"));
                default -> throw new IllegalArgumentException("spawn: no kind '" + kind + "'");
            };
            Child c = new Child(pid, task, process);
            children.add(c);
            if (!kind.equals("DRIVEN") && !kind.equals("SLEEP")) {
                settle(c);   // it exits by itself: wait for the zombie, as after a SIGKILL
            }
            return "C" + (children.size() - 1);
        } catch (RuntimeException e) {
            task.close();
            throw e;
        }
    }

    /** Waits, without reaping, until {@code c} is a zombie; then it takes no more requests. */
    private void settle(Child c) {
        if (c.reaped || c.dead) {
            return;
        }
        long scratch = space.zero() + 512;
        long r = local.syscall(Target.nr(Syscall.WAITID), P_PID, c.pid, scratch, WEXITED | WNOWAIT, 0, 0);
        if (r != 0) {
            throw new IllegalStateException("waiting for child pid " + c.pid + " to end failed: " + r);
        }
        c.dead = true;
    }

    /** The children a signal to {@code target} reaches: itself, or every member of its group. */
    private Set<Child> reached(Op op, long target) {
        Set<Child> set = new HashSet<>();
        if (op == Op.PIDFD_SEND_SIGNAL) {
            int i = pidfds.indexOf(target);
            if (i >= 0 && pidfdChild.get(i) >= 0) {
                set.add(children.get(pidfdChild.get(i)));
            }
            return set;
        }
        for (Child c : children) {
            if (c.reaped) {
                continue;
            }
            if (target > 0 ? c.pid == target
                    : local.syscall(Target.nr(Syscall.GETPGID), c.pid, 0, 0, 0, 0, 0) == -target) {
                set.add(c);
            }
        }
        return set;
    }

    /** si_signo, si_code, si_pid (normalised) and si_status of a waitid; marks a child it reaped. */
    private String siginfo(long options) {
        byte[] b = new byte[32];
        space.memory.read(space.out(), b, 0, 32);
        int signo = readInt(b, 0);
        int code = readInt(b, 8);
        int pid = readInt(b, 16);
        int status = readInt(b, 24);
        int i = childOf(pid);
        if (i >= 0 && (options & WEXITED) != 0 && (options & WNOWAIT) == 0 && (code == 1 || code == 2 || code == 3)) {
            Child c = children.get(i);
            c.reaped = true;
            c.dead = true;
            // tell the handle, so that closing it neither signals the pid again nor waits for a reaped child
            c.handle().parseWaitidSiginfo(new Siginfo(signo, 0, code, pid, 0, status, 0, 0));
        }
        return "signo=" + signo + " code=" + code + " pid=" + pid(pid) + " status=" + status;
    }

    /**
     * Whether a group or session is the one the local process has. Its number says nothing about either kernel: the
     * fake's local process leads its own session, while a JVM in a container may sit in a session whose leader is
     * outside its pid namespace, which Linux reports as 0.
     */
    private boolean inherited(Op op, long r) {
        return r >= 0 && (op == Op.GETSID && r == inheritedSession || op == Op.GETPGID && r == inheritedGroup);
    }

    private String result(long r) {
        if (r < 0 && r > -4096) {
            int e = (int) -r;
            return "-" + (Errno.isDefined(e) ? Errno.of(e).name() : Integer.toString(e));
        }
        return pid(r);
    }

    /** A pid by the child it names ({@code Cn}); 0 as itself; any other number as {@code pid?}. */
    private String pid(long r) {
        if (r == 0) {
            return "0";
        }
        int i = childOf(r);
        return i >= 0 ? "C" + i : "pid?";
    }

    private int childOf(long pid) {
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i).pid == pid) {
                return i;
            }
        }
        return -1;
    }

    private int index(String token) {
        int i = Integer.parseInt(token.substring(token.indexOf('C') + 1));
        return i < children.size() ? i : -1;
    }

    private long resolve(String t) {
        switch (t) {
            case "NOPID": return Target.NOPID;
            case "OUT": return space.out();
            case "NULL": return 0;
            default: break;
        }
        if (t.startsWith("C") || t.startsWith("-C")) {
            int i = index(t);
            long pid = i < 0 || children.get(i).reaped ? Target.NOPID : children.get(i).pid;
            return t.startsWith("-") ? -pid : pid;
        }
        if (t.startsWith("fd")) {
            int i = Integer.parseInt(t.substring(2));
            return i < pidfds.size() ? pidfds.get(i) : -1;
        }
        return Long.decode(t);
    }

    /** Kills and reaps every child the program made (through its handles), and closes its pidfds. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (long fd : pidfds) {
            local.syscall(Target.nr(Syscall.CLOSE), fd, 0, 0, 0, 0, 0);
        }
        for (Child c : children) {
            try {
                try {
                    if (c.process != null) {
                        c.process.close();
                    }
                } finally {
                    c.task.close();
                }
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static byte[] pattern() {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) 0xa5);
        return b;
    }

    private static int readInt(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }
}
