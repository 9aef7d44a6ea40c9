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
 * The local task's one readiness loop: a platform thread in {@code epoll_pwait} over every fd some thread waits
 * for — pidfds of children whose exit is awaited ({@link ExitWatcher}), the JVM's ends of spawned programs' pipes,
 * driven children's reply channels read from virtual threads. A waiter registers its fd for one event
 * ({@code EPOLLONESHOT}) and parks; the loop deregisters it and wakes it. This is the JDK's design for
 * virtual-thread sockets: a blocking syscall made from a virtual thread would pin its carrier, and once every
 * carrier is pinned the threads that would unblock them never run. An eventfd wakes the loop to stop it.
 *
 * <p>Only on real kernels: the fake backend runs its blocking calls on the caller's thread, deterministically.
 */
final class Poller implements Readiness {
    private static final int MAX_EVENTS = 64;
    /** The epoll data of the eventfd; registrations count up from 1. */
    private static final long WAKE = 0;

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
    private Thread thread;
    private boolean stopping;
    private RuntimeException failure;

    Poller(LocalTask task) {
        this.task = task;
        this.eventSize = Epoll.eventSize(task.arch());
        this.dataOffset = Epoll.dataOffset(task.arch());
        this.epollCtl = Syscall.EPOLL_CTL.number(task.arch());
    }

    /** The epoll fd and the eventfd, while the loop runs. */
    synchronized Set<Integer> fds() {
        return thread == null || stopping ? Set.of() : Set.of(epfd, wakeFd);
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
        if (stopping) {
            throw new MisuseException("the readiness loop of " + task + " is stopped (its kernel was closed)");
        }
        if (failure != null) {
            throw new SyscallTransportException("the readiness loop of " + task + " failed", failure);
        }
        start();
        Registration r = new Registration(nextToken++, fd, listener);
        add(fd, events | Epoll.EPOLLONESHOT, r.token);
        registered.put(r.token, r);
        return r;
    }

    private void start() {
        if (thread != null) {
            return;
        }
        epfd = task.call(Epoll.epollCreate1(Epoll.EPOLL_CLOEXEC));
        wakeFd = task.call(EventFd.eventfd2(0, EventFd.EFD_CLOEXEC));
        add(wakeFd, READABLE, WAKE);
        thread = new Thread(this::run, "jsyscall-poller");
        thread.setDaemon(true);
        thread.start();
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
        Epoll.epollCtlDel(epfd, r.fd).check(res);
    }

    private void run() {
        // the event buffer lives as long as the thread: its own mapping, not the allocator's (whose bytes in use
        // are how leaks are counted)
        MemoryMapping events = task.mmap(Mman.PAGE_SIZE, Mman.PROT_READ | Mman.PROT_WRITE,
                Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS);
        long addr = events.address().value();
        byte[] got = new byte[MAX_EVENTS * eventSize];
        // built once: the loop makes the same call every turn and allocates nothing for it
        SyscallRequest<Integer> wait = Epoll.epollPwait(epfd, addr, MAX_EVENTS, -1, 0, SigSet.KERNEL_SIZE);
        try {
            while (true) {
                long n = Task.callRaw(task, wait);
                if (n == -Errno.EINTR.number()) {
                    continue;
                }
                wait.check(n);
                task.addressSpace().memory().read(addr, got, 0, (int) n * eventSize);
                ByteBuffer view = Bytes.le(got);
                List<Registration> ready = new ArrayList<>();
                synchronized (this) {
                    for (int i = 0; i < n; i++) {
                        long token = view.getLong(i * eventSize + dataOffset);
                        if (token == WAKE) {
                            if (stopping) {
                                return;
                            }
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
                for (Registration r : ready) {
                    try {
                        r.fire();
                    } catch (RuntimeException e) {
                        // one listener's failure is its own: the loop goes on serving the others
                        r.abandon(e);
                    }
                }
            }
        } catch (RuntimeException e) {
            RuntimeException why = new SyscallTransportException("the readiness loop of " + task + " failed", e);
            synchronized (this) {
                failure = why;
            }
            abandonAll(why);
        } finally {
            task.munmap(events);
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

    /** Stops the thread; every registration still waiting is abandoned. */
    void stop() {
        Thread t;
        synchronized (this) {
            if (thread == null || stopping) {
                stopping = true;
                return;
            }
            stopping = true;
            t = thread;
            WrittenPointer<Long> one = task.allocator().write(Bytes.LONG, 1L);
            try (Pointer<Long>.Borrow b = one.borrow(task)) {
                task.call(Unistd.write(wakeFd, b.address(), 8));
            } finally {
                one.free();
            }
        }
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
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
