// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.spi.Memory;
import dev.jsyscall.spi.SyscallInterface;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Test helper: raw syscalls of one process (the local one, or a driven child) with a bump allocator over
 * memory it mmaps itself, the way the api does it. Everything is written as it would be against real Linux.
 */
class Local {
    static final int O_CLOEXEC = 02000000, O_NONBLOCK = 04000;
    static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12,
            SIGPIPE = 13, SIGALRM = 14, SIGTERM = 15, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20;
    static final long CLONE_VM = 0x100, CLONE_FILES = 0x400, CLONE_PIDFD = 0x1000, CLONE_VFORK = 0x4000,
            CLONE_PARENT = 0x8000, CLONE_PARENT_SETTID = 0x100000, CLONE_CHILD_CLEARTID = 0x200000,
            CLONE_CHILD_SETTID = 0x1000000;
    static final int WNOHANG = 1, WSTOPPED = 2, WEXITED = 4, WCONTINUED = 8, WNOWAIT = 0x01000000,
            __WALL = 0x40000000, __WCLONE = 0x80000000;
    static final int P_ALL = 0, P_PID = 1, P_PGID = 2, P_PIDFD = 3;
    static final int CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3, CLD_STOPPED = 5, CLD_CONTINUED = 6;

    final FakeKernel kernel;
    final SyscallInterface sys;
    final Memory mem;
    private long arena;
    private long left;

    Local(FakeKernel kernel) {
        this(kernel, kernel.localSyscalls(), kernel.localMemory());
    }

    Local(FakeKernel kernel, SyscallInterface sys, Memory mem) {
        this.kernel = kernel;
        this.sys = sys;
        this.mem = mem;
    }

    long raw(Syscall s, long... args) {
        long[] a = Arrays.copyOf(args, 6);
        return sys.syscall(s.number(Arch.X86_64), a[0], a[1], a[2], a[3], a[4], a[5]);
    }

    /** The syscall, which must succeed. */
    long ok(Syscall s, long... args) {
        long r = raw(s, args);
        if (ErrnoException.isError(r)) {
            throw ErrnoException.of((int) -r, s.cName(), Arrays.toString(args));
        }
        return r;
    }

    /** The errno of a syscall that must fail. */
    Errno err(Syscall s, long... args) {
        long r = raw(s, args);
        if (!ErrnoException.isError(r)) {
            throw new AssertionError(s.cName() + Arrays.toString(args) + " succeeded with " + r
                    + " but was expected to fail");
        }
        return Errno.of((int) -r);
    }

    long alloc(long size) {
        long n = (size + 15) & ~15L;
        if (n > left) {
            long chunk = Math.max((n + 4095) & ~4095L, 1 << 16);
            arena = ok(Syscall.MMAP, 0, chunk, 3, 0x22, -1, 0);
            left = chunk;
        }
        long at = arena;
        arena += n;
        left -= n;
        return at;
    }

    void putLong(long addr, long v) {
        byte[] b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
        mem.write(addr, b, 0, 8);
    }

    void putInt(long addr, int v) {
        byte[] b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
        mem.write(addr, b, 0, 4);
    }

    long getLong(long addr) {
        byte[] b = new byte[8];
        mem.read(addr, b, 0, 8);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    int getInt(long addr) {
        byte[] b = new byte[4];
        mem.read(addr, b, 0, 4);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    byte[] bytes(long addr, int n) {
        byte[] b = new byte[n];
        mem.read(addr, b, 0, n);
        return b;
    }

    long cstr(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        long at = alloc(b.length + 1);
        mem.write(at, Arrays.copyOf(b, b.length + 1), 0, b.length + 1);
        return at;
    }

    long cstrs(List<String> strings) {
        long arr = alloc(8L * (strings.size() + 1));
        for (int i = 0; i < strings.size(); i++) {
            putLong(arr + 8L * i, cstr(strings.get(i)));
        }
        putLong(arr + 8L * strings.size(), 0);
        return arr;
    }

    long sigset(int... sigs) {
        long set = 0;
        for (int s : sigs) {
            set |= 1L << (s - 1);
        }
        long at = alloc(8);
        putLong(at, set);
        return at;
    }

    int[] pipe(int flags) {
        long fds = alloc(8);
        ok(Syscall.PIPE2, fds, flags);
        return new int[] {getInt(fds), getInt(fds + 4)};
    }

    long write(int fd, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        long buf = alloc(Math.max(1, b.length));
        mem.write(buf, b, 0, b.length);
        return raw(Syscall.WRITE, fd, buf, b.length);
    }

    /** One read of up to n bytes; null if it failed. */
    String read(int fd, int n) {
        long buf = alloc(n);
        long r = raw(Syscall.READ, fd, buf, n);
        if (ErrnoException.isError(r)) {
            return null;
        }
        return new String(bytes(buf, (int) r), StandardCharsets.UTF_8);
    }

    String readAll(int fd) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            String s = read(fd, 4096);
            if (s == null) {
                throw new AssertionError("read failed");
            }
            if (s.isEmpty()) {
                return sb.toString();
            }
            sb.append(s);
        }
    }

    int pid() {
        return (int) ok(Syscall.GETPID);
    }

    /** waitid's siginfo: {signo, errno, code, pid, uid, status} and the return value. */
    static final class Info {
        long ret;
        int signo;
        int errno;
        int code;
        int pid;
        int uid;
        int status;

        @Override
        public String toString() {
            return "ret=" + ret + " signo=" + signo + " code=" + code + " pid=" + pid + " status=" + status;
        }
    }

    Info waitid(int idtype, long id, int options) {
        long info = alloc(128);
        mem.write(info, new byte[128], 0, 128);
        Info i = new Info();
        i.ret = raw(Syscall.WAITID, idtype, id, info, options, 0);
        i.signo = getInt(info);
        i.errno = getInt(info + 4);
        i.code = getInt(info + 8);
        i.pid = getInt(info + 16);
        i.uid = getInt(info + 20);
        i.status = getInt(info + 24);
        return i;
    }

    /** wait4: {pid, status}. */
    long[] wait4(int pid, int options) {
        long st = alloc(8);
        long r = raw(Syscall.WAIT4, pid, st, options, 0);
        return new long[] {r, ErrnoException.isError(r) ? -1 : getInt(st)};
    }

    /** Sets a handler address (not code: the fake only counts deliveries) or SIG_DFL/SIG_IGN. */
    void sigaction(int sig, long handler, long flags) {
        long act = alloc(32);
        putLong(act, handler);
        putLong(act + 8, flags);
        putLong(act + 16, 0);
        putLong(act + 24, 0);
        ok(Syscall.RT_SIGACTION, sig, act, 0, 8);
    }

    void block(int... sigs) {
        ok(Syscall.RT_SIGPROCMASK, 0, sigset(sigs), 0, 8);
    }

    long setMask(long mask) {
        long set = alloc(8);
        long old = alloc(8);
        putLong(set, mask);
        ok(Syscall.RT_SIGPROCMASK, 2, set, old, 8);
        return getLong(old);
    }

    /**
     * Clones a driven child the way the api does: all signals blocked around the clone, a 16-byte aligned
     * stack starting with {entry, request fd, response fd, -1, -1, 0}, close-on-exec pipes whose child ends the parent
     * closes afterwards.
     */
    Driven spawn(long extraFlags) {
        return spawnWith(CLONE_VM | SIGCHLD | extraFlags);
    }

    /** Like {@link #spawn(long)} with exactly these clone flags (exit signal included). */
    Driven spawnWith(long flags) {
        int[] req = pipe(O_CLOEXEC);
        int[] resp = pipe(O_CLOEXEC);
        long stackArea = alloc(4096);
        long sp = (stackArea + 4096 - 64) & ~15L;
        putLong(sp, kernel.serverEntryPoint());
        putLong(sp + 8, req[0]);
        putLong(sp + 16, resp[1]);
        putLong(sp + 24, -1);   // no fds for the server to close at start: this helper closes them by request
        putLong(sp + 32, -1);
        putLong(sp + 40, 0);
        long ptid = alloc(8);
        long old = setMask(-1L);
        long pid = raw(Syscall.CLONE, flags, sp, ptid, 0, 0);
        setMask(old);
        if ((flags & CLONE_FILES) == 0) {
            // with a shared table this would close the child's ends too: such a child unshares first
            ok(Syscall.CLOSE, req[0]);
            ok(Syscall.CLOSE, resp[1]);
        }
        if (ErrnoException.isError(pid)) {
            throw ErrnoException.of((int) -pid, "clone", flags);
        }
        Driven d = new Driven(this, (int) pid, req[1], resp[0]);
        d.childReq = req[0];
        d.childResp = resp[1];
        if ((flags & CLONE_FILES) == 0) {
            // the child closes its copies of our ends, so that our death (or closing) is EOF for it
            d.ok(Syscall.CLOSE, req[1]);
            d.ok(Syscall.CLOSE, resp[0]);
        }
        if ((flags & CLONE_PIDFD) != 0) {
            d.pidfd = getInt(ptid);
        }
        d.mask = old;
        return d;
    }

    Driven spawn() {
        return spawn(0);
    }

    /** A driven child: syscalls go through its pipes. */
    static final class Driven {
        static final long EOF = Long.MIN_VALUE;
        final Local parent;
        final int pid;
        final int req;
        final int resp;
        int pidfd = -1;
        long mask;
        /** The child's own ends of its channel (fd numbers in its table). */
        int childReq;
        int childResp;
        private final long buf;

        Driven(Local parent, int pid, int req, int resp) {
            this.parent = parent;
            this.pid = pid;
            this.req = req;
            this.resp = resp;
            this.buf = parent.alloc(64);
        }

        /** The child's raw result, or EOF if the channel closed (exec succeeded or the child died). */
        long call(Syscall s, long... args) {
            long[] a = Arrays.copyOf(args, 6);
            parent.putLong(buf, s.number(Arch.X86_64));
            for (int i = 0; i < 6; i++) {
                parent.putLong(buf + 8 + 8L * i, a[i]);
            }
            long w = parent.raw(Syscall.WRITE, req, buf, 56);
            if (w == -Errno.EPIPE.number()) {
                return EOF; // the child is gone; the JVM's handler caught the SIGPIPE
            }
            if (w != 56) {
                throw new AssertionError("request write returned " + w);
            }
            int got = 0;
            while (got < 8) {
                long r = parent.raw(Syscall.READ, resp, buf + 56 + got, 8 - got);
                if (r == 0) {
                    return EOF;
                }
                if (ErrnoException.isError(r)) {
                    throw new AssertionError("response read failed: " + r);
                }
                got += (int) r;
            }
            return parent.getLong(buf + 56);
        }

        long ok(Syscall s, long... args) {
            long r = call(s, args);
            if (r == EOF || ErrnoException.isError(r)) {
                throw new AssertionError(s.cName() + Arrays.toString(args) + " in child " + pid + " returned " + r);
            }
            return r;
        }

        /** execve in the child with argv/envp in the (shared) memory; EOF means it succeeded. */
        long exec(String path, List<String> argv, List<String> envp) {
            call(Syscall.RT_SIGPROCMASK, 2, parent.sigsetOf(mask), 0, 8);
            return call(Syscall.EXECVE, parent.cstr(path), parent.cstrs(argv), parent.cstrs(envp));
        }

        /** exit_group(code) in the child: the channel reaches EOF instead of a reply. */
        void exit(int code) {
            long r = call(Syscall.EXIT_GROUP, code);
            if (r != EOF) {
                throw new AssertionError("exit_group replied " + r);
            }
            closeChannel();
        }

        /** Runs a program in the child and closes the channel; true if execve succeeded. */
        boolean run(String path, String... argv) {
            long r = exec(path, List.of(argv), List.of("PATH=/usr/bin:/bin"));
            closeChannel();
            return r == EOF;
        }

        /** Closes our ends of the channel. */
        void closeChannel() {
            parent.raw(Syscall.CLOSE, req);
            parent.raw(Syscall.CLOSE, resp);
        }
    }

    long sigsetOf(long mask) {
        long at = alloc(8);
        putLong(at, mask);
        return at;
    }
}
