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

/**
 * Directory syscalls (internal): the working directory, creating, removing, renaming and listing names, reading
 * symlinks.
 */
final class DirCalls {
    private final Vfs vfs;

    DirCalls(Vfs vfs) {
        this.vfs = vfs;
    }

    void register(Registrar r) {
        r.register(Syscall.GETCWD, this::getcwd);
        r.register(Syscall.CHDIR, this::chdir);
        r.register(Syscall.FCHDIR, this::fchdir);
        r.register(Syscall.MKDIR, c -> mkdirat(c, AT_FDCWD, c.a0, (int) c.a1));
        r.register(Syscall.MKDIRAT, c -> mkdirat(c, (int) c.a0, c.a1, (int) c.a2));
        r.register(Syscall.UNLINK, c -> unlinkat(c, AT_FDCWD, c.a0, 0));
        r.register(Syscall.RMDIR, c -> unlinkat(c, AT_FDCWD, c.a0, AT_REMOVEDIR));
        r.register(Syscall.UNLINKAT, c -> unlinkat(c, (int) c.a0, c.a1, (int) c.a2));
        r.register(Syscall.READLINK, c -> readlinkat(c, AT_FDCWD, c.a0, c.a1, c.a2));
        r.register(Syscall.READLINKAT, c -> readlinkat(c, (int) c.a0, c.a1, c.a2, c.a3));
        r.register(Syscall.GETDENTS64, this::getdents64);
        r.register(Syscall.RENAME, c -> renameat(c, AT_FDCWD, c.a0, AT_FDCWD, c.a1, 0));
        r.register(Syscall.RENAMEAT, c -> renameat(c, (int) c.a0, c.a1, (int) c.a2, c.a3, 0));
        r.register(Syscall.RENAMEAT2, c -> renameat(c, (int) c.a0, c.a1, (int) c.a2, c.a3, (int) c.a4));
    }

    private long getcwd(Call c) {
        Proc p = c.proc;
        Vfs.DirInode cwd = p.fs.cwd;
        if (cwd != vfs.root && !(cwd.parent instanceof ProcFs.DynamicDir)
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
        String pa = FileArgs.pathArg(p, c.a0);
        Object found = vfs.resolve(p.fs.cwd, pa, null, p.creds);
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
        String pa = FileArgs.pathArg(p, pathAddr);
        Vfs.DirInode base = FileArgs.dirFor(p, dirfd, pa);
        Object[] parent = new Object[2];
        Object found = vfs.resolve(base, pa, parent, p.creds);
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
        Vfs.DirInode d = new Vfs.DirInode(vfs.newIno(), mode & 07777 & ~p.fs.umask);
        d.uid = p.creds.fsuid;
        d.gid = p.creds.fsgid;
        vfs.link(dir, (String) parent[1], d);
        return 0;
    }

    private long unlinkat(Call c, int dirfd, long pathAddr, int flags) {
        Proc p = c.proc;
        if ((flags & ~AT_REMOVEDIR) != 0) {
            return -EINVAL;
        }
        String pa = FileArgs.pathArg(p, pathAddr);
        Vfs.DirInode base = FileArgs.dirFor(p, dirfd, pa);
        Object[] parent = new Object[2];
        Object found = vfs.resolve(base, pa, parent, p.creds);
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
            if (n == vfs.root) {
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

    private long readlinkat(Call c, int dirfd, long pathAddr, long buf, long size) {
        Proc p = c.proc;
        String pa = FileArgs.pathArg(p, pathAddr);
        if (size <= 0) {
            return -EINVAL;
        }
        Vfs.DirInode base = FileArgs.dirFor(p, dirfd, pa);
        Object found = vfs.resolve(base, pa, null, p.creds);
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
        // an offset past the entries (an lseek may put one anywhere, beyond int too) is the end: nothing more to read
        int idx = f.offset < 0 || f.offset > entries.size() ? entries.size() : (int) f.offset;
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
        String op = FileArgs.pathArg(p, oldAddr);
        String np = FileArgs.pathArg(p, newAddr);
        Vfs.DirInode ob = FileArgs.dirFor(p, olddir, op);
        Vfs.DirInode nb = FileArgs.dirFor(p, newdir, np);
        Object[] oparent = new Object[2];
        Object found = vfs.resolve(ob, op, oparent, p.creds);
        if (found instanceof Integer) {
            return (Integer) found;
        }
        // do_renameat2: a last component that is not a name ("/", "." or "..") is EBUSY before either entry is
        // looked up; without it the root could be renamed into a directory and become its own ancestor
        if (!lastIsName(op) || !lastIsName(np)) {
            return -EBUSY;
        }
        Object[] nparent = new Object[2];
        Object target = vfs.resolve(nb, np, nparent, p.creds);
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
        vfs.link(to, (String) nparent[1], n);
        return 0;
    }
}
