// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.linux.Syscall;

/**
 * Data transfer through an fd (internal): the read and write families, lseek and fsync, and what a short-transfer
 * fault may do to them.
 */
final class FileCalls {
    private static final int UIO_MAXIOV = 1024;

    /** Handed to each file's read and write: pipes, sockets and ptys block, wake and signal through the kernel. */
    private final Kernel k;

    FileCalls(Kernel k) {
        this.k = k;
    }

    void register(Registrar r) {
        r.register(Syscall.READ, c -> read(c, (int) c.a0, c.a1, c.a2, -1));
        r.register(Syscall.PREAD64, c -> c.a3 < 0 ? -EINVAL : read(c, (int) c.a0, c.a1, c.a2, c.a3));
        r.register(Syscall.WRITE, c -> write(c, (int) c.a0, c.a1, c.a2, -1));
        r.register(Syscall.PWRITE64, c -> c.a3 < 0 ? -EINVAL : write(c, (int) c.a0, c.a1, c.a2, c.a3));
        r.register(Syscall.READV, this::readv);
        r.register(Syscall.WRITEV, this::writev);
        r.register(Syscall.LSEEK, this::lseek);
        r.register(Syscall.FSYNC, this::fsync);
        r.register(Syscall.FDATASYNC, this::fsync);
    }

    // ------------------------------------------------------------------ helpers

    static Files.Sink sinkTo(AddressSpace mm, long addr) {
        return new Files.Sink() {
            long at = addr;

            @Override
            public boolean fits(long len) {
                return mm.accessible(at, len, PROT_WRITE);
            }

            @Override
            public void put(byte[] b, int off, int len) {
                mm.copyOut(at, b, off, len);
                at += len;
            }
        };
    }

    // ------------------------------------------------------------------ read and write

    /** The calls a short-transfer fault applies to; the hook sees their fd's type and byte count. */
    private static final java.util.Set<String> TRANSFERS = java.util.Set.of("read", "readv", "write", "writev",
            "recvfrom", "recvmsg", "sendto", "sendmsg");

    /** What {@code SyscallHook.Event.fileType} reports for the call {@code name} of {@code p}. */
    static String fileType(Proc p, Call c, String name) {
        return TRANSFERS.contains(name) ? typeOf(p.files.file((int) c.a0)) : "";
    }

    private static String typeOf(Files.OpenFile f) {
        if (f == null || f.isPath()) {
            return "";
        }
        if (f instanceof Files.PipeEnd) {
            return "pipe";
        }
        if (f instanceof SocketCalls.Sock s) {
            return s.type == SocketCalls.SOCK_STREAM ? "stream-socket" : "socket";
        }
        if (f instanceof Ptys.Master || f instanceof Ptys.Slave) {
            return "terminal";
        }
        return f instanceof Files.InodeFile ? "file" : "other";
    }

    /** What {@code SyscallHook.Event.byteCount} reports: the count, or the iovecs' total, or -1. */
    static long byteCount(Proc p, Call c, String name) {
        if (name.equals("read") || name.equals("write") || name.equals("recvfrom") || name.equals("sendto")) {
            return c.a2;
        }
        if (name.equals("recvmsg") || name.equals("sendmsg")) {
            return SocketCalls.msgBytes(p, c.a1);
        }
        if (!TRANSFERS.contains(name) || c.a2 < 0 || c.a2 > UIO_MAXIOV) {
            return -1;
        }
        long[] iov = iovecs(p, c.a1, c.a2);
        if (iov == null) {
            return -1;
        }
        long total = 0;
        for (int i = 1; i < iov.length; i += 2) {
            if (iov[i] < 0) {
                return -1;
            }
            total += iov[i];
        }
        return total;
    }

    /**
     * {@code count} under a short-transfer fault, only where Linux may move less than asked: a write to a pipe of
     * more than PIPE_BUF bytes returns what it wrote when a signal interrupts it (pipe(7): up to PIPE_BUF bytes are
     * atomic); regular files never short-transfer before EOF.
     */
    private static long capped(Call c, Files.OpenFile f, long count, boolean write) {
        if (c.shortTo <= 0 || c.shortTo >= count) {
            return count;
        }
        // reads end where a writer's data ended and socket sends at an skb: the pipe and the socket cut those
        boolean may = write && typeOf(f).equals("pipe") && count > PIPE_BUF;
        return may ? c.shortTo : count;
    }

    /**
     * fs/read_write.c: ksys_read → fdget_pos (EBADF), [pread: FMODE_PREAD (ESPIPE)], vfs_read → FMODE_READ
     * (EBADF), FMODE_CAN_READ (EINVAL), access_ok on the count as given (EFAULT), rw_verify_area (clamps to MAX_RW_COUNT), then the
     * file's read, which faults only if it copies (an empty pipe is EAGAIN, a directory EISDIR).
     */
    private long read(Call c, int fd, long buf, long count, long pos) {
        Proc p = c.proc;
        Files.OpenFile f = p.files.file(fd);
        if (f == null || f.isPath()) {
            return -EBADF;
        }
        if (pos >= 0 && (!f.seekable() || f instanceof Files.PipeEnd)) {
            return -ESPIPE;
        }
        if (!f.readable()) {
            return -EBADF;
        }
        if (!f.hasReadOp()) {
            return -EINVAL;
        }
        if (!AddressSpace.accessOk(buf, count)) {
            return -EFAULT;
        }
        if (count < 0 || count > MAX_RW_COUNT) {
            count = MAX_RW_COUNT;
        }
        count = capped(c, f, count, false);
        if (pos >= 0) {
            long saved = f.offset;
            f.offset = pos;
            long r = f.read(k, c, count, sinkTo(p.mm, buf));
            f.offset = saved;
            return r;
        }
        return f.read(k, c, count, sinkTo(p.mm, buf));
    }

    /**
     * fs/read_write.c: ksys_write → fdget_pos (EBADF), [pwrite: FMODE_PWRITE (ESPIPE)], vfs_write →
     * FMODE_WRITE (EBADF), FMODE_CAN_WRITE (EINVAL), access_ok on the count as given (EFAULT), rw_verify_area
     * (clamps), then the file's
     * write, which copies last: /dev/null never faults, a pipe without readers is EPIPE first.
     */
    private long write(Call c, int fd, long buf, long count, long pos) {
        Proc p = c.proc;
        Files.OpenFile f = p.files.file(fd);
        if (f == null || f.isPath()) {
            return -EBADF;
        }
        if (pos >= 0 && (f instanceof Files.PipeEnd || !f.seekable())) {
            return -ESPIPE;
        }
        if (!f.writable()) {
            return -EBADF;
        }
        if (!f.hasWriteOp()) {
            return -EINVAL;
        }
        if (!AddressSpace.accessOk(buf, count)) {
            return -EFAULT;
        }
        if (count < 0 || count > MAX_RW_COUNT) {
            count = MAX_RW_COUNT;
        }
        count = capped(c, f, count, true);
        Files.Source src = userSource(p.mm, buf, count);
        if (pos >= 0) {
            long saved = f.offset;
            int savedFlags = f.flags;
            f.offset = pos;
            f.flags &= ~O_APPEND;
            long r = f.write(k, c, src);
            f.offset = saved;
            f.flags = savedFlags;
            return r;
        }
        return f.write(k, c, src);
    }

    /** The caller's {@code [buf, buf+count)}, read only where the file asks (a fault ends the readable prefix). */
    private static Files.Source userSource(AddressSpace mm, long buf, long count) {
        return new Files.Source() {
            @Override
            public long length() {
                return count;
            }

            @Override
            public long readable() {
                return mm.accessiblePrefix(buf, count, PROT_READ);
            }

            @Override
            public int copy(long at, byte[] dst, int off, int len) {
                int n = (int) mm.accessiblePrefix(buf + at, len, PROT_READ);
                if (n > 0) {
                    mm.read(buf + at, dst, off, n);
                }
                return n;
            }
        };
    }

    /**
     * fs/sync.c do_fsync: fdget (EBADF, O_PATH included), then vfs_fsync_range, EINVAL for a file without an fsync
     * operation (pipes, devices, epoll fds, pidfds, sockets).
     */
    private long fsync(Call c) {
        Files.OpenFile f = c.proc.files.file((int) c.a0);
        if (f == null || f.isPath()) {
            return -EBADF;
        }
        return f.hasFsyncOp() ? 0 : -EINVAL;
    }

    /** The iovec array: pairs of (base, len), or null on a fault; EINVAL cases return an empty marker. */
    private static long[] iovecs(Proc p, long addr, long cnt) {
        byte[] raw = p.mm.copyIn(addr, cnt * 16);
        if (raw == null) {
            return null;
        }
        long[] out = new long[(int) cnt * 2];
        for (int i = 0; i < cnt * 2; i++) {
            out[i] = Bytes.getLong(raw, 8 * i);
        }
        return out;
    }

    private long readv(Call c) {
        Proc p = c.proc;
        Files.OpenFile f = p.files.file((int) c.a0);
        if (f == null || !f.readable()) {
            return -EBADF;
        }
        if (c.a2 < 0 || c.a2 > UIO_MAXIOV) {
            return -EINVAL;
        }
        long[] iov = iovecs(p, c.a1, c.a2);
        if (iov == null) {
            return -EFAULT;
        }
        long total = 0;
        for (int i = 0; i < iov.length; i += 2) {
            if (iov[i + 1] < 0) {
                return -EINVAL;
            }
            total += iov[i + 1];
        }
        long[] segs = iov;
        Files.Sink sink = new Files.Sink() {
            int seg;
            long inSeg;

            @Override
            public boolean fits(long len) {
                long left = len;
                int s = seg;
                long in = inSeg;
                while (left > 0 && s * 2 < segs.length) {
                    long n = Math.min(left, segs[s * 2 + 1] - in);
                    if (!p.mm.accessible(segs[s * 2] + in, n, PROT_WRITE)) {
                        return false;
                    }
                    left -= n;
                    s++;
                    in = 0;
                }
                return true;
            }

            @Override
            public void put(byte[] b, int off, int len) {
                while (len > 0 && seg * 2 < segs.length) {
                    int n = (int) Math.min(len, segs[seg * 2 + 1] - inSeg);
                    p.mm.copyOut(segs[seg * 2] + inSeg, b, off, n);
                    off += n;
                    len -= n;
                    inSeg += n;
                    if (inSeg == segs[seg * 2 + 1]) {
                        seg++;
                        inSeg = 0;
                    }
                }
            }
        };
        return f.read(k, c, capped(c, f, Math.min(total, MAX_RW_COUNT), false), sink);
    }

    private long writev(Call c) {
        Proc p = c.proc;
        Files.OpenFile f = p.files.file((int) c.a0);
        if (f == null || !f.writable()) {
            return -EBADF;
        }
        if (!(c.state instanceof byte[])) {
            if (c.a2 < 0 || c.a2 > UIO_MAXIOV) {
                return -EINVAL;
            }
            long[] iov = iovecs(p, c.a1, c.a2);
            if (iov == null) {
                return -EFAULT;
            }
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < iov.length; i += 2) {
                if (iov[i + 1] < 0) {
                    return -EINVAL;
                }
                byte[] seg = p.mm.copyIn(iov[i], iov[i + 1]);
                if (seg == null) {
                    return -EFAULT;
                }
                all.write(seg, 0, seg.length);
            }
            byte[] data = all.toByteArray();
            long n = capped(c, f, data.length, true);
            c.state = n < data.length ? java.util.Arrays.copyOf(data, (int) n) : data;
        }
        return f.write(k, c, Files.Source.of((byte[]) c.state));
    }

    // ------------------------------------------------------------------ position

    /**
     * fs/read_write.c ksys_lseek: fdget_pos (EBADF, O_PATH included), whence above SEEK_MAX (EINVAL), then
     * vfs_llseek: no FMODE_LSEEK (ESPIPE), then the file's llseek (/dev/null's always returns 0, noop_llseek the
     * unmoved offset).
     */
    private long lseek(Call c) {
        Files.OpenFile f = c.proc.files.file((int) c.a0);
        if (f == null || f.isPath()) {
            return -EBADF;
        }
        int whence = (int) c.a2; // an unsigned int in the kernel
        if (Integer.compareUnsigned(whence, SEEK_HOLE) > 0) {
            return -EINVAL;
        }
        if (f.noopSeek()) {
            return f.offset;
        }
        if (f instanceof Files.PipeEnd || !f.seekable()) {
            return -ESPIPE;
        }
        Vfs.Inode n = f.inode();
        if (n instanceof Vfs.DevInode) {
            return 0;
        }
        long off = c.a1;
        long base;
        switch (whence) {
            case 0:
                base = 0;
                break;
            case 1:
                base = f.offset;
                break;
            case 2:
                base = n.size();
                break;
            default:
                // SEEK_DATA, SEEK_HOLE as generic_file_llseek: the whole file is data, its end the only hole
                if (off < 0 || off >= n.size()) {
                    return -ENXIO;
                }
                base = 0;
                off = whence == SEEK_DATA ? off : n.size();
                break;
        }
        long pos = base + off;
        if (pos < 0) {
            return -EINVAL;
        }
        f.offset = pos;
        return pos;
    }

}
