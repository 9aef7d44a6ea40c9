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
import java.util.concurrent.CompletableFuture;

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
public class ChildProcess extends Process implements AutoCloseable {
    private ChildState deathState;
    private Pointer<Siginfo> unreadSiginfo;
    private boolean inUse;
    private Command command;
    private FileDescriptor pidfd;
    private CompletableFuture<ChildState> exit;

    public ChildProcess(Task task, Pid pid) {
        super(task, pid);
    }

    /**
     * Ties this child to a pidfd (from {@code CLONE_PIDFD} or {@code pidfd_open}), which it then owns: signals go
     * through {@code pidfd_send_signal}, waits through {@code waitid(P_PIDFD)}, and the pidfd is closed once the
     * child is reaped.
     *
     * @throws IllegalStateException if a pidfd is already attached or the child is dead
     */
    public synchronized void attachPidfd(FileDescriptor fd) {
        Objects.requireNonNull(fd, "fd");
        if (pidfd != null || deathState != null) {
            throw new IllegalStateException("cannot attach " + fd + " to " + this + ": "
                    + (pidfd != null ? "it already has " + pidfd : "it is dead"));
        }
        fd.number(task());
        this.pidfd = fd;
    }

    /** The pidfd, while the child has one and is not reaped. */
    public synchronized Optional<FileDescriptor> pidfd() {
        return Optional.ofNullable(pidfd);
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

    /** Records that the child died, closing its pidfd (freeing what it held). */
    public synchronized void markDead(ChildState state) {
        this.deathState = Objects.requireNonNull(state, "state");
        if (pidfd != null) {
            FileDescriptor fd = pidfd;
            pidfd = null;
            fd.close();
        }
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

    /** Sends {@code sig}: through the pidfd when the child has one, else with {@code kill(pid, sig)}. */
    @Override
    public void kill(Signal sig) {
        try (Lease l = borrow()) {
            FileDescriptor fd = pidfd().orElse(null);
            if (fd == null) {
                super.kill(sig);
            } else {
                pidfdSendSignal(fd, sig);
            }
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

    /**
     * Signals every process in the session this child leads: Linux has no call for that, so the process groups
     * of the session are found in {@code /proc/PID/stat} (through this task's syscalls) and each is signalled
     * with {@code kill(-pgid)}; this child's own group goes last. Groups created while this runs may be missed.
     *
     * @return the process groups signalled
     * @throws IllegalStateException unless the child leads a session (use setsid)
     */
    public java.util.List<Integer> killSession(Signal sig) {
        Objects.requireNonNull(sig, "sig");
        if (!(task() instanceof dev.jsyscall.handle.Task)) {
            throw new IllegalStateException("killSession reads /proc through the owning task, which "
                    + task() + " cannot do");
        }
        dev.jsyscall.handle.Task t = (dev.jsyscall.handle.Task) task();
        try (Lease l = borrow()) {
            int sid = near().id();
            long r = t.sysif().syscall(Syscall.GETSID.number(t.arch()), sid, 0, 0, 0, 0, 0);
            if (ErrnoException.check(r, Syscall.GETSID, "pid=" + sid) != sid) {
                throw new IllegalStateException(this + " does not lead a session (its session is " + r
                        + "): start it with setsid to kill its whole session");
            }
            java.util.Set<Integer> groups = new java.util.LinkedHashSet<>();
            for (int pid : t.numericEntries("/proc")) {
                String stat;
                try {
                    stat = t.readSmallFile("/proc/" + pid + "/stat");
                } catch (ErrnoException gone) {
                    continue;   // exited while we looked
                }
                // fields after the parenthesised command: state ppid pgrp session ...
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                if (Integer.parseInt(f[3]) == sid) {
                    groups.add(Integer.parseInt(f[2]));
                }
            }
            groups.remove(sid);
            java.util.List<Integer> done = new java.util.ArrayList<>();
            for (int pgid : groups) {
                long k = t.sysif().syscall(Syscall.KILL.number(t.arch()), -(long) pgid, sig.number(), 0, 0, 0, 0);
                if (!ErrnoException.isError(k)) {
                    done.add(pgid);
                }
            }
            long k = t.sysif().syscall(Syscall.KILL.number(t.arch()), -(long) sid, sig.number(), 0, 0, 0, 0);
            ErrnoException.check(k, Syscall.KILL, "pid=-" + sid + " (session leader's group)", sig);
            done.add(sid);
            return done;
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
            FileDescriptor fd = pidfd().orElse(null);
            // with a pidfd the wait names this very process, not whoever has its pid
            long r = fd == null
                    ? task().sysif().syscall(Syscall.WAITID.number(task().arch()), IdType.P_PID.value(),
                    near().id(), info.address(), WaitOption.bits(options), ru == null ? 0 : ru.address(), 0)
                    : task().sysif().syscall(Syscall.WAITID.number(task().arch()), IdType.P_PIDFD.value(),
                    fd.number(task()), info.address(), WaitOption.bits(options), ru == null ? 0 : ru.address(), 0);
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

    /**
     * Blocks until the child exits or is killed, reaps it, and returns how it ended. Once {@link #onExit()} was
     * called, this waits for that future instead (the exit watcher reaps).
     */
    public ChildState waitForExit() {
        CompletableFuture<ChildState> f;
        synchronized (this) {
            if (deathState != null) {
                return deathState;
            }
            f = exit;
        }
        if (f != null) {
            return f.join();
        }
        return waitForStateChange(EnumSet.of(WaitOption.WEXITED)).orElseThrow(() ->
                new IllegalStateException("waitid(WEXITED) without WNOHANG returned no state for " + this));
    }

    /**
     * Waits for the child to end and returns its state if it exited with status 0.
     *
     * @throws ProcessFailedException carrying the command and the state otherwise
     */
    public ChildState check() {
        ChildState s = waitForExit();
        if (!s.isCleanExit()) {
            throw new ProcessFailedException(command().orElse(null), s);
        }
        return s;
    }

    /**
     * A future completed with the child's final state when it exits, without a thread per child: its pidfd is
     * watched by the kernel's single exit-watcher thread (epoll), which reaps it.
     *
     * @throws IllegalStateException if the child has no pidfd or its owning task is not the local task
     */
    public CompletableFuture<ChildState> onExit() {
        synchronized (this) {
            if (exit != null) {
                return exit;
            }
            if (deathState != null) {
                return CompletableFuture.completedFuture(deathState);
            }
            if (pidfd == null || !(task() instanceof LocalTask)) {
                throw new IllegalStateException("onExit needs a child of the local task with a pidfd (CLONE_PIDFD"
                        + " or pidfd_open); " + this + (pidfd == null ? " has no pidfd" : " belongs to " + task()));
            }
            exit = new CompletableFuture<>();
        }
        ((LocalTask) task()).exitWatcher().watch(this);
        return exit;
    }

    /** Called by the exit watcher once the pidfd is readable: reaps and completes {@link #onExit()}. */
    void reapForWatcher() {
        CompletableFuture<ChildState> f;
        synchronized (this) {
            f = exit;
        }
        // a kill or getpgid may hold the child's lease for a moment: wait for it rather than fail the future
        for (int attempt = 0;; attempt++) {
            try {
                f.complete(waitForStateChange(EnumSet.of(WaitOption.WEXITED)).orElseThrow());
                return;
            } catch (ChildProcessException.InUse busy) {
                if (attempt == 10_000) {
                    f.completeExceptionally(busy);
                    return;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
                return;
            }
        }
    }

    /** Completes {@link #onExit()} exceptionally (the watcher stopped). */
    void abandonWatch(RuntimeException why) {
        CompletableFuture<ChildState> f;
        synchronized (this) {
            f = exit;
        }
        if (f != null) {
            f.completeExceptionally(why);
        }
    }

    /**
     * Makes sure the child is gone: a live child is killed with SIGKILL and reaped. Does nothing for a child
     * already reaped. When another thread is waiting for it, only the kill is done (through the pidfd, which
     * cannot reach another process) and that thread reaps.
     */
    @Override
    public void close() {
        FileDescriptor fd;
        boolean busy;
        synchronized (this) {
            if (deathState != null) {
                return;
            }
            fd = pidfd;
            busy = inUse || exit != null;
        }
        if (busy) {
            if (fd != null) {
                try {
                    pidfdSendSignal(fd, Signal.SIGKILL);
                } catch (ErrnoException e) {
                    // ESRCH: it is already exiting; the waiter reaps it
                } catch (IllegalStateException e) {
                    // the pidfd was just closed by the reaper: the child is dead
                }
            }
            synchronized (this) {
                if (exit == null) {
                    return;
                }
            }
            exit.join();
            return;
        }
        if (hasUnreadSiginfo()) {
            readSiginfo();
            if (deathState().isPresent()) {
                return;
            }
        }
        try {
            kill(Signal.SIGKILL);
        } catch (ErrnoException e) {
            // ESRCH: a zombie already; reaping below is all that is left
        }
        waitForExit();
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
