// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.Command;
import dev.jsyscall.MisuseException;
import dev.jsyscall.far.AddressSpace;
import dev.jsyscall.far.FdTable;
import dev.jsyscall.far.PidNamespace;
import dev.jsyscall.internal.DrivenSyscallInterface;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.prctl.Prctl;
import dev.jsyscall.linux.resource.Resources;
import dev.jsyscall.linux.signal.SigSet;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.signal.Signals;
import dev.jsyscall.linux.signal.SigprocmaskHow;
import dev.jsyscall.linux.stat.Stat;
import dev.jsyscall.linux.unistd.Unistd;
import dev.jsyscall.spi.SyscallTransportException;
import dev.jsyscall.struct.Bytes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A task whose syscalls run inside a child we cloned and drive, until it execs or exits. Set the child up with
 * ordinary syscalls ({@link #chdir}, {@link #setsid}, {@link FileDescriptor#dup3}...), then {@link #exec} it.
 *
 * <pre>{@code
 * try (ChildTask child = local.cloneChild()) {
 *     child.chdir("/tmp");
 *     ChildProcess p = child.exec(Command.of("/bin/echo", "hi"));
 *     System.out.println(p.waitForExit());
 * }
 * }</pre>
 *
 * <p>Closing it before exec ends the child (SIGKILL: it runs no code of the user's yet) and reaps it, freeing the
 * stack it ran on, so that {@code try (ChildTask child = ...)} leaves nothing behind when a set-up call throws.
 * Once the child has exec'd, exited or was closed, every syscall on this task fails at once with
 * {@link NotDrivenException}, and nothing is written to its old channel.
 *
 * @since 0.1
 */
public final class ChildTask extends Task implements AutoCloseable {
    private final DrivenSyscallInterface driven;
    private final ThreadProcess process;
    private final FileDescriptor requestWrite;
    private final FileDescriptor responseRead;
    private final Pointer<byte[]> channelBuffer;
    private final Pointer<byte[]>.Borrow channelBorrow;
    private final LocalTask parent;

    /** The local task that cloned this child. */
    LocalTask cloner() {
        return parent;
    }
    /** Cloned by a thread that may exit before the JVM does: PR_SET_PDEATHSIG would fire then. */
    private final boolean parentThreadMayExit;
    /** The cgroup clone3 started the child in (CLONE_INTO_CGROUP), or null. */
    private Cgroup clonedInto;
    /** The child exec'd: the process is the program's now, and closing this task leaves it alone. */
    private volatile boolean execed;
    private SigSet execMask = SigSet.EMPTY;

    ChildTask(DrivenSyscallInterface driven, ThreadProcess process, FdTable fdTable, AddressSpace addressSpace,
              PidNamespace pidNamespace, Arch arch, MemoryAllocator allocator, FileDescriptor requestWrite,
              FileDescriptor responseRead, Pointer<byte[]> channelBuffer, Pointer<byte[]>.Borrow channelBorrow,
              LocalTask parent, boolean parentThreadMayExit) {
        super(driven, process, fdTable, addressSpace, pidNamespace, arch, allocator);
        this.driven = driven;
        this.process = process;
        this.requestWrite = requestWrite;
        this.responseRead = responseRead;
        this.channelBuffer = channelBuffer;
        this.channelBorrow = channelBorrow;
        this.parent = parent;
        this.parentThreadMayExit = parentThreadMayExit;
    }

    /** The exception for a child whose channel closed during syscall {@code nr}: reaps it to say how it ended. */
    static RuntimeException lost(ThreadProcess process, int nr, Arch arch) {
        String name = Syscall.byNumber(arch, nr).map(Syscall::cName).orElse("syscall " + nr);
        try {
            return new ChildDiedException(process.waitForExit(), name);
        } catch (RuntimeException e) {
            return new dev.jsyscall.spi.SyscallTransportException("driven child " + process.near().id()
                    + " closed its channel during " + name + " and could not be reaped", e);
        }
    }

    /**
     * The child as its parent sees it: wait for it and signal it through this.
     *
     * @return the child's process handle
     */
    public ThreadProcess childProcess() {
        return process;
    }

    /**
     * Whether fd {@code n} of the child carries its syscall channel (replacing or closing it would cut the
     * child off; see {@link LocalTask#cloneChild(int)}).
     *
     * @param n an fd number
     * @return true if it is one of the channel's fds
     */
    public boolean isChannelFd(int n) {
        long[] words = process.stackData().arguments().stream().mapToLong(Long::longValue).toArray();
        return n == words[0] || n == words[1];
    }

    void closeParentEnds(int requestWriteNumber, int responseReadNumber) {
        fd(requestWriteNumber).close();
        fd(responseReadNumber).close();
    }

    /**
     * Set-up syscalls to queue and send together, in one round trip: see {@link SetupBatch}.
     *
     * @return a new, empty batch
     */
    public SetupBatch batch() {
        return new SetupBatch(this);
    }

    /**
     * Execs {@code command} with the JVM's environment changed as the command says. The program's signal mask
     * and the execve go to the child together, in one round trip.
     *
     * @return the child, now running the program
     * @param command the program, not null
     * @throws ExecFailedException if execve failed; the child is unchanged and still driven
     */
    public ChildProcess exec(Command command) {
        // the child ran with every signal blocked so that nothing could interrupt it on our memory; the program
        // gets the mask asked for (empty by default). Caught handlers were reset by the server, so a pending
        // signal now takes its default action instead of running JVM code.
        return batch().exec(command);
    }

    DrivenSyscallInterface driven() {
        return driven;
    }

    SigSet execSignalMask() {
        return execMask;
    }

    /** After a failed execve: the mask the program would have had is undone, so the child is as before. */
    void blockAllSignals() {
        rtSigprocmask(SigprocmaskHow.SIG_SETMASK, SigSet.ALL);
    }

    /** The channel reached EOF where execve's result was due: the exec succeeded. */
    ChildProcess execSucceeded(Command command) {
        execed = true;
        closeChannel(() -> "has exec'd " + (command != null ? command : "a program"));
        return process.didExec(command);
    }

    /** The exception for a channel that closed during {@code syscall}. */
    RuntimeException lostDuring(Syscall syscall) {
        return lost(process, syscall.number(arch()), arch());
    }

    /**
     * {@code execve(path, argv, envp)}. Success is seen as EOF on the child's close-on-exec reply channel; the
     * child's stack is then no longer in use and is freed. A child killed at that very moment also closes the
     * channel, so it too is taken as exec'd: its wait state then tells how it ended.
     *
     * @param path the executable's path, as the child resolves it
     * @param argv the arguments, argv[0] included
     * @param envp the environment as {@code NAME=value} strings
     * @throws ExecFailedException naming the path and errno when execve fails (the child keeps serving)
     */
    public void execve(String path, List<String> argv, List<String> envp) {
        new SetupBatch(this).exec(new ExecImage(path, argv, envp), null, false);
    }

    /**
     * execve's path, argv and envp as one block of memory: the argv and envp pointer arrays (each ending in
     * NULL), then the strings. Encoded (and checked) once; laid out at the address the block gets.
     */
    static final class ExecImage {
        private final String pathString;
        private final List<String> argvStrings;
        private final byte[] path;
        private final List<byte[]> args;
        private final List<byte[]> env;
        private final int pointers;
        private final int size;

        ExecImage(String path, List<String> argv, List<String> envp) {
            this(path, argv, cString(Objects.requireNonNull(path, "path"), "path"), encodeAll(argv, "argv"),
                    encodeAll(envp, "envp"));
        }

        /**
         * From strings already NUL-terminated (a {@link Command}'s, see {@link dev.jsyscall.internal.ExecStrings}),
         * used as they are: an unchanged environment is one list shared by every spawn, never copied.
         *
         * @param pathString for messages, as is {@code argvStrings}
         */
        ExecImage(String pathString, List<String> argvStrings, byte[] path, List<byte[]> args, List<byte[]> env) {
            this.pathString = pathString;
            this.argvStrings = argvStrings;
            this.path = path;
            this.args = args;
            this.env = env;
            this.pointers = 8 * (args.size() + 1 + env.size() + 1);
            int total = pointers + this.path.length;
            for (byte[] a : args) {
                total += a.length;
            }
            for (byte[] e : env) {
                total += e.length;
            }
            this.size = total;
        }

        int size() {
            return size;
        }

        /** For messages: the path and argv as given. */
        String path() {
            return pathString;
        }

        List<String> argv() {
            return argvStrings;
        }

        /** The address of argv is the block's own. */
        long pathAddress(long base) {
            return base + pointers;
        }

        long envAddress(long base) {
            return base + 8L * (args.size() + 1);
        }

        /** Writes the block, as it must read at address {@code base}, into {@code out} from {@code offset}. */
        void layout(long base, byte[] out, int offset) {
            ByteBuffer b = Bytes.le(out);
            b.position(offset + pointers);
            b.put(path);
            long str = base + pointers + path.length;
            int slot = 0;
            for (List<byte[]> strings : List.of(args, env)) {
                for (byte[] s : strings) {
                    b.putLong(offset + 8 * slot++, str);
                    b.put(s);
                    str += s.length;
                }
                b.putLong(offset + 8 * slot++, 0);
            }
        }
    }

    private static List<byte[]> encodeAll(List<String> strings, String what) {
        Objects.requireNonNull(strings, what);
        List<byte[]> out = new ArrayList<>(strings.size());
        for (String s : strings) {
            out.add(cString(Objects.requireNonNull(s, what + " element"), what + " element"));
        }
        return out;
    }

    /**
     * The signal mask the program starts with (empty unless set). The child itself keeps every signal blocked
     * until just before execve, so this is applied then, not now.
     *
     * @param mask the signals blocked when the program starts, not null
     */
    public void execSignalMask(SigSet mask) {
        this.execMask = Objects.requireNonNull(mask, "mask");
    }

    /**
     * {@code umask(mask)}: returns the previous mask.
     *
     * @param mask the permission bits to clear from created files
     * @return the previous mask
     */
    public int umask(int mask) {
        return call(Stat.umask(mask));
    }

    /**
     * {@code setpriority(PRIO_PROCESS, 0, nice)} on the child itself.
     *
     * @param nice the nice value, -20 to 19
     */
    public void nice(int nice) {
        call(Resources.nice(nice));
    }

    /**
     * {@code prctl(PR_SET_PDEATHSIG, sig)}: the child gets {@code sig} when its parent thread (the JVM's clone
     * thread) exits. If the JVM already died before the call took effect the child would never be signalled, so
     * the parent pid is checked afterwards and the child told to exit then.
     *
     * @param sig the signal, not null
     */
    public void parentDeathSignal(Signal sig) {
        Objects.requireNonNull(sig, "sig");
        if (parentThreadMayExit) {
            throw new MisuseException(this + " was cloned by " + "LocalTask.cloneChildOnThisThread, so"
                    + " PR_SET_PDEATHSIG would fire when that thread exits, not when the JVM does; clone it with"
                    + " LocalTask.cloneChild() (the kernel's long-lived clone thread) instead");
        }
        prctl(Prctl.PR_SET_PDEATHSIG, sig.number(), 0, 0, 0);
        if (getppid() != parent.pid().id()) {
            exitGroup(128 + sig.number());
            throw new ChildProcessException(childProcess().near(), "the parent of " + this
                    + " died before PR_SET_PDEATHSIG took effect");
        }
    }

    /**
     * Sets {@code sig}'s disposition to SIG_IGN: ignored signals stay ignored across exec.
     *
     * @param sig the signal, not {@code SIGKILL} or {@code SIGSTOP}
     */
    public void ignoreSignal(Signal sig) {
        call(Signals.ignore(sig));
    }

    /**
     * Sets {@code sig}'s disposition to SIG_DFL.
     *
     * @param sig the signal, not {@code SIGKILL} or {@code SIGSTOP}
     */
    public void defaultSignal(Signal sig) {
        call(Signals.setDefault(sig));
    }

    /**
     * {@code openat(AT_FDCWD, path, flags, mode)} in the child.
     *
     * @param flags {@code O_*} flags from {@link Fcntl}
     * @param path the path, relative to the child's cwd or absolute
     * @param mode permission bits for a created file
     * @return a handle owning the child's new fd
     */
    public FileDescriptor open(String path, int flags, int mode) {
        return fd(call(Fcntl.openat(path, flags, mode)).intValue());
    }

    Cgroup clonedInto() {
        return clonedInto;
    }

    void clonedInto(Cgroup cgroup) {
        this.clonedInto = cgroup;
    }

    /**
     * Moves the child into a new user namespace where {@code insideUid}/{@code insideGid} map to
     * {@code outsideUid}/{@code outsideGid}: {@code unshare(CLONE_NEWUSER)} in the child, then the parent writes
     * {@code /proc/PID/setgroups} ("deny") and the uid and gid maps, as only a process outside may.
     *
     * @param insideUid the uid inside
     * @param outsideUid the uid it maps to outside
     * @param insideGid the gid inside
     * @param outsideGid the gid it maps to outside
     */
    public void unshareUser(int insideUid, int outsideUid, int insideGid, int outsideGid) {
        unshare(Set.of(dev.jsyscall.linux.sched.CloneFlag.NEWUSER));
        mapUser(insideUid, outsideUid, insideGid, outsideGid);
    }

    /** The maps of {@link #unshareUser}, for a child cloned into its user namespace ({@code CLONE_NEWUSER}). */
    void mapUser(int insideUid, int outsideUid, int insideGid, int outsideGid) {
        String dir = "/proc/" + pid().id() + "/";
        parent.writeFile(dir + "setgroups", "deny");
        parent.writeFile(dir + "uid_map", insideUid + " " + outsideUid + " 1\n");
        parent.writeFile(dir + "gid_map", insideGid + " " + outsideGid + " 1\n");
    }

    /**
     * {@code getuid()}.
     *
     * @return the child's real uid
     */
    public int getuid() {
        return call(Unistd.getuid());
    }

    /**
     * {@code getgid()}.
     *
     * @return the child's real gid
     */
    public int getgid() {
        return call(Unistd.getgid());
    }

    /**
     * Gives up on a child that will not be exec'd (a set-up step failed): the same as {@link #close}, which kills
     * and reaps a child that has not exec'd. Nothing is left behind.
     */
    public void abandon() {
        close();
    }

    /**
     * {@code exit_group(status)}: the child exits; wait for it through {@link #childProcess()}.
     *
     * @param status the exit status, 0 to 255
     */
    public void exitGroup(int status) {
        OptionalLong r = driven.syscallUntilEof(Syscall.EXIT_GROUP.number(arch()), status, 0, 0, 0, 0, 0);
        closeChannel(() -> "has exited (exit_group(" + status + "))");
        if (r.isPresent()) {
            throw new SyscallTransportException("exit_group(" + status + ") returned " + r.getAsLong() + " in " + this);
        }
    }

    /**
     * Whether the child still serves syscalls (not exec'd, exited, or closed).
     *
     * @return true while it serves syscalls
     */
    public boolean isDriven() {
        return !driven.isClosed();
    }

    /** Ends the channel for good, waiting for a request in flight. */
    private void closeChannel(java.util.function.Supplier<String> why) {
        driven.close(why, this::releaseChannel, true);
    }

    /** Closes our ends of the channel and frees its buffer; runs once, under the channel's lock. */
    private void releaseChannel() {
        try {
            requestWrite.close();
        } finally {
            try {
                responseRead.close();
            } finally {
                channelBorrow.close();
                channelBuffer.free();
            }
        }
    }

    /**
     * Stops driving the child. Before exec the child is killed with SIGKILL (it may be blocked in a syscall, where
     * end of file on its channel would not reach it) and reaped, and the memory it ran on is freed; after exec the
     * program is left alone (it is {@link #childProcess()}'s). Idempotent, and safe from any thread: a request in
     * flight in another thread ends with {@link ChildDiedException}.
     */
    @Override
    public void close() {
        if (!execed && !driven.closedBecause().isPresent()) {
            try {
                process.kill(Signal.SIGKILL);
            } catch (ChildProcessException | ErrnoException gone) {
                // already dead, or reaped: closing and reaping below is all that is left
            }
        }
        closeChannel(() -> "was closed");
        if (!execed) {
            process.close();
        }
    }

    @Override
    public String toString() {
        return "ChildTask(" + pid().id() + ")";
    }
}
