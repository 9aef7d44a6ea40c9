// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.Command;
import dev.jsyscall.far.NamespaceMismatchException;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.signal.Signals;
import dev.jsyscall.linux.unistd.Unistd;
import dev.jsyscall.linux.wait.ChildState;
import dev.jsyscall.linux.wait.Rusage;
import dev.jsyscall.linux.wait.Siginfo;
import dev.jsyscall.linux.wait.WaitOption;
import dev.jsyscall.near.Pid;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A child of {@link #task()}'s process, which we may wait on and safely signal.
 *
 * <p>A child's pid cannot be reused until we reap its zombie, so as long as every call that names the pid is
 * ordered before the reaping, it never reaches another process. This handle enforces that: a call that names the
 * pid ({@link #kill}, {@link #killpg}, {@link #getpgid}, {@link #setpriority}...) holds off reaping for its
 * duration, and once the child is reaped every such call is refused with {@link ChildProcessException.NotAlive}.
 * Signals and waits go through the child's pidfd when it has one, which names this very process.
 *
 * <p>Waiting is shared, reaping is exclusive: any number of threads may {@link #waitForExit} at once (they all get
 * the same state), and none of them holds the child against {@link #kill} or the other calls. On a real kernel a
 * wait parks the thread until the kernel's exit watcher sees the child's pidfd readable, so it responds to
 * {@link Thread#interrupt} and does not pin a virtual thread's carrier.
 *
 * <p>The seed's low-level protocol stays for callers that bring their own buffers: {@link #waitid} borrows the
 * child exclusively ({@link #borrow}), and its siginfo must be read ({@link #readSiginfo},
 * {@link #readStateChange}) before the next wait or signal.
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
    private static final System.Logger LOG = System.getLogger(ChildProcess.class.getName());
    private ChildState deathState;
    private Pointer<Siginfo> unreadSiginfo;
    /** The seed's exclusive mark: a low-level {@link #waitid} is in progress. */
    private boolean inUse;
    /** The waitid protocol, the reaping section and the shared wait, guarded by this monitor. */
    private final ChildWaits waits = new ChildWaits(this);
    /** The exit future, the exit watcher's registration and onExit's futures, guarded by this monitor. */
    private final ChildExits exits = new ChildExits(this, waits);
    private Command command;
    /** The cgroup that holds this child's tree alone ({@code Spawn.contain}), or null. */
    private Cgroup container;
    private FileDescriptor pidfd;

    /**
     * Children jsyscall holds a handle to and has not reaped: a {@link Subreaper} must leave them to their own
     * waits, or those would fail with ECHILD. By identity, since a test may hold two handles to one pid.
     */
    private static final Set<ChildProcess> UNREAPED = java.util.Collections.synchronizedSet(
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));

    ChildProcess(Task task, Pid pid) {
        super(task, pid);
        UNREAPED.add(this);
    }

    /** Whether {@code pid} is a child of {@code task} that some unreaped handle stands for. */
    static boolean isHeld(Task task, int pid) {
        synchronized (UNREAPED) {
            for (ChildProcess c : UNREAPED) {
                if (c.task() == task && c.near().id() == pid) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Ties this child to a pidfd (from {@code CLONE_PIDFD} or {@code pidfd_open}), which it then owns: signals go
     * through {@code pidfd_send_signal}, waits through {@code waitid(P_PIDFD)}, and the pidfd is closed once the
     * child is reaped.
     *
     * @throws IllegalStateException if a pidfd is already attached or the child is dead
     */
    synchronized void attachPidfd(FileDescriptor fd) {
        Objects.requireNonNull(fd, "fd");
        if (pidfd != null || deathState != null) {
            throw new IllegalStateException("cannot attach " + fd + " to " + this + ": "
                    + (pidfd != null ? "it already has " + pidfd : "it is dead"));
        }
        fd.number(task());
        this.pidfd = fd;
    }

    /**
     * The pidfd, while the child has one and is not reaped.
     *
     * @return the pidfd, or empty
     */
    public synchronized Optional<FileDescriptor> pidfd() {
        return Optional.ofNullable(pidfd);
    }

    /**
     * The state the child died in, once a wait has shown it dead.
     *
     * @return the state, or empty while the child is not known to be dead
     */
    public synchronized Optional<ChildState> deathState() {
        return Optional.ofNullable(deathState);
    }

    /**
     * The command this child exec'd, kept for debugging and to keep its resources alive.
     *
     * @return the command, or empty for a child that has not exec'd
     */
    public synchronized Optional<Command> command() {
        return Optional.ofNullable(command);
    }

    /**
     * Whether a waitid buffer is waiting to be read.
     *
     * @return true if a waitid result is unread
     */
    public synchronized boolean hasUnreadSiginfo() {
        return unreadSiginfo != null;
    }

    /**
     * Whether a low-level {@link #waitid} holds the child ({@link #borrow}).
     *
     * @return true while a lease is open
     */
    public synchronized boolean inUse() {
        return inUse;
    }

    /**
     * Records that the child died: closes its pidfd (freeing what it held), completes {@link #onExit()} and wakes
     * every waiter. A later call keeps the first state.
     */
    void markDead(ChildState state) {
        Objects.requireNonNull(state, "state");
        FileDescriptor fd;
        CompletableFuture<ChildState> f;
        boolean wasWatched;
        synchronized (this) {
            if (deathState != null) {
                return;
            }
            deathState = state;
            UNREAPED.remove(this);
            fd = pidfd;
            pidfd = null;
            f = exits.future();
            wasWatched = exits.watched();
            released();
            notifyAll();
        }
        LOG.log(System.Logger.Level.TRACE, () -> "jsyscall: pid " + near().id() + " " + state.describe()
                + command().map(c -> ": " + c).orElse(""));
        if (wasWatched && task() instanceof LocalTask) {
            ((LocalTask) task()).exitWatcher().unwatch(this, fd);
        }
        if (fd != null) {
            fd.close();
        }
        if (f != null) {
            f.complete(state);
        }
    }

    /** Frees what the child held in our memory once it is dead; see {@link ThreadProcess}. */
    void released() {
    }

    /** Records that the child exec'd {@code command} (null if unknown). */
    synchronized ChildProcess didExec(Command command) {
        this.command = command;
        return this;
    }

    /**
     * Marks the child in use for one low-level {@link #waitid}; refuses with a distinct error when it is dead, has
     * an unread siginfo, or is already in use. Close the returned lease on every path (try-with-resources).
     *
     * @return the lease; closing it releases the child
     */
    public synchronized Lease borrow() {
        checkUsable();
        if (inUse) {
            throw new ChildProcessException.InUse(near());
        }
        inUse = true;
        return new Lease();
    }

    void checkUsable() {
        if (deathState != null) {
            throw new ChildProcessException.NotAlive(near(), deathState.describe());
        }
        if (unreadSiginfo != null) {
            throw new ChildProcessException.UnreadSiginfo(near());
        }
    }

    /**
     * Runs a call that names the pid while holding off reaping, so that the pid cannot pass to another process
     * meanwhile; refuses a child that is dead or whose siginfo is unread (it may have been reaped).
     */
    @Override
    protected final <T> T pinned(String what, Supplier<T> call) {
        waits.pin();
        try {
            return call.get();
        } finally {
            waits.unpin();
        }
    }

    /** Whether this thread is in a pinned or reaping section of any child; see {@link ChildWaits#inSection()}. */
    static boolean inSection() {
        return ChildWaits.inSection();
    }

    /**
     * Whether another thread is in a pinned or reaping section of this child (the caller is in none: see
     * {@link #inSection()}). {@link SimulatedExits} leaves such a child to that thread instead of waiting for it: on a
     * simulated kernel the waiter could hold the turn of the fake's threads, blocked where the turn cannot see.
     */
    boolean inSectionElsewhere() {
        return waits.inSectionElsewhere();
    }

    /** Sends {@code sig}: through the pidfd when the child has one, else with {@code kill(pid, sig)}. */
    @Override
    public void kill(Signal sig) {
        Objects.requireNonNull(sig, "sig");
        pinned("kill", () -> {
            FileDescriptor fd = pidfd().orElse(null);
            if (fd == null) {
                super.kill(sig);
            } else {
                pidfdSendSignal(fd, sig);
            }
            return null;
        });
    }

    /**
     * Signals the process group led by this child. Fails with ESRCH if the child leads no group, but can never
     * reach an unrelated group, since the child's pid is not yet reusable.
     */
    @Override
    public void killpg(Signal sig) {
        super.killpg(sig);
    }

    /**
     * Signals every process in the session this child leads: Linux has no call for that, so the process groups
     * of the session are found in {@code /proc/PID/stat} (through this task's syscalls) and each is signalled
     * with {@code kill(-pgid)}; this child's own group goes last. Groups created while this runs may be missed.
     *
     * @return the process groups signalled
     * @param sig the signal, not null
     * @throws ChildProcessException unless the child leads a session (use setsid)
     */
    public java.util.List<Integer> killSession(Signal sig) {
        Objects.requireNonNull(sig, "sig");
        Task t = task();
        return pinned("killSession", () -> {
            int sid = near().id();
            int r = t.call(Unistd.getsid(sid));
            if (r != sid) {
                throw new ChildProcessException(near(), this + " does not lead a session (its session is " + r
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
                try {
                    t.call(Signals.killpg(pgid, sig));
                    done.add(pgid);
                } catch (ErrnoException gone) {
                    // the group emptied while we looked
                }
            }
            t.call(Signals.killpg(sid, sig));
            done.add(sid);
            return done;
        });
    }

    /**
     * Moves this child into {@code group}'s process group, or makes it the leader of a new group when
     * {@code group} is null. Only another child's group is safe to join: a child's pid (hence its group id)
     * cannot be reused while we have not reaped it, and both are held off reaping for the call.
     *
     * @param group the child whose group to join, or null for a new group
     * @throws NamespaceMismatchException if the two children's tasks are in different pid namespaces
     */
    public void setpgid(ChildProcess group) {
        if (group != null && group.task().pidNamespace() != task().pidNamespace()) {
            throw new NamespaceMismatchException("cannot move " + this + " into the group of " + group
                    + ": different pid namespaces (" + task().pidNamespace() + " vs "
                    + group.task().pidNamespace() + ")");
        }
        pinned("setpgid", () -> {
            if (group == null) {
                setpgidRaw(0);
            } else if (group == this) {
                setpgidRaw(near().id());
            } else {
                group.pinned("setpgid", () -> {
                    setpgidRaw(group.near().id());
                    return null;
                });
            }
            return null;
        });
    }

    private void setpgidRaw(int pgid) {
        task().call(Unistd.setpgid(near().id(), pgid));
    }

    /**
     * {@code waitid(P_PIDFD or P_PID, ..., infop, options, rusage)}: borrows the child and the buffers (which must
     * live in this task's address space), and remembers {@code infop} as unread. A wait that may reap the child
     * (WEXITED without WNOWAIT) first blocks without reaping, so that calls naming the pid are not held off while
     * the child lives, then reaps in a short exclusive section; a death it reports marks the child dead at once.
     *
     * @param rusage may be null
     * @param options the {@code W*} options, not null
     * @param infop where the kernel writes the siginfo
     * @throws ErrnoException ECHILD naming the pid when it is not (or no longer) our waitable child
     */
    public void waitid(Set<WaitOption> options, Pointer<Siginfo> infop, Pointer<Rusage> rusage) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(infop, "infop");
        waits.waitid(options, infop, rusage);
        synchronized (this) {
            unreadSiginfo = infop;
        }
    }

    /**
     * Interprets a siginfo from waitid and clears the unread mark: empty when WNOHANG found nothing (pid 0),
     * otherwise the state change, marking the child dead if it died.
     *
     * @param siginfo the siginfo the wait filled, not null
     * @return the state change, or empty
     */
    public Optional<ChildState> parseWaitidSiginfo(Siginfo siginfo) {
        synchronized (this) {
            unreadSiginfo = null;
            notifyAll();
        }
        if (siginfo.pid() == 0) {
            return Optional.empty();
        }
        ChildState state = ChildState.fromSiginfo(siginfo);
        if (state.died()) {
            markDead(state);
        }
        return Optional.of(state);
    }

    /**
     * Reads and parses the pending waitid buffer; errors if no waitid result is pending.
     *
     * @return the state change, or empty when WNOHANG found nothing
     */
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

    /**
     * Like {@link #readSiginfo} but errors when the wait found no state change (WNOHANG).
     *
     * @return the state change
     */
    public ChildState readStateChange() {
        return readSiginfo().orElseThrow(() -> new ChildProcessException.NoStateChange(near(),
                "expected a state change of child process " + near().id() + ", but waitid found none"));
    }

    /**
     * Waits with {@code options} using a fresh siginfo buffer from the owning task's allocator, reads it, and
     * frees it: empty when {@code WNOHANG} found nothing.
     *
     * @param options the {@code W*} options, not null
     * @return the state change, or empty
     */
    public Optional<ChildState> waitForStateChange(Set<WaitOption> options) {
        Objects.requireNonNull(options, "options");
        if (options.contains(WaitOption.WEXITED) && !options.contains(WaitOption.WNOWAIT)) {
            return waits.reapingWait(options);
        }
        Pointer<Siginfo> info = waits.siginfoBuffer();
        try {
            waitid(options, info, null);
            return readSiginfo();
        } finally {
            info.free();
        }
    }

    /**
     * Blocks until the child exits or is killed, reaps it, and returns how it ended. Any number of threads may
     * wait at once: they all get the same state, and none holds the child against {@link #kill}.
     * On a real kernel a platform thread blocks on the child's pidfd itself (an interrupt still ends the wait); a
     * virtual thread parks until the kernel's exit watcher reaps, so that it pins no carrier.
     *
     * @return how the child ended
     * @throws WaitInterruptedException if the thread is interrupted while it waits (its interrupt flag stays set;
     *     the child is not affected and can be waited for again)
     */
    public ChildState waitForExit() {
        CompletableFuture<ChildState> f = null;
        FileDescriptor fd;
        synchronized (this) {
            if (deathState != null) {
                return deathState;
            }
            f = exits.futureToAwait();
            fd = pidfd;
        }
        if (f != null && blocksOnPidfd(fd)) {
            return waits.blockOnPidfd(fd, -1).orElseThrow();
        }
        if (f != null) {
            exits.watch();
            return exits.await(f);
        }
        return waits.waitHere();
    }

    /**
     * Waits at most {@code timeout} for the child to end, reaping it: the state if it ended in time, else empty
     * (the child is unaffected and can be waited for again). On a real kernel the thread waits as in
     * {@link #waitForExit()}; on a simulated one the wait is an {@code epoll_pwait} on the pidfd, so the timeout
     * runs on the kernel's virtual clock.
     *
     * <pre>{@code
     * ChildState s = child.waitForExit(Duration.ofSeconds(5)).orElseGet(() -> { child.kill(Signal.SIGKILL); return child.waitForExit(); });
     * }</pre>
     *
     * @param timeout how long to wait at most, not negative
     * @return the state, or empty
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws WaitInterruptedException if the thread is interrupted while it waits
     * @throws ChildProcessException if the wait must be made in the kernel and the child has no pidfd
     * @since 0.2
     */
    public Optional<ChildState> waitForExit(java.time.Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        CompletableFuture<ChildState> f = null;
        FileDescriptor fd;
        synchronized (this) {
            if (deathState != null) {
                return Optional.of(deathState);
            }
            f = exits.futureToAwait();
            fd = pidfd;
        }
        if (f != null && blocksOnPidfd(fd)) {
            return waits.blockOnPidfd(fd, ChildWaits.saturatedNanos(timeout));
        }
        if (f != null) {
            exits.watch();
            try {
                return Optional.of(f.get(ChildWaits.saturatedNanos(timeout),
                        java.util.concurrent.TimeUnit.NANOSECONDS));
            } catch (java.util.concurrent.TimeoutException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WaitInterruptedException(this, e);
            } catch (ExecutionException e) {
                throw causeOf(e);
            }
        }
        if (fd == null) {
            throw new ChildProcessException(near(), "a timed wait for " + this + " needs its pidfd (CLONE_PIDFD or"
                    + " pidfd_open), which it has not");
        }
        return waits.readableWithin(fd, timeout) ? Optional.of(waitForExit()) : deathState();
    }

    /**
     * Whether this thread waits in the kernel on the pidfd itself instead of parking until the exit watcher reaps:
     * on a platform thread that saves the second wake-up (the watcher's, then this thread's); a virtual thread
     * parks, since a blocking syscall would pin its carrier. Only where the exit watcher would be used (a real
     * kernel), so the simulated kernel's waits stay as its seed schedules them.
     */
    private static boolean blocksOnPidfd(FileDescriptor fd) {
        return fd != null && !dev.jsyscall.internal.VirtualThreads.current();
    }

    /** What a future's failure carries, to throw on the waiting thread: its unchecked cause itself. */
    static RuntimeException causeOf(ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof Error) {
            throw (Error) c;
        }
        return c instanceof RuntimeException ? (RuntimeException) c : new IllegalStateException(c);
    }

    /**
     * Waits for the child to end and returns its state if it exited with status 0.
     *
     * @return the state, an exit with status 0
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
     * watched by the kernel's exit watcher (epoll, on two threads that take turns), which reaps it. The future is
     * completed on the watcher's thread that saw the exit, after it reaped, if the other thread has taken the watch
     * over then (no other thread is woken, which saves tens of µs per exit); otherwise on a thread of its own (a
     * virtual thread from Java 21). Never on a thread that is the only one watching: a slow callback delays the
     * reaping of no other child, and one callback that blocks delays no other. Completing the returned future
     * yourself does not affect the child or other callers. When it completes, the memory jsyscall's own waits used
     * for this child is freed, whichever thread reaped it: the allocator's {@code bytesInUse()} counts none of it.
     *
     * <pre>{@code
     * child.onExit().thenAccept(state -> log.info(child + " " + state.describe()));
     * }</pre>
     *
     * <p>On a simulated kernel (the fake) no thread watches: the child is reaped, and the future and its callbacks
     * completed, by the thread that waits for it ({@code get}, {@code join} of this future or of a stage made from
     * it, {@link #waitForExit()}, {@link #close()}), so that a run stays one seed's run (see docs/dst.md).
     *
     * @return the future; it never completes exceptionally because of the child
     * @throws ChildProcessException if the child has no pidfd or its owning task is not the local task
     */
    public CompletableFuture<ChildState> onExit() {
        return onExit(exits.completionExecutor());
    }

    /**
     * Like {@link #onExit()}, with the future completed on {@code executor}, so that the callbacks attached to it
     * before the child exits run there. Callbacks attached after it completed run on the thread attaching them, as
     * for any completed future.
     *
     * <pre>{@code
     * child.onExit(myExecutor).thenRun(() -> cleanUp());
     * }</pre>
     *
     * @param executor where the future is completed, not null
     * @return the future
     * @throws ChildProcessException if the child has no pidfd or its owning task is not the local task
     * @since 0.2
     */
    public CompletableFuture<ChildState> onExit(java.util.concurrent.Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return exits.onExit(executor);
    }

    /** See {@link ChildExits#reapIfExited()}; for {@link SimulatedExits}. */
    boolean reapIfExited() {
        return exits.reapIfExited();
    }

    /** See {@link ChildExits#reapForWatcher()}; for the {@link ExitWatcher}. */
    void reapForWatcher() {
        exits.reapForWatcher();
    }

    /** See {@link ChildExits#abandonWatch}; for the {@link ExitWatcher}. */
    void abandonWatch(RuntimeException why) {
        exits.abandonWatch(why);
    }

    /** Records that this child's tree is held by {@code cgroup} and nothing else is ({@link Cgroup#contain}). */
    synchronized void containIn(Cgroup cgroup) {
        this.container = Objects.requireNonNull(cgroup, "cgroup");
    }

    /**
     * The cgroup that holds this child and everything it starts, and nothing else: set when it was started with
     * {@code Spawn.contain(cgroup)}. {@link #close()} and a {@code Stop} then end the whole tree.
     *
     * <pre>{@code
     * spawned.process().container().ifPresent(cg -> System.out.println(cg.pids()));
     * }</pre>
     *
     * @return the cgroup, or empty for a child not contained
     * @since 0.2
     */
    public synchronized Optional<Cgroup> container() {
        return Optional.ofNullable(container);
    }

    /**
     * Kills every process in this child's {@link #container()} with SIGKILL and waits up to {@code timeout} until
     * none is left, whether this child is alive or already reaped; does nothing for a child not contained or whose
     * cgroup was removed. The child itself is still to be reaped ({@link #close()} does both).
     *
     * <pre>{@code
     * child.killContainedTree(Duration.ofSeconds(5));
     * }</pre>
     *
     * @param timeout how long to wait for the cgroup to empty, not negative
     * @return whether the cgroup is empty (true when there is none)
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @since 0.2
     */
    public boolean killContainedTree(java.time.Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        Cgroup cg = container().orElse(null);
        if (cg == null) {
            return true;
        }
        try {
            if (!cg.isPopulated()) {
                return true;
            }
        } catch (CgroupException removed) {
            return true;    // the owner removed the cgroup, which needs it empty
        }
        cg.kill();
        // our child is in the cgroup until reaped: waiting for emptiness before the reap would never end
        if (deathState().isEmpty()) {
            waitForExitUninterruptibly();
        }
        return cg.awaitEmpty(timeout);
    }

    /**
     * Makes sure the child is gone: a live child is killed with SIGKILL (through its pidfd, which cannot reach
     * another process) and reaped; does nothing for a child already reaped. A contained child
     * ({@link #container()}) takes its whole tree with it, even when it was reaped before: its cgroup is killed and
     * awaited empty (up to 10 seconds). Safe to call from any thread, while others wait: they get the state too.
     * Waits uninterruptibly (SIGKILL is prompt) and keeps the interrupt flag.
     */
    @Override
    public void close() {
        killContainedTree(java.time.Duration.ofSeconds(10));
        if (deathState().isPresent()) {
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
        } catch (ChildProcessException.NotAlive e) {
            return;
        } catch (ErrnoException e) {
            // ESRCH: a zombie already; reaping below is all that is left
        }
        waitForExitUninterruptibly();
    }

    /**
     * Waits for the child to end, as {@link #waitForExit()} does, but through interrupts: for a child that was
     * sent SIGKILL, whose end is prompt and must be waited for. An interrupt meanwhile is kept: the flag is set
     * again when the wait returns.
     *
     * <pre>{@code
     * child.kill(Signal.SIGKILL);
     * ChildState state = child.waitForExitUninterruptibly();
     * }</pre>
     *
     * @return how the child ended
     * @since 0.2
     */
    public ChildState waitForExitUninterruptibly() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return waitForExit();
                } catch (WaitInterruptedException e) {
                    interrupted = true;
                    Thread.interrupted();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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
