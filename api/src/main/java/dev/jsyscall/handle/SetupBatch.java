// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.Command;
import dev.jsyscall.MisuseException;
import dev.jsyscall.internal.ExecStrings;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.mount.Mount;
import dev.jsyscall.linux.resource.Resource;
import dev.jsyscall.linux.resource.Resources;
import dev.jsyscall.linux.resource.Rlimit;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.linux.sched.Sched;
import dev.jsyscall.linux.signal.SigSet;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.signal.Signals;
import dev.jsyscall.linux.signal.SigprocmaskHow;
import dev.jsyscall.linux.stat.Stat;
import dev.jsyscall.linux.unistd.Unistd;
import dev.jsyscall.spi.SyscallTransportException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Set-up syscalls for a driven child, queued and then sent together: the child runs them in the order they were
 * added and stops at the first that fails, exactly as if each had been made on its own, but the whole batch costs
 * one round trip instead of one per syscall. {@link #exec} sends the batch together with the {@code execve}, so a
 * fully set-up spawn needs a single round trip.
 *
 * <pre>{@code
 * try (ChildTask child = local.cloneChild()) {
 *     ChildProcess p = child.batch()
 *             .chdir("/tmp")
 *             .setsid()
 *             .dup3(logFile.inheritedBy(child), 1, 0)
 *             .prlimit(Resource.RLIMIT_NOFILE, new Rlimit(1024, 1024))
 *             .exec(Command.of("/bin/pwd"));
 * }
 * }</pre>
 *
 * <p>Arguments are checked when a call is added, before anything is sent. When a syscall fails, {@link #run} and
 * {@link #exec} throw the exception the same call made directly would throw (an {@link ErrnoException} naming
 * the syscall and its arguments); the calls after it did not run, and {@link #failedLabel()} gives the label of
 * the failed call. A batch is sent once; it is not thread-safe.
 *
 * @since 0.1
 */
public final class SetupBatch {
    /** Null while the batch is laid out ahead of the clone ({@link PlanRunner}); set when the child exists. */
    private ChildTask child;
    private final LocalTask cloner;
    private final dev.jsyscall.linux.Arch arch;
    private final MemoryAllocator allocator;
    /** The batch and its execve, written into the channel before the clone; null when it is sent after. */
    private Laid written;
    /** The program's mask queued before the clone, given to the child when it exists; null: its default. */
    private SigSet aheadMask;
    private final List<Op> ops = new ArrayList<>();
    private byte[] data = new byte[128];
    private int dataSize;
    /** Positions in {@link #data} of words holding an offset into it, made addresses when the data is laid out. */
    private int[] pointers = new int[0];
    private String label;
    private String failedLabel;
    private boolean sent;

    /** One queued syscall; {@code dataArgs} marks the arguments that are offsets into the batch's data. */
    private static final class Op {
        final SyscallRequest<?> request;
        final Syscall syscall;
        final long[] args;
        final int dataArgs;
        final String label;

        Op(SyscallRequest<?> request, long[] args, int dataArgs, String label) {
            this.request = request;
            this.syscall = request.syscall();
            this.args = args;
            this.dataArgs = dataArgs;
            this.label = label;
        }
    }

    /** The queued calls' data, the program's mask and execve's image in memory, and the requests after the calls. */
    private static final class Laid {
        final Pointer<byte[]> mem;
        final long[] tail;
        final ChildTask.ExecImage image;
        long[] requests;

        Laid(Pointer<byte[]> mem, long[] tail, ChildTask.ExecImage image) {
            this.mem = mem;
            this.tail = tail;
            this.image = image;
        }
    }

    SetupBatch(ChildTask child) {
        this(child.cloner());
        this.child = child;
    }

    /** A batch for a child {@code cloner} has not cloned yet: it shares our memory, so its data can be laid out now. */
    SetupBatch(LocalTask cloner) {
        this.cloner = cloner;
        this.arch = cloner.arch();
        this.allocator = cloner.allocator();
    }

    /**
     * Labels the calls added after this one (until the next label), for {@link #failedLabel()}: e.g. the name of
     * the set-up step they belong to. Without a label a call is labelled with its syscall's name.
     *
     * @param label the label, not null
     * @return this batch
     */
    public SetupBatch label(String label) {
        this.label = Objects.requireNonNull(label, "label");
        return this;
    }

    /**
     * Queues {@code request}: its memory arguments are copied into the batch's data now and laid out in the
     * child's address space when the batch is sent; its result is only checked for an error.
     *
     * @param request the syscall, not null
     * @return this batch
     * @throws IllegalArgumentException for execve, exit and exit_group, which end the child's service
     */
    public SetupBatch add(SyscallRequest<?> request) {
        Objects.requireNonNull(request, "request");
        Syscall syscall = request.syscall();
        if (syscall == Syscall.EXECVE || syscall == Syscall.EXIT_GROUP || syscall == Syscall.EXIT) {
            throw new IllegalArgumentException(syscall.cName() + " ends the child's service; use exec() or"
                    + " ChildTask.exitGroup()");
        }
        checkNotSent();
        List<SyscallRequest.Arg> args = request.args();
        long[] words = new long[6];
        int dataArgs = 0;
        for (int i = 0; i < args.size(); i++) {
            SyscallRequest.Arg a = args.get(i);
            if (a instanceof SyscallRequest.Word) {
                words[i] = ((SyscallRequest.Word) a).value();
            } else if (a instanceof SyscallRequest.In) {
                SyscallRequest.In in = (SyscallRequest.In) a;
                words[i] = data(in.bytes());
                for (int p : in.pointers()) {
                    pointers = Arrays.copyOf(pointers, pointers.length + 1);
                    // the In's offsets count from its own first byte, the batch's from the data's
                    pointers[pointers.length - 1] = (int) words[i] + p;
                    SyscallRequest.relocate(data, 0, new int[] {pointers[pointers.length - 1]}, words[i]);
                }
                dataArgs |= 1 << i;
            } else {
                words[i] = data(new byte[((SyscallRequest.Out) a).size()]);
                dataArgs |= 1 << i;
            }
        }
        ops.add(new Op(request, words, dataArgs, label != null ? label : syscall.cName()));
        return this;
    }

    /**
     * {@code chdir(path)}.
     *
     * @param path the directory
     * @return this batch
     */
    public SetupBatch chdir(String path) {
        return add(Unistd.chdir(path));
    }

    /**
     * {@code setsid()}.
     *
     * @return this batch
     */
    public SetupBatch setsid() {
        return add(Unistd.setsid());
    }

    /**
     * {@code setpgid(0, 0)}: a new process group led by the child.
     *
     * @return this batch
     */
    public SetupBatch newProcessGroup() {
        return add(Unistd.setpgid(0, 0));
    }

    /**
     * {@code setpriority(PRIO_PROCESS, 0, nice)}.
     *
     * @param nice the nice value, -20 to 19
     * @return this batch
     */
    public SetupBatch nice(int nice) {
        return add(Resources.nice(nice));
    }

    /**
     * {@code prlimit64(0, resource, &limit, &old)}.
     *
     * @param resource the resource, not null
     * @param limit the new limits, not null
     * @return this batch
     */
    public SetupBatch prlimit(Resource resource, Rlimit limit) {
        Objects.requireNonNull(limit, "limit");
        return add(Resources.prlimit(resource, limit));
    }

    /**
     * {@code umask(mask)}.
     *
     * @param mask the permission bits to clear from created files
     * @return this batch
     */
    public SetupBatch umask(int mask) {
        return add(Stat.umask(mask));
    }

    /**
     * {@code unshare(flags)}.
     *
     * @param flags the {@code CLONE_*} kinds to unshare
     * @return this batch
     */
    public SetupBatch unshare(Set<CloneFlag> flags) {
        return add(Sched.unshare(flags));
    }

    /**
     * {@code mount(source, target, fstype, flags, data)}: see {@link Task#mount}; a null string is NULL.
     *
     * @param source the source, or null
     * @param target the mount point
     * @param fstype the file-system type, or null
     * @param flags {@code MS_*} bits
     * @param data file-system options, or null
     * @return this batch
     */
    public SetupBatch mount(String source, String target, String fstype, long flags, String data) {
        return add(Mount.mount(source, target, fstype, flags, data));
    }

    /**
     * {@code close_range(first, last, flags)}.
     *
     * @param first the lowest fd
     * @param last the highest fd (inclusive)
     * @param flags 0 or {@code CLOSE_RANGE_*} bits
     * @return this batch
     */
    public SetupBatch closeRange(int first, int last, int flags) {
        return add(Unistd.closeRange(first, last, flags));
    }

    /**
     * {@code dup3(from, newfd, flags)}, where {@code from} is open in the child (see {@link FileDescriptor}).
     *
     * @param from the fd to copy, open in the child
     * @param newfd the number the copy gets
     * @param flags 0 or {@code O_CLOEXEC}
     * @return this batch
     */
    public SetupBatch dup3(FileDescriptor from, int newfd, int flags) {
        Objects.requireNonNull(from, "from");
        FileDescriptor.checkDup3Target(child, newfd);
        return add(Unistd.dup3(from.number(child), newfd, flags));
    }

    /**
     * {@code fcntl(fd, F_SETFD, flags)}: e.g. 0 to clear close-on-exec.
     *
     * @param fd the fd
     * @param flags the new fd flags
     * @return this batch
     */
    public SetupBatch setFdFlags(int fd, int flags) {
        return add(Fcntl.setFdFlags(fd, flags));
    }

    /**
     * {@code rt_sigaction(sig, {SIG_IGN})}: ignored signals stay ignored across exec.
     *
     * @param sig the signal
     * @return this batch
     */
    public SetupBatch ignoreSignal(Signal sig) {
        return add(Signals.ignore(sig));
    }

    /**
     * {@code rt_sigaction(sig, {SIG_DFL})}.
     *
     * @param sig the signal
     * @return this batch
     */
    public SetupBatch defaultSignal(Signal sig) {
        return add(Signals.setDefault(sig));
    }

    /**
     * The signal mask the program starts with: no syscall now; {@link #exec} sets it just before execve (see
     * {@link ChildTask#execSignalMask}).
     *
     * @param mask the signals blocked when the program starts
     * @return this batch
     */
    public SetupBatch execSignalMask(SigSet mask) {
        if (child == null) {
            // laid out ahead of the clone: the mask goes into the channel now and to the child when it exists
            aheadMask = Objects.requireNonNull(mask, "mask");
        } else {
            child.execSignalMask(mask);
        }
        return this;
    }

    /**
     * {@code rt_sigprocmask(how, set, NULL)}: the child's own mask (see {@link ChildTask#execSignalMask}).
     *
     * @param how block, unblock or set
     * @param set the signals
     * @return this batch
     */
    public SetupBatch sigprocmask(SigprocmaskHow how, SigSet set) {
        return add(Signals.sigprocmask(how, set));
    }

    /**
     * Any syscall with integer arguments (no pointers into the batch), for what has no method here; its result
     * is only checked for an error.
     *
     * @param syscall the syscall
     * @param a0 the first argument
     * @param a1 the second argument
     * @param a2 the third argument
     * @param a3 the fourth argument
     * @param a4 the fifth argument
     * @param a5 the sixth argument
     * @return this batch
     */
    public SetupBatch syscall(Syscall syscall, long a0, long a1, long a2, long a3, long a4, long a5) {
        Objects.requireNonNull(syscall, "syscall");
        return add(SyscallRequest.words(syscall, new long[] {a0, a1, a2, a3, a4, a5}, a0, a1, a2, a3, a4, a5));
    }

    /**
     * How many calls are queued.
     *
     * @return the number of calls not sent yet
     */
    public int size() {
        return ops.size();
    }

    /**
     * The label of the call that failed in the last {@link #run} or {@link #exec}, if one did.
     *
     * @return the label, or empty
     */
    public java.util.Optional<String> failedLabel() {
        return java.util.Optional.ofNullable(failedLabel);
    }

    /**
     * Sends the queued calls and waits for them all.
     *
     * @throws ErrnoException of the first call that failed (none after it ran)
     * @throws ChildDiedException if the child died before answering
     * @throws MisuseException if the batch was already sent
     */
    public void run() {
        markSent();
        if (ops.isEmpty()) {
            return;
        }
        Pointer<byte[]> mem = dataSize == 0 ? null : allocator.allocateBytes(dataSize);
        try {
            if (mem != null) {
                byte[] bytes = Arrays.copyOf(data, dataSize);
                SyscallRequest.relocate(bytes, 0, pointers, mem.near().value());
                mem = mem.write(bytes);
            }
            long[] results = send(mem, null);
            checkResults(results, ops.size());
        } finally {
            if (mem != null) {
                mem.free();
            }
        }
    }

    /** Sends what is queued (an entry needing answers comes next) and returns a fresh batch for what follows. */
    SetupBatch flush() {
        run();
        return child.batch();
    }

    /**
     * Sends the queued calls followed by the program's signal mask ({@link ChildTask#execSignalMask}) and
     * {@code execve} of {@code command}, all in one round trip.
     *
     * @return the child, now running the program
     * @param command the program, not null
     * @throws ErrnoException of the first set-up call that failed (the child is unchanged after it and still
     *     driven)
     * @throws ExecFailedException if execve failed; the child keeps serving, with every signal blocked again
     */
    public ChildProcess exec(Command command) {
        Objects.requireNonNull(command, "command");
        // bytes, not Strings: the JVM's environment and byte arguments reach the program unchanged
        ExecStrings strings = cloner.execStrings(command);
        ChildTask.ExecImage image = new ChildTask.ExecImage(command.executable(), command.argv(), strings.path(),
                strings.argv(), strings.envp());
        return exec(image, command, true);
    }

    /**
     * Sends the queued calls, then (with {@code setMask}) the program's signal mask, then execve of {@code image}.
     * On success the child is recorded as having become {@code command} (null: unknown).
     */
    ChildProcess exec(ChildTask.ExecImage image, Command command, boolean setMask) {
        return exec(image, command, setMask, true);
    }

    /**
     * As {@link #exec(ChildTask.ExecImage, Command, boolean)}; with {@code restoreMask} false a failed execve
     * leaves the program's mask in place (the caller tries another file next, or kills the child).
     */
    ChildProcess exec(ChildTask.ExecImage image, Command command, boolean setMask, boolean restoreMask) {
        Laid laid = written;
        written = null;
        if (laid == null) {
            laid = layout(image, setMask, child.execSignalMask());
        } else if (!setMask || !laid.image.path().equals(image.path())) {
            laid.mem.free();
            throw new IllegalStateException("the execve written ahead was of " + laid.image.path() + ", not of "
                    + image.path() + (setMask ? "" : " without the program's mask"));
        }
        Pointer<byte[]> mem = laid.mem;
        try {
            long[] results = laid.requests != null ? child.driven().chainWritten(laid.requests)
                    : send(mem, laid.tail);
            int n = ops.size();
            int execveAt = setMask ? n + 1 : n;
            if (results.length == execveAt) {
                // EOF where execve's result would be: it succeeded (a failed call before it would have been
                // answered, and execve skipped with -ECANCELED)
                checkResults(results, n);
                return child.execSucceeded(command);
            }
            checkResults(results, n);
            if (results.length <= execveAt) {
                throw child.lostDuring(results.length == n && setMask ? Syscall.RT_SIGPROCMASK : Syscall.EXECVE);
            }
            if (setMask) {
                Signals.sigprocmask(SigprocmaskHow.SIG_SETMASK, child.execSignalMask()).check(results[n]);
                if (restoreMask) {
                    // the program's mask is undone, so that the child is as it was before
                    child.blockAllSignals();
                }
            }
            long raw = results[execveAt];
            String path = image.path();
            if (ErrnoException.isError(raw)) {
                throw new ExecFailedException(Errno.of((int) -raw), path, "path=" + path + ", argv=" + image.argv());
            }
            throw new SyscallTransportException("execve of " + path + " returned " + raw + " in " + child);
        } finally {
            mem.free();
        }
    }

    /** Lays out the queued calls' data, then (with {@code setMask}) {@code mask}, then execve of {@code image}. */
    private Laid layout(ChildTask.ExecImage image, boolean setMask, SigSet mask) {
        markSent();
        long maskAt = setMask ? data(SigSet.CODEC.encode(mask)) : 0;
        int imageAt = align8(dataSize);
        Pointer<byte[]> mem = allocator.allocateBytes(imageAt + image.size());
        try {
            long base = mem.near().value();
            byte[] bytes = Arrays.copyOf(data, imageAt + image.size());
            SyscallRequest.relocate(bytes, 0, pointers, base);
            image.layout(base + imageAt, bytes, imageAt);
            mem = mem.write(bytes);
            long[] execve = {Syscall.EXECVE.number(arch), image.pathAddress(base + imageAt), base + imageAt,
                image.envAddress(base + imageAt), 0, 0, 0};
            long[] tail = !setMask ? execve : new long[] {
                Syscall.RT_SIGPROCMASK.number(arch), SigprocmaskHow.SIG_SETMASK.value(), base + maskAt, 0,
                SigSet.KERNEL_SIZE, 0, 0,
                execve[0], execve[1], execve[2], execve[3], 0, 0, 0};
            return new Laid(mem, tail, image);
        } catch (RuntimeException | Error e) {
            mem.free();
            throw e;
        }
    }

    /**
     * Lays out this batch, the program's mask and execve of {@code image} for a child not cloned yet: the requests
     * to write into its channel before the clone. {@link #exec} then only reads their results.
     */
    long[] layAhead(ChildTask.ExecImage image) {
        Laid laid = layout(image, true, aheadMask != null ? aheadMask : SigSet.EMPTY);
        // the child shares our memory until it execs, so the data's address is the same for it
        laid.requests = words(laid.mem.near().value(), laid.tail);
        written = laid;
        return laid.requests;
    }

    /** Frees what {@link #layAhead} laid out, when the clone failed. */
    void dropAhead() {
        if (written != null) {
            written.mem.free();
            written = null;
        }
    }

    /** This batch, laid out ahead, now for {@code child}, which has the program's mask it was given. */
    SetupBatch attach(ChildTask child) {
        this.child = child;
        if (aheadMask != null) {
            child.execSignalMask(aheadMask);
        }
        return this;
    }

    /** Sends the ops (their data at {@code mem}, borrowed for the child meanwhile) and then {@code tail}. */
    private long[] send(Pointer<byte[]> mem, long[] tail) {
        if (mem == null) {
            return child.driven().chain(words(0, tail));
        }
        try (Pointer<byte[]>.Borrow b = mem.borrow(child)) {
            return child.driven().chain(words(b.address(), tail));
        }
    }

    private long[] words(long base, long[] tail) {
        int n = ops.size();
        int tailCount = tail == null ? 0 : tail.length / 7;
        long[] words = new long[7 * (n + tailCount)];
        for (int i = 0; i < n; i++) {
            Op op = ops.get(i);
            words[7 * i] = op.syscall.number(arch);
            for (int a = 0; a < 6; a++) {
                words[7 * i + 1 + a] = (op.dataArgs & (1 << a)) != 0 ? base + op.args[a] : op.args[a];
            }
        }
        if (tail != null) {
            System.arraycopy(tail, 0, words, 7 * n, tail.length);
        }
        return words;
    }

    /** Throws for the first of the first {@code count} results that failed, or if the child died before them. */
    private void checkResults(long[] results, int count) {
        for (int i = 0; i < Math.min(count, ops.size()); i++) {
            if (i >= results.length) {
                failedLabel = ops.get(i).label;
                throw child.lostDuring(ops.get(i).syscall);
            }
            if (ErrnoException.isError(results[i])) {
                Op op = ops.get(i);
                failedLabel = op.label;
                op.request.check(results[i]);
            }
        }
    }

    /** Appends {@code bytes} (8-byte aligned) to the batch's data; returns their offset. */
    private long data(byte[] bytes) {
        int at = align8(dataSize);
        if (at + bytes.length > data.length) {
            data = Arrays.copyOf(data, Math.max(2 * data.length, at + bytes.length));
        }
        System.arraycopy(bytes, 0, data, at, bytes.length);
        dataSize = at + bytes.length;
        return at;
    }

    private static int align8(int n) {
        return (n + 7) & ~7;
    }

    private void markSent() {
        checkNotSent();
        sent = true;
    }

    private void checkNotSent() {
        if (sent) {
            throw new MisuseException("this batch was already sent; start another with ChildTask.batch()");
        }
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        for (Op op : ops) {
            names.add(op.syscall.cName());
        }
        return "SetupBatch(" + child + ", " + names + (sent ? ", sent" : "") + ")";
    }
}
