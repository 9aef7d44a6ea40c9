// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.far.FdTableMismatchException;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.unistd.Unistd;
import dev.jsyscall.near.FdNumber;
import dev.jsyscall.struct.Bytes;
import java.util.Objects;

/**
 * An open file descriptor in one task's fd table, closed through that task.
 *
 * <p>Using it with a task whose fd table differs throws {@link FdTableMismatchException} before any syscall;
 * using it after {@link #close} throws {@link FileDescriptorClosedException}, from any thread: a close made while
 * another thread's syscall uses the number waits for that syscall, so the number never names another file under it.
 *
 * <pre>{@code
 * Pipe pipe = task.pipe2(Fcntl.O_CLOEXEC);
 * pipe.write().write("hi".getBytes(UTF_8));
 * byte[] got = pipe.read().read(16);
 * }</pre>
 *
 * @since 0.1
 */
public final class FileDescriptor implements AutoCloseable {
    private final Task task;
    private final FdNumber near;
    /** Set by {@link #close}: no new use may start. */
    private boolean closed;
    /** Syscalls using the number right now: close(2) waits for them, so the number cannot be reused under them. */
    private int inFlight;
    /** close(2) was made (or is not ours to make). */
    private boolean released;

    FileDescriptor(Task task, int number) {
        this.task = Objects.requireNonNull(task, "task");
        this.near = new FdNumber(number);
    }

    /**
     * The task that owns this fd and closes it.
     *
     * @return the task
     */
    public Task task() {
        return task;
    }

    /**
     * The fd number, whatever the state of this handle.
     *
     * @return the number
     */
    public FdNumber near() {
        return near;
    }

    /**
     * Whether this handle has not been closed.
     *
     * @return true until {@link #close} is called
     */
    public synchronized boolean isOpen() {
        return !closed;
    }

    /**
     * The fd number for a syscall made by {@code user}. The number is only this file's until {@link #close}: a
     * syscall made with it later, from any thread, may reach whatever file gets the number next. The methods of
     * this class hold the number for the duration of their syscall ({@link #use}), so that a concurrent close
     * waits for them.
     *
     * @param user the task making the syscall, not null
     * @return the fd number
     * @throws FdTableMismatchException if {@code user} has another fd table
     * @throws FileDescriptorClosedException if closed
     */
    public synchronized int number(dev.jsyscall.far.FarTask user) {
        checkUsable(user);
        return near.number();
    }

    private void checkUsable(dev.jsyscall.far.FarTask user) {
        if (closed) {
            throw new FileDescriptorClosedException(this + " is closed: its number may already name another file");
        }
        if (user.fdTable() != task.fdTable()) {
            throw new FdTableMismatchException(this + " lives in " + task.fdTable() + " but was used with " + user
                    + " whose fd table is " + user.fdTable());
        }
    }

    /**
     * Holds the fd number for one syscall made by {@code user}: until the returned use is closed, {@link #close}
     * (from any thread) defers the {@code close(2)}, so the number cannot be given to another file meanwhile.
     *
     * <pre>{@code
     * try (FileDescriptor.Use u = fd.use(task)) {
     *     task.sysif().syscall(nr, u.number(), ...);
     * }
     * }</pre>
     *
     * @param user the task making the syscall, not null
     * @return the use; close it once the syscall returns
     * @throws FdTableMismatchException if {@code user} has another fd table
     * @throws FileDescriptorClosedException if closed
     */
    public Use use(dev.jsyscall.far.FarTask user) {
        synchronized (this) {
            checkUsable(user);
            inFlight++;
        }
        return new Use();
    }

    /** One syscall's hold on the number; see {@link #use}. Closing it is idempotent. */
    public final class Use implements AutoCloseable {
        private boolean done;

        private Use() {
        }

        /**
         * The fd number, valid while this use is open.
         *
         * @return the fd number
         */
        public int number() {
            return near.number();
        }

        @Override
        public void close() {
            boolean closeNow;
            synchronized (FileDescriptor.this) {
                if (done) {
                    return;
                }
                done = true;
                inFlight--;
                closeNow = closed && inFlight == 0 && !released;
                if (closeNow) {
                    released = true;
                }
            }
            if (closeNow) {
                // a deferred close: whoever closed has returned already, and this syscall's caller must not fail
                // for it; close(2) releases the fd even when it reports an error (EINTR, EIO), and EBADF cannot
                // happen since the number was held
                try {
                    closeRaw();
                } catch (RuntimeException ignored) {
                    // see above: the fd is released either way
                }
            }
        }
    }

    /**
     * The copy of this fd that {@code child} inherited: a child's fd table starts as a copy of its parent's, so
     * an fd opened before the clone has the same number there. Closing either handle leaves the other open.
     *
     * @param child the driven child, cloned after this fd was opened
     * @return a handle owning the child's copy
     * @throws IllegalArgumentException if {@code child}'s parent task does not own this fd
     */
    public FileDescriptor inheritedBy(ChildTask child) {
        number(task);
        if (child.parentTask() != task) {
            throw new IllegalArgumentException(child + " was not cloned by " + task + ", which owns " + this);
        }
        return new FileDescriptor(child, near.number());
    }

    /**
     * The same fd as a handle of {@code other}, which must share this fd table ({@code CLONE_FILES}).
     *
     * @param other the task, sharing this fd table
     * @return a handle of {@code other} for the same fd
     */
    public FileDescriptor forTask(Task other) {
        number(other);
        return new FileDescriptor(other, near.number());
    }

    /**
     * {@code read(fd, buf, count)}.
     *
     * @return bytes read; 0 at end of file
     * @param buf the buffer, in this task's address space
     * @param count the most bytes to read
     */
    public long read(Pointer<?> buf, long count) {
        checkCount(buf, count);
        try (Use u = use(task); Pointer<?>.Borrow b = buf.borrow(task)) {
            int fd = u.number();
            return task.call(Unistd.read(fd, b.address(), count));
        }
    }

    /**
     * {@code write(fd, buf, count)}: may write fewer bytes than asked.
     *
     * @param buf the data, in this task's address space
     * @param count the number of bytes to write
     * @return the number of bytes written
     */
    public long write(Pointer<?> buf, long count) {
        checkCount(buf, count);
        try (Use u = use(task); Pointer<?>.Borrow b = buf.borrow(task)) {
            int fd = u.number();
            return task.call(Unistd.write(fd, b.address(), count));
        }
    }

    private static void checkCount(Pointer<?> buf, long count) {
        if (count < 0 || count > buf.size()) {
            throw new IllegalArgumentException("count must be in 0.." + buf.size() + " (the buffer's size), was "
                    + count);
        }
    }

    /**
     * Reads at most {@code max} bytes with one {@code read}; an empty array means end of file.
     *
     * @param max the most bytes to read, positive
     * @return the bytes read
     */
    public byte[] read(int max) {
        Pointer<byte[]> buf = task.allocator().allocateBytes(Math.max(1, max));
        try {
            long n = read(buf, max);
            byte[] all = buf.read();
            byte[] out = new byte[(int) n];
            System.arraycopy(all, 0, out, 0, (int) n);
            return out;
        } finally {
            buf.free();
        }
    }

    /**
     * Writes all of {@code data}, looping over short writes.
     *
     * @param data the bytes, not null
     */
    public void write(byte[] data) {
        if (data.length == 0) {
            return;
        }
        number(task);   // refuse a closed fd before allocating
        WrittenPointer<byte[]> buf = task.allocator().write(Bytes.RAW, data);
        try (Use u = use(task); Pointer<byte[]>.Borrow b = buf.borrow(task)) {
            int fd = u.number();
            long done = 0;
            while (done < data.length) {
                done += task.call(Unistd.write(fd, b.address() + done, data.length - done));
            }
        } finally {
            buf.free();
        }
    }

    /**
     * {@code dup3(fd, newfd, flags)}: makes {@code newfd} refer to this file (closing what was there).
     *
     * @param flags 0 or {@code O_CLOEXEC}
     * @param newfd the number the copy gets
     * @return a handle owning {@code newfd}
     */
    public FileDescriptor dup3(int newfd, int flags) {
        checkDup3Target(task, newfd);
        try (Use u = use(task)) {
            int fd = u.number();
            task.call(Unistd.dup3(fd, newfd, flags));
        }
        return new FileDescriptor(task, newfd);
    }

    static void checkDup3Target(Task task, int newfd) {
        if (newfd < 0) {
            throw new IllegalArgumentException("newfd must be >= 0, was " + newfd);
        }
        if (task instanceof ChildTask && ((ChildTask) task).isChannelFd(newfd)) {
            throw new IllegalArgumentException("fd " + newfd + " carries " + task + "'s syscall channel: dup3 onto"
                    + " it would cut the child off; clone with LocalTask.cloneChild(channelFloor) above your targets");
        }
    }

    /**
     * {@code fcntl(fd, F_GETFD)}: the fd flags (FD_CLOEXEC).
     *
     * @return the fd flags
     */
    public int getFdFlags() {
        try (Use u = use(task)) {
            int fd = u.number();
            return task.call(Fcntl.getFdFlags(fd));
        }
    }

    /**
     * Closes the fd with {@code close(2)}; every later use of this handle is refused. Closing twice is a no-op: the
     * number may already name another file. While another thread's syscall holds the number ({@link #use}), the
     * {@code close(2)} is deferred until that syscall returns, so the number is never reused under it. An fd of a
     * child that has exec'd or died is no longer ours to close: the handle is just marked closed.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (inFlight > 0 || released) {
                return;
            }
            released = true;
        }
        closeRaw();
    }

    private void closeRaw() {
        if (task instanceof ChildTask && !((ChildTask) task).isDriven()) {
            return;
        }
        task.call(Unistd.close(near.number()));
    }

    /**
     * Forgets this handle without closing the fd (it was closed some other way, e.g. by exec or close_range).
     */
    public synchronized void invalidate() {
        closed = true;
        released = true;
    }

    @Override
    public String toString() {
        boolean c;
        synchronized (this) {
            c = closed;
        }
        return "FileDescriptor(" + near.number() + " in " + task + (c ? ", closed" : "") + ")";
    }
}
