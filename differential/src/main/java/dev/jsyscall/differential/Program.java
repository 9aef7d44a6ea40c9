// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.differential;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A differential program: syscalls with symbolic arguments, so that the same text runs in a child of the real
 * kernel and of the fake, whose fd numbers, pids and addresses differ. Its text form ({@link #toString()}, read
 * back by {@link #parse}) is what a failure prints to replay it.
 *
 * <p>Argument tokens: a number ({@code 7}, {@code -1}, {@code 0x800}); {@code fdN}, the N-th fd the program
 * obtained (63, a closed number, when it has fewer); a pid ({@code SELF}, {@code PARENT}, {@code PPGID} the
 * parent's group, {@code NOPID} no such process, {@code -SELF}); a pointer ({@code BUF} a read-write page,
 * {@code OUT} an output area read back after the call, {@code RO} a read-only page, {@code NONE} a PROT_NONE
 * page, {@code NULL}, {@code KERNEL} a kernel address, {@code ZERO} an input area of zeros, such as a zero
 * timeout); {@code IN:a:b} an input area holding the longs a and b; {@code PATH:/dev/null} an input area holding
 * that string.
 * <pre>{@code
 * Program p = Program.parse("pipe2(OUT,0x800); read(fd0,BUF,1)");
 * }</pre>
 *
 * <p>A process program ({@link #processes()}, text form prefixed {@code processes:}) runs its steps in the local
 * task instead (the JVM on a real kernel, the fake's local process) and acts across processes: {@code spawn(KIND)}
 * makes child {@code Cn} (n in order of creation; KIND {@code DRIVEN} a driven child kept before exec, {@code TRUE},
 * {@code EXIT3} or {@code SLEEP} one exec'd to {@code /bin/true}, {@code /bin/sh -c 'exit 3'} or
 * {@code /bin/sleep 5}), {@code setsid_in(Cn)} calls setsid in a driven child, and the other steps name children
 * as {@code Cn} or their groups as {@code -Cn}; pids in results are normalised to those names.
 */
public record Program(List<Step> steps, boolean processes) {
    /** The prefix of a process program's text form. */
    static final String PROCESSES = "processes:";

    /** One syscall of a program. */
    public record Step(Op op, List<String> args) {
        public Step {
            args = List.copyOf(args);
        }

        @Override
        public String toString() {
            return op.name().toLowerCase(Locale.ROOT) + "(" + String.join(",", args) + ")";
        }
    }

    /** The declared subset: the syscalls a program may make. */
    public enum Op {
        PIPE2, DUP, DUP3, FCNTL, READ, WRITE, OPENAT, LSEEK, CLOSE, CLOSE_RANGE, GETPID, GETPGID, SETPGID, SETSID,
        GETSID, UMASK, PRLIMIT64, GETRLIMIT, SETRLIMIT, GETPRIORITY, SETPRIORITY, RT_SIGPROCMASK, KILL,
        RT_SIGPENDING, RT_SIGTIMEDWAIT, WAITID, PIDFD_OPEN, PIDFD_SEND_SIGNAL, EPOLL_CREATE1, EPOLL_CTL, EPOLL_WAIT,
        UNSHARE, FSYNC,
        /** Process programs only: a child of the local task, of the kind its argument names. */
        SPAWN,
        /** Process programs only: setsid in the driven child its argument names. */
        SETSID_IN;

        /** Whether a successful result is a new fd the program may use as {@code fdN}. */
        boolean returnsFd() {
            return this == DUP || this == DUP3 || this == OPENAT || this == PIDFD_OPEN || this == EPOLL_CREATE1;
        }

        /** Whether the result is a pid or group id, compared by what it names rather than by number. */
        boolean returnsPid() {
            return this == GETPID || this == GETPGID || this == GETSID || this == SETSID;
        }
    }

    public Program {
        steps = List.copyOf(steps);
    }

    /** A program run in a driven child. */
    public Program(List<Step> steps) {
        this(steps, false);
    }

    /** Reads the text form back. */
    public static Program parse(String text) {
        List<Step> steps = new ArrayList<>();
        String body = text.strip();
        boolean processes = body.startsWith(PROCESSES);
        if (processes) {
            body = body.substring(PROCESSES.length());
        }
        for (String part : body.split(";")) {
            String s = part.strip();
            if (s.isEmpty()) {
                continue;
            }
            int open = s.indexOf('(');
            if (open < 0 || !s.endsWith(")")) {
                throw new IllegalArgumentException("program: a step must look like op(arg,...), not '" + s + "'");
            }
            Op op;
            try {
                op = Op.valueOf(s.substring(0, open).strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("program: '" + s.substring(0, open) + "' is not in the subset "
                        + Arrays.toString(Op.values()), e);
            }
            String inner = s.substring(open + 1, s.length() - 1).strip();
            List<String> args = inner.isEmpty() ? List.of() : Arrays.stream(inner.split(",")).map(String::strip)
                    .toList();
            steps.add(new Step(op, args));
        }
        return new Program(steps, processes);
    }

    /** This program without step {@code i}. */
    Program without(int i) {
        List<Step> l = new ArrayList<>(steps);
        l.remove(i);
        return new Program(l, processes);
    }

    /** The first {@code n} steps. */
    Program prefix(int n) {
        return new Program(steps.subList(0, Math.min(n, steps.size())), processes);
    }

    @Override
    public String toString() {
        return (processes ? PROCESSES + " " : "") + String.join("; ", steps.stream().map(Step::toString).toList());
    }
}
