package dev.jsyscall.handle;

import dev.jsyscall.Command;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.linux.signal.SigSet;
import dev.jsyscall.linux.signal.Signal;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything a spawn does between the clone and the {@code execve}, as one value: the clone's channel floor, then
 * ordered entries (queued syscalls, actions that need answers, fd moves, the program's signal mask), then the exec
 * of the command. {@link SetupBatch#start} runs it top to bottom; {@code Spawn} compiles its steps and fd
 * redirections into one.
 *
 * <p>A {@link Call} that installs a seccomp filter ({@link #runsLast}) runs after every other entry, in the batch
 * sent with the {@code execve}, whatever its place: every syscall after it must pass the filter, so the fewer
 * the better (only the channel's {@code read}/{@code write}, {@code rt_sigprocmask} and {@code execve} remain).
 *
 * <pre>{@code
 * SetupPlan plan = SetupPlan.of(Command.of("/bin/pwd"), 3, false, "", List.of(
 *         new SetupPlan.Call("chdir(path=/tmp)", Unistd.chdir("/tmp"))));
 * ChildProcess p = SetupBatch.start(local, plan);
 * }</pre>
 *
 * @since 0.2
 */
public final class SetupPlan {
    /** One thing the set-up does, in order; {@link #label()} names it when it fails. */
    public interface Entry {
        /** The name a failure reports ({@code SpawnFailedException.step()}). */
        String label();
    }

    /** A syscall queued on the batch and sent with the next flush or the execve. */
    public record Call(String label, SyscallRequest<?> request) implements Entry {
        public Call {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(request, "request");
        }
    }

    /** The signal mask the program starts with, set just before the execve. */
    public record ExecMask(String label, SigSet mask) implements Entry {
        public ExecMask {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(mask, "mask");
        }
    }

    /** Code of the caller's that needs answers from the child: what is queued is sent first. */
    public record Action(String label, Consumer<ChildTask> action) implements Entry {
        public Action {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(action, "action");
        }
    }

    /** {@code setpgid(0, leader)}: joins the group of another child (it needs that child's pid, now). */
    public record JoinGroup(ChildProcess leader) implements Entry {
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
     */
    public record JoinNamespaces(ChildProcess target, int pid, Set<dev.jsyscall.linux.sched.CloneFlag> kinds)
            implements Entry {
        public JoinNamespaces {
            kinds = Set.copyOf(kinds);
        }

        @Override
        public String label() {
            return "setns(pidfd of " + pid + ", " + kinds + ")";
        }
    }

    /** {@link ChildTask#parentDeathSignal}: needs the clone thread, and checks the parent after the call. */
    public record ParentDeathSignal(Signal sig) implements Entry {
        public ParentDeathSignal {
            Objects.requireNonNull(sig, "sig");
        }

        @Override
        public String label() {
            return "PR_SET_PDEATHSIG(" + sig + ")";
        }
    }

    /** {@link ChildTask#unshareUser} mapping the inside ids to the JVM's own uid and gid. */
    public record UserNamespace(int insideUid, int insideGid) implements Entry {
        @Override
        public String label() {
            return "user namespace (uid " + insideUid + ", gid " + insideGid + ")";
        }
    }

    /** Hands the child to {@code observer} (no syscall in the child). */
    public record Observe(Consumer<? super ChildProcess> observer) implements Entry {
        public Observe {
            Objects.requireNonNull(observer, "observer");
        }

        @Override
        public String label() {
            return "whenCloned observer";
        }
    }

    /** Notes the number that {@code source}, a JVM fd, has in the child: the source of fd {@code target}. */
    public record Inherit(String label, int target, FileDescriptor source) implements Entry {
        public Inherit {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * When a noted source is itself one of {@code targets}, moves every source above the targets
     * ({@code fcntl(F_DUPFD_CLOEXEC)}), so that mapping one cannot overwrite another's source.
     */
    public record SeparateSources(Set<Integer> targets) implements Entry {
        public SeparateSources {
            targets = Set.copyOf(targets);
        }

        @Override
        public String label() {
            return "fcntl(F_DUPFD_CLOEXEC) of the fd sources";
        }
    }

    /** Makes fd {@code target} the noted source's file ({@code dup3}); nothing when it has none. */
    public record MapFd(String label, int target) implements Entry {
        public MapFd {
            Objects.requireNonNull(label, "label");
        }
    }

    /**
     * Opens {@code path} in the child (close-on-exec) and moves it to fd {@code target}; a file it creates gets
     * {@code mode} (less the child's umask).
     */
    public record OpenFile(String label, int target, String path, int flags, int mode) implements Entry {
        public OpenFile {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(path, "path");
        }

        /** A file created with mode 0644. */
        public OpenFile(String label, int target, String path, int flags) {
            this(label, target, path, flags, 0644);
        }
    }

    /**
     * Whether {@code request} is held back to run after every other entry, just before the exec: a seccomp
     * filter, which would otherwise have to allow every set-up syscall that follows it (fd moves, opens...).
     *
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
     */
    public static SetupPlan of(Command command, int floor, boolean cloneThread, String cloneContext,
                               List<? extends Entry> entries) {
        if (floor < 3) {
            throw new IllegalArgumentException("the channel floor must be at least 3, was " + floor);
        }
        return new SetupPlan(Objects.requireNonNull(command, "command"), floor, cloneThread,
                Objects.requireNonNull(cloneContext, "cloneContext"), List.copyOf(entries));
    }

    public Command command() {
        return command;
    }

    /** The lowest fd the child's channel may use. */
    public int floor() {
        return floor;
    }

    /** Whether the child is cloned on the kernel's long-lived clone thread. */
    public boolean cloneThread() {
        return cloneThread;
    }

    String cloneContext() {
        return cloneContext;
    }

    /** The entries, in the order they run. */
    public List<Entry> entries() {
        return entries;
    }

    @Override
    public String toString() {
        return "SetupPlan(" + entries.stream().map(Entry::label).toList() + ", then execve(" + command.executable()
                + "))";
    }
}
