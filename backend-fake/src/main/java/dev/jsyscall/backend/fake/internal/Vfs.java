// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.backend.fake.SimulatedProgram;
import java.util.TreeMap;

/**
 * The in-memory file system (internal): directories, regular files (some of them simulated programs) and a few
 * character devices. Enough for cwd, chdir, openat and execve lookups; no symlinks, no mounts.
 */
final class Vfs {

    enum Device {
        NULL(1, 3), ZERO(1, 5), FULL(1, 7), CONSOLE(5, 1), TTY(5, 0), PTMX(5, 2);

        final int major;
        final int minor;

        Device(int major, int minor) {
            this.major = major;
            this.minor = minor;
        }
    }

    abstract static class Inode {
        final long ino;
        int mode;
        int uid;
        int gid;
        int nlink = 1;
        long mtimeNs;
        DirInode parent;
        String name;

        Inode(long ino, int mode) {
            this.ino = ino;
            this.mode = mode;
        }

        boolean isDir() {
            return (mode & S_IFMT) == S_IFDIR;
        }

        boolean isRegular() {
            return (mode & S_IFMT) == S_IFREG;
        }

        long size() {
            return 0;
        }

        /** Unlinked while still open: readlink of its fd says "(deleted)", as Linux does. */
        boolean deleted;

        /** Built by walking up, not by recursion: a chain of mkdir and chdir may be deeper than a Java stack. */
        String path() {
            if (parent == this) {
                return "/";
            }
            if (parent == null) {
                return name == null ? "/" : "/" + name; // anonymous: a memfd names itself
            }
            java.util.ArrayDeque<String> names = new java.util.ArrayDeque<>();
            names.push(name + (deleted ? " (deleted)" : ""));
            Inode at = parent;
            while (at.parent != at) {
                if (at.parent == null) {
                    if (at.name != null) {
                        names.push(at.name);
                    }
                    break;
                }
                names.push(at.name + (at.deleted ? " (deleted)" : ""));
                at = at.parent;
            }
            return "/" + String.join("/", names);
        }
    }

    static class DirInode extends Inode {
        final TreeMap<String, Inode> entries = new TreeMap<>();

        DirInode(long ino, int perm) {
            super(ino, S_IFDIR | perm);
            nlink = 2;
        }

        @Override
        long size() {
            return 4096;
        }
    }

    static class FileInode extends Inode {
        private static final byte[] HOLE = new byte[PAGE_SIZE];

        /**
         * The contents as 4 KiB pages; a missing page is a hole that reads as zeros, as in a sparse file, so that
         * a file costs what was written to it, not its length ({@code ftruncate} to 1.5 GiB allocates nothing).
         */
        private final TreeMap<Long, byte[]> pages = new TreeMap<>();
        long length;
        /** Set for the executables that the fake can run. */
        SimulatedProgram program;

        FileInode(long ino, int perm) {
            super(ino, S_IFREG | perm);
        }

        @Override
        long size() {
            return length;
        }

        /** Replaces the contents. */
        void setContent(byte[] content) {
            pages.clear();
            length = 0;
            write(0, content, 0, content.length);
        }

        /** Up to {@code max} bytes from the start (for a #! line). */
        byte[] head(int max) {
            byte[] out = new byte[(int) Math.min(max, length)];
            readInto(0, out.length, out, 0);
            return out;
        }

        /** Copies {@code [off, off+n)}, which must lie within the length, into {@code out} a page at a time. */
        void read(long off, long n, Files.Sink out) {
            long at = off;
            long end = off + n;
            while (at < end) {
                long page = at & -PAGE_SIZE;
                int inPage = (int) (at - page);
                int m = (int) Math.min(end - at, PAGE_SIZE - inPage);
                byte[] p = pages.get(page);
                out.put(p == null ? HOLE : p, inPage, m);
                at += m;
            }
        }

        private void readInto(long off, int n, byte[] out, int outOff) {
            read(off, n, new Files.Sink() {
                int at = outOff;

                @Override
                public boolean fits(long len) {
                    return true;
                }

                @Override
                public void put(byte[] b, int o, int len) {
                    System.arraycopy(b, o, out, at, len);
                    at += len;
                }
            });
        }

        /** The pages written in {@code [off, off+n)}, by file offset: the rest of the range is holes. */
        java.util.SortedMap<Long, byte[]> writtenPages(long off, long n) {
            return pages.subMap(off & -PAGE_SIZE, off + n);
        }

        /** Writes {@code b[o, o+n)} at {@code off}, growing the file. */
        void write(long off, byte[] b, int o, int n) {
            long at = off;
            int done = 0;
            while (done < n) {
                long page = at & -PAGE_SIZE;
                int inPage = (int) (at - page);
                int m = Math.min(n - done, PAGE_SIZE - inPage);
                pages.computeIfAbsent(page, x -> new byte[PAGE_SIZE]);
                System.arraycopy(b, o + done, pages.get(page), inPage, m);
                done += m;
                at += m;
            }
            length = Math.max(length, off + n);
        }

        /** Sets the length: bytes past it are dropped, so that growing again reads zeros there. */
        void truncate(long len) {
            if (len < length) {
                long lastPage = len & -PAGE_SIZE;
                byte[] p = pages.get(lastPage);
                if (p != null) {
                    java.util.Arrays.fill(p, (int) (len - lastPage), PAGE_SIZE, (byte) 0);
                }
                pages.tailMap(len == lastPage ? len : lastPage + PAGE_SIZE).clear();
            }
            length = len;
        }
    }

    static final class DevInode extends Inode {
        final Device device;

        DevInode(long ino, Device device, int perm) {
            super(ino, S_IFCHR | perm);
            this.device = device;
        }
    }

    private long nextIno = 2;
    final DirInode root;
    private final Kernel kernel;

    Vfs(Kernel kernel) {
        this.kernel = kernel;
        root = new DirInode(nextIno++, 0755);
        root.parent = root;
        root.name = "";
        for (String d : new String[] {"/bin", "/usr", "/usr/bin", "/dev", "/etc", "/home", "/root"}) {
            mkdirs(d, 0755);
        }
        if (kernel != null) {
            link(root, "proc", new ProcFs.Root(kernel, nextIno++));
        }
        DirInode tmp = mkdirs("/tmp", 01777);
        tmp.mode = S_IFDIR | 01777;
        DirInode dev = (DirInode) lookupOrNull("/dev");
        link(dev, "null", new DevInode(nextIno++, Device.NULL, 0666));
        link(dev, "zero", new DevInode(nextIno++, Device.ZERO, 0666));
        link(dev, "full", new DevInode(nextIno++, Device.FULL, 0666));
        link(dev, "console", new DevInode(nextIno++, Device.CONSOLE, 0600));
        link(dev, "tty", new DevInode(nextIno++, Device.TTY, 0666));
        link(dev, "ptmx", new DevInode(nextIno++, Device.PTMX, 0666));
    }

    long newIno() {
        return nextIno++;
    }

    void link(DirInode dir, String name, Inode node) {
        node.parent = dir;
        node.name = name;
        node.mtimeNs = kernel == null ? 0 : kernel.clock.realtimeNs();
        dir.entries.put(name, node);
        if (node.isDir()) {
            dir.nlink++;
        }
    }

    DirInode mkdirs(String path, int perm) {
        DirInode at = root;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            Inode next = at.entries.get(part);
            if (next == null) {
                DirInode d = new DirInode(nextIno++, perm);
                link(at, part, d);
                next = d;
            }
            if (!(next instanceof DirInode)) {
                throw new IllegalArgumentException(path + ": " + next.path() + " is not a directory");
            }
            at = (DirInode) next;
        }
        return at;
    }

    /** Creates or replaces a regular file (used to install programs and test files). */
    FileInode putFile(String path, int perm, byte[] content, SimulatedProgram program) {
        int slash = path.lastIndexOf('/');
        if (!path.startsWith("/") || slash == path.length() - 1) {
            throw new IllegalArgumentException("path must be absolute and name a file: " + path);
        }
        DirInode dir = mkdirs(path.substring(0, slash), 0755);
        String name = path.substring(slash + 1);
        Inode old = dir.entries.get(name);
        if (old != null && old.isDir()) {
            throw new IllegalArgumentException(path + " is a directory");
        }
        FileInode f = new FileInode(nextIno++, perm);
        f.setContent(content);
        f.program = program;
        link(dir, name, f);
        return f;
    }

    Inode lookupOrNull(String abs) {
        Object r = resolve(root, abs, null);
        return r instanceof Inode ? (Inode) r : null;
    }

    /** Permission check: root passes except that executing needs some x bit on a non-directory. */
    static boolean permitted(Inode node, Creds creds, int mask) {
        if (creds.euid == 0) {
            if ((mask & 1) != 0 && !node.isDir()) {
                return (node.mode & 0111) != 0;
            }
            return true;
        }
        int bits;
        if (creds.fsuid() == node.uid) {
            bits = (node.mode >> 6) & 7;
        } else if (creds.inGroup(node.gid)) {
            bits = (node.mode >> 3) & 7;
        } else {
            bits = node.mode & 7;
        }
        return (bits & mask) == mask;
    }

    static final int MAY_EXEC = 1, MAY_WRITE = 2, MAY_READ = 4;

    static Inode child(DirInode dir, String name) {
        return dir instanceof ProcFs.DynamicDir ? ((ProcFs.DynamicDir) dir).child(name) : dir.entries.get(name);
    }

    /**
     * Walks {@code path} from {@code start} (or the root if it is absolute). Returns the Inode, or an Integer
     * -errno. With {@code parentOut} non-null, resolves all but the last component and stores the parent
     * directory and last name there (the last component need not exist then).
     */
    Object resolve(DirInode start, String path, Object[] parentOut) {
        return resolve(start, path, parentOut, null);
    }

    Object resolve(DirInode start, String path, Object[] parentOut, Creds creds) {
        if (path.isEmpty()) {
            return -ENOENT;
        }
        if (path.length() >= PATH_MAX) {
            return -ENAMETOOLONG;
        }
        Inode at = path.startsWith("/") ? root : start;
        String[] parts = path.split("/");
        int last = parts.length - 1;
        while (last >= 0 && parts[last].isEmpty()) {
            last--;
        }
        boolean trailingSlash = path.endsWith("/");
        for (int i = 0; i <= last; i++) {
            String part = parts[i];
            if (part.isEmpty() || (part.equals(".") && i < last)) {
                continue;
            }
            if (part.length() > 255) {
                return -ENAMETOOLONG;
            }
            if (!(at instanceof DirInode)) {
                return -ENOTDIR;
            }
            DirInode dir = (DirInode) at;
            if (creds != null && !permitted(dir, creds, MAY_EXEC)) {
                return -EACCES;
            }
            if (i == last && parentOut != null) {
                parentOut[0] = dir;
                parentOut[1] = part;
                Inode existing = part.equals(".") ? dir : part.equals("..") ? dir.parent : child(dir, part);
                return existing != null ? existing : (Object) Integer.valueOf(-ENOENT);
            }
            Inode next = part.equals(".") ? dir : part.equals("..") ? dir.parent : child(dir, part);
            if (next == null) {
                return -ENOENT;
            }
            at = next;
        }
        if (parentOut != null) {
            // the path was "/" or only slashes and dots: the parent is the node itself
            parentOut[0] = at instanceof DirInode ? at : null;
            parentOut[1] = ".";
        }
        if (trailingSlash && !at.isDir()) {
            return -ENOTDIR;
        }
        return at;
    }
}
