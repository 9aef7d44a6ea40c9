// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.internal.Readiness;
import dev.jsyscall.internal.VirtualThreads;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.poll.Poll;
import dev.jsyscall.linux.unistd.Unistd;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Streams over fds of the local task; see {@link LocalTask#inputStream} and {@link LocalTask#outputStream}.
 *
 * <p>With a readiness loop the fd is {@code O_NONBLOCK}: every syscall returns at once, so it is made holding
 * {@code state}, which {@code close} takes too: the fd number cannot be closed (and reused by another file) under
 * a syscall in flight. A call that would block waits outside the lock. A virtual thread registers the fd with the
 * loop and parks (a blocking syscall would pin its carrier); {@code close} cancels that registration (waking the
 * waiter) before it closes the fd. A platform thread waits in {@code ppoll} on the fd itself ({@link BlockingPoll}),
 * so that readiness wakes it once instead of the loop and then it, and the loop stays free for what else it serves;
 * {@code close} wakes it and waits until it has left the {@code ppoll} before it closes the fd. Without a loop
 * (simulated kernels) the syscalls block on the caller's thread, as the kernel's determinism requires.
 */
final class PipeStreams {
    private static final int CHUNK = 64 * 1024;

    private PipeStreams() {
    }

    /** What both directions share: the fd, its closed state, and the registration a waiter parks on. */
    private static final class Channel {
        final FileDescriptor fd;
        final Readiness loop;
        /** Serializes callers of one direction, held through their waits (two waiters on one fd cannot register). */
        final ReentrantLock callers = new ReentrantLock();
        /** Guards {@code closed}, {@code waiting} and every syscall on the fd. */
        final ReentrantLock state = new ReentrantLock();
        boolean closed;
        Readiness.Wait waiting;
        /** The platform thread's wait in {@code ppoll} on the fd, which {@code close} wakes and waits out. */
        BlockingPoll blocked;
        /** Signalled when {@code blocked} is cleared. */
        final java.util.concurrent.locks.Condition left = state.newCondition();
        /** A pty master's: EIO, once no process holds the slave open, is its end of file. */
        boolean eofOnEio;
        /** The bytes of every syscall, allocated at the first and freed at close: no read or write allocates. */
        private Pointer<byte[]> buf;

        Channel(FileDescriptor fd, Readiness loop) {
            this.fd = fd;
            this.loop = loop;
        }

        /** One {@code read} into {@code b}, holding {@code state}: bytes read, 0 at end of file. */
        int readInto(byte[] b, int off, int len) {
            Task task = fd.task();
            if (buf == null) {
                buf = task.allocator().allocateBytes(CHUNK);
            }
            try (FileDescriptor.Use u = fd.use(task); Pointer<byte[]>.Borrow p = buf.borrow(task)) {
                int n;
                try {
                    n = (int) (long) task.call(Unistd.read(u.number(), p.address(), Math.min(len, CHUNK)));
                } catch (ErrnoException e) {
                    if (eofOnEio && e.errno() == Errno.EIO) {
                        return 0;
                    }
                    throw e;
                }
                task.addressSpace().memory().read(p.address(), b, off, n);
                return n;
            }
        }

        /** One {@code write} from {@code b}, holding {@code state}: bytes written, maybe fewer than given. */
        int writeFrom(byte[] b, int off, int len) {
            Task task = fd.task();
            if (buf == null) {
                buf = task.allocator().allocateBytes(CHUNK);
            }
            int n = Math.min(len, CHUNK);
            try (FileDescriptor.Use u = fd.use(task); Pointer<byte[]>.Borrow p = buf.borrow(task)) {
                task.addressSpace().memory().write(p.address(), b, off, n);
                return (int) (long) task.call(Unistd.write(u.number(), p.address(), n));
            }
        }

        private void freeBuffer() {
            if (buf != null) {
                buf.free();
                buf = null;
            }
        }

        void enter(String what) throws InterruptedIOException {
            if (loop == null) {
                return;
            }
            try {
                callers.lockInterruptibly();
            } catch (InterruptedException e) {
                throw interrupted(what, 0);
            }
        }

        void exit() {
            if (loop != null) {
                callers.unlock();
            }
        }

        InterruptedIOException interrupted(String what, int transferred) {
            // keep the flag set, as a blocking channel of the JDK does after an interrupt
            Thread.currentThread().interrupt();
            InterruptedIOException e = new InterruptedIOException(what + " " + fd + " was interrupted");
            e.bytesTransferred = transferred;
            return e;
        }

        IOException closedWhile(String what) {
            return new IOException(what + " " + fd + " failed: the stream was closed");
        }

        /** Parks until the fd is ready for {@code events}; the registration was made holding {@code state}. */
        void await(Readiness.Wait w, String what, int transferred) throws IOException {
            boolean ready;
            try {
                ready = w.await();
            } catch (InterruptedException e) {
                w.cancel();
                throw interrupted(what, transferred);
            } catch (IllegalStateException e) {
                throw new IOException(what + " " + fd + " failed: " + e.getMessage(), e);
            } finally {
                state.lock();
                try {
                    waiting = null;
                } finally {
                    state.unlock();
                }
            }
            if (!ready) {
                throw closedWhile(what);
            }
        }

        /**
         * Whether a call that would block waits in the kernel on this thread ({@link #block}) rather than parking
         * until the loop sees the fd ready ({@link #await}).
         */
        static boolean blocksHere() {
            return !VirtualThreads.current();
        }

        /** Enters a blocking wait, holding {@code state}, and publishes it for {@code close}. */
        BlockingPoll enterBlocking(String what) throws IOException {
            try {
                blocked = BlockingPoll.enter((LocalTask) fd.task(), new WaitDescription(what + " ", fd, ""));
            } catch (RuntimeException e) {
                throw new IOException(what + " " + fd + " failed: " + e.getMessage(), e);
            }
            return blocked;
        }

        /**
         * Blocks in {@code ppoll} until the fd is ready for {@code events} (or the wait is woken); the caller then
         * tries its syscall again, which also sees a close that woke it.
         */
        void block(BlockingPoll p, int events, String what, int transferred) throws IOException {
            boolean interrupted;
            try {
                // ready, woken or EINTR: the caller's next attempt tells which
                p.poll(fd, events, -1);
            } catch (RuntimeException e) {
                throw new IOException(what + " " + fd + " failed", e);
            } finally {
                interrupted = p.leave();
                state.lock();
                try {
                    blocked = null;
                    left.signalAll();
                } finally {
                    state.unlock();
                }
            }
            if (interrupted) {
                throw interrupted(what, transferred);
            }
            if (p.kernelClosed()) {
                throw new IOException(what + " " + fd + " failed: its kernel was closed");
            }
        }

        void close() {
            state.lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                if (waiting != null) {
                    // deregister before close(2): epoll would keep the registration while any other process
                    // holds a copy of the file, and the waiter would never wake
                    waiting.cancel();
                }
                if (blocked != null) {
                    // the fd number must stay this file's until the waiter is out of ppoll (a reused number would
                    // have it wait for another file); the wake makes that prompt
                    blocked.wake();
                    while (blocked != null) {
                        left.awaitUninterruptibly();
                    }
                }
                fd.close();
                freeBuffer();
            } finally {
                state.unlock();
            }
        }
    }

    static final class In extends InputStream {
        private final Channel ch;

        In(FileDescriptor fd, Readiness loop) {
            this.ch = new Channel(fd, loop);
        }

        /** Over a pty master: EIO after the last slave fd closed reads as the end of file. */
        In(FileDescriptor fd, Readiness loop, boolean eofOnEio) {
            this(fd, loop);
            ch.eofOnEio = eofOnEio;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            ch.enter("reading");
            try {
                int n = ch.loop == null ? readBlocking(b, off, len) : readParking(b, off, len);
                return n == 0 ? -1 : n;
            } finally {
                ch.exit();
            }
        }

        private int readBlocking(byte[] b, int off, int len) throws IOException {
            // holding state blocks a close for the read's duration, as the fd's own use would anyway
            ch.state.lock();
            try {
                if (ch.closed) {
                    throw ch.closedWhile("reading");
                }
                return ch.readInto(b, off, len);
            } catch (RuntimeException e) {
                throw new IOException("reading " + ch.fd + " failed", e);
            } finally {
                ch.state.unlock();
            }
        }

        private int readParking(byte[] b, int off, int len) throws IOException {
            while (true) {
                if (Thread.currentThread().isInterrupted()) {
                    throw ch.interrupted("reading", 0);
                }
                Readiness.Wait w = null;
                BlockingPoll p = null;
                ch.state.lock();
                try {
                    if (ch.closed) {
                        throw ch.closedWhile("reading");
                    }
                    try {
                        return ch.readInto(b, off, len);
                    } catch (ErrnoException e) {
                        if (e.errno() != Errno.EAGAIN) {
                            throw new IOException("reading " + ch.fd + " failed", e);
                        }
                    } catch (RuntimeException e) {
                        throw new IOException("reading " + ch.fd + " failed", e);
                    }
                    if (Channel.blocksHere()) {
                        p = ch.enterBlocking("reading");
                    } else {
                        w = PipeStreams.register(ch, Readiness.READABLE, "reading");
                    }
                } finally {
                    ch.state.unlock();
                }
                if (p != null) {
                    ch.block(p, Poll.POLLIN, "reading", 0);
                } else {
                    ch.await(w, "reading", 0);
                }
            }
        }

        @Override
        public void close() {
            ch.close();
        }
    }

    static final class Out extends OutputStream {
        private final Channel ch;

        Out(FileDescriptor fd, Readiness loop) {
            this.ch = new Channel(fd, loop);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            ch.enter("writing");
            try {
                if (ch.loop == null) {
                    writeBlocking(b, off, len);
                } else {
                    writeParking(b, off, len);
                }
            } finally {
                ch.exit();
            }
        }

        private void writeBlocking(byte[] b, int off, int len) throws IOException {
            ch.state.lock();
            try {
                if (ch.closed) {
                    throw ch.closedWhile("writing");
                }
                for (int done = 0; done < len; ) {
                    done += ch.writeFrom(b, off + done, len - done);
                }
            } catch (RuntimeException e) {
                // EPIPE once the program closed its end: the JVM ignores SIGPIPE, so it arrives as an errno
                throw new IOException("writing " + ch.fd + " failed", e);
            } finally {
                ch.state.unlock();
            }
        }

        private void writeParking(byte[] b, int off, int len) throws IOException {
            int done = 0;
            while (done < len) {
                if (Thread.currentThread().isInterrupted()) {
                    throw ch.interrupted("writing", done);
                }
                Readiness.Wait w = null;
                BlockingPoll p = null;
                ch.state.lock();
                try {
                    if (ch.closed) {
                        throw ch.closedWhile("writing");
                    }
                    try {
                        done += ch.writeFrom(b, off + done, len - done);
                        continue;
                    } catch (ErrnoException e) {
                        if (e.errno() != Errno.EAGAIN) {
                            throw new IOException("writing " + ch.fd + " failed", e);
                        }
                    } catch (RuntimeException e) {
                        throw new IOException("writing " + ch.fd + " failed", e);
                    }
                    if (Channel.blocksHere()) {
                        p = ch.enterBlocking("writing");
                    } else {
                        w = PipeStreams.register(ch, Readiness.WRITABLE, "writing");
                    }
                } finally {
                    ch.state.unlock();
                }
                if (p != null) {
                    ch.block(p, Poll.POLLOUT, "writing", done);
                } else {
                    ch.await(w, "writing", done);
                }
            }
        }

        @Override
        public void close() {
            ch.close();
        }
    }

    /** Registers the fd for {@code events}, holding {@code state}, and remembers the wait for {@code close}. */
    private static Readiness.Wait register(Channel ch, int events, String what) throws IOException {
        try (FileDescriptor.Use u = ch.fd.use(ch.fd.task())) {
            ch.waiting = ch.loop.register(u.number(), events);
        } catch (RuntimeException e) {
            throw new IOException(what + " " + ch.fd + " failed: " + e.getMessage(), e);
        }
        return ch.waiting;
    }
}
