// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import dev.jsyscall.backend.fake.SimulatedProgram;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated process (internal). Single-threaded: pid == tgid == tid.
 *
 * <p>What executes it is its {@link Kind}: the kernel's own init, the JVM's caller threads (LOCAL), the
 * syscall-server state machine of a driven child (SERVER), or a Java thread running a simulated program
 * (PROGRAM). Whatever the kind, its syscalls go through the same {@link Call}s.
 */
final class Proc {

    enum State { ALIVE, ZOMBIE, DEAD }

    enum Kind { INIT, LOCAL, SERVER, PROGRAM }

    /** Where its current syscall is. */
    enum Run {
        /** Running user code (the local process outside a syscall, a program thread between syscalls). */
        USER,
        /** A syscall was made and not yet attempted. */
        READY,
        /** The syscall was attempted and must wait. */
        BLOCKED
    }

    final int pid;
    Proc parent;
    /** Children in the order Linux keeps them: creation order, reparented ones appended. */
    final List<Proc> children = new ArrayList<>();
    int pgid;
    int sid;
    String comm;
    String exe;
    int exitSignal;
    Kind kind;
    State state = State.ALIVE;

    AddressSpace mm;
    Files.FdTable files;
    FsState fs;
    Signals.Hand sighand;
    Creds creds;
    Namespaces.UserNs userns;
    Namespaces.UtsNs uts;
    int nice;
    final long[] rlimCur = new long[Linux.RLIM_NLIMITS];
    final long[] rlimMax = new long[Linux.RLIM_NLIMITS];

    long blocked;
    long pending;
    /** Siginfo of pending signals, in generation order (one per pending standard signal, a queue for RT). */
    final List<Signals.Info> pendingInfo = new ArrayList<>();
    /** Times a caught signal "ran its handler" (the fake cannot run handler code; it counts deliveries). */
    final int[] handled = new int[Linux.NSIG + 1];

    // job control
    boolean stopped;
    int stopSignal;
    /** A stop that waitid(WSTOPPED) has not reported yet (Linux: group_exit_code != 0). */
    boolean stopReportable;
    /** SIGNAL_STOP_CONTINUED: a continue that waitid(WCONTINUED) has not reported yet. */
    boolean continuedReportable;
    /** The parent still has to be sent CLD_CONTINUED; done when this process next runs. */
    boolean notifyContinuedPending;

    /** A fatal signal was generated: the process dies the next time it runs. */
    boolean killPending;
    int killSignal;

    // exit status
    /** The wait(2) status word, e.g. 0x0300 for exit(3), 0x0009 for SIGKILL. */
    int waitStatus;
    int cldCode;
    int cldStatus;

    boolean execed;
    boolean childSubreaper;
    int pdeathSignal;
    /** PR_SET_NO_NEW_PRIVS: inherited over clone, kept over execve, never cleared. */
    boolean noNewPrivs;
    long clearChildTid;
    long setChildTid;
    /** The parent blocked in clone(CLONE_VFORK) until this child execs or exits. */
    boolean vforkPending;
    long startNs;
    /** Syscalls made since clone or execve (for the syscall hook). */
    long syscallSeq;

    // execution
    Call call;
    Run run = Run.USER;
    ServerState server;
    ProgramRunner runner;
    /** Set by a successful execve; the scheduler then starts the program. */
    Launch launch;

    Proc(int pid) {
        this.pid = pid;
    }

    boolean alive() {
        return state == State.ALIVE;
    }

    /** cwd and umask, shared by CLONE_FS. */
    static final class FsState {
        Vfs.DirInode cwd;
        int umask = 022;
        int users;

        /** umask(2): sets the mask (only its permission bits) and returns the previous one. */
        int swapUmask(int mask) {
            int old = umask;
            umask = mask & 0777;
            return old;
        }

        FsState copy() {
            FsState f = new FsState();
            f.cwd = cwd;
            f.umask = umask;
            return f;
        }
    }

    /** The driven-child server: a state machine of read request / run it / write result. */
    static final class ServerState {
        static final int READ = 0, EXEC = 1, WRITE = 2, EXIT = 3, CLOSE_FIRST = 4, CLOSE_SECOND = 5;
        final long stack;
        final int requestFd;
        final int responseFd;
        /** The fds the blob closes before it serves (negative: none). */
        final long closeFirst;
        final long closeSecond;
        /** The last request failed or was skipped: a request chained to it is skipped. */
        boolean failed;
        /** The current request has DEFER set: its result is held back. */
        boolean deferred;
        /** Bytes of results held back, at {@link #results}. */
        int pending;
        /** Where held-back results are kept: the 256 bytes below the request, as the blob keeps them. */
        final long results;
        /** The 64 bytes the real blob uses below its stack pointer: request at +0, result at +56. */
        final long scratch;
        int phase = READ;
        int got;
        int sent;
        int exitCode;

        ServerState(long stack, int requestFd, int responseFd, long closeFirst, long closeSecond) {
            this.stack = stack;
            this.requestFd = requestFd;
            this.responseFd = responseFd;
            this.closeFirst = closeFirst;
            this.closeSecond = closeSecond;
            this.scratch = stack - 56;
            this.results = scratch - 256;
        }
    }

    /** What execve decided to run: argv and envp as the bytes it copied, and decoded as UTF-8. */
    static final class Launch {
        final SimulatedProgram program;
        final String path;
        final List<byte[]> argvBytes;
        final List<byte[]> envpBytes;
        final List<String> argv;
        final List<String> envp;

        Launch(SimulatedProgram program, String path, List<byte[]> argvBytes, List<byte[]> envpBytes) {
            this.program = program;
            this.path = path;
            this.argvBytes = argvBytes;
            this.envpBytes = envpBytes;
            this.argv = decode(argvBytes);
            this.envp = decode(envpBytes);
        }

        private static List<String> decode(List<byte[]> strings) {
            List<String> out = new java.util.ArrayList<>(strings.size());
            for (byte[] s : strings) {
                out.add(new String(s, java.nio.charset.StandardCharsets.UTF_8));
            }
            return java.util.Collections.unmodifiableList(out);
        }
    }

    /**
     * One run of a simulated program on a pooled Java thread, and its hand-off state. The turn passes between the
     * driver and the program thread through {@link #running} (volatile): whatever one side wrote before handing
     * the turn over, the other sees once it has seen the flag change.
     */
    static final class ProgramRunner {
        final Launch launch;
        /** The thread running the program (set before its first turn). */
        volatile Thread thread;
        /** The thread waiting for the program's turn to end, to be unparked when it does. */
        volatile Thread driver;
        ProgramContextImpl context;
        /** True while the program thread runs user code; the driver waits for it to become false. */
        volatile boolean running;
        volatile boolean unwinding;
        String unwindReason;
        volatile boolean finished;
        long resumeValue;

        ProgramRunner(Launch launch) {
            this.launch = launch;
        }
    }

    String stateLetter() {
        switch (state) {
            case ZOMBIE:
                return "Z";
            case DEAD:
                return "X";
            default:
                if (stopped) {
                    return "T";
                }
                return run == Run.BLOCKED || kind == Kind.INIT ? "S" : "R";
        }
    }

    @Override
    public String toString() {
        return "pid " + pid + " (" + comm + ")";
    }
}
