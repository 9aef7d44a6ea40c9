// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.backend.fake.FakeUnsupportedException;
import dev.jsyscall.linux.Syscall;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** execve and execveat (internal): finding the program, #! interpreters, and what exec resets in the process. */
final class ExecCalls {
    /** Only handed to {@code OpenFile.released} when exec closes the close-on-exec fds. */
    private final Kernel k;
    private final Vfs vfs;
    private final Trace trace;
    private final Exits exits;

    ExecCalls(Kernel k, Vfs vfs, Trace trace, Exits exits) {
        this.k = k;
        this.vfs = vfs;
        this.trace = trace;
        this.exits = exits;
    }

    void register(Registrar r) {
        r.register(Syscall.EXECVE, c -> execve(c, AT_FDCWD, c.a0, c.a1, c.a2, 0));
        r.register(Syscall.EXECVEAT, c -> execve(c, (int) c.a0, c.a1, c.a2, c.a3, (int) c.a4));
    }

    private long execve(Call c, int dirfd, long pathAddr, long argvAddr, long envpAddr, int flags) {
        Proc p = c.proc;
        if (p.kind == Proc.Kind.LOCAL) {
            throw new FakeUnsupportedException("execve in the local process: it stands for the JVM, which"
                    + " would be replaced; exec in a driven child instead");
        }
        if ((flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW)) != 0) {
            return -EINVAL;
        }
        byte[] pathBytes = p.mm.copyString(pathAddr, PATH_MAX);
        if (pathBytes == null) {
            return -EFAULT;
        }
        if (pathBytes.length >= PATH_MAX) {
            return -ENAMETOOLONG;
        }
        String path = new String(pathBytes, StandardCharsets.UTF_8);
        Vfs.Inode node;
        if (path.isEmpty() && (flags & AT_EMPTY_PATH) != 0) {
            // fexecve: the file the fd refers to; the program sees /dev/fd/N as its path
            Files.OpenFile f = p.files.file(dirfd);
            if (f == null) {
                return -EBADF;
            }
            node = f.inode();
            path = "/dev/fd/" + dirfd;
        } else {
            Vfs.DirInode base = FileArgs.dirFor(p, dirfd, path);
            Object found = vfs.resolve(base, path, null, p.creds);
            if (found instanceof Integer) {
                return (Integer) found;
            }
            node = (Vfs.Inode) found;
        }
        if (!node.isRegular() || !Vfs.permitted(node, p.creds, Vfs.MAY_EXEC)) {
            return -EACCES;
        }
        // count(argv), count(envp): the pointer arrays
        List<Long> argvPtrs = readPointerArray(p.mm, argvAddr);
        if (argvPtrs == null) {
            return -EFAULT;
        }
        List<Long> envpPtrs = readPointerArray(p.mm, envpAddr);
        if (envpPtrs == null) {
            return -EFAULT;
        }
        if (argvPtrs == TOO_MANY || envpPtrs == TOO_MANY) {
            return -E2BIG;
        }
        // bprm_stack_limits
        long stackCur = p.rlimCur[RLIMIT_STACK];
        long limit = STK_LIM / 4 * 3;
        if (stackCur != RLIM_INFINITY) {
            limit = Math.min(limit, Long.divideUnsigned(stackCur, 4));
        }
        limit = Math.max(limit, ARG_MAX);
        long ptrSize = (Math.max(argvPtrs.size(), 1) + (long) envpPtrs.size()) * 8;
        if (limit <= ptrSize) {
            return -E2BIG;
        }
        limit -= ptrSize;
        long used = pathBytes.length + 1;
        if (used > limit) {
            return -E2BIG;
        }
        // copy_strings walks each array from its last element down
        // kept as bytes: a program receives exactly what the caller wrote, valid UTF-8 or not
        List<byte[]> envp = new ArrayList<>();
        List<byte[]> argv = new ArrayList<>();
        for (List<Long> ptrs : List.of(envpPtrs, argvPtrs)) {
            byte[][] out = new byte[ptrs.size()][];
            for (int i = ptrs.size() - 1; i >= 0; i--) {
                byte[] s = p.mm.copyString(ptrs.get(i), MAX_ARG_STRLEN);
                if (s == null) {
                    return -EFAULT;
                }
                long len = s.length + 1;
                if (len > MAX_ARG_STRLEN) {
                    return -E2BIG;
                }
                used += len;
                if (used > limit) {
                    return -E2BIG;
                }
                out[i] = s;
            }
            (ptrs == envpPtrs ? envp : argv).addAll(List.of(out));
        }
        if (argv.isEmpty()) {
            argv.add(new byte[0]); // Linux 5.18+: an empty argv gets argv[0] = ""
        }
        Object launch = binaryHandler(p, (Vfs.FileInode) node, path, argv, envp, 0);
        if (launch instanceof Long) {
            return (Long) launch;
        }
        doExec(p, (Proc.Launch) launch);
        return 0;
    }

    /**
     * More pointers than this cannot pass {@code bprm_stack_limits}: their 8 bytes each exceed the 6 MiB that even
     * an unlimited RLIMIT_STACK leaves the arguments, so a longer array is E2BIG once it has been counted.
     */
    private static final int POINTER_CAP = 1 << 20;
    /** A pointer array longer than {@link #POINTER_CAP}, all of it readable: E2BIG after both arrays are counted. */
    private static final List<Long> TOO_MANY = List.of();

    /**
     * Reads a NULL-terminated pointer array as Linux's {@code count()} walks it: null (EFAULT) at an unreadable
     * word, {@link #TOO_MANY} for one longer than {@link #POINTER_CAP} that ends (Linux counts it all before it
     * finds it too big).
     */
    private static List<Long> readPointerArray(AddressSpace mm, long addr) {
        List<Long> out = new ArrayList<>();
        if (addr == 0) {
            return out;
        }
        for (long at = addr;; at += 8) {
            Long v = mm.readLong(at);
            if (v == null) {
                return null;
            }
            if (v == 0) {
                return out.size() > POINTER_CAP ? TOO_MANY : out;
            }
            if (out.size() <= POINTER_CAP) {
                out.add(v);
            }
        }
    }

    /** The point of no return: what exec changes in the process. */
    private void doExec(Proc p, Proc.Launch l) {
        trace.record(p.pid + " exec " + l.path + " " + l.argv);
        // unshare the fd table and close the close-on-exec fds
        if (p.files.users > 1) {
            Files.FdTable mine = p.files.copy();
            p.files.users--;
            p.files = mine;
            mine.users = 1;
        }
        for (Integer fd : new ArrayList<>(p.files.fds.keySet())) {
            if (p.files.fds.get(fd).cloexec) {
                Files.OpenFile f = p.files.remove(fd);
                if (f != null) {
                    f.released(k);
                }
            }
        }
        // a fresh address space; the old one loses a user (and a vfork parent is released)
        exits.releaseMm(p);
        p.mm = AddressSpace.forExec();
        p.mm.users = 1;
        if (p.sighand.users > 1) {
            Signals.Hand mine = p.sighand.copy();
            p.sighand.users--;
            p.sighand = mine;
            mine.users = 1;
        }
        for (int sig = 1; sig <= NSIG; sig++) {
            Signals.Action a = p.sighand.action[sig];
            if (a.handler != SIG_IGN) {
                a.handler = SIG_DFL;
            }
            a.flags = 0;
            a.restorer = 0;
            a.mask = 0;
        }
        p.execed = true;
        String base = l.path.substring(l.path.lastIndexOf('/') + 1);
        p.comm = base.length() > 15 ? base.substring(0, 15) : base;
        p.exe = l.path;
        p.launch = l;
        p.syscallSeq = 0;
    }

    /** search_binary_handler: a program, a #! script, or -ENOEXEC. */
    private Object binaryHandler(Proc p, Vfs.FileInode f, String path, List<byte[]> argv, List<byte[]> envp,
            int depth) {
        if (f.program != null) {
            return new Proc.Launch(f.program, path, argv, envp);
        }
        byte[] head = f.head(256);
        if (head.length >= 2 && head[0] == '#' && head[1] == '!') {
            if (depth >= 4) {
                return (long) -ELOOP;
            }
            int end = 2;
            while (end < head.length && head[end] != '\n') {
                end++;
            }
            String line = new String(head, 2, end - 2, StandardCharsets.UTF_8).trim();
            if (line.isEmpty()) {
                return (long) -ENOEXEC;
            }
            int sp = line.indexOf(' ');
            String interp = sp < 0 ? line : line.substring(0, sp);
            String arg = sp < 0 ? null : line.substring(sp + 1).trim();
            Object found = vfs.resolve(p.fs.cwd, interp, null, p.creds);
            if (found instanceof Integer) {
                return (long) (Integer) found;
            }
            Vfs.Inode in = (Vfs.Inode) found;
            if (!in.isRegular() || !Vfs.permitted(in, p.creds, Vfs.MAY_EXEC)) {
                return (long) -EACCES;
            }
            List<byte[]> newArgv = new ArrayList<>();
            newArgv.add(interp.getBytes(StandardCharsets.UTF_8));
            if (arg != null && !arg.isEmpty()) {
                newArgv.add(arg.getBytes(StandardCharsets.UTF_8));
            }
            newArgv.add(path.getBytes(StandardCharsets.UTF_8));
            newArgv.addAll(argv.subList(1, argv.size()));
            return binaryHandler(p, (Vfs.FileInode) in, interp, newArgv, envp, depth + 1);
        }
        return (long) -ENOEXEC;
    }
}
