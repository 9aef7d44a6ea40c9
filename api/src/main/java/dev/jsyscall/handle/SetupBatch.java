// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.Command;
import dev.jsyscall.MisuseException;
import dev.jsyscall.SpawnFailedException;
import dev.jsyscall.internal.DrivenSyscallInterface;
import dev.jsyscall.internal.ExecStrings;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.landlock.Landlock;
import dev.jsyscall.linux.landlock.LandlockRuleset;
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
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
    /** Null while the batch is laid out ahead of the clone ({@link #ahead}); set when the child exists. */
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
    private SetupBatch(LocalTask cloner) {
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
        child.execSignalMask(mask);
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
     * The step a failed clone names: the syscall that failed while the child's channel was made ({@code pipe2},
     * {@code fcntl} lifting it above the fd targets...), so that an EMFILE there is not read as clone's; else
     * {@code clone}, for clone3 and clone themselves and what is not an errno.
     */
    private static String cloneStep(RuntimeException e) {
        if (e instanceof ErrnoException) {
            String syscall = ((ErrnoException) e).syscall();
            if (!syscall.equals("clone") && !syscall.equals("clone3")) {
                return syscall;
            }
        }
        return "clone";
    }

    /**
     * Runs {@code plan} to the execve, top to bottom, in a child cloned from {@code task}: the entries in order,
     * every call queued on a batch that goes with the execve (one round trip), except that an entry needing
     * answers (an action, a group to join, PR_SET_PDEATHSIG, a user namespace, a file to open) first sends what is
     * queued. The command is exec'd with {@code execvp}'s rules, in the child after its set-up: a name without '/'
     * is looked up in the command's {@code PATH} (the JVM's unless the command sets it; {@code /bin:/usr/bin}
     * when there is none), candidates refused with EACCES, ENOENT or ENOTDIR do not end the search, and a file
     * that is neither ELF nor {@code #!} runs as {@code /bin/sh FILE ARGS}. On any failure the child is killed
     * and reaped before this returns.
     *
     * <pre>{@code
     * ChildProcess p = SetupBatch.start(local, plan);
     * }</pre>
     *
     * @return the child, now running the plan's command
     * @param task the JVM's task, not null
     * @param plan what to do, not null
     * @throws ExecFailedException when execve fails; for a name not found, ENOENT (EACCES if a candidate was
     *     refused for permission) naming the name and the PATH searched
     * @throws ChildDiedException when the child died during the set-up
     * @throws SpawnFailedException when the clone or an entry fails, naming it ({@code clone}, the syscall that
     *     failed while the child's channel was made before the clone, the entry's label, or the label of the queued
     *     call that failed)
     * @since 0.2
     */
    public static ChildProcess start(LocalTask task, SetupPlan plan) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(plan, "plan");
        Command command = plan.command();
        ChildTask child;
        Set<CloneFlag> namespaces = atClone(plan);
        Optional<SetupBatch> ahead = ahead(task, plan);
        long[] requests = ahead.map(a -> a.layAhead(PathSearch.firstImage(task.execStrings(command), command)))
                .orElse(null);
        try {
            // the child's parent thread only matters to PR_SET_PDEATHSIG: without it, clone right here and save
            // the hand-over to the clone thread and back
            child = task.cloneChild(plan.floor(), intoCgroup(plan), !plan.cloneThread(), namespaces, requests);
        } catch (RuntimeException e) {
            ahead.ifPresent(SetupBatch::dropAhead);
            String step = cloneStep(e);
            String with = !step.equals("clone") || namespaces.isEmpty() ? "" : " with new namespaces "
                    + new SetupPlan.CloneNamespaces(namespaces.stream().filter(k -> k != CloneFlag.NEWUSER)
                            .collect(java.util.stream.Collectors.toSet())).label()
                    + (namespaces.contains(CloneFlag.NEWUSER) ? " and CLONE_NEWUSER" : " (they need CAP_SYS_ADMIN,"
                            + " or a user namespace step, which the clone then makes too)");
            throw new SpawnFailedException("set-up step '" + step + "' failed" + (step.equals("clone") ? ""
                    : " before the clone") + " for " + command + plan.cloneContext() + with + ": " + e.getMessage(),
                    step, e);
        }
        String current = "clone";
        boolean clonedUser = namespaces.contains(CloneFlag.NEWUSER);
        SetupBatch batch = ahead.isPresent() ? ahead.get().attach(child) : child.batch();
        try {
            Map<Integer, Integer> sources = new LinkedHashMap<>();
            List<SetupPlan.Call> last = new ArrayList<>();
            List<SetupPlan.Landlock> rulesets = new ArrayList<>();
            // a plan written ahead is all on the batch already
            for (SetupPlan.Entry entry : ahead.isPresent() ? List.<SetupPlan.Entry>of() : plan.entries()) {
                current = entry.label();
                if (entry instanceof SetupPlan.Call && SetupPlan.runsLast(((SetupPlan.Call) entry).request())) {
                    last.add((SetupPlan.Call) entry);
                } else if (entry instanceof SetupPlan.Landlock) {
                    rulesets.add((SetupPlan.Landlock) entry);
                } else if (entry instanceof SetupPlan.Call) {
                    batch.label(current).add(((SetupPlan.Call) entry).request());
                } else if (entry instanceof SetupPlan.ExecMask) {
                    batch.execSignalMask(((SetupPlan.ExecMask) entry).mask());
                } else if (entry instanceof SetupPlan.Observe) {
                    ((SetupPlan.Observe) entry).observer().accept(child.childProcess());
                } else if (entry instanceof SetupPlan.Inherit) {
                    SetupPlan.Inherit in = (SetupPlan.Inherit) entry;
                    sources.put(in.target(), in.source().inheritedBy(child).number(child));
                } else if (entry instanceof SetupPlan.SeparateSources) {
                    if (!Collections.disjoint(sources.values(), ((SetupPlan.SeparateSources) entry).targets())) {
                        // the new numbers are needed, so these wait for answers
                        for (Map.Entry<Integer, Integer> e : sources.entrySet()) {
                            current = "fcntl(F_DUPFD_CLOEXEC) of fd " + e.getValue();
                            e.setValue(child.call(Fcntl.dupCloexecAbove(e.getValue(), plan.floor())));
                        }
                    }
                } else if (entry instanceof SetupPlan.MapFd) {
                    int target = ((SetupPlan.MapFd) entry).target();
                    batch.label(current);
                    if (sources.containsKey(target)) {
                        batch.dup3(child.fd(sources.get(target)), target, 0);
                    }
                } else if (entry instanceof SetupPlan.OpenFile) {
                    SetupPlan.OpenFile f = (SetupPlan.OpenFile) entry;
                    batch = batch.flush();
                    FileDescriptor opened = child.open(f.path(), f.flags() | Fcntl.O_CLOEXEC, f.mode());
                    batch.label(current);
                    if (opened.near().number() != f.target()) {
                        batch.dup3(opened, f.target(), 0).add(Unistd.close(opened.near().number()));
                    } else {
                        batch.setFdFlags(f.target(), 0);
                    }
                } else if (entry instanceof SetupPlan.IntoCgroup
                        && ((SetupPlan.IntoCgroup) entry).cgroup() == child.clonedInto()) {
                    continue; // clone3 started the child there (CLONE_INTO_CGROUP)
                } else if (entry instanceof SetupPlan.CloneNamespaces) {
                    continue; // the clone made them
                } else if (entry instanceof SetupPlan.UserNamespace && clonedUser) {
                    batch = batch.flush();
                    SetupPlan.UserNamespace u = (SetupPlan.UserNamespace) entry;
                    child.mapUser(u.insideUid(), task.call(Unistd.getuid()), u.insideGid(),
                            task.call(Unistd.getgid()));
                } else {
                    batch = batch.flush();
                    answer(entry, child, task);
                }
            }
            for (SetupPlan.Landlock l : rulesets) {
                current = l.label();
                batch = batch.flush();
                landlock(child, l.ruleset());
            }
            for (SetupPlan.Call call : last) {
                current = call.label();
                batch.label(current).add(call.request());
            }
            current = "execve(" + command.executable() + ")";
            return PathSearch.exec(batch.label(current), child, command);
        } catch (ExecFailedException | ChildDiedException e) {
            child.abandon();
            throw e;
        } catch (RuntimeException e) {
            child.abandon();
            String failed = batch.failedLabel().orElse(current);
            throw new SpawnFailedException("set-up step '" + failed + "' failed for " + command + ": "
                    + e.getMessage(), failed, e);
        } finally {
            child.close();
        }
    }

    /**
     * The plan's set-up queued on a batch before the clone, so that it goes into the child's channel with the
     * first execve before the child starts ({@link LocalTask#cloneChild(int, Cgroup, boolean, Set, long[])}): when
     * no entry needs an answer or the child itself (only calls, fd mappings from fds the clone copies, the
     * program's mask, namespaces the clone makes) and all fits one write. Empty otherwise: the plan then runs in
     * {@link #start}'s loop, after the clone, which also reports a bad entry at its own step.
     */
    private static Optional<SetupBatch> ahead(LocalTask task, SetupPlan plan) {
        SetupBatch batch = new SetupBatch(task);
        Map<Integer, Integer> sources = new LinkedHashMap<>();
        List<SetupPlan.Call> last = new ArrayList<>();
        for (SetupPlan.Entry entry : plan.entries()) {
            if (entry instanceof SetupPlan.Call) {
                SetupPlan.Call call = (SetupPlan.Call) entry;
                if (SetupPlan.runsLast(call.request())) {
                    last.add(call);
                } else {
                    batch.label(call.label()).add(call.request());
                }
            } else if (entry instanceof SetupPlan.ExecMask) {
                batch.aheadMask = ((SetupPlan.ExecMask) entry).mask();
            } else if (entry instanceof SetupPlan.Inherit) {
                FileDescriptor source = ((SetupPlan.Inherit) entry).source();
                if (source.task() != task || !source.isOpen()) {
                    return Optional.empty();   // start's loop reports the bad source at its step
                }
                // the child's fd table is a copy of ours: the number is the same there
                sources.put(((SetupPlan.Inherit) entry).target(), source.near().number());
            } else if (entry instanceof SetupPlan.SeparateSources) {
                if (!Collections.disjoint(sources.values(), ((SetupPlan.SeparateSources) entry).targets())) {
                    return Optional.empty();   // the sources must move first, each answered
                }
            } else if (entry instanceof SetupPlan.MapFd) {
                int target = ((SetupPlan.MapFd) entry).target();
                if (sources.containsKey(target)) {
                    batch.label(entry.label()).add(Unistd.dup3(sources.get(target), target, 0));
                }
            } else if (!(entry instanceof SetupPlan.CloneNamespaces)) {
                return Optional.empty();   // needs an answer or the child itself
            }
        }
        for (SetupPlan.Call call : last) {
            batch.label(call.label()).add(call.request());
        }
        // the mask and execve follow the calls, in the same write
        return batch.ops.size() + 2 <= DrivenSyscallInterface.CHAIN_CHUNK ? Optional.of(batch) : Optional.empty();
    }

    /** This batch, laid out ahead, now for {@code child}, which has the program's mask it was given. */
    private SetupBatch attach(ChildTask child) {
        this.child = child;
        if (aheadMask != null) {
            child.execSignalMask(aheadMask);
        }
        return this;
    }

    /** Sends what is queued (an entry needing answers comes next) and returns a fresh batch for what follows. */
    private SetupBatch flush() {
        run();
        return child.batch();
    }

    /** Runs an entry that needs the child's answers, after the queued calls were sent. */
    private static void joinNamespaces(ChildTask child, SetupPlan.JoinNamespaces j) {
        int fd = child.call(Signals.pidfdOpen(j.pid()));
        try {
            if (j.target() != null && j.target().deathState().isPresent()) {
                throw new ChildProcessException(j.target().near(), "cannot join the namespaces of child " + j.pid()
                        + ": it was reaped, so its pid may name another process");
            }
            child.call(Sched.setns(fd, j.kinds()));
        } finally {
            child.call(Unistd.close(fd));
        }
    }

    /**
     * The cgroup to clone the child into ({@code LocalTask} decides whether clone3 can): the plan's only one; with
     * several, each move stays at its own step.
     */
    private static Cgroup intoCgroup(SetupPlan plan) {
        Cgroup into = null;
        for (SetupPlan.Entry entry : plan.entries()) {
            if (entry instanceof SetupPlan.IntoCgroup) {
                if (into != null) {
                    return null;
                }
                into = ((SetupPlan.IntoCgroup) entry).cgroup();
            }
        }
        return into;
    }

    /**
     * Enforces {@code ruleset} on the child: probes the ABI there (the child may be in other namespaces than the
     * JVM), handles every right it knows, and adds one rule per path. A rule on a file may give only the rights
     * that apply to files, so each path is opened as a directory first and masked when it is not one.
     */
    private static void landlock(ChildTask child, LandlockRuleset ruleset) {
        long handled = Landlock.handledAccess(child.call(Landlock.abiVersion()));
        int rulesetFd = child.call(Landlock.createRuleset(handled));
        try {
            for (LandlockRuleset.Rule rule : ruleset.rules()) {
                long access = rule.access() & handled;
                FileDescriptor at;
                try {
                    at = child.open(rule.path(), Fcntl.O_PATH | Fcntl.O_DIRECTORY | Fcntl.O_CLOEXEC, 0);
                } catch (ErrnoException e) {
                    if (e.errno() != Errno.ENOTDIR) {
                        throw e;
                    }
                    at = child.open(rule.path(), Fcntl.O_PATH | Fcntl.O_CLOEXEC, 0);
                    access &= Landlock.ACCESS_FILE;
                }
                try {
                    if (access != 0) {
                        child.call(Landlock.addPathBeneath(rulesetFd, access, at.near().number()));
                    }
                } finally {
                    at.close();
                }
            }
            child.call(Landlock.restrictSelf(rulesetFd));
        } finally {
            child.call(Unistd.close(rulesetFd));
        }
    }

    /**
     * The namespaces the clone makes: every {@link SetupPlan.CloneNamespaces} entry's, and a user namespace with
     * them when the plan asks for one, so that it owns them (an unprivileged caller can make them no other way).
     */
    private static Set<CloneFlag> atClone(SetupPlan plan) {
        Set<CloneFlag> kinds = EnumSet.noneOf(CloneFlag.class);
        for (SetupPlan.Entry entry : plan.entries()) {
            if (entry instanceof SetupPlan.CloneNamespaces) {
                kinds.addAll(((SetupPlan.CloneNamespaces) entry).kinds());
            }
        }
        if (!kinds.isEmpty() && plan.entries().stream().anyMatch(e -> e instanceof SetupPlan.UserNamespace)) {
            kinds.add(CloneFlag.NEWUSER);
        }
        return kinds;
    }

    private static void answer(SetupPlan.Entry entry, ChildTask child, LocalTask parent) {
        if (entry instanceof SetupPlan.IntoCgroup) {
            ((SetupPlan.IntoCgroup) entry).cgroup().moveIn(child);
        } else if (entry instanceof SetupPlan.Action) {
            ((SetupPlan.Action) entry).action().accept(child);
        } else if (entry instanceof SetupPlan.JoinGroup) {
            child.childProcess().setpgid(((SetupPlan.JoinGroup) entry).leader());
        } else if (entry instanceof SetupPlan.JoinNamespaces) {
            joinNamespaces(child, (SetupPlan.JoinNamespaces) entry);
        } else if (entry instanceof SetupPlan.ParentDeathSignal) {
            child.parentDeathSignal(((SetupPlan.ParentDeathSignal) entry).sig());
        } else if (entry instanceof SetupPlan.UserNamespace) {
            SetupPlan.UserNamespace u = (SetupPlan.UserNamespace) entry;
            // getuid cannot fail on Linux, but a seccomp filter can make it return -errno, which is no uid to map
            child.unshareUser(u.insideUid(), parent.call(Unistd.getuid()), u.insideGid(),
                    parent.call(Unistd.getgid()));
        } else {
            throw new IllegalArgumentException("unknown set-up entry " + entry + " (" + entry.getClass() + ")");
        }
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
    private long[] layAhead(ChildTask.ExecImage image) {
        Laid laid = layout(image, true, aheadMask != null ? aheadMask : SigSet.EMPTY);
        // the child shares our memory until it execs, so the data's address is the same for it
        laid.requests = words(laid.mem.near().value(), laid.tail);
        written = laid;
        return laid.requests;
    }

    /** Frees what {@link #layAhead} laid out, when the clone failed. */
    private void dropAhead() {
        if (written != null) {
            written.mem.free();
            written = null;
        }
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
