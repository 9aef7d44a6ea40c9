package dev.jsyscall.handle;

import dev.jsyscall.far.FdTableMismatchException;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.near.FdNumber;
import dev.jsyscall.struct.Bytes;
import java.util.Objects;

/**
 * An open file descriptor in one task's fd table, closed through that task.
 *
 * <p>Using it with a task whose fd table differs throws {@link FdTableMismatchException} before any syscall;
 * using it after {@link #close} throws {@link IllegalStateException}.
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
    private volatile boolean closed;

    FileDescriptor(Task task, int number) {
        this.task = Objects.requireNonNull(task, "task");
        this.near = new FdNumber(number);
    }

    /** The task that owns this fd and closes it. */
    public Task task() {
        return task;
    }

    public FdNumber near() {
        return near;
    }

    public boolean isOpen() {
        return !closed;
    }

    /**
     * The fd number for a syscall made by {@code user}.
     *
     * @throws FdTableMismatchException if {@code user} has another fd table
     * @throws IllegalStateException if closed
     */
    public int number(dev.jsyscall.far.Task user) {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        if (user.fdTable() != task.fdTable()) {
            throw new FdTableMismatchException(this + " lives in " + task.fdTable() + " but was used with " + user
                    + " whose fd table is " + user.fdTable());
        }
        return near.number();
    }

    /**
     * The copy of this fd that {@code child} inherited: a child's fd table starts as a copy of its parent's, so
     * an fd opened before the clone has the same number there. Closing either handle leaves the other open.
     *
     * @throws IllegalArgumentException if {@code child}'s parent task does not own this fd
     */
    public FileDescriptor inheritedBy(ChildTask child) {
        number(task);
        if (child.parentTask() != task) {
            throw new IllegalArgumentException(child + " was not cloned by " + task + ", which owns " + this);
        }
        return new FileDescriptor(child, near.number());
    }

    /** The same fd as a handle of {@code other}, which must share this fd table ({@code CLONE_FILES}). */
    public FileDescriptor forTask(Task other) {
        number(other);
        return new FileDescriptor(other, near.number());
    }

    /**
     * {@code read(fd, buf, count)}.
     *
     * @return bytes read; 0 at end of file
     */
    public long read(Pointer<?> buf, long count) {
        checkCount(buf, count);
        int fd = number(task);
        try (Pointer<?>.Borrow b = buf.borrow(task)) {
            long r = task.sysif().syscall(Syscall.READ.number(task.arch()), fd, b.address(), count, 0, 0, 0);
            return ErrnoException.check(r, Syscall.READ, "fd=" + fd, "count=" + count);
        }
    }

    /** {@code write(fd, buf, count)}: may write fewer bytes than asked. */
    public long write(Pointer<?> buf, long count) {
        checkCount(buf, count);
        int fd = number(task);
        try (Pointer<?>.Borrow b = buf.borrow(task)) {
            long r = task.sysif().syscall(Syscall.WRITE.number(task.arch()), fd, b.address(), count, 0, 0, 0);
            return ErrnoException.check(r, Syscall.WRITE, "fd=" + fd, "count=" + count);
        }
    }

    private static void checkCount(Pointer<?> buf, long count) {
        if (count < 0 || count > buf.size()) {
            throw new IllegalArgumentException("count must be in 0.." + buf.size() + " (the buffer's size), was "
                    + count);
        }
    }

    /** Reads at most {@code max} bytes with one {@code read}; an empty array means end of file. */
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

    /** Writes all of {@code data}, looping over short writes. */
    public void write(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int fd = number(task);
        WrittenPointer<byte[]> buf = task.allocator().write(Bytes.RAW, data);
        try (Pointer<byte[]>.Borrow b = buf.borrow(task)) {
            long done = 0;
            while (done < data.length) {
                long r = task.sysif().syscall(Syscall.WRITE.number(task.arch()), fd, b.address() + done,
                        data.length - done, 0, 0, 0);
                done += ErrnoException.check(r, Syscall.WRITE, "fd=" + fd, "count=" + (data.length - done));
            }
        } finally {
            buf.free();
        }
    }

    /**
     * {@code dup3(fd, newfd, flags)}: makes {@code newfd} refer to this file (closing what was there).
     *
     * @param flags 0 or {@code O_CLOEXEC}
     */
    public FileDescriptor dup3(int newfd, int flags) {
        checkDup3Target(task, newfd);
        int fd = number(task);
        long r = task.sysif().syscall(Syscall.DUP3.number(task.arch()), fd, newfd, flags, 0, 0, 0);
        ErrnoException.check(r, Syscall.DUP3, "oldfd=" + fd, "newfd=" + newfd, "flags=0" + Integer.toOctalString(flags));
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

    /** {@code fcntl(fd, F_GETFD)}: the fd flags (FD_CLOEXEC). */
    public int getFdFlags() {
        int fd = number(task);
        long r = task.sysif().syscall(Syscall.FCNTL.number(task.arch()), fd, Fcntl.F_GETFD, 0, 0, 0, 0);
        return (int) ErrnoException.check(r, Syscall.FCNTL, "fd=" + fd, "F_GETFD");
    }

    /**
     * Closes the fd with {@code close(2)}. Closing twice is a no-op: the number may already name another file.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long r = task.sysif().syscall(Syscall.CLOSE.number(task.arch()), near.number(), 0, 0, 0, 0, 0);
        ErrnoException.check(r, Syscall.CLOSE, "fd=" + near.number());
    }

    /**
     * Forgets this handle without closing the fd (it was closed some other way, e.g. by exec or close_range).
     */
    public void invalidate() {
        closed = true;
    }

    @Override
    public String toString() {
        return "FileDescriptor(" + near.number() + " in " + task + (closed ? ", closed" : "") + ")";
    }
}
