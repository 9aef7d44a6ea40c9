// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi.decorator;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.spi.SyscallInterface;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A backend whose chosen local syscalls fail with a chosen errno, to test what a program does when the kernel
 * says no. Only errnos Linux can really return for that syscall are accepted ({@link #linuxErrnos}, each with
 * the situation that causes it), {@code EINTR} only where a real kernel returns it; a fault the kernel reports
 * after doing the work (close's EINTR and EIO: Linux has released the fd) runs the call and then reports it.
 *
 * <pre>{@code
 * FaultInjectingBackend b = FaultInjectingBackend.builder(new JnrProvider().open())
 *         .failNext(Syscall.PIPE2, Errno.EMFILE, 1)   // the next pipe2 finds the fd table full
 *         .build();
 * }</pre>
 *
 * <p>With no fault chosen it behaves exactly as the backend it wraps (the conformance suite checks this).
 *
 * @since 0.2
 */
public final class FaultInjectingBackend extends Decorated {

    private record Situation(String why, boolean workDone) {
    }

    private static final Map<Syscall, Map<Errno, Situation>> LINUX = new EnumMap<>(Syscall.class);

    private static void can(Syscall s, Errno e, String why) {
        LINUX.computeIfAbsent(s, k -> new LinkedHashMap<>()).put(e, new Situation(why, false));
    }

    static {
        String fdLimit = "the process has RLIMIT_NOFILE fds open";
        String fileMax = "the system-wide limit on open files (fs.file-max) is reached";
        String handler = "a signal handler without SA_RESTART ran while it blocked";
        can(Syscall.READ, Errno.EINTR, handler + ", before any byte arrived");
        can(Syscall.READ, Errno.EAGAIN, "the fd is O_NONBLOCK and nothing is there to read");
        can(Syscall.READ, Errno.EIO, "a low-level I/O error (a terminal of a background group, a disk)");
        can(Syscall.WRITE, Errno.EINTR, handler + ", before any byte was written");
        can(Syscall.WRITE, Errno.EAGAIN, "the fd is O_NONBLOCK and the pipe or socket is full");
        can(Syscall.WRITE, Errno.ENOSPC, "the device holding the file is full");
        can(Syscall.OPENAT, Errno.EMFILE, fdLimit);
        can(Syscall.OPENAT, Errno.ENFILE, fileMax);
        can(Syscall.OPENAT, Errno.ENOENT, "the file or a directory on its path is gone");
        can(Syscall.OPENAT, Errno.EACCES, "a directory on the path or the file denies the access");
        can(Syscall.OPENAT, Errno.EINTR, handler + " while opening a FIFO waited for the other end");
        can(Syscall.PIPE2, Errno.EMFILE, fdLimit);
        can(Syscall.PIPE2, Errno.ENFILE, fileMax);
        can(Syscall.DUP, Errno.EMFILE, fdLimit);
        can(Syscall.DUP3, Errno.EBUSY, "another thread's open() was installing that fd number at the same moment");
        can(Syscall.DUP3, Errno.EINTR, handler + " while closing the fd that newfd named");
        can(Syscall.CLONE, Errno.EAGAIN, "RLIMIT_NPROC, threads-max or the pid cgroup's pids.max is reached");
        can(Syscall.CLONE, Errno.ENOMEM, "the kernel could not allocate the new task");
        can(Syscall.CLONE3, Errno.ENOSYS, "a seccomp profile (container runtimes) refuses clone3; callers fall back");
        can(Syscall.CLONE3, Errno.EPERM, "a seccomp profile that denies what it does not know refuses clone3;"
                + " callers fall back");
        can(Syscall.CLONE3, Errno.EAGAIN, "RLIMIT_NPROC, threads-max or the pid cgroup's pids.max is reached");
        can(Syscall.WAITID, Errno.EINTR, handler + " while it waited (no WNOHANG)");
        can(Syscall.WAIT4, Errno.EINTR, handler + " while it waited (no WNOHANG)");
        can(Syscall.KILL, Errno.EPERM, "the caller may not signal that process (another user, no CAP_KILL)");
        can(Syscall.KILL, Errno.ESRCH, "no process has that pid (it was reaped)");
        can(Syscall.PIDFD_SEND_SIGNAL, Errno.EPERM, "the caller may not signal that process");
        can(Syscall.PIDFD_SEND_SIGNAL, Errno.ESRCH, "the process has ended and been waited for");
        can(Syscall.PIDFD_OPEN, Errno.EMFILE, fdLimit);
        can(Syscall.PIDFD_OPEN, Errno.ESRCH, "no process has that pid (it was reaped)");
        can(Syscall.EPOLL_PWAIT, Errno.EINTR, "a signal handler ran before any event; epoll waits never restart");
        can(Syscall.EPOLL_WAIT, Errno.EINTR, "a signal handler ran before any event; epoll waits never restart");
        can(Syscall.MMAP, Errno.ENOMEM, "no room in the address space, or RLIMIT_AS / vm.max_map_count reached");
        can(Syscall.NANOSLEEP, Errno.EINTR, "a signal handler ran; nanosleep never restarts");
        can(Syscall.CLOCK_NANOSLEEP, Errno.EINTR, "a signal handler ran; clock_nanosleep never restarts");
        // close releases the fd before it can report these, so the fault must do the work too
        String released = "; Linux has released the fd all the same";
        LINUX.computeIfAbsent(Syscall.CLOSE, k -> new LinkedHashMap<>())
                .put(Errno.EINTR, new Situation(handler + " while the last close flushed" + released, true));
        LINUX.get(Syscall.CLOSE).put(Errno.EIO, new Situation("an NFS write-back failed" + released, true));
    }

    private record Fault(Errno errno, AtomicLong left, boolean workDone) {
    }

    private final Map<Syscall, Fault> faults;
    private final AtomicLong injected = new AtomicLong();

    private FaultInjectingBackend(Builder b) {
        super(b.delegate, "(faults injected)");
        // fresh counters: two backends built from one builder do not share their remaining faults
        this.faults = new EnumMap<>(Syscall.class);
        b.faults.forEach((s, f) -> faults.put(s, new Fault(f.errno(), new AtomicLong(f.left().get()), f.workDone())));
    }

    /**
     * A builder over {@code delegate}, with no fault until one is chosen.
     *
     * @param delegate the backend whose syscalls it passes on or fails
     * @return a builder with no faults
     * @throws NullPointerException if {@code delegate} is null
     */
    public static Builder builder(SyscallBackend delegate) {
        return new Builder(Objects.requireNonNull(delegate, "delegate"));
    }

    /**
     * The errnos this class accepts for {@code syscall}, each with the situation in which Linux returns it; empty
     * for a syscall it has no entry for.
     *
     * @param syscall the syscall
     * @return each errno Linux can return for it, with the reason; empty if none is known
     */
    public static Map<Errno, String> linuxErrnos(Syscall syscall) {
        Map<Errno, String> out = new LinkedHashMap<>();
        LINUX.getOrDefault(Objects.requireNonNull(syscall, "syscall"), Map.of())
                .forEach((e, s) -> out.put(e, s.why()));
        return Collections.unmodifiableMap(out);
    }

    /**
     * How many syscalls failed because of a chosen fault so far.
     *
     * @return the count
     */
    public long injected() {
        return injected.get();
    }

    @Override
    long call(SyscallInterface inner, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        Fault f = faults.isEmpty() ? null : Syscall.byNumber(arch(), nr).map(faults::get).orElse(null);
        if (f == null || f.left().getAndUpdate(n -> n > 0 ? n - 1 : n) <= 0) {
            return inner.syscall(nr, a0, a1, a2, a3, a4, a5);
        }
        if (f.workDone()) {
            inner.syscall(nr, a0, a1, a2, a3, a4, a5);
        }
        injected.incrementAndGet();
        return -f.errno().number();
    }

    /**
     * Chooses the faults: at most one per syscall.
     *
     * @since 0.2
     */
    public static final class Builder {
        private final SyscallBackend delegate;
        private final Map<Syscall, Fault> faults = new EnumMap<>(Syscall.class);

        private Builder(SyscallBackend delegate) {
            this.delegate = delegate;
        }

        /**
         * Fails every later {@code syscall} with {@code errno}.
         *
         * @param syscall the syscall
         * @param errno the errno it fails with, one Linux can return for it
         * @return this builder
         * @throws NullPointerException     naming the argument that is null
         * @throws IllegalArgumentException if Linux does not return {@code errno} for {@code syscall}
         */
        public Builder fail(Syscall syscall, Errno errno) {
            return failNext(syscall, errno, Long.MAX_VALUE);
        }

        /**
         * Fails the next {@code times} calls of {@code syscall} with {@code errno}; later ones run normally.
         *
         * @param syscall the syscall
         * @param errno the errno it fails with, one Linux can return for it
         * @param times how many of its next calls fail
         * @return this builder
         * @throws NullPointerException     naming the argument that is null
         * @throws IllegalArgumentException if Linux does not return {@code errno} for {@code syscall}, or
         *                                  {@code times < 1}
         */
        public Builder failNext(Syscall syscall, Errno errno, long times) {
            Objects.requireNonNull(syscall, "syscall");
            Objects.requireNonNull(errno, "errno");
            if (times < 1) {
                throw new IllegalArgumentException("times must be at least 1: " + times);
            }
            Situation s = LINUX.getOrDefault(syscall, Map.of()).get(errno);
            if (s == null) {
                throw new IllegalArgumentException("errno " + errno.name() + " is not one Linux returns for "
                        + syscall.cName() + " in a situation a test can stand for; choose one of "
                        + linuxErrnos(syscall).keySet() + " (FaultInjectingBackend.linuxErrnos lists why)");
            }
            faults.put(syscall, new Fault(errno, new AtomicLong(times), s.workDone()));
            return this;
        }

        /**
         * The decorated backend.
         *
         * @return the decorated backend
         */
        public FaultInjectingBackend build() {
            return new FaultInjectingBackend(this);
        }
    }
}
