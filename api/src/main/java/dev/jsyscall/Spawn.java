// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import dev.jsyscall.handle.Cgroup;
import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.Pty;
import dev.jsyscall.handle.SetupBatch;
import dev.jsyscall.handle.SetupPlan;
import dev.jsyscall.internal.LinuxPaths;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.linux.landlock.LandlockRuleset;
import dev.jsyscall.linux.mount.Mount;
import dev.jsyscall.linux.mount.MountPropagation;
import dev.jsyscall.linux.resource.Resource;
import dev.jsyscall.linux.resource.Resources;
import dev.jsyscall.linux.resource.Rlimit;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.linux.signal.SigSet;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.signal.Signals;
import dev.jsyscall.linux.stat.Stat;
import dev.jsyscall.linux.tty.WinSize;
import dev.jsyscall.linux.unistd.Unistd;
import dev.jsyscall.linux.wait.ChildState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Starts a program with exactly the set-up asked for, each step a real syscall made inside the child before
 * {@code execve}, in the order the steps were added. Immutable: every method returns a new {@code Spawn}.
 *
 * <pre>{@code
 * ChildState s = Spawn.of(Command.of("/usr/bin/make", "-j2"))
 *         .cwd("/src")
 *         .setsid()
 *         .nice(10)
 *         .rlimit(Resource.RLIMIT_NOFILE, new Rlimit(1024, 1024))
 *         .stdin(Redirect.devNull())
 *         .run(kernel.localTask());
 * }</pre>
 *
 * <p>Before the steps run, every fd the child inherited from the JVM is marked close-on-exec
 * ({@code close_range(3, ~0U, CLOSE_RANGE_CLOEXEC)}), so the program sees only its stdin, stdout, stderr and the
 * fds mapped with {@link #fd}; {@link #keepInheritedFds()} turns that off. If any step fails, the child is
 * killed and reaped and the error names the step.
 *
 * @since 0.1
 */
public final class Spawn {
    private final Command command;
    private final List<Step> steps;
    private final Map<Integer, Redirect> fds;
    private final boolean closeInherited;
    /** Told of the child right after the clone; null: nobody asked. */
    private final Consumer<? super ChildProcess> whenCloned;

    /**
     * One set-up step, a value that can be printed and compared: either syscalls ({@link #calls()}, each defined
     * once as a {@link SyscallRequest}) that the spawn queues on its {@link SetupBatch} and sends with the execve
     * in one round trip, or an action of code that needs the answers of its own syscalls ({@link #isAction()}:
     * {@link Spawn#then}, the user namespace, joining another child's group, PR_SET_PDEATHSIG), before which the
     * calls queued so far are sent.
     *
     * @since 0.2
     */
    public static final class Step {
        private final String name;
        private final List<SyscallRequest<?>> calls;
        private final List<String> labels;
        private final SigSet execMask;
        /** The entry of a step that needs answers; null for calls and the mask. */
        private final SetupPlan.Entry action;
        private final boolean needsCloneThread;

        Step(String name, List<SyscallRequest<?>> calls, List<String> labels, SigSet execMask,
                     SetupPlan.Entry action, boolean needsCloneThread) {
            this.name = name;
            this.calls = List.copyOf(calls);
            this.labels = List.copyOf(labels);
            this.execMask = execMask;
            this.action = action;
            this.needsCloneThread = needsCloneThread;
        }

        static Step of(SyscallRequest<?> call) {
            return new Step(call.toString(), List.of(call), List.of(call.toString()), null, null, false);
        }

        /**
         * The step's name, as set-up errors show it ({@code SpawnFailedException.step()}).
         *
         * @return the name, e.g. {@code "umask(027)"}
         */
        public String name() {
            return name;
        }

        /**
         * The syscalls the step makes in the child, in order; empty for an action or the program's mask.
         *
         * @return an unmodifiable list
         */
        public List<SyscallRequest<?>> calls() {
            return calls;
        }

        /**
         * Whether the step runs code of its own in the parent (its syscalls are not known in advance).
         *
         * @return true for a step added with {@link Spawn#then}
         */
        public boolean isAction() {
            return action != null;
        }

        boolean needsCloneThread() {
            return needsCloneThread;
        }

        /** What the step adds to the set-up plan, in order. */
        void compileInto(List<SetupPlan.Entry> plan) {
            for (int i = 0; i < calls.size(); i++) {
                plan.add(new SetupPlan.Call(labels.get(i), calls.get(i)));
            }
            if (execMask != null) {
                plan.add(new SetupPlan.ExecMask(name, execMask));
            }
            if (action != null) {
                plan.add(action);
            }
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Step)) {
                return false;
            }
            Step t = (Step) o;
            return name.equals(t.name) && calls.equals(t.calls) && Objects.equals(execMask, t.execMask)
                    && Objects.equals(action, t.action) && needsCloneThread == t.needsCloneThread;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, calls, execMask);
        }

        /** The calls ({@code chdir(path=/tmp)}), or the name of an action. */
        @Override
        public String toString() {
            if (action != null || execMask != null || calls.isEmpty()) {
                return name;
            }
            List<String> shown = new ArrayList<>();
            for (SyscallRequest<?> c : calls) {
                shown.add(c.toString());
            }
            return String.join(", ", shown);
        }
    }

    private Spawn(Command command, List<Step> steps, Map<Integer, Redirect> fds, boolean closeInherited) {
        this(command, steps, fds, closeInherited, null);
    }

    private Spawn(Command command, List<Step> steps, Map<Integer, Redirect> fds, boolean closeInherited,
                  Consumer<? super ChildProcess> whenCloned) {
        this.command = command;
        this.steps = steps;
        this.fds = fds;
        this.closeInherited = closeInherited;
        this.whenCloned = whenCloned;
    }

    /**
     * A spawn of {@code command} with no set-up step, stdin, stdout and stderr inherited from the JVM.
     *
     * @param command the program and its arguments, not null
     * @return the spawn
     */
    public static Spawn of(Command command) {
        return new Spawn(Objects.requireNonNull(command, "command"), List.of(), Map.of(), true);
    }

    /**
     * The program this spawn execs.
     *
     * @return the command
     */
    public Command command() {
        return command;
    }

    private Spawn action(SetupPlan.Entry action, boolean needsCloneThread) {
        return add(SpawnSteps.action(action, needsCloneThread));
    }

    /**
     * Makes {@code call} in the child at this point of the set-up: any syscall defined as a
     * {@link SyscallRequest} (see {@code dev.jsyscall.linux.*}), queued with the others and sent with the execve.
     *
     * <pre>{@code
     * Spawn.of(cmd).step(Stat.umask(027)).step(Unistd.chdir("/srv"));
     * }</pre>
     *
     * @param call the syscall, not null
     * @return a spawn with the step added; this one is unchanged
     * @since 0.2
     */
    public Spawn step(SyscallRequest<?> call) {
        dev.jsyscall.linux.Syscall nr = Objects.requireNonNull(call, "call").syscall();
        if (nr == dev.jsyscall.linux.Syscall.EXECVE || nr == dev.jsyscall.linux.Syscall.EXIT
                || nr == dev.jsyscall.linux.Syscall.EXIT_GROUP) {
            throw new IllegalArgumentException(nr.cName() + " ends the child's set-up; a Spawn execs its command"
                    + " after the steps");
        }
        return add(Step.of(call));
    }

    private Spawn call(SyscallRequest<?> call) {
        return step(call);
    }

    /**
     * The set-up steps, in the order they run in the child.
     *
     * @return an unmodifiable list
     */
    public List<Step> steps() {
        return steps;
    }

    private Spawn add(Step step) {
        List<Step> s = new ArrayList<>(steps);
        s.add(step);
        return new Spawn(command, List.copyOf(s), fds, closeInherited, whenCloned);
    }

    /**
     * Any set-up of your own, run at this point in the order.
     *
     * @param name the step's name, as a failure reports it
     * @param action the code, run in the parent with the child's task
     * @return a spawn with the step added
     */
    public Spawn then(String name, Consumer<ChildTask> action) {
        // the action may set PR_SET_PDEATHSIG: clone on the long-lived clone thread, as for parentDeathSignal
        return action(new SetupPlan.Action(name, action), true);
    }

    /**
     * {@code chdir(dir)}.
     *
     * @param dir the directory, relative to the child's cwd at this step or absolute
     * @return a spawn with the step added
     */
    public Spawn cwd(String dir) {
        Objects.requireNonNull(dir, "dir");
        return call(Unistd.chdir(dir));
    }

    /**
     * {@code chdir(dir)}; a relative {@code dir} follows the child's cwd at this step, not the JVM's.
     *
     * <pre>{@code
     * Spawn.of(Command.of("make")).cwd(Path.of("/src/project"));
     * }</pre>
     *
     * @param dir the directory, not null
     * @return a spawn with the step added
     * @throws IllegalArgumentException if {@code dir} is empty or of another file system than the default
     * @since 0.2
     */
    public Spawn cwd(Path dir) {
        return cwd(LinuxPaths.of(dir, "dir"));
    }

    /**
     * {@code setsid()}: a new session, with the child as its leader and as leader of a new process group.
     *
     * @return a spawn with the step added
     */
    public Spawn setsid() {
        return call(Unistd.setsid());
    }

    /**
     * {@code setpgid(0, 0)}: a new process group led by the child.
     *
     * @return a spawn with the step added
     */
    public Spawn newProcessGroup() {
        return call(Unistd.setpgid(0, 0));
    }

    /**
     * Joins the process group led by {@code leader}, another child of ours.
     *
     * @param leader the group's leader, not null
     * @return a spawn with the step added
     */
    public Spawn processGroupOf(ChildProcess leader) {
        Objects.requireNonNull(leader, "leader");
        return action(new SetupPlan.JoinGroup(leader), false);
    }

    /**
     * {@code setpriority(PRIO_PROCESS, 0, nice)}.
     *
     * @param nice the nice value, -20 (most favoured) to 19; lowering it needs privilege
     * @return a spawn with the step added
     */
    public Spawn nice(int nice) {
        return call(Resources.nice(nice));
    }

    /**
     * {@code prlimit64(0, resource, limit)}.
     *
     * @param resource the resource, not null
     * @param limit the soft and hard limits, not null
     * @return a spawn with the step added
     */
    public Spawn rlimit(Resource resource, Rlimit limit) {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(limit, "limit");
        return call(Resources.prlimit(resource, limit));
    }

    /**
     * The signal mask the program starts with (applied just before execve).
     *
     * @param mask the signals blocked when the program starts, not null
     * @return a spawn with the mask set
     */
    public Spawn signalMask(SigSet mask) {
        Objects.requireNonNull(mask, "mask");
        return add(SpawnSteps.signalMask(mask));
    }

    /**
     * SIG_IGN for {@code sig} (kept across exec).
     *
     * @param sig the signal, not {@code SIGKILL} or {@code SIGSTOP}
     * @return a spawn with the step added
     */
    public Spawn ignoreSignal(Signal sig) {
        Objects.requireNonNull(sig, "sig");
        return call(Signals.ignore(sig));
    }

    /**
     * SIG_DFL for {@code sig}.
     *
     * @param sig the signal, not {@code SIGKILL} or {@code SIGSTOP}
     * @return a spawn with the step added
     */
    public Spawn defaultSignal(Signal sig) {
        Objects.requireNonNull(sig, "sig");
        return call(Signals.setDefault(sig));
    }

    /**
     * {@code PR_SET_PDEATHSIG}: the program gets {@code sig} if the JVM dies.
     *
     * @param sig the signal to deliver
     * @return a spawn with the step added
     */
    public Spawn parentDeathSignal(Signal sig) {
        Objects.requireNonNull(sig, "sig");
        return action(new SetupPlan.ParentDeathSignal(sig), true);
    }

    /**
     * Starts the program inside {@code cgroup}: the child is cloned into it ({@code clone3} with
     * {@code CLONE_INTO_CGROUP}, Linux 5.7+), or where the kernel refuses that, at this point of the set-up the
     * child opens the cgroup's {@code cgroup.procs} and writes {@code 0} into it ({@link Cgroup#moveIn}), so the
     * program and everything it
     * starts are in the cgroup from their first instruction, and {@link dev.jsyscall.handle.ProcessTree#kill} or
     * {@link Cgroup#kill()} can end them all. The cgroup must be a leaf as far as processes go (no controllers
     * enabled for its children).
     *
     * <pre>{@code
     * Cgroup job = Cgroup.own(local).create("job");
     * Spawned s = Spawn.of(Command.of("make")).cgroup(job).start(local);
     * }</pre>
     *
     * @param cgroup the cgroup, not null
     * @return a spawn with the step added
     * @since 0.2
     */
    public Spawn cgroup(Cgroup cgroup) {
        Objects.requireNonNull(cgroup, "cgroup");
        return action(new SetupPlan.IntoCgroup(cgroup), false);
    }

    /**
     * Confines the program's file-system access to {@code ruleset} with Landlock (Linux 5.13+): after every other
     * step (so redirected files are opened and mounts made first) and before any seccomp filter, the child probes
     * the kernel's ABI, builds the ruleset and enforces it on itself. The kernel refuses it without
     * {@link dev.jsyscall.linux.prctl.Prctl#setNoNewPrivs() no_new_privs} or CAP_SYS_ADMIN (EPERM), and where it
     * has no Landlock (ENOSYS, or EOPNOTSUPP when not enabled at boot); the failure names this step.
     *
     * <pre>{@code
     * Spawn.of(Command.of("/usr/bin/make")).step(Prctl.setNoNewPrivs())
     *         .landlock(LandlockRuleset.of().readOnly("/usr").readOnly("/etc").readWrite("/tmp/build"));
     * }</pre>
     *
     * @param ruleset the rules, not null
     * @return a spawn with the step added
     * @since 0.2
     */
    public Spawn landlock(LandlockRuleset ruleset) {
        Objects.requireNonNull(ruleset, "ruleset");
        return action(new SetupPlan.Landlock(ruleset), false);
    }

    /**
     * Starts the program inside {@code cgroup} as {@link #cgroup} does, and hands the cgroup the program's whole
     * tree: it must hold nothing else. Closing the {@link Spawned} or stopping it (a {@link Stop}, a
     * {@link Capture} timeout) then kills everything in the cgroup and waits until it is empty, so no descendant
     * outlives the program, even one that left its process group and session; {@link
     * dev.jsyscall.handle.ProcessTree#kill} uses the cgroup too.
     *
     * <pre>{@code
     * Cgroup job = Cgroup.own(local).create("job");
     * try (Spawned s = Spawn.of(Command.of("make", "-j2")).contain(job).start(local)) {
     *     ...
     * }   // make and everything it started are gone
     * job.remove();
     * }</pre>
     *
     * @param cgroup the cgroup that will hold the tree alone, not null
     * @return a new spawn with the step added
     * @since 0.2
     */
    public Spawn contain(Cgroup cgroup) {
        Objects.requireNonNull(cgroup, "cgroup");
        return action(new SetupPlan.Action("contain in cgroup " + cgroup.path(), cgroup::contain), false);
    }

    /**
     * {@code umask(mask)}.
     *
     * @param mask the permission bits to clear from created files, 0 to 0777
     * @return a spawn with the step added
     */
    public Spawn umask(int mask) {
        return call(Stat.umask(mask));
    }

    /**
     * {@code unshare(flags)}: new namespaces of the kinds named ({@code NEWNS}, {@code NEWUTS}, {@code NEWIPC},
     * {@code NEWNET}, {@code NEWPID} — the program becomes pid 1 only for its own children —, {@code NEWCGROUP}).
     * With {@code NEWNS}, every mount in the new namespace is then made private
     * ({@link MountPropagation#PRIVATE}, as {@code unshare(1)} does by default), so that mounts made inside do
     * not appear outside; {@link #unshare(MountPropagation, CloneFlag...)} chooses otherwise.
     * For a user namespace use {@link #userNamespace}.
     *
     * @param flags the namespaces to create, at least one
     * @return a spawn with the step added
     */
    public Spawn unshare(CloneFlag... flags) {
        Set<CloneFlag> set = SpawnSteps.flagSet(flags);
        return add(SpawnSteps.unshare(set,
                set.contains(CloneFlag.NEWNS) ? MountPropagation.PRIVATE : MountPropagation.UNCHANGED));
    }

    /**
     * {@code unshare(flags)} with a new mount namespace whose mounts get {@code propagation} in the same step:
     * {@code mount(NULL, "/", NULL, MS_REC|type, NULL)} right after the unshare, or nothing for
     * {@link MountPropagation#UNCHANGED} (the copies then keep the host's propagation: where {@code /} is
     * shared, mounts made by the program appear outside).
     *
     * <pre>{@code
     * Spawn.of(cmd).unshare(MountPropagation.SLAVE, CloneFlag.NEWNS, CloneFlag.NEWNET);
     * }</pre>
     *
     * @param propagation what mounts in the new namespace do, not null
     * @param flags the namespaces to create, {@code NEWNS} among them
     * @return a spawn with the step added
     * @throws IllegalArgumentException if {@code flags} lacks {@code NEWNS}: a propagation only applies to a new
     *     mount namespace
     * @since 0.1
     */
    public Spawn unshare(MountPropagation propagation, CloneFlag... flags) {
        Objects.requireNonNull(propagation, "propagation");
        Set<CloneFlag> set = SpawnSteps.flagSet(flags);
        if (!set.contains(CloneFlag.NEWNS)) {
            throw new IllegalArgumentException("mount propagation " + propagation.optionName() + " applies only to"
                    + " a new mount namespace, but the flags " + set + " lack NEWNS");
        }
        return add(SpawnSteps.unshare(set, propagation));
    }

    /**
     * {@code mount(source, target, MS_BIND)} and then {@link Mount#remountReadOnly} of {@code target}, in one step:
     * {@code source} appears read-only at {@code target} (a write there fails with EROFS). The mounts below
     * {@code source} are not carried over (a recursive bind would carry them writable). Needs a new mount
     * namespace ({@link #unshare(CloneFlag...)} with {@code NEWNS}) before it, or the mount is the host's.
     *
     * <pre>{@code
     * Spawn.of(cmd).unshare(CloneFlag.NEWNS).readOnlyBind("/usr", "/sandbox/usr");
     * }</pre>
     *
     * @param source the directory or file to show
     * @param target where it appears, an existing directory or file
     * @return a spawn with the step added
     * @throws IllegalArgumentException if a path is empty or holds a NUL
     * @since 0.2
     */
    public Spawn readOnlyBind(String source, String target) {
        return add(SpawnSteps.readOnlyBind(source, target));
    }

    /**
     * {@code chroot(dir)} and {@code chdir("/")}, as chroot(1): the program runs with {@code dir} as its root and
     * starts there (a chroot alone leaves the working directory outside the new root).
     *
     * <pre>{@code
     * Spawn.of(Command.of("/bin/sh")).chroot("/srv/root");
     * }</pre>
     *
     * @param dir the new root, as the child resolves it
     * @return a spawn with the step added
     * @throws IllegalArgumentException if {@code dir} is empty or holds a NUL
     * @since 0.2
     */
    public Spawn chroot(String dir) {
        return add(SpawnSteps.chroot(dir));
    }

    /**
     * Makes {@code newRoot} the root of the child's mount namespace with {@code pivot_root}, the old root gone:
     * {@code newRoot} is bind-mounted on itself (pivot_root needs a mount point), then {@code chdir(newRoot)},
     * {@code pivot_root(".", ".")} stacks the old root on the new one, {@code umount2(".", MNT_DETACH)} detaches
     * it, and {@code chdir("/")}. Unlike {@link #chroot}, nothing outside {@code newRoot} stays reachable through
     * the mount table. Needs a new mount namespace whose mounts are not shared (the default of
     * {@link #unshare(CloneFlag...)}); pivot_root refuses a shared one with EINVAL.
     *
     * <pre>{@code
     * Spawn.of(cmd).unshare(CloneFlag.NEWNS).step(Mount.tmpfs("/sandbox")).pivotRoot("/sandbox");
     * }</pre>
     *
     * @param newRoot the new root, a directory in the child's mount namespace
     * @return a spawn with the step added
     * @throws IllegalArgumentException if {@code newRoot} is empty or holds a NUL
     * @since 0.2
     */
    public Spawn pivotRoot(String newRoot) {
        return add(SpawnSteps.pivotRoot(newRoot));
    }

    /**
     * Joins namespaces of {@code target}, as nsenter(1) does: the child opens a pidfd of it
     * ({@code pidfd_open}) and makes one {@code setns(pidfd, kinds)} (Linux 5.8+), which joins them all or none,
     * then closes the pidfd. No kinds means every kind but the user namespace: a driven child shares the JVM's
     * memory, and the kernel lets only a process alone in its memory join a user namespace (EINVAL). The pidfd is
     * opened by pid while the JVM still holds {@code target} unreaped, so the pid cannot have passed to another
     * process; a {@code target} already reaped is refused. A new mount namespace also moves the root and working
     * directory to that namespace's root; a pid namespace applies to the program's children only.
     *
     * <pre>{@code
     * Spawned a = Spawn.of(Command.of("sleep", "60")).unshare(CloneFlag.NEWUTS).start(local);
     * Spawn.of(Command.of("hostname")).joinNamespaces(a.process(), CloneFlag.NEWUTS).run(local);
     * }</pre>
     *
     * @param target the child whose namespaces to join, not reaped
     * @param kinds the namespace kinds; none for all but the user namespace
     * @return a spawn with the step added
     * @throws IllegalArgumentException if a kind is not a namespace
     * @since 0.2
     */
    public Spawn joinNamespaces(ChildProcess target, CloneFlag... kinds) {
        Objects.requireNonNull(target, "target");
        Set<CloneFlag> set = SpawnSteps.namespaceKinds(kinds);
        return action(new SetupPlan.JoinNamespaces(target, target.near().id(), set), false);
    }

    /**
     * Joins namespaces of the process {@code pid} as {@link #joinNamespaces(ChildProcess, CloneFlag...)} does, for
     * a process that is not the JVM's child (as {@code nsenter -t PID}): nothing holds its pid, so it may name
     * another process if that one has just exited.
     *
     * <pre>{@code
     * Spawn.of(Command.of("ip", "link")).joinNamespaces(1234, CloneFlag.NEWNET);
     * }</pre>
     *
     * @param pid the process whose namespaces to join
     * @param kinds the namespace kinds; none for all but the user namespace
     * @return a spawn with the step added
     * @throws IllegalArgumentException if {@code pid} is not positive or a kind is not a namespace
     * @since 0.2
     */
    public Spawn joinNamespaces(int pid, CloneFlag... kinds) {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive, was " + pid);
        }
        Set<CloneFlag> set = SpawnSteps.namespaceKinds(kinds);
        return action(new SetupPlan.JoinNamespaces(null, pid, set), false);
    }

    /**
     * A new user namespace in which the child is {@code insideUid}/{@code insideGid}, mapped to the JVM's.
     *
     * @param insideUid the child's uid in the new namespace
     * @param insideGid the child's gid in the new namespace
     * @return a spawn with the step added
     */
    public Spawn userNamespace(int insideUid, int insideGid) {
        return action(new SetupPlan.UserNamespace(insideUid, insideGid), false);
    }

    /**
     * Makes the program pid 1 of a new pid namespace, as {@code unshare --pid --fork} does: the child is cloned
     * with {@code CLONE_NEWPID}, whatever this step's place (an {@code unshare(CLONE_NEWPID)} step would put only
     * the program's children in it). As the namespace's init the program adopts what its descendants orphan, and
     * its death kills every process in the namespace, so closing the {@link Spawned}, a timeout or
     * {@link dev.jsyscall.handle.ProcessTree#kill} ({@code PID_NAMESPACE}) leaves nothing of its tree alive. Like
     * any init it ignores the signals it has no handler for, SIGTERM and SIGINT among them, until it installs one;
     * SIGKILL always ends it. It needs {@code CAP_SYS_ADMIN}; without it, add {@link #userNamespace}: the clone then
     * makes the user namespace too ({@code CLONE_NEWUSER}, before every step), which owns the pid namespace.
     * Its {@code /proc} still shows the JVM's namespace: {@link #newPidNamespace(String)} mounts a fresh one.
     *
     * <pre>{@code
     * Spawn.of(Command.of("/bin/sh", "-c", "sleep 100 & sleep 100 & wait")).newPidNamespace().start(local);
     * }</pre>
     *
     * @return a spawn with the step added
     * @since 0.2
     */
    public Spawn newPidNamespace() {
        return action(new SetupPlan.CloneNamespaces(Set.of(CloneFlag.NEWPID)), false);
    }

    /**
     * {@link #newPidNamespace()} with a proc of the new namespace at {@code procTarget}, as
     * {@code unshare --pid --fork --mount-proc}: a new mount namespace whose mounts are private
     * ({@link #unshare(CloneFlag...)} with {@code NEWNS}), then {@link Mount#proc}{@code (procTarget)}, so
     * {@code ps} and {@code /proc/self} inside see the namespace's pids alone, the program as 1.
     *
     * <pre>{@code
     * Spawn.of(Command.of("/bin/ps", "-e")).newPidNamespace("/proc").start(local);
     * }</pre>
     *
     * @param procTarget where proc is mounted, usually {@code "/proc"}
     * @return a spawn with the steps added
     * @throws IllegalArgumentException if {@code procTarget} is empty or holds a NUL
     * @since 0.2
     */
    public Spawn newPidNamespace(String procTarget) {
        SyscallRequest<Void> proc = SpawnSteps.procMount(procTarget);
        return newPidNamespace().unshare(CloneFlag.NEWNS).call(proc);
    }

    /**
     * Where the child's fd {@code target} comes from (0, 1, 2 or any other number).
     *
     * @param target the child's fd number, not negative
     * @param from the source, not null
     * @return a spawn with the redirect set; a later call for the same target replaces it
     */
    public Spawn fd(int target, Redirect from) {
        if (target < 0) {
            throw new IllegalArgumentException("target fd must be >= 0, was " + target);
        }
        Objects.requireNonNull(from, "from");
        if (target == 0 && from instanceof Redirect.Stream) {
            throw new IllegalArgumentException("fd 0 is read by the program; " + from + " streams what it writes");
        }
        // insertion order: mappings are applied in the order given
        Map<Integer, Redirect> m = new LinkedHashMap<>(fds);
        m.put(target, from);
        return new Spawn(command, steps, java.util.Collections.unmodifiableMap(m), closeInherited, whenCloned);
    }

    /**
     * Where the child's stdin comes from: {@code fd(0, from)}.
     *
     * @param from the source, not null
     * @return a spawn with the redirect set
     */
    public Spawn stdin(Redirect from) {
        return fd(0, from);
    }

    /**
     * Where the child's stdout goes: {@code fd(1, to)}.
     *
     * @param to the destination, not null
     * @return a spawn with the redirect set
     */
    public Spawn stdout(Redirect to) {
        return fd(1, to);
    }

    /**
     * Where the child's stderr goes: {@code fd(2, to)}.
     *
     * @param to the destination, not null
     * @return a spawn with the redirect set
     */
    public Spawn stderr(Redirect to) {
        return fd(2, to);
    }

    /**
     * Runs the program on a new pseudo-terminal, as {@code script} and {@code ssh -t} do: the JVM opens a pty pair
     * of that size, the slave becomes the program's stdin, stdout and stderr and, after a {@code setsid()}, its
     * controlling terminal ({@code ioctl(TIOCSCTTY)}), so {@code tty} names it, {@code test -t 0} holds and
     * {@code /dev/tty} opens. {@link Spawned#terminal()} gives the master: what the program writes, what it reads,
     * and {@link Pty#resize} (the program gets SIGWINCH). A later {@link #stdin}/{@link #stdout}/{@link #stderr}
     * takes that fd off the terminal.
     *
     * <pre>{@code
     * try (Spawned s = Spawn.of(Command.of("stty", "size")).terminal(new WinSize(80, 24)).start()) {
     *     String out = new String(s.terminal().output().readAllBytes());   // "24 80", then CR LF
     * }
     * }</pre>
     *
     * <p>The program leads a new session, so it also leads a new process group: {@link #newProcessGroup()} and
     * {@link #processGroupOf} make that {@code setsid} fail with EPERM ({@link #setsid()} is taken as asked for).
     *
     * @param size the window size, not null
     * @return a spawn with fds 0, 1 and 2 on the terminal
     * @since 0.2
     */
    public Spawn terminal(WinSize size) {
        Objects.requireNonNull(size, "size");
        Redirect.Terminal t = new Redirect.Terminal(size, null);
        return fd(0, t).fd(1, t).fd(2, t);
    }

    /**
     * {@link #terminal(WinSize)}, with what the program writes to the terminal (the master's output: stdout and
     * stderr, and the echo of what was typed) handed to a {@link Redirect#lines}/{@link Redirect#chunks} callback
     * until no process holds the terminal any more.
     *
     * <pre>{@code
     * Spawn.of(Command.of("ls", "--color=auto")).terminal(new WinSize(80, 24), Redirect.lines(System.out::println)).run();
     * }</pre>
     *
     * @param size the window size, not null
     * @param output the callback, not null
     * @return a spawn with fds 0, 1 and 2 on the terminal
     * @since 0.2
     */
    public Spawn terminal(WinSize size, Redirect.Stream output) {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(output, "output");
        Redirect.Terminal t = new Redirect.Terminal(size, output);
        return fd(0, t).fd(1, t).fd(2, t);
    }

    /**
     * Lets the program inherit every fd the JVM had open without close-on-exec (off by default).
     *
     * @return a spawn that keeps them
     */
    public Spawn keepInheritedFds() {
        return new Spawn(command, steps, fds, false, whenCloned);
    }

    /**
     * Hands the child to {@code observer} on the thread calling {@link #start}, right after the clone and before
     * any set-up syscall: this is not a step, it makes no syscall in the child. Use it to signal a child whose
     * set-up may hang (an {@code open} of a FIFO nobody reads, a {@code chdir} into a dead NFS mount): the child
     * runs with every signal blocked until its {@code execve}, so only {@code SIGKILL} ends it there, and
     * {@code start} then fails and still reaps it. Observers given by several calls run in that order; one that
     * throws fails {@code start} like a failed step.
     *
     * <pre>{@code
     * AtomicReference<ChildProcess> child = new AtomicReference<>();
     * Spawned s = Spawn.of(Command.of("/bin/date")).stdout(Redirect.file("/tmp/fifo", Redirect.Mode.WRITE))
     *         .whenCloned(child::set).start(local);
     * // meanwhile, on another thread, if the open hangs: child.get().kill(Signal.SIGKILL)
     * }</pre>
     *
     * @param observer called with the child, not null
     * @return a spawn with the observer added
     * @since 0.1
     */
    public Spawn whenCloned(Consumer<? super ChildProcess> observer) {
        Objects.requireNonNull(observer, "observer");
        Consumer<? super ChildProcess> first = whenCloned;
        Consumer<ChildProcess> both = first == null ? observer::accept : c -> {
            first.accept(c);
            observer.accept(c);
        };
        return new Spawn(command, steps, fds, closeInherited, both);
    }

    /**
     * {@link #run(LocalTask)} on the {@link Kernel#shared() shared kernel}.
     *
     * <pre>{@code
     * ChildState s = Spawn.of(Command.of("/bin/true")).run();
     * }</pre>
     *
     * @return how the program ended
     * @since 0.2
     */
    public ChildState run() {
        return run(Kernel.shared().localTask());
    }

    /**
     * {@link #start(LocalTask)} on the {@link Kernel#shared() shared kernel}.
     *
     * @return the started program, with its stream ends
     * @since 0.2
     */
    public Spawned start() {
        return start(Kernel.shared().localTask());
    }

    /**
     * Starts the program and waits for it, and for the end of every {@link Redirect#lines}/{@link Redirect#chunks}
     * stream (after the last callback); its fds must not be pipes (nobody would read them).
     *
     * @param task the JVM's task, not null
     * @return how the program ended
     * @throws RuntimeException what a stream's callback threw, once the program ended
     */
    public ChildState run(LocalTask task) {
        SpawnStart.checkRunnable(fds);
        try (Spawned s = start(task)) {
            RuntimeException failed = null;
            try {
                s.waitForStreams();
            } catch (RuntimeException e) {
                failed = e;
            }
            ChildState state = s.waitForExit();
            if (failed != null) {
                throw failed;
            }
            return state;
        }
    }

    /**
     * {@link #output(LocalTask)} on the {@link Kernel#shared() shared kernel}.
     *
     * <pre>{@code
     * String listing = Spawn.of(Command.of("ls", "/")).output().check().stdoutText();
     * }</pre>
     *
     * @return the exit state and the captured bytes
     * @since 0.2
     */
    public Output output() {
        return output(Kernel.shared().localTask(), Capture.defaults());
    }

    /**
     * {@link #output(LocalTask, Capture)} on the {@link Kernel#shared() shared kernel}.
     *
     * <pre>{@code
     * String hi = Spawn.of(Command.of("echo", "hi")).output(Capture.defaults()).check().stdoutText();
     * }</pre>
     *
     * @param capture stdin, merging, limits and timeout, not null
     * @return the exit state and the captured bytes
     * @since 0.2
     */
    public Output output(Capture capture) {
        return output(Kernel.shared().localTask(), capture);
    }

    /**
     * Runs the program and captures its stdout and stderr, each drained as it comes (no pipe fills while the
     * other is read), with stdin on {@code /dev/null} unless a redirect says otherwise. A stream redirected
     * elsewhere (a file, an fd) is not captured.
     *
     * <pre>{@code
     * String listing = Spawn.of(Command.of("/bin/ls", "/")).output(task).check().stdoutText();
     * }</pre>
     *
     * @param task the JVM's task, not null
     * @return the exit state and the captured bytes
     * @since 0.2
     */
    public Output output(LocalTask task) {
        return output(task, Capture.defaults());
    }

    /**
     * Runs the program as {@link #output(LocalTask)} does, with stdin, merging, limits and a timeout from
     * {@code capture}.
     *
     * <pre>{@code
     * Output out = Spawn.of(Command.of("/bin/sh", "-c", "make 2>&1")).output(task,
     *         Capture.defaults().limit(1 << 20).timeout(Duration.ofMinutes(5), Stop.DEFAULT.scope(Stop.Scope.GROUP)));
     * }</pre>
     *
     * @param task the JVM's task, not null
     * @param capture stdin, merging, limits and timeout, not null
     * @return the exit state and the captured bytes
     * @throws IllegalArgumentException if {@code capture} merges stderr while this spawn sends stdout elsewhere
     * @throws dev.jsyscall.handle.WaitInterruptedException if the thread is interrupted; the program is killed
     * @since 0.2
     */
    public Output output(LocalTask task, Capture capture) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(capture, "capture");
        return Exchange.output(this, task, capture);
    }

    /** Where fd {@code target} comes from; null: inherited. */
    Redirect redirect(int target) {
        return fds.get(target);
    }

    /**
     * Clones a driven child, runs the steps in it, and execs the command with {@code execvp}'s rules: a name
     * without '/' is looked up in the command's PATH in the child, after the steps (so an empty PATH entry means
     * the cwd they set), and a file that is neither ELF nor {@code #!} runs as {@code /bin/sh FILE ARGS}.
     *
     * @param task the JVM's task, not null
     * @return the running program, with the parent's ends of its pipes
     * @throws dev.jsyscall.handle.ExecFailedException when execve fails (ENOENT, EACCES, E2BIG...); for a name
     *     not found in PATH, ENOENT naming it and the PATH searched
     * @throws IllegalArgumentException before anything is cloned, when a {@link Redirect#fd} source is closed or
     *     an fd target leaves no room below {@code RLIMIT_NOFILE} for the child's channel
     * @throws SpawnFailedException when cloning the child or a set-up step fails, naming it ({@code clone}, the
     *     syscall that failed before it, as {@code pipe2} for the child's channel, or the step); the child has been
     *     killed and reaped
     */
    public Spawned start(LocalTask task) {
        Objects.requireNonNull(task, "task");
        return SpawnStart.start(task, command, steps, fds, closeInherited, whenCloned);
    }

    @Override
    public String toString() {
        return "Spawn(" + command + ", steps " + steps + ", fds " + fds + ")";
    }
}
