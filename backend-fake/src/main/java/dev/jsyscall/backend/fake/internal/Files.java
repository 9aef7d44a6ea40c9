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

    /**
     * Where a write takes its bytes from: the caller's memory, copied only as the file accepts them, so that a write
     * costs what it touches and not the length it asks for (Linux copies page by page inside the file's write).
     */
    interface Source {
        /** The count asked for, already clamped to MAX_RW_COUNT. */
        long length();

        /** Copies up to {@code len} bytes from position {@code at}: how many were readable (fewer at a fault). */
        int copy(long at, byte[] dst, int off, int len);

        /** How many bytes from the start are readable, without copying any. */
        long readable();

        /** Bytes the kernel already holds (writev's gathered segments). */
        static Source of(byte[] b) {
            return new Source() {
                @Override
                public long length() {
                    return b.length;
                }

                @Override
                public long readable() {
                    return b.length;
                }

                @Override
                public int copy(long at, byte[] dst, int off, int len) {
                    int n = (int) Math.max(0, Math.min(len, b.length - at));
                    System.arraycopy(b, (int) at, dst, off, n);
                    return n;
                }
            };
        }
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

        /**
         * Returns the count written, -errno, or {@link Kernel#BLOCK}. Files that copy as they go (pipes, regular
         * files, devices) override this; the others take one whole message (an eventfd's 8 bytes, a datagram, a
         * /proc control line), copied in first and kept across a blocked retry, and a fault is EFAULT.
         */
        long write(Kernel k, Call c, Source src) {
            byte[] data;
            if (c.state instanceof byte[]) {
                data = (byte[]) c.state;
            } else {
                // a fault is EFAULT before anything is allocated: the length may be MAX_RW_COUNT over unmapped memory
                if (src.readable() < src.length() || src.length() > Integer.MAX_VALUE - 16) {
                    return -EFAULT;
                }
                data = new byte[(int) src.length()];
                if (src.copy(0, data, 0, data.length) < data.length) {
                    return -EFAULT;
                }
                c.state = data;
            }
            return write(k, c, data);
        }

        /** The whole-message write of {@link #write(Kernel, Call, Source)}. */
        long write(Kernel k, Call c, byte[] data) {
            return -EINVAL;
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
        /**
         * Where each writer's data became visible to readers, as {absolute end, writer pid}: the end of a write,
         * or where a large write waited for room. pipe_write holds the pipe's mutex from its first byte to its last
         * except while it waits for room, so these are the only places a read can end short of what is buffered.
         */
        final java.util.ArrayDeque<long[]> ends = new java.util.ArrayDeque<>();
        long written;
        long consumed;

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
            written += len;
        }

        /** The data put since the last mark is visible to readers now (the writer lets go of the pipe). */
        void mark(int writerPid) {
            if (ends.isEmpty() || ends.peekLast()[0] < written) {
                ends.add(new long[] {written, writerPid});
            }
        }

        /**
         * How much of the buffered data a read may take under a short-transfer fault of {@code limit} bytes: up to
         * the last place within {@code limit} where a writer's data ended, or the first one if the first write
         * alone is longer; never inside a write. The fault stands for a read that ran before the later writes
         * arrived, which a reader that wrote them itself cannot have done (the local process has other threads).
         */
        long shortRead(long limit, Proc reader) {
            long cut = -1;
            long first = -1;
            for (long[] e : ends) {
                if (e[0] <= consumed) {
                    continue;
                }
                boolean later = e[0] < written;
                if (later && reader.kind != Proc.Kind.LOCAL && writtenBy(e[0], reader.pid)) {
                    continue; // the data after this end is the reader's own
                }
                if (first < 0) {
                    first = e[0] - consumed;
                }
                if (e[0] - consumed <= limit) {
                    cut = e[0] - consumed;
                }
            }
            return cut > 0 ? cut : first > 0 ? first : size;
        }

        /** Whether any data after {@code end} was written by {@code pid}. */
        private boolean writtenBy(long end, int pid) {
            for (long[] e : ends) {
                if (e[0] > end && e[1] == pid) {
                    return true;
                }
            }
            return false;
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
            consumed += n;
            while (!ends.isEmpty() && ends.peek()[0] <= consumed) {
                ends.poll();
            }
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
                if (c.shortTo > 0 && c.shortTo < Math.min(count, pipe.size)) {
                    count = Math.min(count, pipe.shortRead(c.shortTo, c.proc));
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

        /**
         * fs/pipe.c pipe_write: an empty write returns at once, no readers is EPIPE (and SIGPIPE), a full pipe waits
         * or is EAGAIN, and only then are bytes copied, a page at a time: a page that faults is not counted, and the
         * write returns what went in before it, or EFAULT when nothing did. PIPE_BUF writes go in whole or not at all.
         */
        @Override
        long write(Kernel k, Call c, Source src) {
            if (!writeEnd) {
                return -EBADF;
            }
            long total = src.length();
            int done = c.progress;
            if (total == 0) {
                return 0;
            }
            if (pipe.readers == 0) {
                k.signals.sendSignalToThread(c.proc, Signals.Info.user(SIGPIPE, SI_USER, c.proc.pid, c.proc.creds.uid));
                return done > 0 ? done : -EPIPE;
            }
            if (total <= PIPE_BUF) {
                if (pipe.free() >= total) {
                    byte[] b = new byte[(int) total];
                    if (src.copy(0, b, 0, b.length) < b.length) {
                        return -EFAULT;
                    }
                    pipe.put(b, 0, b.length);
                    pipe.mark(c.proc.pid);
                    return total;
                }
            } else {
                while (done < total && pipe.free() > 0) {
                    int n = (int) Math.min(Math.min(total - done, pipe.free()), PAGE_SIZE);
                    byte[] b = new byte[n];
                    if (src.copy(done, b, 0, n) < n) {
                        pipe.mark(c.proc.pid);
                        return done > 0 ? done : -EFAULT;
                    }
                    pipe.put(b, 0, n);
                    done += n;
                    c.progress = done;
                    c.madeProgress = true;
                }
                pipe.mark(c.proc.pid);
                if (done == total) {
                    return done;
                }
            }
            if (nonblocking()) {
                return done > 0 ? done : -EAGAIN;
            }
            c.waitingFor = "room in " + describe();
            return Kernel.BLOCK;
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

        /**
         * /dev/null never reads the bytes (drivers/char/mem.c write_null), /dev/full refuses them first; a regular
         * file takes them a page at a time (generic_perform_write), so a fault keeps what went in before it.
         */
        @Override
        long write(Kernel k, Call c, Source src) {
            if (!writable()) {
                return -EBADF;
            }
            long total = src.length();
            if (node instanceof Vfs.DevInode) {
                switch (((Vfs.DevInode) node).device) {
                    case FULL:
                        return -ENOSPC;
                    case CONSOLE:
                        return copyPages(src, (at, b, n) -> k.console.write(b, 0, n));
                    default:
                        return total;
                }
            }
            if (!(node instanceof Vfs.FileInode) || node instanceof ProcFs.Control) {
                return super.write(k, c, src);
            }
            Vfs.FileInode f = (Vfs.FileInode) node;
            long start = (flags & O_APPEND) != 0 ? f.length : offset;
            if (start + total < 0) {
                return -EFBIG; // past MAX_LFS_FILESIZE
            }
            long r = copyPages(src, (at, b, n) -> f.write(start + at, b, 0, n));
            if (r > 0) {
                f.mtimeNs = k.clock.realtimeNs();
                offset = start + r;
            }
            return r;
        }

        /** Where {@link #copyPages} puts each page it copied. */
        interface PageSink {
            void put(long at, byte[] b, int n);
        }

        /** Copies {@code src} a page at a time: the count up to the first fault, or EFAULT when that is the start. */
        static long copyPages(Source src, PageSink sink) {
            long total = src.length();
            long done = 0;
            byte[] page = new byte[(int) Math.min(total, PAGE_SIZE)];
            while (done < total) {
                int n = (int) Math.min(total - done, PAGE_SIZE);
                int got = src.copy(done, page, 0, n);
                if (got > 0) {
                    sink.put(done, page, got);
                    done += got;
                }
                if (got < n) {
                    return done > 0 ? done : -EFAULT;
                }
            }
            return done;
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
