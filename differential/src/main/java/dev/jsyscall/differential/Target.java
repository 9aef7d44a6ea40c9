// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.differential;

import dev.jsyscall.Kernel;
import dev.jsyscall.backend.fake.FakeDeadlockException;
import dev.jsyscall.backend.fake.FakeKernel;
import dev.jsyscall.differential.Program.Op;
import dev.jsyscall.differential.Program.Step;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.spi.Memory;
import dev.jsyscall.spi.SyscallInterface;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32;

/**
 * Where programs run: a real kernel through one backend (its kernel opened once, a fresh driven child per program),
 * or a fresh fake kernel per program. Each run gives one normalised outcome per step.
 */
public abstract class Target implements AutoCloseable {
    /** Channel fds are lifted to this number or above; programs only name fds below it. */
    static final int FLOOR = 512;
    static final long PAGE = 4096;
    static final long KERNEL_ADDRESS = 0xffff_8000_0000_0000L;
    /** Above any pid_max (2^22), so never a process. */
    static final long NOPID = 0x7fff_fff0L;
    static final String BLOCKS = "BLOCKS";

    private final String name;

    Target(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Runs {@code program} in a fresh child; one outcome per step, ending early when a step blocks. */
    public abstract List<String> run(Program program, long blockMillis);

    @Override
    public void close() {}

    /** A real kernel through the backend with this id ("ffm" or "jnr"). */
    public static Target real(String backendId) {
        return new Real(backendId);
    }

    /** A fresh fake kernel per program. */
    public static Target fake() {
        return new Fake();
    }

    private static final class Real extends Target {
        private final Kernel kernel;
        private final Space space;
        private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "differential-watchdog");
            t.setDaemon(true);
            return t;
        });

        Real(String id) {
            super(id);
            kernel = Kernel.open(id);
            space = new Space(kernel);
        }

        @Override
        public List<String> run(Program program, long blockMillis) {
            if (program.processes()) {
                try (ProcessRun run = new ProcessRun(kernel, space)) {
                    return run.steps(program);
                }
            }
            try (ChildTask child = kernel.localTask().cloneChild(FLOOR)) {
                AtomicBoolean killed = new AtomicBoolean();
                return new Run(space, child, program).steps(() -> watchdog.schedule(() -> {
                    killed.set(true);
                    child.childProcess().kill(Signal.SIGKILL);
                }, blockMillis, TimeUnit.MILLISECONDS), killed);
            }
        }

        @Override
        public void close() {
            watchdog.shutdownNow();
            space.close();
            kernel.close();
        }
    }

    private static final class Fake extends Target {
        Fake() {
            super("fake");
        }

        @Override
        public List<String> run(Program program, long blockMillis) {
            // A short grace: the driver and the child both waiting is the only way a fake program blocks.
            if (program.processes()) {
                try (Kernel kernel = Kernel.open(FakeKernel.builder().seed(1).deadlockGraceMillis(0).build());
                        Space space = new Space(kernel);
                        ProcessRun run = new ProcessRun(kernel, space)) {
                    return run.steps(program);
                }
            }
            try (Kernel kernel = Kernel.open(FakeKernel.builder().seed(1).deadlockGraceMillis(0).build());
                    Space space = new Space(kernel);
                    ChildTask child = kernel.localTask().cloneChild(FLOOR)) {
                return new Run(space, child, program).steps(() -> null, new AtomicBoolean());
            }
        }
    }

    /**
     * Four pages in the local address space, which the child shares (CLONE_VM): BUF read-write, ARGS (the OUT,
     * IN and PATH areas) read-write, RO read-only, NONE with no access.
     */
    static final class Space implements AutoCloseable {
        final SyscallInterface local;
        final Memory memory;
        final long base;

        Space(Kernel kernel) {
            local = kernel.backend().localSyscalls();
            memory = kernel.backend().localMemory();
            base = local.syscall(nr(Syscall.MMAP), 0, 4 * PAGE, 3, 0x22, -1, 0);
            if (base < 0 && base > -4096) {
                throw new IllegalStateException("mmap of the differential pages failed: " + Errno.of((int) -base));
            }
            check(local.syscall(nr(Syscall.MPROTECT), base + 2 * PAGE, PAGE, 1, 0, 0, 0), "mprotect RO");
            check(local.syscall(nr(Syscall.MPROTECT), base + 3 * PAGE, PAGE, 0, 0, 0, 0), "mprotect NONE");
        }

        long buf() {
            return base;
        }

        long out() {
            return base + PAGE;
        }

        long in() {
            return base + PAGE + 256;
        }

        long path() {
            return base + PAGE + 512;
        }

        /** Zeros (a zero timeout), rewritten before each use; after OUT's 1024 bytes and the fstat area. */
        long zero() {
            return base + PAGE + 2048;
        }

        long ro() {
            return base + 2 * PAGE;
        }

        long none() {
            return base + 3 * PAGE;
        }

        private static void check(long r, String what) {
            if (r < 0) {
                throw new IllegalStateException(what + " failed: " + Errno.of((int) -r));
            }
        }

        @Override
        public void close() {
            local.syscall(nr(Syscall.MUNMAP), base, 4 * PAGE, 0, 0, 0, 0);
        }
    }

    static int nr(Syscall s) {
        return s.number(Arch.X86_64);
    }

    /** One program in one child. */
    private static final class Run {
        private final Space space;
        private final ChildTask child;
        private final SyscallInterface sys;
        private final Program program;
        private final List<Long> fds = new ArrayList<>();
        private final long self;
        private final long parent;
        private final long parentGroup;
        private final long parentSession;

        Run(Space space, ChildTask child, Program program) {
            this.space = space;
            this.child = child;
            this.sys = child.sysif();
            this.program = program;
            this.self = sys.syscall(nr(Syscall.GETPID), 0, 0, 0, 0, 0, 0);
            this.parent = sys.syscall(nr(Syscall.GETPPID), 0, 0, 0, 0, 0, 0);
            this.parentGroup = sys.syscall(nr(Syscall.GETPGID), 0, 0, 0, 0, 0, 0);
            this.parentSession = sys.syscall(nr(Syscall.GETSID), 0, 0, 0, 0, 0, 0);
            canonicalState();
        }

        /**
         * The child inherits the JVM's fds, cwd, umask and limits, which the fake's child does not share: close
         * every fd but the channel and set the rest to the same values on both, so only the kernels differ.
         */
        private void canonicalState() {
            List<Integer> channel = new ArrayList<>();
            for (int n = FLOOR; n < FLOOR + 256 && channel.size() < 2; n++) {
                if (child.isChannelFd(n)) {
                    channel.add(n);
                }
            }
            if (channel.size() != 2) {
                throw new IllegalStateException("the child's channel fds were not found above " + FLOOR);
            }
            long prev = 0;
            for (int c : channel) {
                if (c > prev) {
                    sys.syscall(nr(Syscall.CLOSE_RANGE), prev, c - 1, 0, 0, 0, 0);
                }
                prev = c + 1;
            }
            sys.syscall(nr(Syscall.CLOSE_RANGE), prev, 0xffff_ffffL, 0, 0, 0, 0);
            child.ignoreSignal(Signal.SIGPIPE);
            // the child has a copy of the JVM's handlers; the signals a program may send itself take their default
            // action (ignore) on both kernels, never a JVM handler on the child's stack
            for (Signal sig : List.of(Signal.SIGCHLD, Signal.SIGURG, Signal.SIGWINCH)) {
                child.defaultSignal(sig);
            }
            path("/");
            sys.syscall(nr(Syscall.CHDIR), space.path(), 0, 0, 0, 0, 0);
            sys.syscall(nr(Syscall.UMASK), 022, 0, 0, 0, 0, 0);
            sys.syscall(nr(Syscall.SETPRIORITY), 0, 0, 0, 0, 0, 0);
            long[][] limits = {{3, 8 << 20, 8 << 20}, {4, 0, 64}, {6, 4096, 4096}, {7, 1024, 4096}, {13, 0, 0},
                {14, 0, 0}};
            for (long[] l : limits) {
                space.memory.write(space.in(), le(l[1], l[2]), 0, 16);
                long r = sys.syscall(nr(Syscall.SETRLIMIT), l[0], space.in(), 0, 0, 0, 0);
                if (r != 0) {
                    throw new IllegalStateException("the canonical setrlimit(" + l[0] + ", {" + l[1] + ", " + l[2]
                            + "}) failed in the child: " + r);
                }
            }
        }

        List<String> steps(java.util.function.Supplier<ScheduledFuture<?>> arm, AtomicBoolean killed) {
            List<String> outcomes = new ArrayList<>();
            for (Step step : program.steps()) {
                long[] a = new long[6];
                boolean usesOut = false;
                for (int i = 0; i < step.args().size(); i++) {
                    String t = step.args().get(i);
                    usesOut |= t.equals("OUT");
                    a[i] = resolve(t);
                }
                if (usesOut) {
                    space.memory.write(space.out(), pattern(), 0, 16);
                }
                ScheduledFuture<?> dog = arm.get();
                long r;
                try {
                    r = sys.syscall(nr(syscall(step.op())), a[0], a[1], a[2], a[3], a[4], a[5]);
                } catch (FakeDeadlockException e) {
                    outcomes.add(BLOCKS);
                    return outcomes;
                } catch (RuntimeException e) {
                    if (killed.get()) {
                        outcomes.add(BLOCKS);
                        return outcomes;
                    }
                    outcomes.add("THREW " + e.getClass().getSimpleName());
                    return outcomes;
                } finally {
                    if (dog != null) {
                        dog.cancel(false);
                    }
                }
                if (killed.get()) {
                    // the call returned just as the watchdog fired: the child is dead, so stop here either way
                    outcomes.add(BLOCKS);
                    return outcomes;
                }
                outcomes.add(outcome(step, a, r, usesOut));
            }
            return outcomes;
        }

        private String outcome(Step step, long[] a, long r, boolean usesOut) {
            if (r < 0 && r > -4096) {
                int e = (int) -r;
                return "-" + (Errno.isDefined(e) ? Errno.of(e).name() : Integer.toString(e));
            }
            StringBuilder s = new StringBuilder();
            if (step.op() == Op.LSEEK && isDirectory(a[0])) {
                // a directory's offset is a cookie of its filesystem (LLONG_MAX at the end of an htree directory,
                // 4096 on the fake), like an address: only success is compared
                s.append("dir-offset");
            } else {
                s.append(step.op().returnsPid() ? pid(r) : Long.toString(r));
            }
            if (step.op().returnsFd() || isDupfd(step, a)) {
                fds.add(r);
            }
            if (step.op() == Op.READ && r > 0 && a[1] == space.buf()) {
                byte[] data = new byte[(int) r];
                space.memory.read(space.buf(), data, 0, data.length);
                CRC32 crc = new CRC32();
                crc.update(data);
                s.append(" crc=").append(Long.toHexString(crc.getValue()));
            }
            if (usesOut) {
                byte[] out = new byte[16];
                space.memory.read(space.out(), out, 0, 16);
                s.append(" out=").append(hex(out));
                if (step.op() == Op.PIPE2 && r == 0) {
                    fds.add((long) readInt(out, 0));
                    fds.add((long) readInt(out, 4));
                }
            }
            return s.toString();
        }

        /** fstat in the child, outside the program: st_mode's file type. */
        private boolean isDirectory(long fd) {
            long stat = space.out() + 1024;
            if (sys.syscall(nr(Syscall.FSTAT), fd, stat, 0, 0, 0, 0) != 0) {
                return false;
            }
            byte[] mode = new byte[4];
            space.memory.read(stat + 24, mode, 0, 4);
            return (readInt(mode, 0) & 0170000) == 0040000;
        }

        private static boolean isDupfd(Step step, long[] a) {
            return step.op() == Op.FCNTL && (a[1] == 0 || a[1] == 1030);
        }

        /**
         * Pids by what they name. The parent's pid, group and session are one name, PARENT: the fake's local
         * process leads its own group and session while a JVM started by Maven leads neither, which says nothing
         * about either kernel.
         */
        private String pid(long r) {
            if (r == self) {
                return "SELF";
            }
            if (r == parent || r == parentGroup || r == parentSession) {
                return "PARENT";
            }
            return "pid?";
        }

        private long resolve(String t) {
            switch (t) {
                case "SELF": return self;
                case "-SELF": return -self;
                case "PARENT": return parent;
                case "PPGID": return parentGroup;
                case "NOPID": return NOPID;
                case "BUF": return space.buf();
                case "OUT": return space.out();
                case "RO": return space.ro();
                case "NONE": return space.none();
                case "NULL": return 0;
                case "KERNEL": return KERNEL_ADDRESS;
                case "ZERO":
                    space.memory.write(space.zero(), new byte[16], 0, 16);
                    return space.zero();
                default: break;
            }
            if (t.startsWith("fd")) {
                int i = Integer.parseInt(t.substring(2));
                return i < fds.size() ? fds.get(i) : 63;
            }
            if (t.startsWith("IN:")) {
                String[] v = t.split(":");
                space.memory.write(space.in(), le(Long.decode(v[1]), Long.decode(v[2])), 0, 16);
                return space.in();
            }
            if (t.startsWith("PATH:")) {
                path(t.substring(5));
                return space.path();
            }
            return Long.decode(t);
        }

        private void path(String p) {
            byte[] b = (p + "\0").getBytes(StandardCharsets.UTF_8);
            space.memory.write(space.path(), b, 0, b.length);
        }
    }

    static Syscall syscall(Op op) {
        return Syscall.valueOf(op.name());
    }

    private static byte[] pattern() {
        byte[] b = new byte[16];
        java.util.Arrays.fill(b, (byte) 0xa5);
        return b;
    }

    static byte[] le(long x, long y) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (x >>> (8 * i));
            b[8 + i] = (byte) (y >>> (8 * i));
        }
        return b;
    }

    private static int readInt(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x & 0xff));
        }
        return s.toString();
    }
}
