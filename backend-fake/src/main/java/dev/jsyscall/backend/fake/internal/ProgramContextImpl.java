// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.backend.fake.ProgramContext;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.spi.DrivenProtocol;
import dev.jsyscall.spi.Memory;
import dev.jsyscall.spi.SyscallInterface;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The context of one simulated program run: everything goes through the process's own syscalls (internal). */
final class ProgramContextImpl implements ProgramContext {
    private static final int IO_CHUNK = 65536;

    private final Kernel k;
    private final Proc p;
    private final Proc.ProgramRunner runner;
    private final AddressSpace mm;
    private final List<String> argv;
    private final List<String> envp;
    private final SyscallInterface sys;
    private long arena;
    private long arenaLeft;
    private long io;

    ProgramContextImpl(Kernel k, Proc p, Proc.ProgramRunner runner) {
        this.k = k;
        this.p = p;
        this.runner = runner;
        this.mm = p.mm;
        this.argv = Collections.unmodifiableList(new ArrayList<>(runner.launch.argv));
        this.envp = Collections.unmodifiableList(new ArrayList<>(runner.launch.envp));
        String describe = "fake pid " + p.pid + " (" + runner.launch.path + ")";
        this.sys = new SyscallInterface() {
            @Override
            public long syscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
                return k.programs.programSyscall(p, runner, nr, a0, a1, a2, a3, a4, a5);
            }

            @Override
            public String describe() {
                return describe;
            }
        };
    }

    @Override
    public List<String> argv() {
        return argv;
    }

    @Override
    public List<String> envp() {
        return envp;
    }

    @Override
    public List<byte[]> argvBytes() {
        return copies(runner.launch.argvBytes);
    }

    @Override
    public List<byte[]> envpBytes() {
        return copies(runner.launch.envpBytes);
    }

    private static List<byte[]> copies(List<byte[]> strings) {
        List<byte[]> out = new ArrayList<>(strings.size());
        for (byte[] s : strings) {
            out.add(s.clone());
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public String getenv(String name) {
        String prefix = name + "=";
        for (String e : envp) {
            if (e.startsWith(prefix)) {
                return e.substring(prefix.length());
            }
        }
        return null;
    }

    @Override
    public SyscallInterface syscalls() {
        return sys;
    }

    @Override
    public Memory memory() {
        return mm;
    }

    @Override
    public Arch arch() {
        return k.arch;
    }

    @Override
    public long serverEntryPoint() {
        return AddressSpace.SERVER_ENTRY;
    }

    @Override
    public long syscall(Syscall syscall, long... args) {
        long[] a = java.util.Arrays.copyOf(args, 6);
        return sys.syscall(syscall.number(k.arch), a[0], a[1], a[2], a[3], a[4], a[5]);
    }

    @Override
    public long check(Syscall syscall, long... args) {
        long r = syscall(syscall, args);
        if (ErrnoException.isError(r)) {
            Object[] shown = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                shown[i] = args[i];
            }
            throw ErrnoException.of((int) -r, syscall.cName(), shown);
        }
        return r;
    }

    @Override
    public int pid() {
        return (int) syscall(Syscall.GETPID);
    }

    @Override
    public long allocate(long size) {
        long n = (size + 15) & ~15L;
        if (n > arenaLeft) {
            long chunk = Math.max(AddressSpace.pageUp(n), 256 * 1024);
            arena = check(Syscall.MMAP, 0, chunk, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            arenaLeft = chunk;
        }
        long at = arena;
        arena += n;
        arenaLeft -= n;
        return at;
    }

    private long io() {
        if (io == 0) {
            io = allocate(IO_CHUNK);
        }
        return io;
    }

    long cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        long at = allocate(b.length + 1);
        mm.write(at, java.util.Arrays.copyOf(b, b.length + 1), 0, b.length + 1);
        return at;
    }

    long cString(byte[] b) {
        long at = allocate(b.length + 1);
        mm.write(at, java.util.Arrays.copyOf(b, b.length + 1), 0, b.length + 1);
        return at;
    }

    /** A NULL-terminated array of C strings, encoded as UTF-8. */
    long cStringArray(List<String> strings) {
        List<byte[]> bytes = new ArrayList<>(strings.size());
        for (String s : strings) {
            bytes.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return cByteStringArray(bytes);
    }

    /** A NULL-terminated array of C strings with these bytes. */
    long cByteStringArray(List<byte[]> strings) {
        long arr = allocate(8L * (strings.size() + 1));
        byte[] ptrs = new byte[8 * (strings.size() + 1)];
        for (int i = 0; i < strings.size(); i++) {
            Bytes.putLong(ptrs, 8 * i, cString(strings.get(i)));
        }
        mm.write(arr, ptrs, 0, ptrs.length);
        return arr;
    }

    @Override
    public void write(int fd, byte[] data) {
        long buf = data.length <= IO_CHUNK ? io() : allocate(data.length);
        mm.write(buf, data, 0, data.length);
        int done = 0;
        while (done < data.length) {
            long r = syscall(Syscall.WRITE, fd, buf + done, data.length - done);
            if (r == -EINTR) {
                continue;
            }
            if (ErrnoException.isError(r)) {
                throw ErrnoException.of((int) -r, "write", "fd=" + fd, data.length - done + " bytes");
            }
            done += (int) r;
        }
    }

    @Override
    public void print(int fd, String text) {
        write(fd, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] read(int fd, int max) {
        long buf = max <= IO_CHUNK ? io() : allocate(max);
        while (true) {
            long r = syscall(Syscall.READ, fd, buf, max);
            if (r == -EINTR) {
                continue;
            }
            if (ErrnoException.isError(r)) {
                throw ErrnoException.of((int) -r, "read", "fd=" + fd, max);
            }
            byte[] out = new byte[(int) r];
            mm.read(buf, out, 0, out.length);
            return out;
        }
    }

    @Override
    public byte[] readAll(int fd) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (true) {
            byte[] b = read(fd, IO_CHUNK);
            if (b.length == 0) {
                return all.toByteArray();
            }
            all.write(b, 0, b.length);
        }
    }

    @Override
    public int open(String path, int flags, int mode) {
        long s = cString(path);
        long r = syscall(Syscall.OPENAT, AT_FDCWD, s, flags, mode);
        if (ErrnoException.isError(r)) {
            throw ErrnoException.of((int) -r, "openat", path, "flags=0" + Integer.toOctalString(flags));
        }
        return (int) r;
    }

    @Override
    public void sleep(Duration duration) {
        long ts = allocate(16);
        byte[] b = new byte[16];
        Bytes.putLong(b, 0, duration.getSeconds());
        Bytes.putLong(b, 8, duration.getNano());
        mm.write(ts, b, 0, 16);
        syscall(Syscall.NANOSLEEP, ts, 0);
    }

    @Override
    public int spawn(String path, List<String> childArgv, List<String> childEnvp, Map<Integer, Integer> fds) {
        long two = allocate(16);
        check(Syscall.PIPE2, two, O_CLOEXEC);
        check(Syscall.PIPE2, two + 8, O_CLOEXEC);
        byte[] ends = new byte[16];
        mm.read(two, ends, 0, 16);
        int reqRead = Bytes.getInt(ends, 0);
        int reqWrite = Bytes.getInt(ends, 4);
        int respRead = Bytes.getInt(ends, 8);
        int respWrite = Bytes.getInt(ends, 12);
        // the child's stack: the start data at sp (the child closes our ends of its channel first), and below sp
        // the request and the held-back results that the server keeps there
        long stackArea = allocate(1024);
        long sp = (stackArea + 512) & ~15L;
        long[] start = DrivenProtocol.startData(AddressSpace.SERVER_ENTRY, reqRead, respWrite, reqWrite, respRead);
        byte[] words = new byte[DrivenProtocol.START_DATA_SIZE];
        for (int i = 0; i < start.length; i++) {
            Bytes.putLong(words, 8 * i, start[i]);
        }
        mm.write(sp, words, 0, words.length);
        long masks = allocate(16);
        byte[] all = new byte[8];
        Bytes.putLong(all, 0, -1L);
        mm.write(masks, all, 0, 8);
        check(Syscall.RT_SIGPROCMASK, SIG_SETMASK, masks, masks + 8, 8);
        long pid = syscall(Syscall.CLONE, CLONE_VM | SIGCHLD, sp, 0, 0, 0);
        check(Syscall.RT_SIGPROCMASK, SIG_SETMASK, masks + 8, 0, 8);
        syscall(Syscall.CLOSE, reqRead);
        syscall(Syscall.CLOSE, respWrite);
        if (ErrnoException.isError(pid)) {
            syscall(Syscall.CLOSE, reqWrite);
            syscall(Syscall.CLOSE, respRead);
            throw ErrnoException.of((int) -pid, "clone", "CLONE_VM|SIGCHLD");
        }
        Driver d = new Driver(reqWrite, respRead);
        RuntimeException failure = null;
        try {
            // move each source fd out of the way first, so that a mapping like {0:5, 5:0} works; the spare fds
            // are results the dup3 requests need, so these go one by one
            List<int[]> moves = new ArrayList<>();
            boolean gone = false;
            for (Map.Entry<Integer, Integer> e : fds.entrySet()) {
                long[] tmp = d.chain(request(Syscall.FCNTL, e.getValue(), F_DUPFD_CLOEXEC, 1000));
                if (tmp.length == 0) {
                    gone = true;
                    break;
                }
                if (ErrnoException.isError(tmp[0])) {
                    throw ErrnoException.of((int) -tmp[0], "fcntl", "F_DUPFD_CLOEXEC in spawned child", e.getValue());
                }
                moves.add(new int[] {(int) tmp[0], e.getKey()});
            }
            if (!gone) {
                // the rest is one chain, as the api sends a spawn's set-up: the child stops at the first failure
                long[] steps = new long[0];
                for (int[] m : moves) {
                    steps = concat(steps, request(Syscall.DUP3, m[0], m[1], 0));
                }
                steps = concat(steps, request(Syscall.RT_SIGPROCMASK, SIG_SETMASK, masks + 8, 0, 8));
                steps = concat(steps, request(Syscall.EXECVE, cString(path), cStringArray(childArgv),
                        cStringArray(childEnvp)));
                long[] r = d.chain(steps);
                for (int i = 0; i < r.length; i++) {
                    if (ErrnoException.isError(r[i])) {
                        throw i < moves.size()
                                ? ErrnoException.of((int) -r[i], "dup3", "in spawned child", moves.get(i)[0],
                                        moves.get(i)[1])
                                : i == moves.size() ? ErrnoException.of((int) -r[i], "rt_sigprocmask", "SIG_SETMASK")
                                : ErrnoException.of((int) -r[i], "execve", path);
                    }
                }
            }
            // EOF before every result: the child exec'd, or died, which its wait status tells the caller
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            syscall(Syscall.CLOSE, reqWrite);
            syscall(Syscall.CLOSE, respRead);
        }
        if (failure != null) {
            // only now, with EOF on its request pipe, does the child's server exit, so it can be reaped
            waitFor((int) pid);
            throw failure;
        }
        return (int) pid;
    }

    /** One request of a chain: the syscall's number and six arguments, missing ones 0. */
    private long[] request(Syscall s, long... args) {
        long[] words = new long[DrivenProtocol.REQUEST_WORDS];
        words[0] = s.number(k.arch);
        System.arraycopy(args, 0, words, 1, args.length);
        return words;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * Drives a server child through its pipes by {@link DrivenProtocol}, as the api's driver does: a chain of
     * requests goes in one write per {@link DrivenProtocol#RESULTS_HELD} requests and its results come back in one
     * read.
     */
    private final class Driver {
        private static final int CHUNK = DrivenProtocol.RESULTS_HELD;
        final int req;
        final int resp;
        /** CHUNK requests, then their results. */
        final long buf;
        final byte[] requests = new byte[CHUNK * DrivenProtocol.REQUEST_SIZE];
        final byte[] results = new byte[CHUNK * DrivenProtocol.RESULT_SIZE];
        final int execveNr = Syscall.EXECVE.number(k.arch);
        final int exitGroupNr = Syscall.EXIT_GROUP.number(k.arch);

        Driver(int req, int resp) {
            this.req = req;
            this.resp = resp;
            this.buf = allocate(requests.length + results.length);
        }

        /**
         * Runs {@code chain} ({@link DrivenProtocol#REQUEST_WORDS} words a request); the child skips the rest after
         * a failure. Returns fewer results than requests when the child reached EOF: an execve that succeeded has
         * none, nor has anything after the child died.
         */
        long[] chain(long[] chain) {
            int n = chain.length / DrivenProtocol.REQUEST_WORDS;
            long[] out = new long[n];
            int done = 0;
            while (done < n) {
                int count = Math.min(CHUNK, n - done);
                DrivenProtocol.encodeChain(requests, chain, done, count, nr -> nr == execveNr || nr == exitGroupNr);
                int bytes = count * DrivenProtocol.REQUEST_SIZE;
                mm.write(buf, requests, 0, bytes);
                for (int sent = 0; sent < bytes; ) {
                    long r = syscall(Syscall.WRITE, req, buf + sent, bytes - sent);
                    if (r == -EINTR) {
                        continue;
                    }
                    if (ErrnoException.isError(r)) {
                        throw ErrnoException.of((int) -r, "write", "request to spawned child");
                    }
                    sent += (int) r;
                }
                int answered = receive(count);
                for (int i = 0; i < answered; i++) {
                    out[done + i] = DrivenProtocol.result(results, i);
                }
                done += answered;
                if (answered < count) {
                    return java.util.Arrays.copyOf(out, done);
                }
            }
            return out;
        }

        /** Reads up to {@code count} results; returns how many came before EOF. */
        private int receive(int count) {
            long at = buf + requests.length;
            int want = count * DrivenProtocol.RESULT_SIZE;
            int got = 0;
            while (got < want) {
                long r = syscall(Syscall.READ, resp, at + got, want - got);
                if (r == -EINTR) {
                    continue;
                }
                if (r == 0) {
                    break;
                }
                if (ErrnoException.isError(r)) {
                    throw ErrnoException.of((int) -r, "read", "response of spawned child");
                }
                got += (int) r;
            }
            mm.read(at, results, 0, got);
            return got / DrivenProtocol.RESULT_SIZE;
        }
    }

    @Override
    public int waitFor(int pid) {
        long st = allocate(8);
        while (true) {
            long r = syscall(Syscall.WAIT4, pid, st, 0, 0);
            if (r == -EINTR) {
                continue;
            }
            if (ErrnoException.isError(r)) {
                throw ErrnoException.of((int) -r, "wait4", "pid=" + pid);
            }
            byte[] b = new byte[4];
            mm.read(st, b, 0, 4);
            return Bytes.getInt(b, 0);
        }
    }

    @Override
    public void exit(int status) {
        syscall(Syscall.EXIT_GROUP, status);
        throw new IllegalStateException("exit_group returned in pid " + p.pid);
    }
}
