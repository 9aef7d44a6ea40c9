// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.epoll.Epoll;
import dev.jsyscall.linux.poll.Poll;
import dev.jsyscall.linux.unistd.Unistd;
import dev.jsyscall.linux.wait.ChildState;
import dev.jsyscall.linux.wait.IdType;
import dev.jsyscall.linux.wait.Rusage;
import dev.jsyscall.linux.wait.Siginfo;
import dev.jsyscall.linux.wait.Wait;
import dev.jsyscall.linux.wait.WaitOption;
import dev.jsyscall.spi.SyscallTransportException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The waitid protocol of one {@link ChildProcess}, which the handle's public waits delegate to: the raw
 * {@code waitid} through the pidfd, the exclusive reaping section against the calls that name the pid (pins), the
 * shared wait without an exit watcher, and the timed wait on the pidfd. Its state is guarded by the child's
 * monitor, the one the handle's own state and its waiters use, so a death marked by either wakes them all.
 */
// "try": a Lease is held for the scope of its try block and deliberately never referenced inside it
@SuppressWarnings("try")
final class ChildWaits {
    /**
     * How many pinned or reaping sections of any child this thread is in: {@link SimulatedExits} must not reap from
     * inside one (it would wait for its own thread to leave it), so it defers to the thread's next syscall.
     */
    private static final ThreadLocal<Integer> HELD = ThreadLocal.withInitial(() -> 0);

    /** The reaping call's options, made once: every exit is reaped with them. */
    private static final Set<WaitOption> EXITED_NOHANG =
            java.util.Collections.unmodifiableSet(EnumSet.of(WaitOption.WEXITED, WaitOption.WNOHANG));
    private static final long EXITED_NOHANG_BITS = WaitOption.bits(EXITED_NOHANG);

    private final ChildProcess child;
    /** Calls naming the pid in progress: reaping waits for them. */
    private int pins;
    /** A reaping waitid is in progress: calls naming the pid wait for it, then see the child dead. */
    private boolean reaping;
    /** A thread is blocked waiting for the exit on behalf of every waiter (when there is no exit watcher). */
    private boolean waiting;

    /** See {@link #simulated()}: a task's kernel never changes, and every wait and pin asks. */
    private final boolean simulated;

    ChildWaits(ChildProcess child) {
        this.child = child;
        this.simulated = child.task() instanceof LocalTask
                && !((LocalTask) child.task()).capabilities().contains(dev.jsyscall.spi.Capability.REAL_KERNEL);
    }

    /** Whether this thread is in a pinned or reaping section of any child, so must not reap from inside it. */
    static boolean inSection() {
        return HELD.get() > 0;
    }

    /** Holds off reaping for a call that names the pid; refuses a child that is dead or whose siginfo is unread. */
    void pin() {
        while (!tryPin()) {
            yieldForSection();
        }
    }

    /** Pins, waiting for a reaping section to end; false only on a simulated kernel, which waits by a syscall. */
    private boolean tryPin() {
        synchronized (child) {
            if (reaping && simulated()) {
                return false;
            }
            awaitUninterruptibly(() -> !reaping);
            child.checkUsable();
            pins++;
            HELD.set(HELD.get() + 1);
            return true;
        }
    }

    /**
     * On a simulated kernel, another thread's section is waited for by a syscall instead of a Java wait: syscalls are
     * where the fake hands the turn of its application threads on, and the section's thread needs the turn to leave
     * it; a Java wait would keep the turn with a thread blocked where the fake cannot see.
     */
    private void yieldForSection() {
        child.task().raw(dev.jsyscall.linux.Syscall.SCHED_YIELD, 0, 0, 0, 0, 0, 0);
    }

    /** Whether the child belongs to a simulated kernel, where sections are waited for by a syscall. */
    private boolean simulated() {
        return simulated;
    }

    /** Whether another thread is in a pinned or reaping section of this child; see ChildProcess. */
    boolean inSectionElsewhere() {
        synchronized (child) {
            return reaping || pins > 0;
        }
    }

    void unpin() {
        synchronized (child) {
            HELD.set(HELD.get() - 1);
            if (--pins == 0) {
                child.notifyAll();
            }
        }
    }

    /**
     * Enters the reaping section once no call names the pid; false (and nothing entered) if the child is already
     * dead.
     */
    private boolean beginReap() {
        while (true) {
            synchronized (child) {
                if (!simulated() || (!reaping && pins == 0)) {
                    awaitUninterruptibly(() -> !reaping && pins == 0);
                    if (child.deathState().isPresent()) {
                        return false;
                    }
                    reaping = true;
                    HELD.set(HELD.get() + 1);
                    return true;
                }
            }
            yieldForSection();
        }
    }

    private void endReap() {
        synchronized (child) {
            HELD.set(HELD.get() - 1);
            reaping = false;
            child.notifyAll();
        }
    }

    /** Waits on the child's monitor until {@code condition}; the sections waited for are one syscall long. */
    private void awaitUninterruptibly(BooleanSupplier condition) {
        boolean interrupted = false;
        while (!condition.getAsBoolean()) {
            try {
                child.wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@link ChildProcess#waitid}'s protocol, with the child borrowed; the caller records {@code infop} unread. */
    void waitid(Set<WaitOption> options, Pointer<Siginfo> infop, Pointer<Rusage> rusage) {
        Task task = child.task();
        try (ChildProcess.Lease l = child.borrow();
             Pointer<Siginfo>.Borrow info = infop.borrow(task);
             Pointer<Rusage>.Borrow ru = rusage == null ? null : rusage.borrow(task)) {
            long bits = WaitOption.bits(options);
            boolean reaps = options.contains(WaitOption.WEXITED) && !options.contains(WaitOption.WNOWAIT);
            if (!reaps) {
                checkWaitid(waitidRaw(bits, info.address(), ru == null ? 0 : ru.address()), options);
                return;
            }
            if (!options.contains(WaitOption.WNOHANG)) {
                checkWaitid(waitidRaw(bits | WaitOption.WNOWAIT.value(), info.address(), 0), options);
                bits |= WaitOption.WNOHANG.value();
            }
            if (!beginReap()) {
                throw notAlive();
            }
            try {
                checkWaitid(waitidRaw(bits, info.address(), ru == null ? 0 : ru.address()), options);
                Siginfo got = infop.read();
                if (got.pid() != 0) {
                    ChildState state = ChildState.fromSiginfo(got);
                    if (state.died()) {
                        // reaped: from now on the pid may be anyone's, so no call may name it, read or not
                        child.markDead(state);
                    }
                }
            } finally {
                endReap();
            }
        }
    }

    private ChildProcessException.NotAlive notAlive() {
        return new ChildProcessException.NotAlive(child.near(), child.deathState().orElseThrow().describe());
    }

    /** One raw waitid on the child: through the pidfd while it has one (it names this very process). */
    private long waitidRaw(long options, long infop, long rusage) {
        // raw: checkWaitid reads ECHILD apart, and the reaping path tolerates it
        Task task = child.task();
        FileDescriptor fd = child.pidfd().orElse(null);
        if (fd == null) {
            return Task.callRaw(task, Wait.waitid(IdType.P_PID, child.near().id(), infop, options, rusage));
        }
        try (FileDescriptor.Use u = fd.use(task)) {
            return Task.callRaw(task, Wait.waitid(IdType.P_PIDFD, u.number(), infop, options, rusage));
        }
    }

    private void checkWaitid(long r, Set<WaitOption> options) {
        if (!ErrnoException.isError(r)) {
            return;
        }
        int pid = child.near().id();
        String idtype = child.pidfd().isPresent() ? "P_PIDFD (pid " + pid + ")" : "P_PID, pid=" + pid;
        if (r == -Errno.ECHILD.number()) {
            throw new ErrnoException(Errno.ECHILD, "waitid", idtype + " (not a waitable child of " + child.task()
                    + ")");
        }
        throw ErrnoException.of((int) -r, "waitid", idtype, options);
    }

    /**
     * {@link ChildProcess#waitForStateChange} for a wait that may reap: as {@link #waitid}, but its buffer exists
     * only inside the reaping section and is freed before the child is marked dead, so that when
     * {@link ChildProcess#onExit()} completes no memory is still held for this child's waits (a thread that lost
     * the race to reap holds none).
     */
    Optional<ChildState> reapingWait(Set<WaitOption> options) {
        long bits = WaitOption.bits(options);
        try (ChildProcess.Lease l = child.borrow()) {
            if (!options.contains(WaitOption.WNOHANG)) {
                // no siginfo: nothing reads it, and the reaping call below reports the same change
                checkWaitid(waitidRaw(bits | WaitOption.WNOWAIT.value(), 0, 0), options);
                bits |= WaitOption.WNOHANG.value();
            }
            if (!beginReap()) {
                throw notAlive();
            }
            try {
                Siginfo got = reapingWaitid(bits, options);
                if (got.pid() == 0) {
                    return Optional.empty();
                }
                ChildState state = ChildState.fromSiginfo(got);
                if (state.died()) {
                    child.markDead(state);
                }
                return Optional.of(state);
            } finally {
                endReap();
            }
        }
    }

    /** One waitid in the reaping section, into a buffer freed before it returns. */
    private Siginfo reapingWaitid(long bits, Set<WaitOption> options) {
        Pointer<Siginfo> info = siginfoBuffer();
        try {
            try (Pointer<Siginfo>.Borrow b = info.borrow(child.task())) {
                checkWaitid(waitidRaw(bits, b.address(), 0), options);
            }
            return info.read();
        } finally {
            info.free();
        }
    }

    /** A zeroed siginfo buffer: with WNOHANG and nothing to report, Linux may leave parts of it untouched. */
    Pointer<Siginfo> siginfoBuffer() {
        return child.task().allocator().allocate(Siginfo.CODEC).write(Siginfo.ZERO);
    }

    /** Without the exit watcher: one waiter blocks in waitid for everyone; the others wait on the monitor. */
    ChildState waitHere() {
        synchronized (child) {
            while (child.deathState().isEmpty() && waiting) {
                try {
                    child.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new WaitInterruptedException(child, e);
                }
            }
            if (child.deathState().isPresent()) {
                return child.deathState().orElseThrow();
            }
            waiting = true;
        }
        try {
            reapOnceExited(true);
        } finally {
            synchronized (child) {
                waiting = false;
                child.notifyAll();
            }
        }
        return child.deathState().orElseThrow(
                () -> new SyscallTransportException("waitid(WEXITED) returned without reaping " + child));
    }

    /**
     * Reaps the child once it has exited: with {@code block}, first waits for the exit without reaping (WNOWAIT),
     * so that calls naming the pid go on meanwhile; then reaps in the exclusive section and marks the child dead.
     */
    boolean reapOnceExited(boolean block) {
        if (block) {
            // no siginfo buffer before the reaping section: a waiter that loses the race to reap would still hold
            // it when the winner completes onExit; Linux accepts a null infop, and nothing reads this one
            long r = waitidRaw(WaitOption.WEXITED.value() | WaitOption.WNOWAIT.value(), 0, 0);
            if (r == -Errno.ECHILD.number() && child.deathState().isPresent()) {
                return true;   // reaped meanwhile by a low-level waitid, which marked it dead
            }
            checkWaitid(r, EnumSet.of(WaitOption.WEXITED, WaitOption.WNOWAIT));
        }
        // the buffer is allocated only once this thread may reap: a loser (the exit watcher woken by the pidfd
        // while another thread reaps) allocates nothing, so it holds nothing after onExit completed
        if (!beginReap()) {
            return true;
        }
        try {
            // freed before the child is marked dead: a waiter woken by that may count this memory as leaked
            Siginfo got = reapingWaitid(EXITED_NOHANG_BITS, EXITED_NOHANG);
            if (got.pid() == 0) {
                // not exited after all: the watcher acted on a stale event of an earlier fd with this number
                return false;
            }
            child.markDead(ChildState.fromSiginfo(got));
            return true;
        } finally {
            endReap();
        }
    }

    /**
     * For a platform thread on a real kernel: blocks in {@code ppoll} on the pidfd itself, then reaps, so that the
     * exit wakes this thread once, not the exit watcher's first and this one after it. An interrupt reaches the
     * {@code ppoll} through an eventfd polled beside the pidfd ({@link BlockingPoll}). A virtual thread must not
     * come here: the blocking call would pin its carrier.
     *
     * @param timeoutNanos negative to wait without a limit
     * @return the state, or empty if the timeout passed first
     */
    Optional<ChildState> blockOnPidfd(FileDescriptor fd, long timeoutNanos) {
        Task t = child.task();
        long start = System.nanoTime();
        while (child.deathState().isEmpty()) {
            long left = timeoutNanos < 0 ? -1 : Math.max(0, timeoutNanos - (System.nanoTime() - start));
            long r = pollPidfd(t, fd, left);
            if (watcher().stopped() && child.deathState().isEmpty()) {
                throw new dev.jsyscall.MisuseException("the kernel of " + child + " was closed while this thread"
                        + " waited for it to exit");
            }
            if (r > 0) {
                // readable: the child exited (ppoll reads the file's state now, so no stale event as with epoll)
                reapOnceExited(false);
            } else if (r == 0) {
                return child.deathState();   // timed out
            }
            // else EINTR (a signal the JVM handles): poll again for what is left of the timeout
        }
        return child.deathState();
    }

    /** One {@code ppoll} of the pidfd, which an interrupt or the kernel's close wakes: ready fds, 0, or -EINTR. */
    private long pollPidfd(Task t, FileDescriptor fd, long timeoutNanos) {
        BlockingPoll wait = BlockingPoll.enter((LocalTask) t, new WaitDescription("wait for ", child, " to exit"));
        long r;
        boolean interrupted;
        try {
            r = wait.poll(fd, Poll.POLLIN, timeoutNanos);
        } catch (FileDescriptorClosedException reaped) {
            r = 1;   // reaped meanwhile by another thread, which marked the child dead
        } finally {
            interrupted = wait.leave();
        }
        if (interrupted) {
            // the flag stays set, as the contract says
            throw new WaitInterruptedException(child, new InterruptedException("interrupted while waiting for "
                    + child));
        }
        return r;
    }

    /** The exit watcher of the child's kernel, which its close stops (only real kernels block on a pidfd here). */
    private ExitWatcher watcher() {
        return ((LocalTask) child.task()).exitWatcher();
    }

    static long saturatedNanos(java.time.Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** One {@code epoll_pwait} in the owning task for the pidfd to turn readable (the child exited). */
    boolean readableWithin(FileDescriptor fd, java.time.Duration timeout) {
        Task t = child.task();
        long millis = (saturatedNanos(timeout) + 999_999) / 1_000_000;
        int ms = (int) Math.min(Integer.MAX_VALUE, millis);
        int epfd = t.call(Epoll.epollCreate1(Epoll.EPOLL_CLOEXEC));
        Pointer<byte[]> events = t.allocator().allocateBytes(Epoll.eventSize(t.arch()));
        try (FileDescriptor.Use u = fd.use(t); Pointer<byte[]>.Borrow b = events.borrow(t)) {
            t.call(Epoll.epollCtl(t.arch(), epfd, Epoll.EPOLL_CTL_ADD,
                    u.number(), Epoll.EPOLLIN, 0));
            return t.call(Epoll.epollPwait(epfd, b.address(), 1, ms, 0, 0)) > 0;
        } catch (FileDescriptorClosedException reaped) {
            return true;   // reaped meanwhile: waitForExit returns its state
        } finally {
            events.free();
            t.call(Unistd.close(epfd));
        }
    }
}
