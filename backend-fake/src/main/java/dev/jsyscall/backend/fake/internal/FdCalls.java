// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.backend.fake.FakeUnsupportedException;
import dev.jsyscall.linux.Syscall;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The fd-table syscalls (internal): open, close, dup, pipe and memfd_create, which make or unmake table entries. */
final class FdCalls {
    /** Only handed to {@code OpenFile.released}: the last close of a pipe, socket or pty end changes its peer. */
    private final Kernel k;
    private final Vfs vfs;
    private final Ptys ptys;

    FdCalls(Kernel k, Vfs vfs, Ptys ptys) {
        this.k = k;
        this.vfs = vfs;
        this.ptys = ptys;
    }

    void register(Registrar r) {
        r.register(Syscall.CLOSE, this::close);
        r.register(Syscall.CLOSE_RANGE, this::closeRange);
        r.register(Syscall.DUP, this::dup);
        r.register(Syscall.DUP2, c -> dup3(c, (int) c.a0, (int) c.a1, 0, true));
        r.register(Syscall.DUP3, c -> dup3(c, (int) c.a0, (int) c.a1, (int) c.a2, false));
        r.register(Syscall.PIPE, c -> pipe2(c, c.a0, 0));
        r.register(Syscall.PIPE2, c -> pipe2(c, c.a0, (int) c.a1));
        r.register(Syscall.OPEN, c -> openat(c, AT_FDCWD, c.a0, (int) c.a1, (int) c.a2));
        r.register(Syscall.OPENAT, c -> openat(c, (int) c.a0, c.a1, (int) c.a2, (int) c.a3));
        r.register(Syscall.CREAT, c -> openat(c, AT_FDCWD, c.a0, O_CREAT | O_WRONLY | O_TRUNC, (int) c.a1));
        r.register(Syscall.MEMFD_CREATE, this::memfdCreate);
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
        Files.Pipe pipe = new Files.Pipe(vfs.newIno());
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

    private long openat(Call c, int dirfd, long pathAddr, int flags, int mode) {
        Proc p = c.proc;
        // fs/open.c do_sys_openat2: getname (EFAULT, ENAMETOOLONG, ENOENT for ""), get_unused_fd_flags (EMFILE),
        // then do_filp_open: the dirfd (EBADF, ENOTDIR), the lookup, may_open (EISDIR, EACCES)
        String pa = FileArgs.pathArg(p, pathAddr);
        String path = pa;
        if (path.isEmpty()) {
            return -ENOENT;
        }
        int reserved = p.files.lowestFree(0, p.rlimCur[RLIMIT_NOFILE]);
        if (reserved < 0) {
            return reserved;
        }
        Vfs.DirInode base = FileArgs.dirFor(p, dirfd, path);
        if ((flags & O_PATH) != 0) {
            Object found = vfs.resolve(base, path, null, p.creds);
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
            Object found = vfs.resolve(base, path, parent, p.creds);
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
                Vfs.FileInode f = new Vfs.FileInode(vfs.newIno(), mode & 07777 & ~p.fs.umask);
                f.uid = p.creds.fsuid;
                f.gid = p.creds.fsgid;
                vfs.link(dir, (String) parent[1], f);
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
            Object found = vfs.resolve(base, path, null, p.creds);
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
            return installNew(p, ptys.openMaster(p, openFlags(flags)), (flags & O_CLOEXEC) != 0);
        }
        if (node instanceof Vfs.DevInode && ((Vfs.DevInode) node).device == Vfs.Device.TTY) {
            return ptys.openControlling(p, flags, (flags & O_CLOEXEC) != 0);
        }
        if (node instanceof Ptys.SlaveInode) {
            return ptys.openSlave(p, ((Ptys.SlaveInode) node).pty, flags, p.files, (flags & O_CLOEXEC) != 0);
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
        Vfs.FileInode f = new Vfs.FileInode(vfs.newIno(), 0777);
        f.name = "memfd:" + new String(name, StandardCharsets.UTF_8) + " (deleted)";
        f.uid = p.creds.fsuid;
        f.gid = p.creds.fsgid;
        return installNew(p, new Files.InodeFile(f, O_RDWR | O_LARGEFILE), (c.a1 & 1) != 0);
    }
}
