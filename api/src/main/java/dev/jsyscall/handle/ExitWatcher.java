package dev.jsyscall.handle;

import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.signal.SigSet;
import dev.jsyscall.struct.Bytes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One platform thread per local task that waits, with epoll, for the pidfds of every child whose
 * {@link ChildProcess#onExit()} was asked for, and reaps each as its pidfd becomes readable (the child exited).
 * No thread per child, no polling interval. An eventfd wakes the thread to stop it.
 */
final class ExitWatcher {
    private static final int EPOLLIN = 0x001;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLL_CTL_DEL = 2;
    private static final int CLOEXEC = 02000000;
    private static final int MAX_EVENTS = 64;

    private final LocalTask task;
    private final int eventSize;
    private final Map<Integer, ChildProcess> watched = new HashMap<>();
    private int epfd = -1;
    private int wakeFd = -1;
    private Thread thread;
    private boolean stopping;

    ExitWatcher(LocalTask task) {
        this.task = task;
        // struct epoll_event is packed on x86_64 (12 bytes) but naturally aligned elsewhere (16 bytes)
        this.eventSize = task.arch() == Arch.X86_64 ? 12 : 16;
    }

    synchronized Set<Integer> fds() {
        return thread == null || stopping ? Set.of() : Set.of(epfd, wakeFd);
    }

    synchronized void watch(ChildProcess child) {
        if (stopping) {
            throw new IllegalStateException("the exit watcher of " + task + " is stopped (its kernel was closed)");
        }
        start();
        FileDescriptor pidfd = child.pidfd().orElse(null);
        if (pidfd == null) {
            return;   // reaped meanwhile: its future is complete
        }
        try (FileDescriptor.Use u = pidfd.use(task)) {
            watched.put(u.number(), child);
            ctl(EPOLL_CTL_ADD, u.number());
        } catch (FileDescriptorClosedException reaped) {
            // reaped meanwhile, as above
        }
    }

    /**
     * Forgets {@code child}, reaped by someone else, before its pidfd is closed: closing removes the fd from the
     * epoll set, and a later fd that gets the same number must not be taken for this child.
     */
    synchronized void unwatch(ChildProcess child, FileDescriptor pidfd) {
        if (pidfd != null && watched.get(pidfd.near().number()) == child) {
            watched.remove(pidfd.near().number());
        }
    }

    private void start() {
        if (thread != null) {
            return;
        }
        epfd = (int) ErrnoException.check(raw(Syscall.EPOLL_CREATE1, CLOEXEC, 0, 0, 0, 0, 0), Syscall.EPOLL_CREATE1,
                "EPOLL_CLOEXEC");
        wakeFd = (int) ErrnoException.check(raw(Syscall.EVENTFD2, 0, CLOEXEC, 0, 0, 0, 0), Syscall.EVENTFD2,
                "EFD_CLOEXEC");
        ctl(EPOLL_CTL_ADD, wakeFd);
        thread = new Thread(this::run, "jsyscall-exit-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void ctl(int op, int fd) {
        WrittenPointer<byte[]> ev = task.allocator().write(Bytes.RAW, event(fd));
        try (Pointer<byte[]>.Borrow b = ev.borrow(task)) {
            ErrnoException.check(raw(Syscall.EPOLL_CTL, epfd, op, fd, b.address(), 0, 0), Syscall.EPOLL_CTL,
                    "epfd=" + epfd, op == EPOLL_CTL_ADD ? "EPOLL_CTL_ADD" : "EPOLL_CTL_DEL", "fd=" + fd);
        } finally {
            ev.free();
        }
    }

    private byte[] event(int fd) {
        ByteBuffer b = Bytes.allocate(eventSize);
        b.putInt(0, EPOLLIN);
        b.putLong(eventSize - 8, fd);
        return b.array();
    }

    private void run() {
        // the event buffer lives as long as the thread: its own mapping, not the allocator's (whose bytes in use
        // are how leaks are counted)
        long length = dev.jsyscall.linux.mman.Mman.PAGE_SIZE;
        dev.jsyscall.near.MemoryMapping events = task.mmap(length, dev.jsyscall.linux.mman.Mman.PROT_READ
                | dev.jsyscall.linux.mman.Mman.PROT_WRITE, dev.jsyscall.linux.mman.Mman.MAP_PRIVATE
                | dev.jsyscall.linux.mman.Mman.MAP_ANONYMOUS);
        long addr = events.address().value();
        byte[] got = new byte[MAX_EVENTS * eventSize];
        try {
            while (true) {
                long n = raw(Syscall.EPOLL_PWAIT, epfd, addr, MAX_EVENTS, -1, 0, SigSet.KERNEL_SIZE);
                if (n == -Errno.EINTR.number()) {
                    continue;
                }
                ErrnoException.check(n, Syscall.EPOLL_PWAIT, "epfd=" + epfd);
                task.addressSpace().memory().read(addr, got, 0, (int) n * eventSize);
                ByteBuffer view = Bytes.le(got);
                List<ChildProcess> exited = new ArrayList<>();
                synchronized (this) {
                    for (int i = 0; i < n; i++) {
                        int fd = (int) view.getLong(i * eventSize + eventSize - 8);
                        if (fd == wakeFd) {
                            if (stopping) {
                                return;
                            }
                            continue;
                        }
                        ChildProcess child = watched.remove(fd);
                        if (child != null) {
                            // a child still in the map has its pidfd open (unwatch comes before the close)
                            ctl(EPOLL_CTL_DEL, fd);
                            exited.add(child);
                        }
                    }
                }
                for (ChildProcess child : exited) {
                    child.reapForWatcher();
                }
            }
        } catch (RuntimeException e) {
            failAll(new IllegalStateException("the exit watcher of " + task + " failed", e));
        } finally {
            task.munmap(events);
        }
    }

    private synchronized void failAll(RuntimeException why) {
        for (ChildProcess c : watched.values()) {
            c.abandonWatch(why);
        }
        watched.clear();
    }

    /** Stops the thread; children still watched get their futures completed exceptionally. */
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
                ErrnoException.check(raw(Syscall.WRITE, wakeFd, b.address(), 8, 0, 0, 0), Syscall.WRITE,
                        "eventfd=" + wakeFd);
            } finally {
                one.free();
            }
        }
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            failAll(new IllegalStateException("the kernel was closed before the child exited"));
            raw(Syscall.CLOSE, epfd, 0, 0, 0, 0, 0);
            raw(Syscall.CLOSE, wakeFd, 0, 0, 0, 0, 0);
        }
    }

    private long raw(Syscall s, long a0, long a1, long a2, long a3, long a4, long a5) {
        return task.sysif().syscall(s.number(task.arch()), a0, a1, a2, a3, a4, a5);
    }
}
