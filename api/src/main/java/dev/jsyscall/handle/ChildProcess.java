package dev.jsyscall.handle;

import dev.jsyscall.Command;
import dev.jsyscall.far.NamespaceMismatchException;
import dev.jsyscall.far.Task;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.wait.ChildState;
import dev.jsyscall.linux.wait.IdType;
import dev.jsyscall.linux.wait.Rusage;
import dev.jsyscall.linux.wait.Siginfo;
import dev.jsyscall.linux.wait.WaitOption;
import dev.jsyscall.near.Pid;
import dev.jsyscall.near.ProcessGroup;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A child of {@link #task()}'s process, which we may wait on and safely signal.
 *
 * <p>A child's pid cannot be reused until we reap its zombie with {@code waitid}, so as long as waits and signals
 * are ordered — which {@link #borrow()} enforces — signalling it never hits another process. Once a wait shows it
 * dead, every use is refused. A wait's siginfo must be read ({@link #readSiginfo}, {@link #readStateChange})
 * before the next wait or signal.
 *
 * <pre>{@code
 * Pointer<Siginfo> info = task.allocator().allocate(Siginfo.CODEC);
 * child.waitid(EnumSet.of(WaitOption.WEXITED), info, null);
 * ChildState state = child.readStateChange();   // e.g. exited with status 0
 * info.free();
 * }</pre>
 *
 * <p>Equality is identity: a child handle carries state.
 *
 * @since 0.1
 */
// "try": a Lease is held for the scope of its try block and deliberately never referenced inside it
@SuppressWarnings("try")
public class ChildProcess extends Process {
    private ChildState deathState;
    private Pointer<Siginfo> unreadSiginfo;
    private boolean inUse;
    private Command command;

    public ChildProcess(Task task, Pid pid) {
        super(task, pid);
    }

    /** The state the child died in, once a wait has shown it dead. */
    public synchronized Optional<ChildState> deathState() {
        return Optional.ofNullable(deathState);
    }

    /** The command this child exec'd, kept for debugging and to keep its resources alive. */
    public synchronized Optional<Command> command() {
        return Optional.ofNullable(command);
    }

    /** Whether a waitid buffer is waiting to be read. */
    public synchronized boolean hasUnreadSiginfo() {
        return unreadSiginfo != null;
    }

    /** Whether a wait or signal is in progress. */
    public synchronized boolean inUse() {
        return inUse;
    }

    /** Records that the child died (freeing what it held). */
    public synchronized void markDead(ChildState state) {
        this.deathState = Objects.requireNonNull(state, "state");
    }

    /** Records that the child exec'd {@code command} (null if unknown). */
    public synchronized ChildProcess didExec(Command command) {
        this.command = command;
        return this;
    }

    /**
     * Marks the child in use for one wait or signal; refuses with a distinct error when it is dead, has an
     * unread siginfo, or is already in use. Close the returned lease on every path (try-with-resources).
     */
    public synchronized Lease borrow() {
        if (deathState != null) {
            throw new ChildProcessException.NotAlive(near(), deathState.describe());
        }
        if (unreadSiginfo != null) {
            throw new ChildProcessException.UnreadSiginfo(near());
        }
        if (inUse) {
            throw new ChildProcessException.InUse(near());
        }
        inUse = true;
        return new Lease();
    }

    @Override
    public void kill(Signal sig) {
        try (Lease l = borrow()) {
            super.kill(sig);
        }
    }

    /**
     * Signals the process group led by this child. Fails with ESRCH if the child leads no group, but can never
     * reach an unrelated group, since the child's pid is not yet reusable.
     */
    @Override
    public void killpg(Signal sig) {
        try (Lease l = borrow()) {
            super.killpg(sig);
        }
    }

    @Override
    public ProcessGroup getpgid() {
        try (Lease l = borrow()) {
            return super.getpgid();
        }
    }

    /**
     * Moves this child into {@code group}'s process group, or makes it the leader of a new group when
     * {@code group} is null. Only another child's group is safe to join: a child's pid (hence its group id)
     * cannot be reused while we have not reaped it.
     *
     * @throws NamespaceMismatchException if the two children's tasks are in different pid namespaces
     */
    public void setpgid(ChildProcess group) {
        try (Lease l = borrow()) {
            if (group == null) {
                setpgidRaw(0);
                return;
            }
            if (group.task().pidNamespace() != task().pidNamespace()) {
                throw new NamespaceMismatchException("cannot move " + this + " into the group of " + group
                        + ": different pid namespaces (" + task().pidNamespace() + " vs "
                        + group.task().pidNamespace() + ")");
            }
            if (group == this) {
                setpgidRaw(near().id());
                return;
            }
            try (Lease other = group.borrow()) {
                setpgidRaw(group.near().id());
            }
        }
    }

    private void setpgidRaw(int pgid) {
        long r = task().sysif().syscall(Syscall.SETPGID.number(task().arch()), near().id(), pgid, 0, 0, 0, 0);
        ErrnoException.check(r, Syscall.SETPGID, "pid=" + near().id(), "pgid=" + pgid);
    }

    /**
     * {@code waitid(P_PID, pid, infop, options, rusage)}: borrows the child and the buffers (which must live in
     * this task's address space), and remembers {@code infop} as unread.
     *
     * @param rusage may be null
     * @throws ErrnoException ECHILD naming the pid when it is not (or no longer) our waitable child
     */
    public void waitid(Set<WaitOption> options, Pointer<Siginfo> infop, Pointer<Rusage> rusage) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(infop, "infop");
        try (Lease l = borrow();
             Pointer<Siginfo>.Borrow info = infop.borrow(task());
             Pointer<Rusage>.Borrow ru = rusage == null ? null : rusage.borrow(task())) {
            long r = task().sysif().syscall(Syscall.WAITID.number(task().arch()), IdType.P_PID.value(),
                    near().id(), info.address(), WaitOption.bits(options), ru == null ? 0 : ru.address(), 0);
            if (ErrnoException.isError(r)) {
                if (r == -Errno.ECHILD.number()) {
                    throw new ErrnoException(Errno.ECHILD, "waitid", "P_PID, pid=" + near().id()
                            + " (not a waitable child of " + task() + ")");
                }
                throw ErrnoException.of((int) -r, "waitid", "P_PID", "pid=" + near().id(), options);
            }
        }
        synchronized (this) {
            unreadSiginfo = infop;
        }
    }

    /**
     * Interprets a siginfo from waitid and clears the unread mark: empty when WNOHANG found nothing (pid 0),
     * otherwise the state change, marking the child dead if it died.
     */
    public synchronized Optional<ChildState> parseWaitidSiginfo(Siginfo siginfo) {
        unreadSiginfo = null;
        if (siginfo.pid() == 0) {
            return Optional.empty();
        }
        ChildState state = ChildState.fromSiginfo(siginfo);
        if (state.died()) {
            markDead(state);
        }
        return Optional.of(state);
    }

    /** Reads and parses the pending waitid buffer; errors if no waitid result is pending. */
    public Optional<ChildState> readSiginfo() {
        Pointer<Siginfo> buf;
        synchronized (this) {
            buf = unreadSiginfo;
        }
        if (buf == null) {
            throw new ChildProcessException.NoStateChange(near(), "child process " + near().id()
                    + " has no siginfo buffer to read: call waitid first");
        }
        return parseWaitidSiginfo(buf.read());
    }

    /** Like {@link #readSiginfo} but errors when the wait found no state change (WNOHANG). */
    public ChildState readStateChange() {
        return readSiginfo().orElseThrow(() -> new ChildProcessException.NoStateChange(near(),
                "expected a state change of child process " + near().id() + ", but waitid found none"));
    }

    /**
     * Waits with {@code options} using a fresh siginfo buffer from the owning task's allocator, reads it, and
     * frees it: empty when {@code WNOHANG} found nothing.
     *
     * @throws IllegalStateException if the owning task has no allocator (it is not a {@link Task})
     */
    public Optional<ChildState> waitForStateChange(Set<WaitOption> options) {
        if (!(task() instanceof dev.jsyscall.handle.Task)) {
            throw new IllegalStateException("waitForStateChange needs the owning task's allocator, but " + task()
                    + " is not a dev.jsyscall.handle.Task; use waitid with your own buffer");
        }
        Pointer<Siginfo> info = ((dev.jsyscall.handle.Task) task()).allocator().allocate(Siginfo.CODEC);
        try {
            // zero the buffer: with WNOHANG and nothing to report, Linux may leave parts of it untouched
            info = info.write(Siginfo.ZERO);
            waitid(options, info, null);
            return readSiginfo();
        } finally {
            info.free();
        }
    }

    /** Blocks until the child exits or is killed, reaps it, and returns how it ended. */
    public ChildState waitForExit() {
        return waitForStateChange(EnumSet.of(WaitOption.WEXITED)).orElseThrow(() ->
                new IllegalStateException("waitid(WEXITED) without WNOHANG returned no state for " + this));
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** The in-use mark of one {@link #borrow}; releasing it is idempotent. */
    public final class Lease implements AutoCloseable {
        private boolean released;

        private Lease() {
        }

        @Override
        public void close() {
            synchronized (ChildProcess.this) {
                if (!released) {
                    released = true;
                    inUse = false;
                }
            }
        }
    }
}
