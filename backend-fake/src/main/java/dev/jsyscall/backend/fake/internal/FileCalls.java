// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.backend.fake.FakeUnsupportedException;
import dev.jsyscall.linux.Syscall;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** File-descriptor and file-system syscalls, pipes and polling (internal). */
final class FileCalls {
    private static final int UIO_MAXIOV = 1024;

    private final Kernel k;

    FileCalls(Kernel k) {
        this.k = k;
    }

    void register() {
        k.register(Syscall.READ, c -> read(c, (int) c.a0, c.a1, c.a2, -1));
        k.register(Syscall.PREAD64, c -> c.a3 < 0 ? -EINVAL : read(c, (int) c.a0, c.a1, c.a2, c.a3));
        k.register(Syscall.WRITE, c -> write(c, (int) c.a0, c.a1, c.a2, -1));
        k.register(Syscall.PWRITE64, c -> c.a3 < 0 ? -EINVAL : write(c, (int) c.a0, c.a1, c.a2, c.a3));
        k.register(Syscall.READV, this::readv);
        k.register(Syscall.WRITEV, this::writev);
        k.register(Syscall.CLOSE, this::close);
        k.register(Syscall.CLOSE_RANGE, this::closeRange);
        k.register(Syscall.DUP, this::dup);
        k.register(Syscall.DUP2, c -> dup3(c, (int) c.a0, (int) c.a1, 0, true));
        k.register(Syscall.DUP3, c -> dup3(c, (int) c.a0, (int) c.a1, (int) c.a2, false));
        k.register(Syscall.FCNTL, this::fcntl);
        k.register(Syscall.PIPE, c -> pipe2(c, c.a0, 0));
        k.register(Syscall.PIPE2, c -> pipe2(c, c.a0, (int) c.a1));
        k.register(Syscall.OPEN, c -> openat(c, AT_FDCWD, c.a0, (int) c.a1, (int) c.a2));
        k.register(Syscall.OPENAT, c -> openat(c, (int) c.a0, c.a1, (int) c.a2, (int) c.a3));
        k.register(Syscall.CREAT, c -> openat(c, AT_FDCWD, c.a0, O_CREAT | O_WRONLY | O_TRUNC, (int) c.a1));
        k.register(Syscall.LSEEK, this::lseek);
        k.register(Syscall.FSTAT, c -> fstat(c, (int) c.a0, c.a1));
        k.register(Syscall.STAT, c -> fstatat(c, AT_FDCWD, c.a0, c.a1, 0));
        k.register(Syscall.LSTAT, c -> fstatat(c, AT_FDCWD, c.a0, c.a1, AT_SYMLINK_NOFOLLOW));
        k.register(Syscall.NEWFSTATAT, c -> fstatat(c, (int) c.a0, c.a1, c.a2, (int) c.a3));
        k.register(Syscall.GETCWD, this::getcwd);
        k.register(Syscall.CHDIR, this::chdir);
        k.register(Syscall.FCHDIR, this::fchdir);
        k.register(Syscall.MKDIR, c -> mkdirat(c, AT_FDCWD, c.a0, (int) c.a1));
        k.register(Syscall.MKDIRAT, c -> mkdirat(c, (int) c.a0, c.a1, (int) c.a2));
        k.register(Syscall.UNLINK, c -> unlinkat(c, AT_FDCWD, c.a0, 0));
        k.register(Syscall.RMDIR, c -> unlinkat(c, AT_FDCWD, c.a0, AT_REMOVEDIR));
        k.register(Syscall.UNLINKAT, c -> unlinkat(c, (int) c.a0, c.a1, (int) c.a2));
        k.register(Syscall.ACCESS, c -> faccessat(c, AT_FDCWD, c.a0, (int) c.a1, 0));
        k.register(Syscall.FACCESSAT, c -> faccessat(c, (int) c.a0, c.a1, (int) c.a2, 0));
        k.register(Syscall.FACCESSAT2, c -> faccessat(c, (int) c.a0, c.a1, (int) c.a2, (int) c.a3));
        k.register(Syscall.IOCTL, this::ioctl);
        k.register(Syscall.READLINK, c -> readlinkat(c, AT_FDCWD, c.a0, c.a1, c.a2));
        k.register(Syscall.READLINKAT, c -> readlinkat(c, (int) c.a0, c.a1, c.a2, c.a3));
        k.register(Syscall.GETDENTS64, this::getdents64);
        k.register(Syscall.MEMFD_CREATE, this::memfdCreate);
        k.register(Syscall.FTRUNCATE, c -> ftruncate(c, (int) c.a0, c.a1));
        k.register(Syscall.TRUNCATE, this::truncate);
        k.register(Syscall.FSYNC, this::fsync);
        k.register(Syscall.FDATASYNC, this::fsync);
        k.register(Syscall.CHMOD, c -> fchmodat(c, AT_FDCWD, c.a0, (int) c.a1));
        k.register(Syscall.FCHMODAT, c -> fchmodat(c, (int) c.a0, c.a1, (int) c.a2));
        k.register(Syscall.FCHMOD, this::fchmod);
        k.register(Syscall.RENAME, c -> renameat(c, AT_FDCWD, c.a0, AT_FDCWD, c.a1, 0));
        k.register(Syscall.RENAMEAT, c -> renameat(c, (int) c.a0, c.a1, (int) c.a2, c.a3, 0));
        k.register(Syscall.RENAMEAT2, c -> renameat(c, (int) c.a0, c.a1, (int) c.a2, c.a3, (int) c.a4));
        k.register(Syscall.PPOLL, this::ppoll);
        k.register(Syscall.POLL, this::poll);
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

    /** The directory a *at() path is relative to; EBADF or ENOTDIR end the syscall. */
    static Vfs.DirInode dirFor(Kernel k, Proc p, int dirfd, String path) {
        if (path.startsWith("/") || dirfd == AT_FDCWD) {
            return p.fs.cwd;
        }
        Files.OpenFile f = p.files.file(dirfd);
        if (f == null) {
            throw new SyscallError(EBADF);
        }
        Vfs.Inode n = f.inode();
        if (!(n instanceof Vfs.DirInode)) {
            throw new SyscallError(ENOTDIR);
        }
        return (Vfs.DirInode) n;
    }

    /** A path argument; EFAULT or ENAMETOOLONG end the syscall. */
    private static String pathArg(Proc p, long addr) {
        byte[] b = p.mm.copyString(addr, PATH_MAX);
        if (b == null) {
            throw new SyscallError(EFAULT);
        }
        if (b.length >= PATH_MAX) {
            throw new SyscallError(ENAMETOOLONG);
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private long installNew(Proc p, Files.OpenFile f, boolean cloexec) {
        int fd = p.files.lowestFree(0, p.rlimCur[RLIMIT_NOFILE]);
        if (fd < 0) {
            return fd;
        }
        p.files.install(fd, f, cloexec);
        return fd;
    }

    private void closeFd(Files.FdTable t, int fd) {
        Files.OpenFile f = t.remove(fd);
        if (f != null) {
            f.released(k);
        }
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

    // ------------------------------------------------------------------ fd table

    private long close(Call c) {
        Files.FdTable t = c.proc.files;
        if (t.get((int) c.a0) == null) {
            return -EBADF;
        }
        closeFd(t, (int) c.a0);
        return 0;
    }

    private long closeRange(Call c) {
        Proc p = c.proc;
        long first = c.a0 & 0xffffffffL;
        long last = c.a1 & 0xffffffffL;
        long flags = c.a2;
        if ((flags & ~(long) (CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)) != 0 || first > last) {
            return -EINVAL;
        }
        if ((flags & CLOSE_RANGE_UNSHARE) != 0 && p.files.users > 1) {
            Files.FdTable mine = p.files.copy();
            p.files.users--;
            p.files = mine;
            mine.users = 1;
        }
        List<Integer> fds = new ArrayList<>(p.files.fds.subMap((int) Math.min(first, Integer.MAX_VALUE), true,
                (int) Math.min(last, Integer.MAX_VALUE), true).keySet());
        for (int fd : fds) {
            if ((flags & CLOSE_RANGE_CLOEXEC) != 0) {
                p.files.get(fd).cloexec = true;
            } else {
                closeFd(p.files, fd);
            }
        }
        return 0;
    }

    private long dup(Call c) {
        Proc p = c.proc;
        Files.OpenFile f = p.files.file((int) c.a0);
        if (f == null) {
            return -EBADF;
        }
        return installNew(p, f, false);
    }

    private long dup3(Call c, int oldfd, int newfd, int flags, boolean dup2) {
        Proc p = c.proc;
        if (dup2) {
            if (oldfd == newfd) {
                return p.files.get(oldfd) == null ? -EBADF : newfd;
            }
        } else {
            if ((flags & ~O_CLOEXEC) != 0) {
                return -EINVAL;
            }
            if (oldfd == newfd) {
                return -EINVAL;
            }
        }
        if (newfd < 0 || newfd >= p.rlimCur[RLIMIT_NOFILE]) {
            return -EBADF;
        }
        Files.OpenFile f = p.files.file(oldfd);
        if (f == null) {
            return -EBADF;
        }
        f.refs++; // keep it alive while newfd's old file (possibly the same) is closed
        closeFd(p.files, newfd);
        p.files.install(newfd, f, (flags & O_CLOEXEC) != 0);
        f.refs--;
        return newfd;
    }

    private long fcntl(Call c) {
        Proc p = c.proc;
        int fd = (int) c.a0;
        int cmd = (int) c.a1;
        long arg = c.a2;
        Files.Entry e = p.files.get(fd);
        if (e == null) {
            return -EBADF;
        }
        // fs/fcntl.c: fdget_raw sees O_PATH fds, but check_fcntl_cmd lets only these commands through
        if (e.file.isPath() && cmd != F_DUPFD && cmd != F_DUPFD_CLOEXEC && cmd != F_GETFD && cmd != F_SETFD
                && cmd != F_GETFL) {
            return -EBADF;
        }
        switch (cmd) {
            case F_DUPFD:
            case F_DUPFD_CLOEXEC: {
                if (arg < 0 || arg >= p.rlimCur[RLIMIT_NOFILE]) {
                    return -EINVAL;
                }
                int nfd = p.files.lowestFree((int) arg, p.rlimCur[RLIMIT_NOFILE]);
                if (nfd < 0) {
                    return nfd;
                }
                p.files.install(nfd, e.file, cmd == F_DUPFD_CLOEXEC);
                return nfd;
            }
            case F_GETFD:
                return e.cloexec ? FD_CLOEXEC : 0;
            case F_SETFD:
                e.cloexec = (arg & FD_CLOEXEC) != 0;
                return 0;
            case F_GETFL:
                return e.file.flags;
            case F_GETOWN:
            case F_GETSIG:
                return 0; // the fake has no F_SETOWN or F_SETSIG: no fd has an owner, SIGIO is the signal
            case F_SETFL: {
                // setfl: O_DIRECT needs FMODE_CAN_ODIRECT, which none of the fake's files has (tmpfs, /dev);
                // on a pipe it is packet mode, which is not simulated
                if ((arg & O_DIRECT) != 0) {
                    if (e.file instanceof Files.PipeEnd) {
                        throw new FakeUnsupportedException("fcntl(F_SETFL, O_DIRECT): packet-mode pipes are not"
                                + " simulated");
                    }
                    return -EINVAL;
                }
                int settable = O_APPEND | O_ASYNC | O_DIRECT | O_NOATIME | O_NONBLOCK;
                e.file.flags = (e.file.flags & ~settable) | ((int) arg & settable);
                return 0;
            }
            case F_GETPIPE_SZ:
                return e.file instanceof Files.PipeEnd ? ((Files.PipeEnd) e.file).pipe.capacity : -EBADF;
            case F_SETPIPE_SZ: {
                if (!(e.file instanceof Files.PipeEnd)) {
                    return -EBADF;
                }
                Files.Pipe pipe = ((Files.PipeEnd) e.file).pipe;
                long size = Math.max(arg, PAGE_SIZE);
                if (arg < 0 || size > (1L << 31)) {
                    return -EINVAL;
                }
                long rounded = Long.highestOneBit(size - 1) << 1;
                if (rounded < PAGE_SIZE) {
                    rounded = PAGE_SIZE;
                }
                if (rounded > 1048576 && !Namespaces.capableInInitial(p)) {
                    return -EPERM;
                }
                if (pipe.size > rounded) {
                    return -EBUSY;
                }
                pipe.capacity = (int) rounded;
                return rounded;
            }
            default:
                return -EINVAL;
        }
    }

    private long pipe2(Call c, long fdsAddr, int flags) {
        Proc p = c.proc;
        if ((flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT)) != 0) {
            return -EINVAL;
        }
        if ((flags & O_DIRECT) != 0) {
            throw new FakeUnsupportedException("pipe2(O_DIRECT): packet-mode pipes are not simulated");
        }
        long limit = p.rlimCur[RLIMIT_NOFILE];
        int r = p.files.lowestFree(0, limit);
        if (r < 0) {
            return r;
        }
        Files.Pipe pipe = new Files.Pipe(k.vfs.newIno());
        Files.PipeEnd rf = new Files.PipeEnd(pipe, false, flags & O_NONBLOCK);
        Files.PipeEnd wf = new Files.PipeEnd(pipe, true, flags & O_NONBLOCK);
        boolean cloexec = (flags & O_CLOEXEC) != 0;
        p.files.install(r, rf, cloexec);
        int w = p.files.lowestFree(0, limit);
        if (w < 0) {
            closeFd(p.files, r);
            wf.released(k);
            return w;
        }
        byte[] both = new byte[8];
        Bytes.putInt(both, 0, r);
        Bytes.putInt(both, 4, w);
        if (!p.mm.copyOut(fdsAddr, both)) {
            closeFd(p.files, r);
            rf.released(k);
            wf.released(k);
            return -EFAULT;
        }
        p.files.install(w, wf, cloexec);
        return 0;
    }

    // ------------------------------------------------------------------ files and directories

    private long openat(Call c, int dirfd, long pathAddr, int flags, int mode) {
        Proc p = c.proc;
        // fs/open.c do_sys_openat2: getname (EFAULT, ENAMETOOLONG, ENOENT for ""), get_unused_fd_flags (EMFILE),
        // then do_filp_open: the dirfd (EBADF, ENOTDIR), the lookup, may_open (EISDIR, EACCES)
        String pa = pathArg(p, pathAddr);
        String path = pa;
        if (path.isEmpty()) {
            return -ENOENT;
        }
        int reserved = p.files.lowestFree(0, p.rlimCur[RLIMIT_NOFILE]);
        if (reserved < 0) {
            return reserved;
        }
        Vfs.DirInode base = dirFor(k, p, dirfd, path);
        if ((flags & O_PATH) != 0) {
            Object found = k.vfs.resolve(base, path, null, p.creds);
            if (found instanceof Integer) {
                return (Integer) found;
            }
            Vfs.Inode node = (Vfs.Inode) found;
            if ((flags & O_DIRECTORY) != 0 && !node.isDir()) {
                return -ENOTDIR;
            }
            // fs/open.c build_open_flags: an O_PATH open keeps only O_PATH_FLAGS (O_CLOEXEC goes to the fd)
            return installNew(p, new Files.InodeFile(node, flags & (O_PATH | O_NOFOLLOW | O_DIRECTORY)),
                    (flags & O_CLOEXEC) != 0);
        }
        int acc = flags & O_ACCMODE;
        Vfs.Inode node;
        if ((flags & O_CREAT) != 0) {
            Object[] parent = new Object[2];
            Object found = k.vfs.resolve(base, path, parent, p.creds);
            if (found instanceof Vfs.Inode) {
                if ((flags & O_EXCL) != 0) {
                    return -EEXIST;
                }
                node = (Vfs.Inode) found;
            } else if ((Integer) found == -ENOENT && parent[0] instanceof Vfs.DirInode && !path.endsWith("/")
                    && !(parent[0] instanceof ProcFs.DynamicDir)) {
                Vfs.DirInode dir = (Vfs.DirInode) parent[0];
                if (!Vfs.permitted(dir, p.creds, Vfs.MAY_WRITE | Vfs.MAY_EXEC)) {
                    return -EACCES;
                }
                Vfs.FileInode f = new Vfs.FileInode(k.vfs.newIno(), mode & 07777 & ~p.fs.umask);
                f.uid = p.creds.fsuid;
                f.gid = p.creds.fsgid;
                k.vfs.link(dir, (String) parent[1], f);
                node = f;
                int fd = p.files.lowestFree(0, p.rlimCur[RLIMIT_NOFILE]);
                if (fd < 0) {
                    return fd;
                }
                return installNew(p, new Files.InodeFile(node, openFlags(flags)), (flags & O_CLOEXEC) != 0);
            } else {
                return path.endsWith("/") && (Integer) found == -ENOENT ? -EISDIR : (Integer) found;
            }
        } else {
            Object found = k.vfs.resolve(base, path, null, p.creds);
            if (found instanceof Integer) {
                return (Integer) found;
            }
            node = (Vfs.Inode) found;
        }
        if (node instanceof ProcFs.Link) {
            ProcFs.Link link = (ProcFs.Link) node;
            if (link.file instanceof Files.PipeEnd) {
                // opening /proc/<pid>/fd/N of a pipe makes a new open file description of that pipe
                Files.Pipe pipe = ((Files.PipeEnd) link.file).pipe;
                if (acc == O_RDWR) {
                    throw new FakeUnsupportedException("opening a pipe O_RDWR through /proc is not simulated");
                }
                return installNew(p, new Files.PipeEnd(pipe, acc == O_WRONLY, flags & O_NONBLOCK),
                        (flags & O_CLOEXEC) != 0);
            }
            if (link.node == null
                    || !(link.file == null || link.file instanceof Files.InodeFile || link.file instanceof Ptys.Slave)) {
                return -ENXIO;
            }
            node = link.node;
        }
        if ((flags & O_DIRECTORY) != 0 && !node.isDir()) {
            return -ENOTDIR;
        }
        // ACC_MODE: access mode 3 needs read and write permission; O_TRUNC adds MAY_WRITE, so that a directory
        // opened with it is EISDIR
        int need = (acc == O_RDONLY ? Vfs.MAY_READ : acc == O_WRONLY ? Vfs.MAY_WRITE : Vfs.MAY_READ | Vfs.MAY_WRITE);
        if ((flags & O_TRUNC) != 0) {
            need |= Vfs.MAY_WRITE;
        }
        if (node.isDir() && ((need & Vfs.MAY_WRITE) != 0 || (flags & O_CREAT) != 0)) {
            return -EISDIR;
        }
        if (!Vfs.permitted(node, p.creds, need)) {
            return -EACCES;
        }
        if (node instanceof ProcFs.Control && acc != O_RDONLY) {
            return installNew(p, new ProcFs.ControlFile((ProcFs.Control) node, openFlags(flags)),
                    (flags & O_CLOEXEC) != 0);
        }
        if (node instanceof Vfs.DevInode && ((Vfs.DevInode) node).device == Vfs.Device.PTMX) {
            return installNew(p, k.ptys.openMaster(p, openFlags(flags)), (flags & O_CLOEXEC) != 0);
        }
        if (node instanceof Vfs.DevInode && ((Vfs.DevInode) node).device == Vfs.Device.TTY) {
            return k.ptys.openControlling(p, flags, (flags & O_CLOEXEC) != 0);
        }
        if (node instanceof Ptys.SlaveInode) {
            return k.ptys.openSlave(p, ((Ptys.SlaveInode) node).pty, flags, p.files, (flags & O_CLOEXEC) != 0);
        }
        if ((flags & O_TRUNC) != 0 && node instanceof Vfs.FileInode && acc != O_RDONLY) {
            ((Vfs.FileInode) node).truncate(0);
        }
        return installNew(p, new Files.InodeFile(node, openFlags(flags)), (flags & O_CLOEXEC) != 0);
    }

    /** What F_GETFL reports: open-time-only flags are dropped, O_LARGEFILE is forced on 64-bit. */
    private static int openFlags(int flags) {
        return (flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC)) | O_LARGEFILE;
    }

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

    static byte[] encodeStat(Vfs.Inode n) {
        byte[] b = new byte[144];
        Bytes.putLong(b, 0, n instanceof Vfs.DevInode ? 5 : 0x803); // st_dev: devtmpfs / the fake's disk
        Bytes.putLong(b, 8, n.ino);
        Bytes.putLong(b, 16, n.nlink);
        Bytes.putInt(b, 24, n.mode);
        Bytes.putInt(b, 28, n.uid);
        Bytes.putInt(b, 32, n.gid);
        if (n instanceof Vfs.DevInode) {
            Vfs.Device d = ((Vfs.DevInode) n).device;
            Bytes.putLong(b, 40, ((long) d.major << 8) | d.minor);
        } else if (n instanceof Ptys.SlaveInode) {
            Bytes.putLong(b, 40, ((Ptys.SlaveInode) n).rdev());
        }
        Bytes.putLong(b, 48, n.size());
        Bytes.putLong(b, 56, 4096);
        Bytes.putLong(b, 64, (n.size() + 511) / 512);
        for (int off = 72; off <= 104; off += 16) {
            Bytes.putLong(b, off, n.mtimeNs / 1_000_000_000L);
            Bytes.putLong(b, off + 8, n.mtimeNs % 1_000_000_000L);
        }
        return b;
    }

    private long fstat(Call c, int fd, long buf) {
        Files.OpenFile f = c.proc.files.file(fd);
        if (f == null) {
            return -EBADF;
        }
        return c.proc.mm.copyOut(buf, encodeStat(f.inode())) ? 0 : -EFAULT;
    }

    private long fstatat(Call c, int dirfd, long pathAddr, long buf, int flags) {
        Proc p = c.proc;
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | 0x800 /* AT_NO_AUTOMOUNT */)) != 0) {
            return -EINVAL;
        }
        String pa = pathArg(p, pathAddr);
        String path = pa;
        if (path.isEmpty() && (flags & AT_EMPTY_PATH) != 0) {
            if (dirfd == AT_FDCWD) {
                return p.mm.copyOut(buf, encodeStat(p.fs.cwd)) ? 0 : -EFAULT;
            }
            return fstat(c, dirfd, buf);
        }
        Vfs.DirInode base = dirFor(k, p, dirfd, path);
        Object found = k.vfs.resolve(base, path, null, p.creds);
        if (found instanceof Integer) {
            return (Integer) found;
        }
        Vfs.Inode n = (Vfs.Inode) found;
        if (n instanceof ProcFs.Link && (flags & AT_SYMLINK_NOFOLLOW) == 0) {
            ProcFs.Link link = (ProcFs.Link) n;
            if (link.file != null) {
                n = link.file.inode();
            } else if (link.node != null) {
                n = link.node;
            } else {
                return -ENOENT;
            }
        }
        return p.mm.copyOut(buf, encodeStat(n)) ? 0 : -EFAULT;
    }

    private long getcwd(Call c) {
        Proc p = c.proc;
        Vfs.DirInode cwd = p.fs.cwd;
        if (cwd != k.vfs.root && !(cwd.parent instanceof ProcFs.DynamicDir)
                && (cwd.parent == null || cwd.parent.entries.get(cwd.name) != cwd)) {
            return -ENOENT; // removed while we were in it
        }
        byte[] path = cwd.path().getBytes(StandardCharsets.UTF_8);
        if (path.length + 1 > c.a1) {
            return -ERANGE;
        }
        byte[] z = java.util.Arrays.copyOf(path, path.length + 1);
        return p.mm.copyOut(c.a0, z) ? z.length : -EFAULT;
    }

    private long chdir(Call c) {
        Proc p = c.proc;
        String pa = pathArg(p, c.a0);
        Object found = k.vfs.resolve(p.fs.cwd, pa, null, p.creds);
        if (found instanceof Integer) {
            return (Integer) found;
        }
        Vfs.Inode n = (Vfs.Inode) found;
        if (!(n instanceof Vfs.DirInode)) {
            return -ENOTDIR;
        }
        if (!Vfs.permitted(n, p.creds, Vfs.MAY_EXEC)) {
            return -EACCES;
        }
        p.fs.cwd = (Vfs.DirInode) n;
        return 0;
    }

    private long fchdir(Call c) {
        Proc p = c.proc;
        Files.OpenFile f = p.files.file((int) c.a0);
        if (f == null) {
            return -EBADF;
        }
        if (!(f.inode() instanceof Vfs.DirInode)) {
            return -ENOTDIR;
        }
        if (!Vfs.permitted(f.inode(), p.creds, Vfs.MAY_EXEC)) {
            return -EACCES;
        }
        p.fs.cwd = (Vfs.DirInode) f.inode();
        return 0;
    }

    private long mkdirat(Call c, int dirfd, long pathAddr, int mode) {
        Proc p = c.proc;
        String pa = pathArg(p, pathAddr);
        Vfs.DirInode base = dirFor(k, p, dirfd, pa);
        Object[] parent = new Object[2];
        Object found = k.vfs.resolve(base, pa, parent, p.creds);
        if (found instanceof Vfs.Inode) {
            return -EEXIST;
        }
        if ((Integer) found != -ENOENT || !(parent[0] instanceof Vfs.DirInode)) {
            return (Integer) found;
        }
        if (parent[0] instanceof ProcFs.DynamicDir) {
            return -ENOENT;
        }
        Vfs.DirInode dir = (Vfs.DirInode) parent[0];
        if (!Vfs.permitted(dir, p.creds, Vfs.MAY_WRITE | Vfs.MAY_EXEC)) {
            return -EACCES;
        }
        Vfs.DirInode d = new Vfs.DirInode(k.vfs.newIno(), mode & 07777 & ~p.fs.umask);
        d.uid = p.creds.fsuid;
        d.gid = p.creds.fsgid;
        k.vfs.link(dir, (String) parent[1], d);
        return 0;
    }

    private long unlinkat(Call c, int dirfd, long pathAddr, int flags) {
        Proc p = c.proc;
        if ((flags & ~AT_REMOVEDIR) != 0) {
            return -EINVAL;
        }
        String pa = pathArg(p, pathAddr);
        Vfs.DirInode base = dirFor(k, p, dirfd, pa);
        Object[] parent = new Object[2];
        Object found = k.vfs.resolve(base, pa, parent, p.creds);
        if (found instanceof Integer) {
            return (Integer) found;
        }
        Vfs.Inode n = (Vfs.Inode) found;
        String name = (String) parent[1];
        boolean rmdir = (flags & AT_REMOVEDIR) != 0;
        if (parent[0] instanceof ProcFs.DynamicDir || n instanceof ProcFs.DynamicDir) {
            return -EPERM;
        }
        if (rmdir) {
            if (!n.isDir()) {
                return -ENOTDIR;
            }
            if (n == k.vfs.root) {
                return -EBUSY;
            }
            if (name.equals(".")) {
                return -EINVAL;
            }
            if (name.equals("..")) {
                return -ENOTEMPTY;
            }
            if (!((Vfs.DirInode) n).entries.isEmpty()) {
                return -ENOTEMPTY;
            }
        } else if (n.isDir()) {
            return -EISDIR;
        }
        Vfs.DirInode dir = (Vfs.DirInode) parent[0];
        if (!Vfs.permitted(dir, p.creds, Vfs.MAY_WRITE | Vfs.MAY_EXEC)) {
            return -EACCES;
        }
        dir.entries.remove(name);
        if (rmdir) {
            dir.nlink--;
        }
        n.nlink--;
        n.deleted = n.nlink <= 0 || rmdir;
        return 0;
    }

    private long faccessat(Call c, int dirfd, long pathAddr, int mode, int flags) {
        Proc p = c.proc;
        if ((mode & ~7) != 0 || (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) {
            return -EINVAL;
        }
        String pa = pathArg(p, pathAddr);
        Vfs.DirInode base = dirFor(k, p, dirfd, pa);
        // access(2) checks with the real ids
        Creds real = p.creds.copy();
        if ((flags & AT_EACCESS) == 0) {
            real.euid = real.fsuid = p.creds.uid;
            real.fsgid = p.creds.gid;
        }
        Object found = k.vfs.resolve(base, pa, null, real);
        if (found instanceof Integer) {
            return (Integer) found;
        }
        if (mode == 0) {
            return 0;
        }
        return Vfs.permitted((Vfs.Inode) found, real, mode) ? 0 : -EACCES;
    }

    private long readlinkat(Call c, int dirfd, long pathAddr, long buf, long size) {
        Proc p = c.proc;
        String pa = pathArg(p, pathAddr);
        if (size <= 0) {
            return -EINVAL;
        }
        Vfs.DirInode base = dirFor(k, p, dirfd, pa);
        Object found = k.vfs.resolve(base, pa, null, p.creds);
        if (found instanceof Integer) {
            return (Integer) found;
        }
        if (!(found instanceof ProcFs.Link)) {
            return -EINVAL;
        }
        byte[] t = ((ProcFs.Link) found).target.getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(t.length, size);
        return p.mm.copyOut(buf, t, 0, n) ? n : -EFAULT;
    }

    private long ioctl(Call c) {
        Proc p = c.proc;
        Files.Entry e = p.files.get((int) c.a0);
        if (e == null) {
            return -EBADF;
        }
        int req = (int) c.a1;
        switch (req) {
            case FIOCLEX:
                e.cloexec = true;
                return 0;
            case FIONCLEX:
                e.cloexec = false;
                return 0;
            case FIONBIO: {
                Integer v = p.mm.readInt(c.a2);
                if (v == null) {
                    return -EFAULT;
                }
                e.file.flags = v != 0 ? e.file.flags | O_NONBLOCK : e.file.flags & ~O_NONBLOCK;
                return 0;
            }
            case FIONREAD:
                if (e.file instanceof Files.PipeEnd) {
                    return p.mm.writeInt(c.a2, ((Files.PipeEnd) e.file).pipe.size) ? 0 : -EFAULT;
                }
                if (e.file.inode() instanceof Vfs.FileInode && !(e.file instanceof Files.PidFd)) {
                    long left = Math.max(0, e.file.inode().size() - e.file.offset);
                    return p.mm.writeInt(c.a2, (int) left) ? 0 : -EFAULT;
                }
                return -ENOTTY;
            default:
                return k.ptys.ioctl(c, e, req);
        }
    }

    private long getdents64(Call c) {
        Proc p = c.proc;
        Files.OpenFile f = p.files.file((int) c.a0);
        if (f == null) {
            return -EBADF;
        }
        if (!(f.inode() instanceof Vfs.DirInode)) {
            return -ENOTDIR;
        }
        Vfs.DirInode d = (Vfs.DirInode) f.inode();
        List<Object[]> entries = new ArrayList<>();
        entries.add(new Object[] {".", d});
        entries.add(new Object[] {"..", d.parent});
        if (d instanceof ProcFs.DynamicDir) {
            ProcFs.DynamicDir dd = (ProcFs.DynamicDir) d;
            for (String name : dd.names()) {
                Vfs.Inode n = dd.child(name);
                if (n != null) {
                    entries.add(new Object[] {name, n});
                }
            }
        } else {
            for (Map.Entry<String, Vfs.Inode> e : d.entries.entrySet()) {
                entries.add(new Object[] {e.getKey(), e.getValue()});
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long count = c.a2;
        int idx = (int) f.offset;
        while (idx < entries.size()) {
            String name = (String) entries.get(idx)[0];
            Vfs.Inode n = (Vfs.Inode) entries.get(idx)[1];
            byte[] nb = name.getBytes(StandardCharsets.UTF_8);
            int reclen = (19 + nb.length + 1 + 7) & ~7;
            if (out.size() + reclen > count) {
                if (out.size() == 0) {
                    return -EINVAL;
                }
                break;
            }
            byte[] rec = new byte[reclen];
            Bytes.putLong(rec, 0, n.ino);
            Bytes.putLong(rec, 8, idx + 1);
            Bytes.putShort(rec, 16, reclen);
            int type = (n.mode & S_IFMT) >> 12;
            rec[18] = (byte) type;
            System.arraycopy(nb, 0, rec, 19, nb.length);
            out.write(rec, 0, reclen);
            idx++;
        }
        byte[] all = out.toByteArray();
        if (!p.mm.copyOut(c.a1, all)) {
            return -EFAULT;
        }
        f.offset = idx;
        return all.length;
    }

    private long memfdCreate(Call c) {
        Proc p = c.proc;
        byte[] name = p.mm.copyString(c.a0, 249);
        if (name == null) {
            return -EFAULT;
        }
        if (name.length > 249 || (c.a1 & ~7L) != 0) {
            return -EINVAL; // MFD_CLOEXEC, MFD_ALLOW_SEALING, MFD_HUGETLB only
        }
        if ((c.a1 & 4) != 0) {
            throw new FakeUnsupportedException("memfd_create(MFD_HUGETLB) is not simulated");
        }
        Vfs.FileInode f = new Vfs.FileInode(k.vfs.newIno(), 0777);
        f.name = "memfd:" + new String(name, StandardCharsets.UTF_8) + " (deleted)";
        f.uid = p.creds.fsuid;
        f.gid = p.creds.fsgid;
        return installNew(p, new Files.InodeFile(f, O_RDWR | O_LARGEFILE), (c.a1 & 1) != 0);
    }

    private static long setLength(Vfs.FileInode f, long len) {
        if (len < 0) {
            return -EINVAL;
        }
        f.truncate(len);
        return 0;
    }

    private long ftruncate(Call c, int fd, long len) {
        Files.OpenFile f = c.proc.files.file(fd);
        if (f == null) {
            return -EBADF;
        }
        if (!(f.inode() instanceof Vfs.FileInode) || f instanceof Files.PipeEnd || !f.writable()) {
            return -EINVAL;
        }
        return setLength((Vfs.FileInode) f.inode(), len);
    }

    private long truncate(Call c) {
        Proc p = c.proc;
        String pa = pathArg(p, c.a0);
        Object found = k.vfs.resolve(p.fs.cwd, pa, null, p.creds);
        if (found instanceof Integer) {
            return (Integer) found;
        }
        Vfs.Inode n = (Vfs.Inode) found;
        if (n.isDir()) {
            return -EISDIR;
        }
        if (!(n instanceof Vfs.FileInode) || n instanceof ProcFs.Control) {
            return -EINVAL;
        }
        if (!Vfs.permitted(n, p.creds, Vfs.MAY_WRITE)) {
            return -EACCES;
        }
        return setLength((Vfs.FileInode) n, c.a1);
    }

    private static long chmod(Proc p, Vfs.Inode n, int mode) {
        if (p.creds.euid != 0 && p.creds.fsuid != n.uid) {
            return -EPERM;
        }
        n.mode = (n.mode & S_IFMT) | (mode & 07777);
        return 0;
    }

    private long fchmodat(Call c, int dirfd, long pathAddr, int mode) {
        Proc p = c.proc;
        String pa = pathArg(p, pathAddr);
        Vfs.DirInode base = dirFor(k, p, dirfd, pa);
        Object found = k.vfs.resolve(base, pa, null, p.creds);
        if (found instanceof Integer) {
            return (Integer) found;
        }
        return chmod(p, (Vfs.Inode) found, mode);
    }

    private long fchmod(Call c) {
        Files.OpenFile f = c.proc.files.file((int) c.a0);
        if (f == null) {
            return -EBADF;
        }
        return chmod(c.proc, f.inode(), (int) c.a1);
    }

    /** Whether the path's last component is a name (LAST_NORM): not the root, "." or "..". */
    private static boolean lastIsName(String path) {
        if (path.isEmpty()) {
            return true; // ENOENT, found by the lookup
        }
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        String last = path.substring(path.lastIndexOf('/', end - 1) + 1, end);
        return !last.isEmpty() && !last.equals(".") && !last.equals("..");
    }

    private long renameat(Call c, int olddir, long oldAddr, int newdir, long newAddr, int flags) {
        Proc p = c.proc;
        if (flags != 0) {
            throw new FakeUnsupportedException("renameat2 flags 0x" + Integer.toHexString(flags) + " are not simulated");
        }
        String op = pathArg(p, oldAddr);
        String np = pathArg(p, newAddr);
        Vfs.DirInode ob = dirFor(k, p, olddir, op);
        Vfs.DirInode nb = dirFor(k, p, newdir, np);
        Object[] oparent = new Object[2];
        Object found = k.vfs.resolve(ob, op, oparent, p.creds);
        if (found instanceof Integer) {
            return (Integer) found;
        }
        // do_renameat2: a last component that is not a name ("/", "." or "..") is EBUSY before either entry is
        // looked up; without it the root could be renamed into a directory and become its own ancestor
        if (!lastIsName(op) || !lastIsName(np)) {
            return -EBUSY;
        }
        Object[] nparent = new Object[2];
        Object target = k.vfs.resolve(nb, np, nparent, p.creds);
        if (!(nparent[0] instanceof Vfs.DirInode) || (target instanceof Integer && (Integer) target != -ENOENT)) {
            return target instanceof Integer ? (Integer) target : -ENOENT;
        }
        Vfs.Inode n = (Vfs.Inode) found;
        Vfs.DirInode from = (Vfs.DirInode) oparent[0];
        Vfs.DirInode to = (Vfs.DirInode) nparent[0];
        if (from instanceof ProcFs.DynamicDir || to instanceof ProcFs.DynamicDir) {
            return -EPERM;
        }
        if (!Vfs.permitted(from, p.creds, Vfs.MAY_WRITE | Vfs.MAY_EXEC)
                || !Vfs.permitted(to, p.creds, Vfs.MAY_WRITE | Vfs.MAY_EXEC)) {
            return -EACCES;
        }
        if (target instanceof Vfs.Inode) {
            Vfs.Inode t = (Vfs.Inode) target;
            if (t == n) {
                return 0;
            }
            if (t.isDir() && !n.isDir()) {
                return -EISDIR;
            }
            if (!t.isDir() && n.isDir()) {
                return -ENOTDIR;
            }
            if (t.isDir() && !((Vfs.DirInode) t).entries.isEmpty()) {
                return -ENOTEMPTY;
            }
        }
        for (Vfs.DirInode d = to; d != null && d != d.parent; d = d.parent) {
            if (d == n) {
                return -EINVAL; // into its own subdirectory
            }
        }
        from.entries.remove((String) oparent[1]);
        if (n.isDir()) {
            from.nlink--;
        }
        Vfs.Inode replaced = to.entries.remove((String) nparent[1]);
        if (replaced != null) {
            replaced.deleted = true;
            if (replaced.isDir()) {
                to.nlink--;
            }
        }
        k.vfs.link(to, (String) nparent[1], n);
        return 0;
    }

    // ------------------------------------------------------------------ poll

    private long ppoll(Call c) {
        Proc p = c.proc;
        long timeout = -1;
        if (c.a2 != 0) {
            byte[] ts = p.mm.copyIn(c.a2, 16);
            if (ts == null) {
                return -EFAULT;
            }
            long sec = Bytes.getLong(ts, 0);
            long nsec = Bytes.getLong(ts, 8);
            if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) {
                return -EINVAL;
            }
            timeout = sec > Long.MAX_VALUE / 1_000_000_000L / 2 ? Long.MAX_VALUE / 2
                    : sec * 1_000_000_000L + nsec;
        }
        if (c.a3 != 0 && !c.blockedOnce && !c.maskSwapped) {
            SignalCalls.swapInMask(c, c.a3, c.a4);
        }
        long r = pollCore(c, c.a0, c.a1, timeout);
        if (c.a2 != 0 && r != Kernel.BLOCK) {
            writeRemaining(p, c, c.a2);
        }
        if (c.onInterrupt == null && c.a2 != 0) {
            c.onInterrupt = () -> {
                writeRemaining(p, c, c.a2);
                return -EINTR;
            };
        }
        return r;
    }

    private void writeRemaining(Proc p, Call c, long tsAddr) {
        long left = c.deadline == Call.NO_DEADLINE ? 0 : Math.max(0, c.deadline - c.lateNs - k.clock.monotonicNs());
        byte[] ts = new byte[16];
        Bytes.putLong(ts, 0, left / 1_000_000_000L);
        Bytes.putLong(ts, 8, left % 1_000_000_000L);
        p.mm.copyOut(tsAddr, ts);
    }

    private long poll(Call c) {
        int ms = (int) c.a2;
        return pollCore(c, c.a0, c.a1, ms < 0 ? -1 : ms * 1_000_000L);
    }

    private long pollCore(Call c, long fdsAddr, long nfds, long timeoutNs) {
        Proc p = c.proc;
        c.restartable = false; // poll returns EINTR after a handler, whatever SA_RESTART says
        if (nfds < 0 || nfds > p.rlimCur[RLIMIT_NOFILE]) {
            return -EINVAL;
        }
        byte[] raw = p.mm.copyIn(fdsAddr, nfds * 8);
        if (raw == null) {
            return -EFAULT;
        }
        if (c.deadline == Call.NO_DEADLINE && timeoutNs >= 0 && !c.blockedOnce) {
            c.deadline = k.clock.monotonicNs() + timeoutNs + c.lateNs;
        }
        int count = 0;
        for (int i = 0; i < nfds; i++) {
            int fd = Bytes.getInt(raw, 8 * i);
            int events = Bytes.getShort(raw, 8 * i + 4) & 0xffff;
            int revents = 0;
            if (fd >= 0) {
                Files.OpenFile f = p.files.file(fd);
                if (f == null || f.isPath()) {
                    // do_pollfd's fdget does not see an O_PATH fd
                    revents = POLLNVAL;
                } else {
                    revents = f.poll(k) & (events | POLLERR | POLLHUP | POLLNVAL);
                }
            }
            Bytes.putShort(raw, 8 * i + 6, revents);
            if (revents != 0) {
                count++;
            }
        }
        boolean expired = timeoutNs == 0 || (c.deadline != Call.NO_DEADLINE && k.clock.monotonicNs() >= c.deadline);
        if (count == 0 && !expired) {
            c.waitingFor = "one of " + nfds + " polled fds";
            return Kernel.BLOCK;
        }
        if (!p.mm.copyOut(fdsAddr, raw)) {
            return -EFAULT;
        }
        return count;
    }
}
