// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import dev.jsyscall.handle.FileDescriptor;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.Pointer;
import dev.jsyscall.internal.Calls;
import dev.jsyscall.internal.HandleAccess;
import dev.jsyscall.internal.Readiness;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.linux.epoll.Epoll;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.unistd.Unistd;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Feeds one {@link Redirect.Stream}: the JVM's end of a pipe the program writes, read without blocking, its bytes
 * handed to the stream's callback. See {@link Redirect.Stream} for the threads and the order it promises.
 */
final class StreamReader {
    /** Per stream, allocated once: a thousand streams hold 16 MiB, and no read allocates. */
    private static final int BUFFER = 16 * 1024;
    /** Reads one task makes before it yields the pool to other streams. */
    private static final int TURN = 8;
    private static final int AGAIN = -1;

    /**
     * The default executor: a fixed number of daemon threads for every stream of the JVM, started when needed and
     * ended after a minute idle. Not the common pool: on a two-core machine it has one worker.
     */
    private static final Executor SHARED;

    static {
        AtomicInteger ids = new AtomicInteger();
        ThreadFactory f = r -> {
            Thread t = new Thread(r, "jsyscall-stream-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        int n = Math.max(2, Runtime.getRuntime().availableProcessors());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), f);
        pool.allowCoreThreadTimeOut(true);
        SHARED = pool;
    }

    private final LocalTask task;
    private final FileDescriptor fd;
    private final Redirect.Stream how;
    /** Null: a simulated kernel, read by {@link #pump} on the waiting thread. */
    private final Readiness loop;
    private final Executor executor;
    /** Guards {@code closed}, {@code waiting}, {@code buf} and every syscall on the fd, as PipeStreams does. */
    private final ReentrantLock state = new ReentrantLock();
    private final byte[] staging = new byte[BUFFER];
    private final Lines lines;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private Pointer<byte[]> buf;
    private Readiness.Wait waiting;
    private boolean closed;
    /** What a callback threw; later bytes are read and dropped. */
    private Throwable failed;
    /** A pty master's: EIO, once no process holds the slave, is the end. */
    private boolean eofOnEio;

    StreamReader(LocalTask task, FileDescriptor fd, Redirect.Stream how) {
        this.task = task;
        this.fd = fd;
        this.how = how;
        this.loop = HandleAccess.get().readiness(task);
        this.executor = how.executor == null ? SHARED : how.executor;
        this.lines = how.onLine == null ? null : new Lines(how);
    }

    /** Reads a pty master: Linux answers EIO there where a pipe gives end of file. */
    StreamReader terminal() {
        eofOnEio = true;
        return this;
    }

    /** Completes after the last callback, exceptionally with what a callback threw or a read failed with. */
    CompletableFuture<Void> done() {
        return done;
    }

    /** Makes the fd non-blocking and, on a real kernel, waits for its first data. */
    void start() {
        state.lock();
        try {
            int n = fd.number(task);
            task.call(Fcntl.setFlags(n, task.call(Fcntl.getFlags(n)) | Fcntl.O_NONBLOCK));
            buf = task.allocator().allocateBytes(BUFFER);
        } finally {
            state.unlock();
        }
        if (loop != null) {
            arm();
        }
    }

    /** Registers the fd with the readiness loop for one event; the loop only submits the drain to the executor. */
    private void arm() {
        Readiness.Wait w;
        state.lock();
        try {
            if (closed) {
                return;
            }
            try (FileDescriptor.Use u = fd.use(task)) {
                w = loop.register(u.number(), Readiness.READABLE);
            }
            waiting = w;
        } catch (RuntimeException e) {
            end(e);
            return;
        } finally {
            state.unlock();
        }
        w.future().whenComplete((ready, error) -> {
            if (error != null) {
                end(error);
            } else if (ready) {
                submit();
            }
            // not ready: cancelled by close, which ended the stream
        });
    }

    private void submit() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            end(e);
        }
    }

    /** A task on the executor: one turn of reads, then wait again, yield, or end. */
    private void drain() {
        try {
            int r = turn();
            if (r == AGAIN) {
                arm();
            } else if (r == 0) {
                end(null);
            } else {
                submit();
            }
        } catch (RuntimeException | Error e) {
            end(e);
        }
    }

    /**
     * Reads and delivers up to {@link #TURN} buffers: {@link #AGAIN} when the pipe is empty, 0 at its end (or
     * when the stream was closed), else the turn ended with more to read.
     */
    private int turn() {
        for (int i = 0; i < TURN; i++) {
            int n;
            state.lock();
            try {
                if (closed) {
                    return 0;
                }
                n = readOnce();
            } finally {
                state.unlock();
            }
            if (n == AGAIN || n == 0) {
                return n;
            }
            deliver(n);
        }
        return 1;
    }

    /** One non-blocking read into the stream's buffer, holding {@code state}. */
    private int readOnce() {
        try (FileDescriptor.Use u = fd.use(task); Pointer<byte[]>.Borrow b = buf.borrow(task)) {
            // raw: EAGAIN is the usual answer, and an exception per empty pipe would be the hot path's cost
            SyscallRequest<Long> read = Unistd.read(u.number(), b.address(), BUFFER);
            long n = Calls.raw(task.sysif(), task.arch(), read);
            if (n == -Errno.EAGAIN.number()) {
                return AGAIN;
            }
            if (n == -Errno.EINTR.number()) {
                return readOnce();
            }
            if (eofOnEio && n == -Errno.EIO.number()) {
                return 0;
            }
            read.check(n);
            task.addressSpace().memory().read(b.address(), staging, 0, (int) n);
            return (int) n;
        }
    }

    private void deliver(int n) {
        if (failed != null) {
            return;
        }
        try {
            if (lines != null) {
                lines.feed(staging, n);
            } else {
                how.onChunk.accept(ByteBuffer.wrap(staging, 0, n).asReadOnlyBuffer());
            }
        } catch (RuntimeException | Error e) {
            failed = e;
        }
    }

    /** The end: the last partial line, the fd closed, the future completed; once. */
    private void end(Throwable error) {
        state.lock();
        boolean wasClosed = closed;
        state.unlock();
        if (wasClosed) {
            // closed by Spawned.close, which completed the future: no callback after that
            done.completeExceptionally(error != null ? error : new CancellationException("the stream of " + fd
                    + " was closed before its end"));
            return;
        }
        if (error == null && failed == null && lines != null) {
            try {
                lines.finish();
            } catch (RuntimeException | Error e) {
                failed = e;
            }
        }
        release();
        Throwable why = error != null ? error : failed;
        if (why == null) {
            done.complete(null);
        } else {
            done.completeExceptionally(why);
        }
    }

    /** Closes the fd and frees the buffer, after cancelling a registration (epoll must not keep it). */
    private void release() {
        state.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (waiting != null) {
                waiting.cancel();
                waiting = null;
            }
            fd.close();
            if (buf != null) {
                buf.free();
            }
        } finally {
            state.unlock();
        }
    }

    /** Stops reading ({@link Spawned#close()}): a stream not yet at its end fails with a cancellation. */
    void close() {
        release();
        done.completeExceptionally(new CancellationException("the stream of " + fd + " was closed before its end"));
    }

    /**
     * Reads {@code readers} to their ends on this thread, for a simulated kernel: when none has data, waits in
     * {@code epoll_pwait} on this thread, as the kernel's determinism requires.
     */
    static void pump(LocalTask task, List<StreamReader> readers) {
        List<StreamReader> open = new ArrayList<>();
        for (StreamReader r : readers) {
            if (!r.done.isDone()) {
                open.add(r);
            }
        }
        if (open.isEmpty()) {
            return;
        }
        int epfd = task.call(Epoll.epollCreate1(Epoll.EPOLL_CLOEXEC));
        Pointer<byte[]> events = task.allocator().allocateBytes(Epoll.eventSize(task.arch()));
        try {
            for (StreamReader r : open) {
                // level-triggered: a stream stays registered until its end
                task.call(Epoll.epollCtl(task.arch(), epfd, Epoll.EPOLL_CTL_ADD, r.fd.number(task),
                        Readiness.READABLE, 0));
            }
            while (!open.isEmpty()) {
                boolean moved = false;
                for (StreamReader r : new ArrayList<>(open)) {
                    int got;
                    try {
                        got = r.turn();
                    } catch (RuntimeException e) {
                        task.call(Epoll.epollCtlDel(epfd, r.fd.number(task)));
                        open.remove(r);
                        r.end(e);
                        continue;
                    }
                    if (got == 0) {
                        // out of the interest list while the fd is open, then closed by end
                        task.call(Epoll.epollCtlDel(epfd, r.fd.number(task)));
                        open.remove(r);
                        r.end(null);
                    } else if (got != AGAIN) {
                        moved = true;
                    }
                }
                if (!open.isEmpty() && !moved) {
                    try (Pointer<byte[]>.Borrow b = events.borrow(task)) {
                        task.call(Epoll.epollPwait(epfd, b.address(), 1, -1, 0, 0));
                    } catch (ErrnoException e) {
                        if (e.errno() != Errno.EINTR) {
                            throw e;
                        }
                    }
                }
            }
        } finally {
            task.call(Unistd.close(epfd));
            events.free();
        }
    }

    /**
     * Splits decoded text into lines at {@code \n}, {@code \r} and {@code \r\n}, and cuts a line that outgrows the
     * limit into pieces. Reused buffers: a read allocates only the strings it delivers.
     */
    private static final class Lines {
        private final Redirect.Stream how;
        private final CharsetDecoder decoder;
        private final ByteBuffer in = ByteBuffer.allocate(BUFFER + 16);
        private final CharBuffer chars = CharBuffer.allocate(BUFFER + 16);
        private final StringBuilder line = new StringBuilder();
        /** The last char was a {@code \r}: a {@code \n} right after it ends nothing more. */
        private boolean afterCr;

        Lines(Redirect.Stream how) {
            this.how = how;
            this.decoder = how.charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
        }

        void feed(byte[] b, int n) {
            int at = 0;
            while (at < n) {
                int take = Math.min(n - at, in.remaining());
                in.put(b, at, take);
                at += take;
                in.flip();
                decoder.decode(in, chars, false);
                in.compact();   // keeps the bytes of a char split across reads
                split();
            }
        }

        void finish() {
            in.flip();
            decoder.decode(in, chars, true);
            decoder.flush(chars);
            split();
            if (line.length() > 0) {
                emit();
            }
        }

        private void split() {
            chars.flip();
            while (chars.hasRemaining()) {
                char c = chars.get();
                if (c == '\n' && afterCr) {
                    afterCr = false;
                    continue;
                }
                afterCr = c == '\r';
                if (c == '\n' || c == '\r') {
                    emit();
                    continue;
                }
                if (line.length() == how.maxLineLength) {
                    emit();   // a piece, cut before the char that would overflow it
                }
                line.append(c);
            }
            chars.clear();
        }

        private void emit() {
            String s = line.toString();
            line.setLength(0);
            how.onLine.accept(s);
        }
    }
}
