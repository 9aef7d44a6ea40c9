// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.MisuseException;
import dev.jsyscall.internal.Readiness;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.linux.epoll.Epoll;
import dev.jsyscall.linux.eventfd.EventFd;
import dev.jsyscall.linux.mman.Mman;
import dev.jsyscall.linux.signal.SigSet;
import dev.jsyscall.linux.unistd.Unistd;
import dev.jsyscall.near.MemoryMapping;
import dev.jsyscall.spi.SyscallTransportException;
import dev.jsyscall.struct.Bytes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The local task's one readiness loop: platform threads in {@code epoll_pwait} over every fd some thread waits
 * for — pidfds of children whose exit is awaited ({@link ExitWatcher}), the JVM's ends of spawned programs' pipes,
 * driven children's reply channels read from virtual threads. A waiter registers its fd for one event
 * ({@code EPOLLONESHOT}) and parks; the loop deregisters it and wakes it. This is the JDK's design for
 * virtual-thread sockets: a blocking syscall made from a virtual thread would pin its carrier, and once every
 * carrier is pinned the threads that would unblock them never run. An eventfd wakes the loop to stop it.
 *
 * <p>The loop runs on {@link #THREADS} threads that wait on the same epoll fd and take turns (leader/followers):
 * each event goes to one of them, so a thread that was woken while another still waits has handed the watch on.
 * Work that must not hold up the loop (an {@code onExit} future's callbacks, which may block) then runs on it once
 * it has served its events ({@link #runAfterEvents}), instead of hopping to another thread, which costs a wake-up
 * (tens of µs) on every exit. A thread woken while none other waits hands nothing on, and such work hops.
 *
 * <p>Only on real kernels: the fake backend runs its blocking calls on the caller's thread, deterministically.
 */
final class Poller implements Readiness {
    private static final int MAX_EVENTS = 64;
    /** The epoll data of the eventfd; registrations count up from 1. */
    private static final long WAKE = 0;
    /** Threads of one loop: two, so that one waits while the other serves what it was woken for. */
    static final int THREADS = 2;
    /**
     * Set while a loop thread serves events that it was woken for while another of its loop's threads waited: the
     * work handed to {@link #runAfterEvents} during that turn.
     */
    private static final ThreadLocal<List<Deferred>> HANDED_OVER = new ThreadLocal<>();

    /** Work for the end of the turn, and where it goes if this thread does not run it. */
    private static final class Deferred {
        final Runnable work;
        final java.util.concurrent.Executor otherwise;

        Deferred(Runnable work, java.util.concurrent.Executor otherwise) {
            this.work = work;
            this.otherwise = otherwise;
        }
    }

    /** What the loop calls, on its own thread, for a registration made with {@link #watch}. */
    interface Listener {
        void ready();

        /** The loop stopped (its kernel was closed) or failed before the fd was ready. */
        void abandoned(RuntimeException why);
    }

    private final LocalTask task;
    private final int eventSize;
    private final int dataOffset;
    private final int epollCtl;
    private final Map<Long, Registration> registered = new HashMap<>();
    private long nextToken = WAKE + 1;
    private int epfd = -1;
    private int wakeFd = -1;
    /** The loop's threads, once started. */
    private List<Thread> threads;
    /** How many of them are in (or about to enter) {@code epoll_pwait}. */
    private int waiting;
    private boolean stopping;
    /** {@link #stop} was called (stopping is also set by a failure, which leaves the fds to it). */
    private boolean stopCalled;
    private RuntimeException failure;
    /**
     * Each loop thread's event buffer while the thread may still use it. {@link #stop} takes the buffers of the
     * threads that run callbacks ({@link #inCallbacks}) and unmaps them itself, as it does not wait for those
     * threads: a thread whose buffer is gone makes no syscall again (the kernel may be closed under it).
     */
    private final Map<Thread, MemoryMapping> buffers = new HashMap<>();
    /** Loop threads running work of {@link #runAfterEvents}: a callback may block, or close the kernel itself. */
    private final Set<Thread> inCallbacks = new java.util.HashSet<>();

    Poller(LocalTask task) {
        this.task = task;
        this.eventSize = Epoll.eventSize(task.arch());
        this.dataOffset = Epoll.dataOffset(task.arch());
        this.epollCtl = Syscall.EPOLL_CTL.number(task.arch());
    }

    /** The epoll fd and the eventfd, while the loop runs. */
    synchronized Set<Integer> fds() {
        return threads == null || stopCalled ? Set.of() : Set.of(epfd, wakeFd);
    }

    @Override
    public Registration register(int fd, int events) {
        return watch(fd, events, null);
    }

    /**
     * Registers {@code fd} for one event; {@code listener} (null: park on the returned wait) runs on the loop's
     * thread, so it must be short.
     */
    synchronized Registration watch(int fd, int events, Listener listener) {
        if (events != READABLE && events != WRITABLE) {
            throw new IllegalArgumentException("events must be READABLE (EPOLLIN) or WRITABLE (EPOLLOUT), was 0x"
                    + Integer.toHexString(events));
        }
        if (failure != null) {
            throw new SyscallTransportException("the readiness loop of " + task + " failed", failure);
        }
        if (stopping) {
            throw new MisuseException("the readiness loop of " + task + " is stopped (its kernel was closed)");
        }
        start();
        Registration r = new Registration(nextToken++, fd, listener);
        add(fd, events | Epoll.EPOLLONESHOT, r.token);
        registered.put(r.token, r);
        return r;
    }

    private void start() {
        if (threads != null) {
            return;
        }
        epfd = task.call(Epoll.epollCreate1(Epoll.EPOLL_CLOEXEC));
        wakeFd = task.call(EventFd.eventfd2(0, EventFd.EFD_CLOEXEC));
        // level-triggered and never read: once written, every thread's epoll_pwait returns it, each to stop
        add(wakeFd, READABLE, WAKE);
        threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Thread t = new Thread(this::run, "jsyscall-poller");
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /**
     * Runs {@code work}, which may take long or block, on the calling thread once it has served its turn's events,
     * if it is one of a loop's threads that was woken while another of its loop's threads waited on the epoll fd:
     * it then holds up no fd's readiness, and no lock or section that the listeners held. Otherwise, and for all
     * but the last of several such pieces of work in one turn (one of them may block), {@code otherwise} runs it.
     */
    static void runAfterEvents(Runnable work, java.util.concurrent.Executor otherwise) {
        List<Deferred> mine = HANDED_OVER.get();
        if (mine == null) {
            otherwise.execute(work);
        } else {
            mine.add(new Deferred(work, otherwise));
        }
    }

    /** The work of one turn: all but the last to their executors, the last on this thread (see runAfterEvents). */
    private static void runDeferred(List<Deferred> deferred) {
        for (int i = 0; i < deferred.size(); i++) {
            Deferred d = deferred.get(i);
            if (i < deferred.size() - 1) {
                d.otherwise.execute(d.work);
                continue;
            }
            try {
                d.work.run();
            } catch (RuntimeException | Error e) {
                // the work's own failure: reported as a thread of its own would, and the loop goes on
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
            }
        }
    }

    private void add(int fd, int events, long data) {
        task.call(Epoll.epollCtl(task.arch(), epfd, Epoll.EPOLL_CTL_ADD, fd, events, data));
    }

    /** Called with the lock held, for a registration just taken out of the map (fired or cancelled). */
    private void deregister(Registration r) {
        // a oneshot registration that fired stays in the interest list, disabled, until removed: remove it while
        // the fd is surely open (owners cancel before they close), or a later file with this number could not be
        // added, and a copy of the file held by another process would keep it there
        // raw on purpose: this runs for every event the loop serves, and a request value would be allocated each
        // time; Epoll.epollCtlDel defines the call and reports its error
        long res = task.sysif().syscall(epollCtl, epfd, Epoll.EPOLL_CTL_DEL, r.fd, 0, 0, 0);
        if (res == -Errno.EBADF.number() || res == -Errno.ENOENT.number()) {
            // its owner closed the fd without cancelling (a pidfd closed by a reaper on another thread): epoll
            // dropped it with the file's last copy, or the number names another file; nothing is left to remove
            return;
        }
        if (res < 0) {
            Epoll.epollCtlDel(epfd, r.fd).check(res);   // built only to report the error: the request allocates
        }
    }

    private void run() {
        // the event buffer lives as long as the thread: its own mapping, not the allocator's (whose bytes in use
        // are how leaks are counted)
        MemoryMapping events = task.mmap(Mman.PAGE_SIZE, Mman.PROT_READ | Mman.PROT_WRITE,
                Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS);
        Thread me = Thread.currentThread();
        synchronized (this) {
            buffers.put(me, events);
        }
        long addr = events.address().value();
        byte[] got = new byte[MAX_EVENTS * eventSize];
        // built once: the loop makes the same call every turn and allocates nothing for it
        SyscallRequest<Integer> wait = Epoll.epollPwait(epfd, addr, MAX_EVENTS, -1, 0, SigSet.KERNEL_SIZE);
        try {
            while (true) {
                synchronized (this) {
                    inCallbacks.remove(me);
                    if (stopping) {
                        return;   // stopped while this thread ran callbacks: the epoll fd may be closed
                    }
                    waiting++;
                }
                long n = Task.callRaw(task, wait);
                if (!serve(n, wait, addr, got, me)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            RuntimeException why = new SyscallTransportException("the readiness loop of " + task + " failed", e);
            synchronized (this) {
                failure = why;
            }
            abandonAll(why);
            wakeOthers();
        } finally {
            MemoryMapping mine;
            synchronized (this) {
                inCallbacks.remove(me);
                mine = buffers.remove(me);
            }
            if (mine != null) {
                task.munmap(mine);   // else stop took it: the kernel may be closed already
            }
        }
    }

    /**
     * Serves one turn's {@code n} events (or error): a method of its own, not the loop's body, so that the JIT
     * compiles it; a loop entered once per thread stays in the interpreter until on-stack replacement, which the
     * thousands of turns of a busy program do not reach. False once the thread must stop.
     */
    private boolean serve(long n, SyscallRequest<Integer> wait, long addr, byte[] got, Thread me) {
        boolean handedOver;
        synchronized (this) {
            waiting--;
            handedOver = waiting > 0;
        }
        if (n == -Errno.EINTR.number()) {
            return true;
        }
        wait.check(n);
        task.addressSpace().memory().read(addr, got, 0, (int) n * eventSize);
        ByteBuffer view = Bytes.le(got);
        List<Registration> ready = new ArrayList<>();
        boolean stop = false;
        synchronized (this) {
            for (int i = 0; i < n; i++) {
                long token = view.getLong(i * eventSize + dataOffset);
                if (token == WAKE) {
                    stop |= stopping;
                    continue;
                }
                // absent: cancelled after the event was queued
                Registration r = registered.remove(token);
                if (r != null) {
                    deregister(r);
                    ready.add(r);
                }
            }
        }
        if (stop) {
            // taken out of the map in this turn, so the stop's abandonAll does not see them
            RuntimeException why = stopReason();
            ready.forEach(r -> r.abandon(why));
            return false;
        }
        List<Deferred> deferred = handedOver ? new ArrayList<>() : null;
        HANDED_OVER.set(deferred);
        try {
            for (Registration r : ready) {
                try {
                    r.fire();
                } catch (RuntimeException e) {
                    // one listener's failure is its own: the loop goes on serving the others
                    r.abandon(e);
                }
            }
        } finally {
            HANDED_OVER.remove();
        }
        if (deferred != null && !deferred.isEmpty()) {
            boolean here;
            synchronized (this) {
                // decided under the lock that stop() takes its snapshot under: a stop either sees this
                // thread among those running callbacks (and does not wait for it) or came first
                here = !stopping;
                if (here) {
                    inCallbacks.add(me);
                }
            }
            if (here) {
                runDeferred(deferred);
            } else {
                deferred.forEach(d -> d.otherwise.execute(d.work));
            }
        }
        return true;
    }

    /** Why a registration is abandoned once the loop stops: its failure, or the kernel's close. */
    private synchronized RuntimeException stopReason() {
        return failure != null ? failure : new MisuseException("the kernel of " + task + " was closed");
    }

    /** After a failure: the loop's other threads stop too (the eventfd wakes them, and they see the failure). */
    private void wakeOthers() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            try {
                writeWake();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);   // the other threads wait on, as one loop would have after a failure
            }
        }
    }

    /** Makes the eventfd readable for good: every thread's next {@code epoll_pwait} returns at once. */
    private void writeWake() {
        WrittenPointer<Long> one = task.allocator().write(Bytes.LONG, 1L);
        try (Pointer<Long>.Borrow b = one.borrow(task)) {
            task.call(Unistd.write(wakeFd, b.address(), 8));
        } finally {
            one.free();
        }
    }

    private void abandonAll(RuntimeException why) {
        List<Registration> all;
        synchronized (this) {
            all = new ArrayList<>(registered.values());
            registered.clear();
        }
        for (Registration r : all) {
            r.abandon(why);
        }
    }

    /**
     * Stops the loop: every registration still waiting is abandoned, and the loop's threads end; returns once those
     * not running callbacks ({@link #runAfterEvents}) have, since the kernel's close frees what they use next.
     */
    void stop() {
        List<Thread> join = new ArrayList<>();
        List<MemoryMapping> taken = new ArrayList<>();
        synchronized (this) {
            if (threads == null || stopCalled) {
                stopping = true;
                stopCalled = true;
                return;
            }
            stopCalled = true;
            boolean written = stopping;   // a failure wrote the eventfd already
            stopping = true;
            if (!written) {
                writeWake();
            }
            for (Thread t : threads) {
                if (inCallbacks.contains(t)) {
                    // running callbacks, which may block (or be this very close): not waited for; its buffer is
                    // unmapped here while the kernel still answers, and it stops without a syscall once they return
                    MemoryMapping m = buffers.remove(t);
                    if (m != null) {
                        taken.add(m);
                    }
                } else {
                    join.add(t);
                }
            }
        }
        taken.forEach(task::munmap);
        boolean interrupted = false;
        for (Thread t : join) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        abandonAll(new MisuseException("the kernel of " + task + " was closed"));
        synchronized (this) {
            // the thread is gone and nothing else holds these numbers: an error could only be EINTR, after which
            // Linux has closed the fd anyway
            Task.callRaw(task, Unistd.close(epfd));
            Task.callRaw(task, Unistd.close(wakeFd));
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One registration: a listener's, or a wait that a thread parks on. */
    final class Registration implements Readiness.Wait {
        private final long token;
        private final int fd;
        private final Listener listener;
        private final CompletableFuture<Boolean> done = new CompletableFuture<>();

        Registration(long token, int fd, Listener listener) {
            this.token = token;
            this.fd = fd;
            this.listener = listener;
        }

        void fire() {
            if (listener != null) {
                listener.ready();
            }
            done.complete(true);
        }

        void abandon(RuntimeException why) {
            if (listener != null) {
                listener.abandoned(why);
            }
            done.completeExceptionally(why);
        }

        @Override
        public boolean await() throws InterruptedException {
            try {
                // a virtual thread parks here and frees its carrier
                return done.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
        }

        @Override
        public boolean awaitUninterruptibly() {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return await();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public CompletableFuture<Boolean> future() {
            return done.copy();
        }

        @Override
        public void cancel() {
            synchronized (Poller.this) {
                if (registered.remove(token) != null) {
                    deregister(this);
                }
            }
            done.complete(false);
        }

        @Override
        public String toString() {
            return "Registration(fd " + fd + ")";
        }
    }
}
