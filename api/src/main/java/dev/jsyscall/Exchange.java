// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import dev.jsyscall.handle.FileDescriptor;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.Pipe;
import dev.jsyscall.handle.Pointer;
import dev.jsyscall.handle.WaitInterruptedException;
import dev.jsyscall.internal.HandleAccess;
import dev.jsyscall.internal.Readiness;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.epoll.Epoll;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.time.Time;
import dev.jsyscall.linux.unistd.Unistd;
import dev.jsyscall.linux.wait.ChildState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@link Spawn#output}: feeds the program's stdin and drains its stdout and stderr from the calling thread,
 * all at once, so that no pipe fills while the thread waits on another (the deadlock of reading stdout to its end
 * before stderr). Every fd is {@code O_NONBLOCK}; when none can move, the thread waits for any of them: on a real
 * kernel it parks on the readiness loop (no thread per stream, interruptible, a virtual thread keeps its carrier
 * free), on a simulated one it calls {@code epoll_pwait} itself, as the kernel's determinism requires.
 */
final class Exchange implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;
    /** Chunks one channel moves before the others (and the deadline) get a turn. */
    private static final int TURN = 16;

    private final LocalTask task;
    /** Null: a simulated kernel, waited on with a private epoll instead. */
    private final Readiness loop;
    private final List<Channel> channels = new ArrayList<>();
    private final List<FileDescriptor> owned = new ArrayList<>();
    private final Pointer<byte[]> buf;
    private final byte[] staging = new byte[CHUNK];
    private Pointer<byte[]> events;
    private int epfd = -1;

    private Exchange(LocalTask task) {
        this.task = task;
        this.loop = HandleAccess.get().readiness(task);
        this.buf = task.allocator().allocateBytes(CHUNK);
    }

    /** The program's run under {@code capture}; see {@link Spawn#output(LocalTask, Capture)}. */
    static Output output(Spawn spawn, LocalTask task, Capture capture) {
        Duration after = capture.timeoutAfter();
        Stop stop = capture.stop();
        if (after != null) {
            spawn = leadFor(spawn, stop.scope());
        }
        Redirect stdout = spawn.redirect(1);
        boolean captureOut = stdout == null || stdout instanceof Redirect.PipeTo;
        if (capture.merged() && !captureOut) {
            throw new IllegalArgumentException("capture: mergeStderr captures stdout, but the spawn sends it to "
                    + stdout);
        }
        try (Exchange x = new Exchange(task)) {
            List<FileDescriptor> childEnds = new ArrayList<>();
            Object in = capture.input();
            if (in instanceof Path) {
                spawn = spawn.stdin(Redirect.file((Path) in, Redirect.Mode.READ));
            } else if (in != null) {
                Pipe p = x.pipe();
                childEnds.add(p.read());
                spawn = spawn.stdin(Redirect.fd(p.read()));
                x.channels.add(in instanceof byte[] ? x.new Feed(p.write(), (byte[]) in, null)
                        : x.new Feed(p.write(), new byte[0], (InputStream) in));
            } else if (spawn.redirect(0) == null || spawn.redirect(0) instanceof Redirect.PipeTo) {
                spawn = spawn.stdin(Redirect.devNull());
            }
            Sink out = null;
            Sink err = null;
            if (captureOut) {
                Pipe p = x.pipe();
                childEnds.add(p.write());
                spawn = spawn.stdout(Redirect.fd(p.write()));
                out = x.new Sink(p.read(), capture.limit(), capture.merged());
                if (capture.merged()) {
                    spawn = spawn.stderr(Redirect.fd(p.write()));
                }
            }
            Redirect stderr = spawn.redirect(2);
            if (!capture.merged() && (stderr == null || stderr instanceof Redirect.PipeTo)) {
                Pipe p = x.pipe();
                childEnds.add(p.write());
                spawn = spawn.stderr(Redirect.fd(p.write()));
                err = x.new Sink(p.read(), capture.limit(), true);
            }
            x.channels.addAll(sinks(out, err));
            Spawned started;
            try {
                started = spawn.start(task);
            } finally {
                // the child has its copies; ours would keep the pipes from reaching end of file
                for (FileDescriptor fd : childEnds) {
                    x.close(fd);
                }
            }
            try (Spawned s = started) {
                long deadline = after == null ? Long.MAX_VALUE : saturatedAdd(x.now(), after);
                boolean timedOut = false;
                ChildState state;
                try {
                    Optional<ChildState> ended = Optional.empty();
                    if (x.run(deadline)) {
                        ended = after == null ? Optional.of(s.process().waitForExit())
                                : s.process().waitForExit(Duration.ofNanos(Math.max(0, deadline - x.now())));
                    }
                    if (ended.isPresent()) {
                        state = ended.get();
                    } else {
                        timedOut = true;
                        state = stop.apply(s.process());
                        x.run(Long.MIN_VALUE);   // what is already in the pipes, without waiting for more
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    // closing the Spawned kills and reaps the program: nobody will read its output any more
                    throw new WaitInterruptedException(s.process(), e);
                }
                Sink tailOf = capture.merged() ? out : err;
                return new Output(spawn.command(), state, out == null ? new byte[0] : out.kept(),
                        out != null && out.truncated, err == null ? new byte[0] : err.kept(),
                        err != null && err.truncated, tailOf == null ? new byte[0] : tailOf.tail(), timedOut);
            }
        }
    }

    private static List<Channel> sinks(Sink out, Sink err) {
        List<Channel> l = new ArrayList<>();
        if (out != null) {
            l.add(out);
        }
        if (err != null) {
            l.add(err);
        }
        return l;
    }

    /** A group or session scope needs the program to lead one, as timeout(1) starts it in a group of its own. */
    private static Spawn leadFor(Spawn spawn, Stop.Scope scope) {
        if (scope == Stop.Scope.PROCESS) {
            return spawn;
        }
        boolean setsid = spawn.steps().stream().flatMap(st -> st.calls().stream())
                .anyMatch(c -> c.syscall() == dev.jsyscall.linux.Syscall.SETSID);
        if (setsid) {
            return spawn;   // a session leader leads its group too
        }
        return scope == Stop.Scope.SESSION ? spawn.setsid() : spawn.newProcessGroup();
    }

    private static long saturatedAdd(long now, Duration d) {
        long n;
        try {
            n = d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
        long sum = now + n;
        return sum < now ? Long.MAX_VALUE : sum;
    }

    private Pipe pipe() {
        Pipe p = task.pipe2(Fcntl.O_CLOEXEC);
        owned.add(p.read());
        owned.add(p.write());
        return p;
    }

    /**
     * The time deadlines are measured on: on a simulated kernel its virtual clock, which its {@code epoll_pwait}
     * timeouts advance; on a real one the JVM's monotonic clock, which is {@code CLOCK_MONOTONIC}.
     */
    private long now() {
        if (loop != null) {
            return System.nanoTime();
        }
        return task.call(Time.clockGettime(Time.CLOCK_MONOTONIC)).toDuration().toNanos();
    }

    /**
     * Moves bytes until every channel is done (true), or until {@code deadline} (false); a deadline already
     * passed moves what is ready once, without waiting.
     */
    private boolean run(long deadline) throws InterruptedException {
        for (Channel c : channels) {
            if (!c.nonBlocking) {
                int n = c.fd.number(task);
                task.call(Fcntl.setFlags(n, task.call(Fcntl.getFlags(n)) | Fcntl.O_NONBLOCK));
                c.nonBlocking = true;
            }
        }
        while (true) {
            boolean more = false;
            for (Channel c : new ArrayList<>(channels)) {
                more |= c.move();
                if (c.done) {
                    channels.remove(c);
                    if (epfd >= 0 && c.watched) {
                        task.call(Epoll.epollCtlDel(epfd, c.fd.number(task)));
                    }
                    close(c.fd);
                }
            }
            if (channels.isEmpty()) {
                return true;
            }
            if (deadline == Long.MIN_VALUE) {
                return false;
            }
            long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - now();
            if (left <= 0) {
                return false;
            }
            if (!more) {
                awaitAny(left);
            }
        }
    }

    /** Waits until one of the channels can move or {@code nanos} pass ({@code Long.MAX_VALUE}: no limit). */
    private void awaitAny(long nanos) throws InterruptedException {
        if (loop == null) {
            epollWait(nanos);
            return;
        }
        List<Readiness.Wait> waits = new ArrayList<>();
        try {
            CompletableFuture<?>[] ready = new CompletableFuture<?>[channels.size()];
            for (int i = 0; i < ready.length; i++) {
                Channel c = channels.get(i);
                Readiness.Wait w = loop.register(c.fd.number(task), c.events);
                waits.add(w);
                ready[i] = w.future();
            }
            CompletableFuture<Object> any = CompletableFuture.anyOf(ready);
            if (nanos == Long.MAX_VALUE) {
                any.get();
            } else {
                any.get(nanos, TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            // the caller sees the deadline passed
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for the pipes of a program failed: " + e.getCause().getMessage(),
                    e.getCause());
        } finally {
            // before any fd is closed: epoll would keep a registration while another process holds the file
            for (Readiness.Wait w : waits) {
                w.cancel();
            }
        }
    }

    private void epollWait(long nanos) {
        if (epfd < 0) {
            epfd = task.call(Epoll.epollCreate1(Epoll.EPOLL_CLOEXEC));
            events = task.allocator().allocateBytes((long) Epoll.eventSize(task.arch()) * 3);
        }
        for (Channel c : channels) {
            if (!c.watched) {
                // level-triggered: a channel stays registered until it is done
                task.call(Epoll.epollCtl(task.arch(), epfd, Epoll.EPOLL_CTL_ADD, c.fd.number(task), c.events, 0));
                c.watched = true;
            }
        }
        int ms = nanos == Long.MAX_VALUE ? -1 : (int) Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000);
        try (Pointer<byte[]>.Borrow b = events.borrow(task)) {
            task.call(Epoll.epollPwait(epfd, b.address(), 3, ms, 0, 0));
        } catch (ErrnoException e) {
            if (e.errno() != Errno.EINTR) {
                throw e;
            }
        }
    }

    private void close(FileDescriptor fd) {
        if (owned.remove(fd)) {
            fd.close();
        }
    }

    @Override
    public void close() {
        for (FileDescriptor fd : new ArrayList<>(owned)) {
            close(fd);
        }
        if (epfd >= 0) {
            task.call(Unistd.close(epfd));
            events.free();
        }
        buf.free();
    }

    /** One of the JVM's ends of the program's pipes. */
    private abstract class Channel {
        final FileDescriptor fd;
        final int events;
        boolean nonBlocking;
        boolean watched;
        boolean done;

        Channel(FileDescriptor fd, int events) {
            this.fd = fd;
            this.events = events;
        }

        /** Moves what it can without blocking; true if it stopped with more to move (its turn ended). */
        abstract boolean move();
    }

    /** Stdout or stderr: keeps the first {@code limit} bytes, reads and drops the rest. */
    private final class Sink extends Channel {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int limit;
        private final byte[] tail;
        private int tailLength;
        boolean truncated;

        Sink(FileDescriptor fd, int limit, boolean keepTail) {
            super(fd, Readiness.READABLE);
            this.limit = limit;
            this.tail = keepTail ? new byte[Output.TAIL] : null;
        }

        @Override
        boolean move() {
            for (int turn = 0; turn < TURN; turn++) {
                long n;
                try (Pointer<byte[]>.Borrow b = buf.borrow(task)) {
                    try {
                        n = task.call(Unistd.read(fd.number(task), b.address(), CHUNK));
                    } catch (ErrnoException e) {
                        if (e.errno() == Errno.EAGAIN) {
                            return false;
                        }
                        throw e;
                    }
                    if (n == 0) {
                        done = true;
                        return false;
                    }
                    task.addressSpace().memory().read(b.address(), staging, 0, (int) n);
                }
                accept((int) n);
            }
            return true;
        }

        private void accept(int n) {
            int keep = (int) Math.min(n, (long) limit - kept.size());
            kept.write(staging, 0, keep);
            truncated |= keep < n;
            if (tail != null) {
                int from = Math.max(0, n - tail.length);
                int take = n - from;
                int stay = Math.min(tailLength, tail.length - take);
                System.arraycopy(tail, tailLength - stay, tail, 0, stay);
                System.arraycopy(staging, from, tail, stay, take);
                tailLength = stay + take;
            }
        }

        byte[] kept() {
            return kept.toByteArray();
        }

        byte[] tail() {
            return java.util.Arrays.copyOf(tail, tailLength);
        }
    }

    /** Stdin: bytes given, or read from a stream a chunk at a time; closed at the end, so the program sees EOF. */
    private final class Feed extends Channel {
        private final InputStream source;
        private byte[] pending;
        private int at;

        Feed(FileDescriptor fd, byte[] bytes, InputStream source) {
            super(fd, Readiness.WRITABLE);
            this.pending = bytes;
            this.source = source;
        }

        @Override
        boolean move() {
            for (int turn = 0; turn < TURN; turn++) {
                if (at == pending.length && !refill()) {
                    done = true;
                    return false;
                }
                int len = Math.min(CHUNK, pending.length - at);
                long n;
                try (Pointer<byte[]>.Borrow b = buf.borrow(task)) {
                    task.addressSpace().memory().write(b.address(), pending, at, len);
                    n = task.call(Unistd.write(fd.number(task), b.address(), len));
                } catch (ErrnoException e) {
                    if (e.errno() == Errno.EAGAIN) {
                        return false;
                    }
                    if (e.errno() == Errno.EPIPE) {
                        // the program closed its stdin (or ended): what it did not read is not wanted, as with
                        // a shell pipeline; the JVM ignores SIGPIPE, so this is an errno, not a signal
                        done = true;
                        return false;
                    }
                    throw e;
                }
                at += (int) n;
            }
            return true;
        }

        /** The next chunk of the stream; false at its end (or for bytes given, which are all pending at once). */
        private boolean refill() {
            if (source == null) {
                return false;
            }
            try {
                int n = source.read(staging, 0, CHUNK);
                if (n < 0) {
                    return false;
                }
                pending = java.util.Arrays.copyOf(staging, n);
                at = 0;
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("reading the program's input failed", e);
            }
        }
    }
}
