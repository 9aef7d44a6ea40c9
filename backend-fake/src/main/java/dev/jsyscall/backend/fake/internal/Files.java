// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import java.util.Map;
import java.util.TreeMap;

/** Open file descriptions, pipes and fd tables (internal). */
final class Files {
    private Files() {}

    /** Where a read puts its bytes: the caller's memory, already checked to be writable. */
    interface Sink {
        /** Whether {@code len} bytes fit (are writable); checked before a read consumes anything. */
        boolean fits(long len);

        void put(byte[] b, int off, int len);
    }

    /** An open file description: shared by dup'ed fds and across fork, with its own flags and offset. */
    abstract static class OpenFile {
        /** Access mode plus status flags, as F_GETFL reports them. */
        int flags;
        long offset;
        /** fd-table entries referring to this description; at zero it is released. */
        int refs;

        OpenFile(int flags) {
            this.flags = flags;
        }

        /** FMODE_READ: never for O_PATH, nor for access mode 3 (which needs read and write permission to open). */
        boolean readable() {
            int acc = flags & O_ACCMODE;
            return !isPath() && (acc == O_RDONLY || acc == O_RDWR);
        }

        boolean writable() {
            int acc = flags & O_ACCMODE;
            return !isPath() && (acc == O_WRONLY || acc == O_RDWR);
        }

        /** An O_PATH fd: Linux's fdget() does not see it, only the fd-table calls and fstat do. */
        boolean isPath() {
            return (flags & O_PATH) != 0;
        }

        boolean nonblocking() {
            return (flags & O_NONBLOCK) != 0;
        }

        abstract String describe();

        /** Returns the count read, -errno, or {@link Kernel#BLOCK}. */
        long read(Kernel k, Call c, long count, Sink out) {
            return -EINVAL;
        }

        /** Returns the count written, -errno, or {@link Kernel#BLOCK}; {@code done} bytes were already written. */
        long write(Kernel k, Call c, byte[] data) {
            return -EINVAL;
        }

        /**
         * What a write of {@code count} bytes from an unreadable user buffer returns: the checks the file's write
         * makes before it copies (a file that copies nothing succeeds), then EFAULT.
         */
        long writeFault(Kernel k, Call c, long count) {
            return -EFAULT;
        }

        abstract int poll(Kernel k);

        /** The inode fstat reports. */
        abstract Vfs.Inode inode();

        void released(Kernel k) {}

        boolean seekable() {
            return false;
        }

        /**
         * FMODE_CAN_READ: whether the file has a read operation at all. vfs_read refuses one without it with
         * EINVAL, after FMODE_READ and before it looks at the buffer (an epoll fd or a pidfd is opened O_RDWR).
         */
        boolean hasReadOp() {
            return true;
        }

        /** Whether fsync has something to do: only files and directories of a filesystem (not procfs's). */
        boolean hasFsyncOp() {
            return false;
        }

        /** FMODE_CAN_WRITE, as {@link #hasReadOp} for vfs_write. */
        boolean hasWriteOp() {
            return true;
        }

        /**
         * Whether lseek is noop_llseek: it succeeds and returns the offset, which never moves (an epoll fd), where
         * a file without llseek is ESPIPE.
         */
        boolean noopSeek() {
            return false;
        }
    }

    // ------------------------------------------------------------------ pipes

    static final class Pipe {
        final Vfs.Inode inode;
        final java.util.ArrayDeque<byte[]> chunks = new java.util.ArrayDeque<>();
        int headOffset;
        int size;
        int capacity = 65536;
        int readers;
        int writers;

        Pipe(long ino) {
            inode = new Vfs.FileInode(ino, 0600);
            inode.mode = S_IFIFO | 0600;
        }

        int free() {
            return capacity - size;
        }

        void put(byte[] data, int off, int len) {
            byte[] c = java.util.Arrays.copyOfRange(data, off, off + len);
            chunks.add(c);
            size += len;
        }

        byte[] take(int max) {
            int n = Math.min(max, size);
            byte[] out = new byte[n];
            int done = 0;
            while (done < n) {
                byte[] head = chunks.peek();
                int avail = head.length - headOffset;
                int m = Math.min(avail, n - done);
                System.arraycopy(head, headOffset, out, done, m);
                done += m;
                headOffset += m;
                if (headOffset == head.length) {
                    chunks.poll();
                    headOffset = 0;
                }
            }
            size -= n;
            return out;
        }
    }

    static final class PipeEnd extends OpenFile {
        final Pipe pipe;
        final boolean writeEnd;

        PipeEnd(Pipe pipe, boolean writeEnd, int statusFlags) {
            super((writeEnd ? O_WRONLY : O_RDONLY) | statusFlags);
            this.pipe = pipe;
            this.writeEnd = writeEnd;
            if (writeEnd) {
                pipe.writers++;
            } else {
                pipe.readers++;
            }
        }

        @Override
        String describe() {
            return "pipe:[" + pipe.inode.ino + "] " + (writeEnd ? "write" : "read") + " end"
                    + (writeEnd ? "" : " (" + pipe.size + " bytes buffered)");
        }

        @Override
        long read(Kernel k, Call c, long count, Sink out) {
            if (writeEnd) {
                return -EBADF;
            }
            if (count == 0) {
                return 0;
            }
            if (pipe.size > 0) {
                if (!out.fits(Math.min(count, pipe.size))) {
                    return -EFAULT;
                }
                byte[] got = pipe.take((int) Math.min(count, Integer.MAX_VALUE));
                out.put(got, 0, got.length);
                return got.length;
            }
            if (pipe.writers == 0) {
                return 0;
            }
            if (nonblocking()) {
                return -EAGAIN;
            }
            c.waitingFor = "data in " + describe();
            return Kernel.BLOCK;
        }

        @Override
        long write(Kernel k, Call c, byte[] data) {
            if (!writeEnd) {
                return -EBADF;
            }
            int done = c.progress;
            // fs/pipe.c pipe_write: an empty write returns before the readers are looked at
            if (data.length == 0) {
                return 0;
            }
            if (pipe.readers == 0) {
                k.signals.sendSignalToThread(c.proc, Signals.Info.user(SIGPIPE, SI_USER, c.proc.pid, c.proc.creds.uid));
                return done > 0 ? done : -EPIPE;
            }
            int remaining = data.length - done;
            if (data.length <= PIPE_BUF) {
                // PIPE_BUF atomicity: all at once or not at all
                if (pipe.free() >= data.length) {
                    pipe.put(data, 0, data.length);
                    return data.length;
                }
            } else {
                int n = Math.min(remaining, pipe.free());
                if (n > 0) {
                    pipe.put(data, done, n);
                    done += n;
                    c.progress = done;
                    c.madeProgress = true;
                    if (done == data.length) {
                        return done;
                    }
                }
            }
            if (nonblocking()) {
                return done > 0 ? done : -EAGAIN;
            }
            c.waitingFor = "room in " + describe();
            return Kernel.BLOCK;
        }

        @Override
        long writeFault(Kernel k, Call c, long count) {
            // pipe_write: no readers is EPIPE (and SIGPIPE), a full pipe waits or is EAGAIN, then the copy faults
            if (pipe.readers == 0) {
                k.signals.sendSignalToThread(c.proc, Signals.Info.user(SIGPIPE, SI_USER, c.proc.pid, c.proc.creds.uid));
                return -EPIPE;
            }
            if (pipe.free() == 0) {
                if (nonblocking()) {
                    return -EAGAIN;
                }
                c.waitingFor = "room in " + describe();
                return Kernel.BLOCK;
            }
            return -EFAULT;
        }

        @Override
        int poll(Kernel k) {
            int m = 0;
            if (writeEnd) {
                if (pipe.free() >= PIPE_BUF || pipe.free() == pipe.capacity) {
                    m |= POLLOUT | POLLWRNORM;
                }
                if (pipe.readers == 0) {
                    m |= POLLERR;
                }
            } else {
                if (pipe.size > 0) {
                    m |= POLLIN | POLLRDNORM;
                }
                // anonymous pipes only (no FIFOs): Linux's f_pipe/w_counter test reduces to "no writers left"
                if (pipe.writers == 0) {
                    m |= POLLHUP;
                }
            }
            return m;
        }

        @Override
        Vfs.Inode inode() {
            return pipe.inode;
        }

        @Override
        void released(Kernel k) {
            if (writeEnd) {
                pipe.writers--;
            } else {
                pipe.readers--;
            }
        }
    }

    // ------------------------------------------------------------------ inode-backed files

    static class InodeFile extends OpenFile {
        final Vfs.Inode node;

        InodeFile(Vfs.Inode node, int flags) {
            super(flags);
            this.node = node;
        }

        @Override
        String describe() {
            return node.path() + (node instanceof Vfs.DevInode ? " (" + ((Vfs.DevInode) node).device + ")" : "");
        }

        @Override
        boolean hasFsyncOp() {
            return (node instanceof Vfs.FileInode || node instanceof Vfs.DirInode)
                    && !(node instanceof ProcFs.DynamicDir) && !(node instanceof ProcFs.Control);
        }

        @Override
        boolean seekable() {
            return !(node instanceof Vfs.DevInode) || ((Vfs.DevInode) node).device != Vfs.Device.CONSOLE;
        }

        @Override
        long read(Kernel k, Call c, long count, Sink out) {
            if (!readable()) {
                return -EBADF;
            }
            if (node.isDir()) {
                return -EISDIR;
            }
            if (node instanceof Vfs.DevInode) {
                switch (((Vfs.DevInode) node).device) {
                    case ZERO:
                    case FULL: {
                        int n = (int) Math.min(count, 1 << 20);
                        if (!out.fits(n)) {
                            return -EFAULT;
                        }
                        out.put(new byte[n], 0, n);
                        return n;
                    }
                    default:
                        return 0;
                }
            }
            Vfs.FileInode f = (Vfs.FileInode) node;
            if (offset >= f.length) {
                return 0;
            }
            long n = Math.min(count, f.length - offset);
            if (!out.fits(n)) {
                return -EFAULT;
            }
            f.read(offset, n, out);
            offset += n;
            return n;
        }

        @Override
        long write(Kernel k, Call c, byte[] data) {
            if (!writable()) {
                return -EBADF;
            }
            if (node instanceof Vfs.DevInode) {
                switch (((Vfs.DevInode) node).device) {
                    case FULL:
                        return -ENOSPC;
                    case CONSOLE:
                        k.console.write(data, 0, data.length);
                        return data.length;
                    default:
                        return data.length;
                }
            }
            Vfs.FileInode f = (Vfs.FileInode) node;
            long at = (flags & O_APPEND) != 0 ? f.length : offset;
            long end = at + data.length;
            if (end < 0) {
                return -EFBIG; // past MAX_LFS_FILESIZE
            }
            f.write(at, data, 0, data.length);
            f.mtimeNs = k.clock.realtimeNs();
            offset = end;
            return data.length;
        }

        @Override
        long writeFault(Kernel k, Call c, long count) {
            if (node instanceof Vfs.DevInode) {
                switch (((Vfs.DevInode) node).device) {
                    case FULL:
                        return -ENOSPC;
                    case CONSOLE:
                        return -EFAULT;
                    default:
                        return count; // drivers/char/mem.c write_null: the bytes are never read
                }
            }
            return -EFAULT;
        }

        @Override
        int poll(Kernel k) {
            return POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
        }

        @Override
        Vfs.Inode inode() {
            return node;
        }
    }

    // ------------------------------------------------------------------ pidfds

    static final class PidFd extends OpenFile {
        final Proc target;
        final Vfs.Inode inode;

        PidFd(Proc target, int flags, long ino) {
            super(O_RDWR | flags);
            this.target = target;
            this.inode = new Vfs.FileInode(ino, 0600);
        }

        @Override
        String describe() {
            return "pidfd (pid " + target.pid + (target.state == Proc.State.DEAD ? ", reaped" : "") + ")";
        }

        @Override
        boolean hasReadOp() {
            return false;
        }

        @Override
        boolean hasWriteOp() {
            return false;
        }

        @Override
        int poll(Kernel k) {
            if (target.state == Proc.State.DEAD) {
                return POLLIN | POLLRDNORM | POLLHUP;
            }
            if (target.state == Proc.State.ZOMBIE) {
                return POLLIN | POLLRDNORM;
            }
            return 0;
        }

        @Override
        Vfs.Inode inode() {
            return inode;
        }
    }

    // ------------------------------------------------------------------ fd tables

    static final class Entry {
        final OpenFile file;
        boolean cloexec;

        Entry(OpenFile file, boolean cloexec) {
            this.file = file;
            this.cloexec = cloexec;
        }
    }

    /** A process's fd table, shared by processes cloned with CLONE_FILES. */
    static final class FdTable {
        private static int nextId = 1;
        final int id;
        final TreeMap<Integer, Entry> fds = new TreeMap<>();
        int users;

        FdTable() {
            synchronized (FdTable.class) {
                id = nextId++;
            }
        }

        Entry get(int fd) {
            return fd < 0 ? null : fds.get(fd);
        }

        OpenFile file(int fd) {
            Entry e = get(fd);
            return e == null ? null : e.file;
        }

        /** The lowest free fd >= min and < limit, or -EMFILE. */
        int lowestFree(int min, long limit) {
            int fd = Math.max(min, 0);
            for (Map.Entry<Integer, Entry> e : fds.tailMap(fd, true).entrySet()) {
                if (e.getKey() != fd) {
                    break;
                }
                fd++;
            }
            return fd < limit ? fd : -EMFILE;
        }

        /** Installs at fd (which must be free); the description gains a reference. */
        void install(int fd, OpenFile f, boolean cloexec) {
            f.refs++;
            fds.put(fd, new Entry(f, cloexec));
        }

        /** Removes fd; returns its description if this was its last reference (the caller releases it). */
        OpenFile remove(int fd) {
            Entry e = fds.remove(fd);
            if (e == null) {
                return null;
            }
            e.file.refs--;
            return e.file.refs == 0 ? e.file : null;
        }

        FdTable copy() {
            FdTable t = new FdTable();
            for (Map.Entry<Integer, Entry> e : fds.entrySet()) {
                t.install(e.getKey(), e.getValue().file, e.getValue().cloexec);
            }
            return t;
        }
    }
}
