// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.Command;
import dev.jsyscall.SpawnFailedException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.linux.landlock.LandlockRuleset;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.linux.signal.SigSet;
import dev.jsyscall.linux.signal.Signal;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything a spawn does between the clone and the {@code execve}, as one value: the clone's channel floor, then
 * ordered entries (queued syscalls, actions that need answers, fd moves, the program's signal mask), then the exec
 * of the command. {@link #start} runs it top to bottom; {@code Spawn} compiles its steps and fd
 * redirections into one.
 *
 * <p>A {@link Call} that installs a seccomp filter ({@link #runsLast}) runs after every other entry, in the batch
 * sent with the {@code execve}, whatever its place: every syscall after it must pass the filter, so the fewer
 * the better (only the channel's {@code read}/{@code write}, {@code rt_sigprocmask} and {@code execve} remain).
 *
 * <pre>{@code
 * SetupPlan plan = SetupPlan.of(Command.of("/bin/pwd"), 3, false, "", List.of(
 *         new SetupPlan.Call("chdir(path=/tmp)", Unistd.chdir("/tmp"))));
 * ChildProcess p = plan.start(local);
 * }</pre>
 *
 * @since 0.2
 */
public final class SetupPlan {
    /** One thing the set-up does, in order; {@link #label()} names it when it fails. */
    public interface Entry {
        /**
         * The name a failure reports ({@code SpawnFailedException.step()}).
         *
         * @return a short description, e.g. {@code "chdir(path=/tmp)"}
         */
        String label();
    }

    /**
     * A syscall queued on the batch and sent with the next flush or the execve.
     *
     * @param label the name a failure reports
     * @param request the syscall
     */
    public record Call(String label, SyscallRequest<?> request) implements Entry {
        /**
         * Checks that no component is null.
         *
         * @throws NullPointerException if one is
         */
        public Call {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * The signal mask the program starts with, set just before the execve.
     *
     * @param label the name a failure reports
     * @param mask the signals blocked when the program starts
     */
    public record ExecMask(String label, SigSet mask) implements Entry {
        /**
         * Checks that no component is null.
         *
         * @throws NullPointerException if one is
         */
        public ExecMask {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(mask, "mask");
        }
    }

    /**
     * Code of the caller's that needs answers from the child: what is queued is sent first.
     *
     * @param label the name a failure reports
     * @param action the code, run in the parent with the child's task
     */
    public record Action(String label, Consumer<ChildTask> action) implements Entry {
        /**
         * Checks that no component is null.
         *
         * @throws NullPointerException if one is
         */
        public Action {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(action, "action");
        }
    }

    /**
     * {@code setpgid(0, leader)}: joins the group of another child (it needs that child's pid, now).
     *
     * @param leader the leader of the group to join, a child of the same JVM
     */
    public record JoinGroup(ChildProcess leader) implements Entry {
        /**
         * Checks that the leader is not null.
         *
         * @throws NullPointerException if it is
         */
        public JoinGroup {
            Objects.requireNonNull(leader, "leader");
        }

        @Override
        public String label() {
            return "setpgid(0, " + leader.near().id() + ")";
        }
    }

    /**
     * {@code setns(pidfd, kinds)} into the namespaces of process {@code pid}, through a pidfd the child opens and
     * closes (it needs the pidfd's number, now). With {@code target}, our unreaped child of that pid, the join is
     * refused if the child was reaped by the time the pidfd was open: the pid might name another process.
     *
     * @param target our child of that pid, or null for any process
     * @param pid the process whose namespaces to join
     * @param kinds the namespace kinds to join
     */
    public record JoinNamespaces(ChildProcess target, int pid, Set<dev.jsyscall.linux.sched.CloneFlag> kinds)
            implements Entry {
        /**
         * Copies the kinds.
         *
         * @throws NullPointerException if {@code kinds} is null
         */
        public JoinNamespaces {
            kinds = Set.copyOf(kinds);
        }

        @Override
        public String label() {
            return "setns(pidfd of " + pid + ", " + kinds + ")";
        }
    }

    /**
     * Starts the program in {@code cgroup}: the child is cloned into it ({@code clone3} with
     * {@code CLONE_INTO_CGROUP}) where the kernel allows, else it moves itself in at this point
     * ({@link Cgroup#moveIn}).
     *
     * @param cgroup the cgroup
     * @since 0.2
     */
    public record IntoCgroup(Cgroup cgroup) implements Entry {
        /**
         * Checks that the cgroup is not null.
         *
         * @throws NullPointerException if it is
         */
        public IntoCgroup {
            Objects.requireNonNull(cgroup, "cgroup");
        }

        @Override
        public String label() {
            return "cgroup " + cgroup.path();
        }
    }

    /**
     * Confines the program to {@code ruleset}: held back like a seccomp filter ({@link #runsLast}), it runs after
     * every other entry, so that redirected files are opened and mounts made first, and before the seccomp
     * filters, which might deny its syscalls.
     *
     * @param ruleset the rules
     * @since 0.2
     */
    public record Landlock(LandlockRuleset ruleset) implements Entry {
        /**
         * Checks that the ruleset is not null.
         *
         * @throws NullPointerException if it is
         */
        public Landlock {
            Objects.requireNonNull(ruleset, "ruleset");
        }

        @Override
        public String label() {
            return ruleset.toString();
        }
    }

    /**
     * New namespaces made by the clone itself ({@code CLONE_NEWPID} and the like among the clone's flags) rather
     * than by an {@code unshare} step: a pid namespace has to be, since {@code unshare(CLONE_NEWPID)} puts only
     * the caller's later children in it, never the caller. The clone makes them before any entry runs, wherever
     * this entry stands. A plan that also has a {@link UserNamespace} entry gets its user namespace from the same
     * clone ({@code CLONE_NEWUSER}), which then owns the others, so that a caller without privilege can make them;
     * the ids are mapped at the {@code UserNamespace} entry's place.
     *
     * <pre>{@code
     * new SetupPlan.CloneNamespaces(Set.of(CloneFlag.NEWPID))
     * }</pre>
     *
     * @param kinds the namespace kinds, at least one, each one of {@code NEWPID}, {@code NEWNS}, {@code NEWUTS},
     *     {@code NEWIPC}, {@code NEWNET}, {@code NEWCGROUP}
     * @since 0.2
     */
    public record CloneNamespaces(Set<CloneFlag> kinds) implements Entry {
        private static final Set<CloneFlag> ALLOWED = Set.of(CloneFlag.NEWPID, CloneFlag.NEWNS, CloneFlag.NEWUTS,
                CloneFlag.NEWIPC, CloneFlag.NEWNET, CloneFlag.NEWCGROUP);

        /**
         * Copies the kinds and checks them.
         *
         * @throws IllegalArgumentException if {@code kinds} is empty or holds a flag that is no namespace kind
         *     (or {@code NEWUSER}, which comes from a {@link UserNamespace} entry)
         * @throws NullPointerException if {@code kinds} is or holds null
         */
        public CloneNamespaces {
            kinds = Set.copyOf(kinds);
            if (kinds.isEmpty()) {
                throw new IllegalArgumentException("kinds must name at least one namespace");
            }
            for (CloneFlag k : kinds) {
                if (!ALLOWED.contains(k)) {
                    throw new IllegalArgumentException("kinds: CLONE_" + k + " is not a namespace a clone step"
                            + " makes (one of " + ALLOWED + "; a user namespace is a UserNamespace entry)");
                }
            }
        }

        @Override
        public String label() {
            return "clone(" + kinds.stream().map(k -> "CLONE_" + k).sorted().collect(
                    java.util.stream.Collectors.joining("|")) + ")";
        }
    }

    /**
     * {@link ChildTask#parentDeathSignal}: needs the clone thread, and checks the parent after the call.
     *
     * @param sig the signal the child gets when its parent thread dies
     */
    public record ParentDeathSignal(Signal sig) implements Entry {
        /**
         * Checks that the signal is not null.
         *
         * @throws NullPointerException if it is
         */
        public ParentDeathSignal {
            Objects.requireNonNull(sig, "sig");
        }

        @Override
        public String label() {
            return "PR_SET_PDEATHSIG(" + sig + ")";
        }
    }

    /**
     * {@link ChildTask#unshareUser} mapping the inside ids to the JVM's own uid and gid.
     *
     * @param insideUid the child's uid inside the namespace
     * @param insideGid the child's gid inside the namespace
     */
    public record UserNamespace(int insideUid, int insideGid) implements Entry {
        @Override
        public String label() {
            return "user namespace (uid " + insideUid + ", gid " + insideGid + ")";
        }
    }

    /**
     * Hands the child to {@code observer} (no syscall in the child).
     *
     * @param observer called with the child on the thread that starts it
     */
    public record Observe(Consumer<? super ChildProcess> observer) implements Entry {
        /**
         * Checks that the observer is not null.
         *
         * @throws NullPointerException if it is
         */
        public Observe {
            Objects.requireNonNull(observer, "observer");
        }

        @Override
        public String label() {
            return "whenCloned observer";
        }
    }

    /**
     * Notes the number that {@code source}, a JVM fd, has in the child: the source of fd {@code target}.
     *
     * @param label the name a failure reports
     * @param target the fd number the source is for in the child
     * @param source the JVM's fd
     */
    public record Inherit(String label, int target, FileDescriptor source) implements Entry {
        /**
         * Checks that no component is null.
         *
         * @throws NullPointerException if one is
         */
        public Inherit {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * When a noted source is itself one of {@code targets}, moves every source above the targets
     * ({@code fcntl(F_DUPFD_CLOEXEC)}), so that mapping one cannot overwrite another's source.
     *
     * @param targets the fd numbers the child's fds are mapped to
     */
    public record SeparateSources(Set<Integer> targets) implements Entry {
        /**
         * Copies the targets, so that later changes to the caller's set do not reach the plan.
         *
         * @throws NullPointerException if {@code targets} is or holds null
         */
        public SeparateSources {
            targets = Set.copyOf(targets);
        }

        @Override
        public String label() {
            return "fcntl(F_DUPFD_CLOEXEC) of the fd sources";
        }
    }

    /**
     * Makes fd {@code target} the noted source's file ({@code dup3}); nothing when it has none.
     *
     * @param label the name a failure reports
     * @param target the fd number to make
     */
    public record MapFd(String label, int target) implements Entry {
        /**
         * Checks that the label is not null.
         *
         * @throws NullPointerException if it is
         */
        public MapFd {
            Objects.requireNonNull(label, "label");
        }
    }

    /**
     * Opens {@code path} in the child (close-on-exec) and moves it to fd {@code target}; a file it creates gets
     * {@code mode} (less the child's umask).
     *
     * @param label the name a failure reports
     * @param target the fd number the file gets in the child
     * @param path the path, opened in the child (relative to its cwd)
     * @param flags {@code O_*} flags; {@code O_CLOEXEC} is added
     * @param mode permission bits for a created file
     */
    public record OpenFile(String label, int target, String path, int flags, int mode) implements Entry {
        /**
         * Checks that no reference component is null.
         *
         * @throws NullPointerException if {@code label} or {@code path} is
         */
        public OpenFile {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(path, "path");
        }

        /**
         * A file created with mode 0644.
         *
         * @param label the name a failure reports
         * @param target the fd number the file gets in the child
         * @param path the path, opened in the child (relative to its cwd)
         * @param flags {@code O_*} flags; {@code O_CLOEXEC} is added
         */
        public OpenFile(String label, int target, String path, int flags) {
            this(label, target, path, flags, 0644);
        }
    }

    /**
     * Whether {@code request} is held back to run after every other entry, just before the exec: a seccomp
     * filter, which would otherwise have to allow every set-up syscall that follows it (fd moves, opens...).
     *
     * @param request the request of a step
     * @return whether it runs last
     * @since 0.2
     */
    public static boolean runsLast(SyscallRequest<?> request) {
        return request.syscall() == Syscall.SECCOMP;
    }

    private final Command command;
    private final int floor;
    private final boolean cloneThread;
    private final String cloneContext;
    private final List<Entry> entries;

    private SetupPlan(Command command, int floor, boolean cloneThread, String cloneContext, List<Entry> entries) {
        this.command = command;
        this.floor = floor;
        this.cloneThread = cloneThread;
        this.cloneContext = cloneContext;
        this.entries = entries;
    }

    /**
     * A plan that clones a child whose channel fds sit at {@code floor} or above (above every fd target), on the
     * kernel's clone thread when {@code cloneThread} (PR_SET_PDEATHSIG needs it), runs {@code entries} and execs
     * {@code command}.
     *
     * @param cloneContext appended to the message of a failed clone (empty: nothing to add)
     * @param command the program the child execs, not null
     * @param floor the lowest fd the child's channel may use, at least 3
     * @param cloneThread whether to clone on the kernel's clone thread
     * @param entries what the set-up does, in order; copied
     * @return the plan
     * @throws IllegalArgumentException if {@code floor} is below 3
     */
    public static SetupPlan of(Command command, int floor, boolean cloneThread, String cloneContext,
                               List<? extends Entry> entries) {
        if (floor < 3) {
            throw new IllegalArgumentException("the channel floor must be at least 3, was " + floor);
        }
        return new SetupPlan(Objects.requireNonNull(command, "command"), floor, cloneThread,
                Objects.requireNonNull(cloneContext, "cloneContext"), List.copyOf(entries));
    }

    /**
     * The program the child execs at the end of the set-up.
     *
     * @return the command
     */
    public Command command() {
        return command;
    }

    /**
     * The lowest fd the child's channel may use.
     *
     * @return an fd number, 3 or above
     */
    public int floor() {
        return floor;
    }

    /**
     * Whether the child is cloned on the kernel's long-lived clone thread.
     *
     * @return true if the child is cloned there, false if on the calling thread
     */
    public boolean cloneThread() {
        return cloneThread;
    }

    String cloneContext() {
        return cloneContext;
    }

    /**
     * The entries, in the order they run.
     *
     * @return an unmodifiable list
     */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * Runs this plan to the execve, top to bottom, in a child cloned from {@code task}: the entries in order,
     * every call queued on a batch that goes with the execve (one round trip), except that an entry needing
     * answers (an action, a group to join, PR_SET_PDEATHSIG, a user namespace, a file to open) first sends what is
     * queued. The command is exec'd with {@code execvp}'s rules, in the child after its set-up: a name without '/'
     * is looked up in the command's {@code PATH} (the JVM's unless the command sets it; {@code /bin:/usr/bin}
     * when there is none), candidates refused with EACCES, ENOENT or ENOTDIR do not end the search, and a file
     * that is neither ELF nor {@code #!} runs as {@code /bin/sh FILE ARGS}. On any failure the child is killed
     * and reaped before this returns.
     *
     * <pre>{@code
     * ChildProcess p = plan.start(local);
     * }</pre>
     *
     * @return the child, now running the plan's command
     * @param task the JVM's task, not null
     * @throws ExecFailedException when execve fails; for a name not found, ENOENT (EACCES if a candidate was
     *     refused for permission) naming the name and the PATH searched
     * @throws ChildDiedException when the child died during the set-up
     * @throws SpawnFailedException when the clone or an entry fails, naming it ({@code clone}, the syscall that
     *     failed while the child's channel was made before the clone, the entry's label, or the label of the queued
     *     call that failed)
     * @since 0.2
     */
    public ChildProcess start(LocalTask task) {
        return PlanRunner.start(task, this);
    }

    @Override
    public String toString() {
        return "SetupPlan(" + entries.stream().map(Entry::label).toList() + ", then execve(" + command.executable()
                + "))";
    }
}
