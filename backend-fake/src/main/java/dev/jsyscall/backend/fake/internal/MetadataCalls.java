// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.linux.Syscall;

/** Metadata syscalls (internal): stat and its variants, access checks, permission bits and file length. */
final class MetadataCalls {
    private final Vfs vfs;

    MetadataCalls(Vfs vfs) {
        this.vfs = vfs;
    }

    void register(Registrar r) {
        r.register(Syscall.FSTAT, c -> fstat(c, (int) c.a0, c.a1));
        r.register(Syscall.STAT, c -> fstatat(c, AT_FDCWD, c.a0, c.a1, 0));
        r.register(Syscall.LSTAT, c -> fstatat(c, AT_FDCWD, c.a0, c.a1, AT_SYMLINK_NOFOLLOW));
        r.register(Syscall.NEWFSTATAT, c -> fstatat(c, (int) c.a0, c.a1, c.a2, (int) c.a3));
        r.register(Syscall.ACCESS, c -> faccessat(c, AT_FDCWD, c.a0, (int) c.a1, 0));
        r.register(Syscall.FACCESSAT, c -> faccessat(c, (int) c.a0, c.a1, (int) c.a2, 0));
        r.register(Syscall.FACCESSAT2, c -> faccessat(c, (int) c.a0, c.a1, (int) c.a2, (int) c.a3));
        r.register(Syscall.FTRUNCATE, c -> ftruncate(c, (int) c.a0, c.a1));
        r.register(Syscall.TRUNCATE, this::truncate);
        r.register(Syscall.CHMOD, c -> fchmodat(c, AT_FDCWD, c.a0, (int) c.a1));
        r.register(Syscall.FCHMODAT, c -> fchmodat(c, (int) c.a0, c.a1, (int) c.a2));
        r.register(Syscall.FCHMOD, this::fchmod);
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
        String pa = FileArgs.pathArg(p, pathAddr);
        String path = pa;
        if (path.isEmpty() && (flags & AT_EMPTY_PATH) != 0) {
            if (dirfd == AT_FDCWD) {
                return p.mm.copyOut(buf, encodeStat(p.fs.cwd)) ? 0 : -EFAULT;
            }
            return fstat(c, dirfd, buf);
        }
        Vfs.DirInode base = FileArgs.dirFor(p, dirfd, path);
        Object found = vfs.resolve(base, path, null, p.creds);
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

    private long faccessat(Call c, int dirfd, long pathAddr, int mode, int flags) {
        Proc p = c.proc;
        if ((mode & ~7) != 0 || (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) {
            return -EINVAL;
        }
        String pa = FileArgs.pathArg(p, pathAddr);
        Vfs.DirInode base = FileArgs.dirFor(p, dirfd, pa);
        // access(2) checks with the real ids
        Creds real = p.creds.copy();
        if ((flags & AT_EACCESS) == 0) {
            real.euid = real.fsuid = p.creds.uid;
            real.fsgid = p.creds.gid;
        }
        Object found = vfs.resolve(base, pa, null, real);
        if (found instanceof Integer) {
            return (Integer) found;
        }
        if (mode == 0) {
            return 0;
        }
        return Vfs.permitted((Vfs.Inode) found, real, mode) ? 0 : -EACCES;
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
        String pa = FileArgs.pathArg(p, c.a0);
        Object found = vfs.resolve(p.fs.cwd, pa, null, p.creds);
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
        String pa = FileArgs.pathArg(p, pathAddr);
        Vfs.DirInode base = FileArgs.dirFor(p, dirfd, pa);
        Object found = vfs.resolve(base, pa, null, p.creds);
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
}
