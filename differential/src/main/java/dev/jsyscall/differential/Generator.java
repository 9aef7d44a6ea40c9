// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.differential;

import dev.jsyscall.differential.Program.Op;
import dev.jsyscall.differential.Program.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Programs from a seed over the declared subset ({@link Op}). Arguments are mostly valid, with bad fds, flags,
 * pointers and pids mixed in. It never names a channel fd (all fds are below {@link Target#FLOOR}), never
 * changes anything of the parent's (priority and limits only of the child itself, signals other than 0 only to
 * the child, and only those ignored by default), and opens only
 * {@code /dev/null} and {@code /} without O_CREAT or O_TMPFILE, so a program is safe to run on the real kernel.
 * <pre>{@code
 * Program p = Generator.program(42L);
 * }</pre>
 */
public final class Generator {
    static final int O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000, O_DIRECT = 0x4000;
    /** O_NONBLOCK, O_CLOEXEC, O_DIRECTORY, O_PATH, O_TRUNC, O_APPEND, O_NOFOLLOW. */
    private static final int[] OPEN_BITS = {O_NONBLOCK, O_CLOEXEC, 0x10000, 0x200000, 0x200, 0x400, 0x20000};

    /** SIGCHLD, SIGURG and SIGWINCH: ignored by default, so delivering one to the child leaves it running. */
    private static final int[] HARMLESS = {17, 23, 28};

    private final SplittableRandom r;
    private int fdCount;
    /**
     * Whether this program's pidfds may name the parent. Then pidfd_send_signal sends only signal 0: the fd indices
     * the generator counts are not the ones that succeed at run time, so any pidfd may be the parent's.
     */
    private final boolean parentPidfds;

    private Generator(long seed) {
        r = new SplittableRandom(seed);
        parentPidfds = r.nextInt(3) == 0;
    }

    /** The program of this seed: 4 to 24 steps. */
    public static Program program(long seed) {
        Generator g = new Generator(seed);
        int n = 4 + g.r.nextInt(21);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            steps.add(g.step());
        }
        return new Program(steps);
    }

    /** The program of this seed in a campaign: every sixth seed a process program, the others a child's. */
    public static Program any(long seed) {
        return Math.floorMod(seed, 6) == 0 ? processProgram(seed) : program(seed);
    }

    /**
     * The process program of this seed: 3 to 14 steps run in the local task. It signals only its own children and
     * groups they lead (SIGKILL or 0: a stop or a catchable signal would leave the outcome to the scheduler),
     * waits with WNOHANG only, and moves only its children between groups, so the JVM is never touched.
     */
    public static Program processProgram(long seed) {
        Generator g = new Generator(seed);
        int n = 3 + g.r.nextInt(12);
        List<Step> steps = new ArrayList<>();
        steps.add(g.spawn());
        for (int i = 1; i < n; i++) {
            steps.add(g.processStep());
        }
        return new Program(steps, true);
    }

    private int children;

    private Step spawn() {
        children++;
        return new Step(Op.SPAWN, List.of(of("DRIVEN", "DRIVEN", "TRUE", "EXIT3", "SLEEP")));
    }

    /** A child's name; now and then one not yet made (NOPID at run time). */
    private String child() {
        return "C" + r.nextInt(r.nextInt(8) == 0 ? children + 1 : children);
    }

    private Step processStep() {
        List<String> a = new ArrayList<>();
        Op op = of(Op.SPAWN, Op.SPAWN, Op.SETPGID, Op.SETPGID, Op.SETSID_IN, Op.GETPGID, Op.GETSID, Op.KILL,
                Op.KILL, Op.PIDFD_OPEN, Op.PIDFD_SEND_SIGNAL, Op.WAITID, Op.WAITID, Op.WAITID);
        switch (op) {
            case SPAWN -> {
                return spawn();
            }
            case SETPGID -> {
                a.add(r.nextInt(12) == 0 ? "NOPID" : child());
                a.add(of("0", child(), child(), "NOPID", "-1"));
            }
            case SETSID_IN, GETPGID, GETSID -> a.add(child());
            case KILL -> {
                a.add(of(child(), child(), "-" + child(), "-" + child(), "NOPID"));
                a.add(num(pick(0, 9, 9, 65)));
            }
            case PIDFD_OPEN -> {
                a.add(r.nextInt(8) == 0 ? "NOPID" : child());
                a.add(num(pick(0, 0, 0, O_NONBLOCK, 1)));
                fdCount++;
            }
            case PIDFD_SEND_SIGNAL -> {
                a.add(pidfd());
                a.add(num(pick(0, 9, 9, 65)));
                a.add("NULL");
                a.add(num(pick(0, 0, 0, 1)));
            }
            case WAITID -> {
                // P_PID, P_PGID, P_PIDFD; WNOHANG always (a sleeping child would block the program), with WEXITED,
                // WSTOPPED, WCONTINUED and WNOWAIT mixed in, and now and then no state option at all (EINVAL)
                int idtype = pick(1, 1, 2, 3);
                a.add(num(idtype));
                a.add(idtype == 3 ? pidfd() : idtype == 2 ? of(child(), "NOPID") : of(child(), child(), "NOPID"));
                String infop = of("OUT", "OUT", "OUT", "NULL");
                a.add(infop);
                int options = 1;
                options |= r.nextInt(8) == 0 ? 0 : 4;
                options |= r.nextInt(4) == 0 ? 2 : 0;
                options |= r.nextInt(4) == 0 ? 8 : 0;
                // WNOWAIT whenever there is no siginfo: the runner learns from si_pid which child a wait reaped
                options |= r.nextInt(3) == 0 || infop.equals("NULL") ? 0x1000000 : 0;
                a.add(num(options));
                a.add("NULL");
            }
            default -> throw new AssertionError(op);
        }
        return new Step(op, a);
    }

    /** A pidfd the program opened, or -1: never a bare number, which in the JVM may be any of its fds. */
    private String pidfd() {
        return fdCount > 0 && r.nextInt(6) > 0 ? "fd" + r.nextInt(fdCount) : "-1";
    }

    private Step step() {
        Op op = pickOp();
        List<String> a = new ArrayList<>();
        switch (op) {
            case PIPE2 -> {
                a.add(of("OUT", "OUT", "OUT", "OUT", "OUT", "OUT", "NULL", "RO", "NONE", "KERNEL"));
                // packet mode (O_DIRECT) rarely: the fake does not simulate it (KnownDifference "packet-pipes")
                a.add(num(r.nextInt(24) == 0 ? O_DIRECT : pick(0, 0, O_NONBLOCK, O_NONBLOCK, O_CLOEXEC,
                        O_NONBLOCK | O_CLOEXEC, 1)));
                fdCount += 2;
            }
            case DUP -> {
                a.add(fd());
                fdCount++;
            }
            case DUP3 -> {
                a.add(fd());
                a.add(r.nextInt(3) == 0 ? fd() : num(r.nextInt(11)));
                a.add(num(pick(0, 0, O_CLOEXEC, 1)));
                fdCount++;
            }
            case FCNTL -> {
                a.add(fd());
                int cmd = pick(0, 1, 2, 3, 3, 4, 4, 4, 9, 11, 1030, 1032, 1034, 999);
                a.add(num(cmd));
                a.add(num(switch (cmd) {
                    case 0, 1030 -> pick(0, 3, 10, 100, -1, 1 << 20);
                    case 2 -> pick(0, 1, 2);
                    case 4 -> pick(0, O_NONBLOCK, 0x400, O_DIRECT, 0x40000, 2, O_NONBLOCK | 0x400);
                    default -> 0;
                }));
                if (cmd == 0 || cmd == 1030) {
                    fdCount++;
                }
            }
            case READ -> {
                a.add(fd());
                a.add(of("BUF", "BUF", "BUF", "BUF", "BUF", "BUF", "NULL", "RO", "NONE", "KERNEL"));
                a.add(num(pick(0, 1, 100, 100, 4096)));
            }
            case WRITE -> {
                a.add(fd());
                a.add(of("BUF", "BUF", "BUF", "BUF", "BUF", "BUF", "NULL", "RO", "NONE", "KERNEL", "-1"));
                // past the three readable pages into NONE: the file copies until the fault, or never reads at all;
                // 16 MiB, not more, so that access_ok passes on both: the fake maps the pages 128 MiB under the top
                // of user space, a JVM far lower
                a.add(num(pick(0, 1, 100, 100, 4096, 4096, 16384, 0x1000000)));
            }
            case OPENAT -> {
                a.add(r.nextInt(4) == 0 ? fd() : "-100");
                a.add(of("PATH:/dev/null", "PATH:/dev/null", "PATH:/dev/null", "PATH:/", "PATH:/", "PATH:",
                        "PATH:dev/null", "PATH:/nonexistent", "NULL", "NONE", "KERNEL"));
                int flags = r.nextInt(8) == 0 ? 3 : r.nextInt(3);
                for (int bit : OPEN_BITS) {
                    if (r.nextInt(6) == 0) {
                        flags |= bit;
                    }
                }
                // no O_DIRECT: whether a directory or device opens with it depends on the filesystem of /
                a.add(num(flags));
                a.add("0");
                fdCount++;
            }
            case LSEEK -> {
                a.add(fd());
                a.add(num(pick(0, 0, 1, -1, 100)));
                // no SEEK_DATA or SEEK_HOLE: on a directory their result depends on the filesystem of / (LLONG_MAX
                // on this machine's), not on the kernel
                a.add(num(pick(0, 1, 2, 5, 7)));
            }
            case CLOSE, FSYNC -> a.add(fd());
            case CLOSE_RANGE -> {
                int first = r.nextInt(8);
                a.add(num(first));
                a.add(num(pick(first + r.nextInt(4), first + r.nextInt(4), 63, Target.FLOOR - 1,
                        Math.max(0, first - 1))));
                a.add(num(pick(0, 0, 4, 2, 1)));
            }
            case GETPID, SETSID -> { }
            case GETPGID, GETSID -> a.add(of("0", "0", "SELF", "PARENT", "NOPID", "-1"));
            case SETPGID -> {
                a.add(of("0", "0", "SELF", "PARENT", "NOPID", "-1"));
                a.add(of("0", "0", "SELF", "PPGID", "NOPID", "-1"));
            }
            case UMASK -> a.add(num(pick(0, 022, 077, 0777, 01777, -1)));
            case PRLIMIT64 -> {
                // never PARENT: a prlimit64 that succeeded would change the JVM's limits
                a.add(of("0", "0", "SELF", "NOPID", "-1"));
                String res = resource();
                a.add(res);
                a.add(of("NULL", "NULL", limit(res), limit(res), "RO", "NONE", "KERNEL"));
                a.add(of("NULL", "OUT", "OUT", "OUT", "RO", "NONE", "KERNEL"));
            }
            case GETRLIMIT -> {
                a.add(resource());
                a.add(of("OUT", "OUT", "OUT", "OUT", "NULL", "RO", "NONE", "KERNEL"));
            }
            case SETRLIMIT -> {
                String res = resource();
                a.add(res);
                a.add(of(limit(res), limit(res), limit(res), "NULL", "RO", "NONE", "KERNEL"));
            }
            case GETPRIORITY -> {
                a.add(num(pick(0, 0, 0, 1, 3)));
                a.add(of("0", "0", "SELF", "NOPID"));
            }
            case SETPRIORITY -> {
                // PRIO_PROCESS of the child only: PRIO_PGRP 0 is the JVM's group, PRIO_USER every root process
                a.add(num(pick(0, 0, 0, 0, 3)));
                a.add(of("0", "0", "SELF", "NOPID"));
                a.add(num(pick(-1, 0, 5, 19, 40, -30)));
            }
            case RT_SIGPROCMASK -> {
                a.add(num(pick(0, 1, 2, 2, 5)));
                a.add(of("NULL", "IN:" + pick(0, 1 << 12, -1, 1 << 8, 0x10000) + ":0", "IN:0:0", sigset(),
                        sigset(), "RO", "NONE", "KERNEL"));
                a.add(of("NULL", "OUT", "OUT", "RO", "NONE", "KERNEL"));
                a.add(num(pick(8, 8, 8, 8, 4, 16)));
            }
            case KILL -> {
                // a real signal only to the child or to its own group (-SELF, which exists only once the child
                // leads one): 0 and -1 name the parent's group or everything
                String target = of("SELF", "SELF", "0", "PARENT", "NOPID", "-1", "-SELF", "-SELF");
                a.add(target);
                a.add(num(r.nextInt(10) == 0 ? 65 : target.endsWith("SELF") && r.nextInt(3) > 0 ? harmless() : 0));
            }
            case RT_SIGPENDING -> {
                a.add(of("OUT", "OUT", "OUT", "NULL", "RO", "KERNEL"));
                a.add(num(pick(8, 8, 8, 4, 16)));
            }
            case RT_SIGTIMEDWAIT -> {
                a.add(of(sigset(), sigset(), "NULL", "NONE"));
                a.add(of("OUT", "OUT", "NULL", "RO", "KERNEL"));
                // never a NULL timeout: with nothing pending it would wait for ever
                a.add(of("ZERO", "ZERO", "ZERO", "RO", "NONE", "KERNEL"));
                a.add(num(pick(8, 8, 8, 4)));
            }
            case WAITID -> {
                // P_ALL, P_PID, P_PGID, P_PIDFD and a bad idtype; the child has no children of its own, so a wait
                // never blocks, and the outcome is in the order of the checks
                int idtype = pick(0, 1, 2, 3, 3, 5);
                a.add(num(idtype));
                a.add(idtype == 3 ? fd() : of("0", "SELF", "PARENT", "NOPID", "-1"));
                a.add(of("OUT", "OUT", "OUT", "NULL", "RO", "KERNEL"));
                a.add(num(pick(4, 5, 5, 0x1000005, 0x1000004, 0, 1, 3, 9, 0x44, 0x40000005)));
                a.add("NULL");
            }
            case PIDFD_OPEN -> {
                a.add(parentPidfds ? of("SELF", "SELF", "PARENT", "NOPID", "0", "-1")
                        : of("SELF", "SELF", "SELF", "NOPID", "0", "-1"));
                a.add(num(pick(0, 0, 0, O_NONBLOCK, 1)));
                fdCount++;
            }
            case PIDFD_SEND_SIGNAL -> {
                a.add(fd());
                a.add(num(r.nextInt(10) == 0 ? 65 : !parentPidfds && r.nextInt(3) > 0 ? harmless() : 0));
                a.add(of("NULL", "NULL", "NULL", "RO", "NONE", "KERNEL"));
                a.add(num(pick(0, 0, 0, 1)));
            }
            case EPOLL_CREATE1 -> {
                a.add(num(pick(0, 0, O_CLOEXEC, 1)));
                fdCount++;
            }
            case EPOLL_CTL -> {
                a.add(fd());
                a.add(num(pick(1, 1, 1, 2, 3, 0)));
                a.add(fd());
                // events EPOLLIN, EPOLLOUT, both, EPOLLIN|EPOLLET, EPOLLIN|EPOLLEXCLUSIVE, none; data 0 or 7
                a.add(of("IN:1:0", "IN:4:0", "IN:5:0", "IN:0x700000001:0", "IN:0x80000001:0", "IN:0x10000001:0",
                        "IN:0:0", "NULL", "RO", "KERNEL"));
            }
            case EPOLL_WAIT -> {
                a.add(fd());
                a.add(of("OUT", "OUT", "OUT", "NULL", "RO", "KERNEL"));
                a.add(num(pick(1, 1, 1, 0, -1)));
                // timeout 0 only: a wait must not depend on timing
                a.add("0");
            }
            case UNSHARE -> a.add(num(pick(0, 0x400, 0x400, 0x200, 0x10000000, 0x100, 0x800, 0x40000, -1)));
            default -> throw new AssertionError(op);
        }
        return new Step(op, a);
    }

    private Op pickOp() {
        // weighted towards the fd syscalls, where most of the state is
        Op[] common = {Op.PIPE2, Op.PIPE2, Op.DUP, Op.DUP3, Op.FCNTL, Op.FCNTL, Op.READ, Op.READ, Op.WRITE,
            Op.WRITE, Op.OPENAT, Op.OPENAT, Op.LSEEK, Op.CLOSE, Op.CLOSE_RANGE, Op.EPOLL_CTL, Op.EPOLL_WAIT};
        if (r.nextInt(3) > 0) {
            return common[r.nextInt(common.length)];
        }
        // the ops up to SPAWN, where the process programs' own begin
        Op[] all = java.util.Arrays.copyOf(Op.values(), Op.SPAWN.ordinal());
        return all[r.nextInt(all.length)];
    }

    private String fd() {
        if (fdCount > 0 && r.nextInt(5) > 0) {
            return "fd" + r.nextInt(fdCount);
        }
        return num(pick(0, 1, 2, 3, 4, 5, 63, -1, 100));
    }

    private int harmless() {
        return HARMLESS[r.nextInt(HARMLESS.length)];
    }

    /** A signal set: empty, everything, or the harmless signals (bit n-1 for signal n). */
    private String sigset() {
        return "IN:" + num(pick(0, -1, 1 << 16, 1 << 22, 1 << 27, (1 << 16) | (1 << 22) | (1 << 27))) + ":0";
    }

    private String resource() {
        // stack, core, nproc, nofile, nice, rtprio: what the child may change without effect on the JVM
        return num(pick(3, 4, 6, 7, 7, 7, 13, 14, 16, 1000, -1));
    }

    /**
     * A limit to set. Its hard value is mostly at or under the child's (see {@link Target}), since raising a hard
     * limit depends on CAP_SYS_RESOURCE, which differs between machines (KnownDifference "raise-hard-limit").
     */
    private String limit(String resource) {
        long[] values = {0, 1, 3, 64, 1024, 4096, 1 << 20, -1};
        long cur = values[r.nextInt(values.length)];
        boolean zeroHard = resource.equals("13") || resource.equals("14");
        long max = r.nextInt(8) == 0 ? values[r.nextInt(values.length)] : zeroHard ? 0 : values[r.nextInt(4)];
        if (r.nextInt(4) > 0 && Long.compareUnsigned(cur, max) > 0) {
            long t = cur;
            cur = max;
            max = t;
        }
        return "IN:" + cur + ":" + max;
    }

    @SafeVarargs
    private <T> T of(T... choices) {
        return choices[r.nextInt(choices.length)];
    }

    private int pick(int... choices) {
        return choices[r.nextInt(choices.length)];
    }

    private static String num(long v) {
        return v >= 0 && v > 0xffff ? "0x" + Long.toHexString(v) : Long.toString(v);
    }
}
