// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import dev.jsyscall.backend.fake.internal.Kernel;
import dev.jsyscall.backend.fake.internal.KernelConfig;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.spi.Capability;
import dev.jsyscall.spi.FaultSites;
import dev.jsyscall.spi.Memory;
import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.spi.SyscallInterface;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A deterministic simulated Linux kernel (x86_64 numbering and struct layouts) that runs the raw syscalls of the
 * SPI over simulated memory. The local process stands for the JVM: pid 2, a child of the simulated init (pid 1),
 * leader of its own session and process group, root by default, with the signal handlers HotSpot installs.
 *
 * <p>What it simulates: processes with a pid allocator that wraps at {@code pid_max}, zombies, reaping,
 * reparenting to init or a subreaper, process groups and sessions, nice values, resource limits, fd tables,
 * pipes, a small in-memory file system, signals with default actions, masks and stops, {@code waitid} and
 * {@code wait4}, pidfds, user namespaces (id maps) and UTS namespaces, driven children (a clone whose stack starts
 * with {@link #serverEntryPoint()} serves the driven-child protocol) and {@code execve} of
 * {@link SimulatedProgram}s. Exactly one simulated process runs at a time; the order is drawn from the seed, and
 * the same seed gives the same {@link #traceHash()}.
 *
 * <p>What it cannot do, loudly ({@link FakeUnsupportedException}): run machine code (a fork-like clone, a clone
 * whose stack does not start with the server entry, signal handlers — a caught signal is counted and
 * interrupts a wait, but no handler code runs), threads, namespaces other than user and UTS (mount, pid,
 * network, IPC, cgroup, time), and syscalls it does not implement.
 * A local syscall that could never complete throws {@link FakeDeadlockException} with the process table.
 *
 * <pre>{@code
 * try (FakeKernel kernel = FakeKernel.builder().seed(42).pidMax(64).build()) {
 *     SyscallInterface sys = kernel.localSyscalls();
 *     long pid = sys.syscall(Syscall.GETPID.number(Arch.X86_64), 0, 0, 0, 0, 0, 0);   // 2
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class FakeKernel implements SyscallBackend, FaultSites {
    private final Kernel kernel;
    private volatile KernelFaults faults;
    private final long seed;
    private final SyscallInterface local;
    private final List<byte[]> environment;
    private final SimulatedThreads threads;

    private FakeKernel(KernelConfig config) {
        this.kernel = new Kernel(config);
        this.threads = new SimulatedThreads(kernel.turns());
        this.seed = config.seed;
        List<byte[]> env = new java.util.ArrayList<>();
        config.environment.forEach((name, value) ->
                env.add((name + "=" + value + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        this.environment = List.copyOf(env);
        this.local = new SyscallInterface() {
            @Override
            public long syscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
                return kernel.localSyscall(nr, a0, a1, a2, a3, a4, a5);
            }

            @Override
            public String describe() {
                return "fake local (pid " + kernel.localPid() + ", seed " + seed + ")";
            }
        };
    }

    /**
     * A builder with the defaults: seed 0, pid_max 32768, uid and gid 0.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public Arch arch() {
        return Arch.X86_64;
    }

    @Override
    public SyscallInterface localSyscalls() {
        return local;
    }

    /**
     * The local process's simulated memory. Touching an address that is not mapped, or not mapped with the
     * needed protection, throws {@link FakeMemoryAccessException}.
     */
    @Override
    public Memory localMemory() {
        return kernel.localMemory();
    }

    @Override
    public long serverEntryPoint() {
        return kernel.serverEntryPoint();
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.DRIVEN_CHILDREN, Capability.PIDFD);
    }

    /**
     * The simulated local process's environment ({@link Builder#environment}), never the host's: what spawned
     * programs inherit.
     */
    @Override
    public List<byte[]> localEnvironment() {
        return environment;
    }

    /** {@link #threads()}: application threads that share the turn, so that a run of several stays its seed's. */
    @Override
    public java.util.concurrent.ThreadFactory applicationThreads() {
        return threads;
    }

    /** {@link SimulatedThreads#newExecutor()}: its joins are turn points, where a pool's Java waits would not be. */
    @Override
    public java.util.concurrent.ExecutorService newApplicationExecutor() {
        return threads.newExecutor();
    }

    /**
     * What this run did that its seed does not decide, one sentence each: two JVM threads in the kernel at once (the
     * JVM picks which goes first), or a real-time grace period that decided a deadlock or let virtual time move while
     * other JVM threads used the kernel. Empty for a run that is its seed's alone. The trace is left alone, so that it
     * stays comparable between runs.
     *
     * <pre>{@code
     * assertThat(fake.nondeterminism()).isEmpty();
     * }</pre>
     *
     * @return the reports, oldest first (at most 100)
     * @since 0.2
     */
    public List<String> nondeterminism() {
        return kernel.nondeterminism();
    }

    /**
     * Application threads that run one at a time, handed the turn by this kernel's seed at their syscalls, blocks,
     * ends and joins: the supported way for a program with several threads to be deterministic here (see
     * {@link SimulatedThreads}). The same object on every call.
     *
     * <pre>{@code
     * Thread t = fake.threads().start(() -> spawnAndWait(kernel));
     * fake.threads().join(t);
     * }</pre>
     *
     * @return the threads of this kernel
     * @since 0.2
     */
    public SimulatedThreads threads() {
        return threads;
    }

    /**
     * Runs {@code onChildChange} on the thread of a local syscall after it leaves the kernel, when a child of the
     * local process exited since the last run: the points where {@code onExit()} callbacks run on the fake.
     */
    @Override
    public boolean notifyChildChanges(java.util.function.BooleanSupplier onChildChange) {
        kernel.childChangeListener(Objects.requireNonNull(onChildChange, "onChildChange"));
        return true;
    }

    /** Ends every simulated program thread. Later syscalls throw {@link IllegalStateException}. */
    @Override
    public void close() {
        kernel.close();
    }

    /**
     * The seed that drives scheduling; print it with a failure to replay the run.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * The pid of the local process.
     *
     * @return the pid
     */
    public int localPid() {
        return kernel.localPid();
    }

    /**
     * A hash of every syscall (process, number, arguments, result) and scheduling event so far. Two runs of the
     * same code with the same seed have the same hash.
     *
     * @return the hash
     */
    public long traceHash() {
        return kernel.traceHash();
    }

    /**
     * The trace: every line if the builder asked for {@link Builder#keepFullTrace()}, else the last ones.
     *
     * @return the lines, oldest first
     */
    public List<String> trace() {
        return kernel.traceLines();
    }

    /**
     * The scheduler's decisions so far (see {@link SchedulePolicy#replay}): give them to a new kernel with the same
     * seed and code to run the same interleaving again, whichever policy made them.
     *
     * <pre>{@code
     * Files.writeString(Path.of("target/seed-7.schedule"), fake.schedule());
     * }</pre>
     *
     * @return the comma-separated decisions
     * @since 0.2
     */
    public String schedule() {
        return kernel.recordedSchedule();
    }

    /** How many ints and longs {@link #schedule()}'s record takes in memory (two bits a preemption decision). */
    long recordedScheduleEntries() {
        return kernel.recordedScheduleEntries();
    }

    /**
     * The decisions of {@link #schedule()} that differ from the default order (see
     * {@link SchedulePolicy#deviations}): what made this interleaving unusual, and what shrinking minimises.
     *
     * <pre>{@code
     * List<String> d = fake.scheduleDeviations();     // [3.0=y, 3.1=5, 40.0=y]
     * }</pre>
     *
     * @return the deviations, in order
     * @since 0.2
     */
    public List<String> scheduleDeviations() {
        return kernel.scheduleDeviations();
    }

    /**
     * Adds the test's own line to the trace ({@code "2 mark TEXT"}), so that a reader sees where the test was; it is
     * hashed like every other record, so mark the same things in every run of a seed.
     *
     * <pre>{@code
     * kernel.mark("restarting worker 3");
     * }</pre>
     *
     * @param text one line, not empty
     * @throws IllegalArgumentException if {@code text} is empty or has a line break
     * @since 0.2
     */
    public void mark(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("text must be one non-empty line: \"" + text + "\"");
        }
        kernel.mark(text);
    }

    /**
     * The process table with fds and signal state, and the last syscalls (what a deadlock reports).
     *
     * @return the dump
     */
    public String dump() {
        return kernel.dump();
    }

    /**
     * Everything written to {@code /dev/console}, where the local process's fds 1 and 2 point.
     *
     * @return the text written so far
     */
    public String consoleOutput() {
        return kernel.consoleOutput();
    }

    /**
     * Reports of simulated programs that threw (each also went to the program's stderr).
     *
     * @return the reports, oldest first
     */
    public List<String> programFailures() {
        return kernel.programFailures();
    }

    /**
     * The virtual CLOCK_MONOTONIC.
     *
     * @return the virtual time in nanoseconds
     */
    public long monotonicNanos() {
        return kernel.monotonicNanos();
    }

    /**
     * Sets the last pid allocated, like writing {@code /proc/sys/kernel/ns_last_pid}: the next process gets the
     * lowest free pid above it (wrapping at pid_max).
     *
     * @param pid the last pid allocated
     */
    public void setLastPid(int pid) {
        kernel.setLastPid(pid);
    }

    /**
     * Installs a hook that sees every syscall before it runs and may fail it or signal its process first
     * (null removes it). See {@link SyscallHook}.
     *
     * @param hook the hook, or null
     */
    public void setSyscallHook(SyscallHook hook) {
        kernel.setHook(hook);
    }

    /**
     * Installs the run's faults (as its {@link SyscallHook}, replacing any other) and answers its fault sites;
     * null removes them.
     *
     * <pre>{@code
     * fake.setFaults(KernelFaults.swarm(fake.seed(), EnumSet.allOf(FaultKind.class)));
     * }</pre>
     *
     * @param faults the faults, or null
     * @since 0.2
     */
    public void setFaults(KernelFaults faults) {
        this.faults = faults;
        kernel.setHook(faults);
    }

    /**
     * Whether a named fault site fires now: never unless {@link #setFaults} installed faults that fire it.
     *
     * @param site the site's name
     * @return true if it fires
     * @since 0.2
     */
    @Override
    public boolean fire(String site) {
        KernelFaults f = faults;
        return f != null && f.fireSite(site);
    }

    /**
     * Registers (or replaces) a simulated program at an absolute path, mode 0755.
     *
     * @param path the absolute path
     * @param program the program
     */
    public void installProgram(String path, SimulatedProgram program) {
        kernel.installProgram(Objects.requireNonNull(path, "path"), Objects.requireNonNull(program, "program"));
    }

    /**
     * Creates (or replaces) a regular file; a mode with an x bit and {@code #!} content makes a script.
     *
     * @param path the absolute path
     * @param content the file's bytes
     * @param mode the permission bits
     */
    public void installFile(String path, byte[] content, int mode) {
        kernel.installFile(Objects.requireNonNull(path, "path"), Objects.requireNonNull(content, "content"), mode);
    }

    /**
     * The open fds of a live or zombie process, each with what {@code readlink /proc/PID/fd/N} shows
     * ({@code pipe:[ino]}, a path, {@code anon_inode:[pidfd]}...), or null if there is no such process. For leak
     * checks: it makes no syscall and changes nothing.
     *
     * @param pid the process
     * @return the fds by number, or null
     */
    public java.util.SortedMap<Integer, String> fds(int pid) {
        return kernel.fds(pid);
    }

    /**
     * A snapshot of one live or zombie process (keys: pid, ppid, pgid, sid, state, kind, comm, exe, fds,
     * pending, blocked, nice, handled), or null if there is no such process.
     *
     * @param pid the process
     * @return the snapshot, or null
     */
    public Map<String, Object> processInfo(int pid) {
        return kernel.processInfo(pid);
    }

    @Override
    public String toString() {
        return "FakeKernel[seed=" + seed + ", local pid " + kernel.localPid() + "]";
    }

    /**
     * Configures a {@link FakeKernel}.
     *
     * <pre>{@code
     * FakeKernel k = FakeKernel.builder().seed(7).pidMax(40).program("/bin/hello", ctx -> 0).build();
     * }</pre>
     *
     * @since 0.1
     */
    public static final class Builder {
        private final KernelConfig config = new KernelConfig();

        private Builder() {}

        /**
         * The seed of the scheduler and of getrandom.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            config.seed = seed;
            return this;
        }

        /**
         * Pids are allocated below this value and wrap around (to 300 once past it, as Linux does, or to 1 for a
         * pid_max of 300 or less, which Linux does not allow: a small value forces pid reuse quickly).
         *
         * @param pidMax the limit
         * @return this builder
         * @throws IllegalArgumentException if {@code pidMax < 4} (init, the local process and a child need pids)
         */
        public Builder pidMax(int pidMax) {
            if (pidMax < 4 || pidMax > 4194304) {
                throw new IllegalArgumentException("pidMax must be in [4, 4194304]: " + pidMax);
            }
            config.pidMax = pidMax;
            return this;
        }

        /**
         * The local process's uid and gid (default 0: root, as on the machine this was written on).
         *
         * @param uid the uid
         * @param gid the gid
         * @return this builder
         */
        public Builder credentials(int uid, int gid) {
            if (uid < 0 || gid < 0) {
                throw new IllegalArgumentException("uid and gid must not be negative: " + uid + ", " + gid);
            }
            config.uid = uid;
            config.gid = gid;
            return this;
        }

        /**
         * Registers a simulated program at an absolute path (mode 0755).
         *
         * @param path the absolute path
         * @param program the program
         * @return this builder
         */
        public Builder program(String path, SimulatedProgram program) {
            Objects.requireNonNull(program, "program");
            if (path == null || !path.startsWith("/") || path.endsWith("/")) {
                throw new IllegalArgumentException("program path must be absolute and name a file: " + path);
            }
            config.programs.put(path, program);
            return this;
        }

        /**
         * Creates a regular file with the given content and mode.
         *
         * @param path the absolute path
         * @param content the file's bytes
         * @param mode the permission bits
         * @return this builder
         */
        public Builder file(String path, byte[] content, int mode) {
            if (path == null || !path.startsWith("/") || path.endsWith("/")) {
                throw new IllegalArgumentException("file path must be absolute and name a file: " + path);
            }
            config.files.put(path, Objects.requireNonNull(content, "content").clone());
            config.fileModes.put(path, mode & 07777);
            return this;
        }

        /**
         * At most this many steps of other processes, by seeded chance, before each local syscall (default 2;
         * 0 runs other processes only while the local process waits).
         *
         * @param steps the most steps, not negative
         * @return this builder
         */
        public Builder maxPreemptSteps(int steps) {
            if (steps < 0) {
                throw new IllegalArgumentException("maxPreemptSteps must not be negative: " + steps);
            }
            config.maxPreemptSteps = steps;
            return this;
        }

        /**
         * The simulated local process's environment, which spawned programs inherit unless their {@code Command}
         * changes it. By default it is fixed, whatever the host's: {@code PATH=/usr/local/bin:/usr/bin:/bin},
         * {@code HOME=/root}, {@code LANG=C}, in that order; the host's environment never reaches a simulated
         * program, so a seed runs the same in a shell, under {@code env -i} and under surefire.
         *
         * <pre>{@code
         * FakeKernel k = FakeKernel.builder().environment(Map.of("PATH", "/bin", "TZ", "UTC")).build();
         * }</pre>
         *
         * @param environment the variables, in the map's iteration order; names non-empty and without '=' or NUL,
         *     values without NUL
         * @return this builder
         * @throws IllegalArgumentException naming the variable if a name or value is malformed
         * @since 0.2
         */
        public Builder environment(Map<String, String> environment) {
            Objects.requireNonNull(environment, "environment");
            Map<String, String> copy = new java.util.LinkedHashMap<>();
            environment.forEach((name, value) -> {
                Objects.requireNonNull(name, "environment name");
                Objects.requireNonNull(value, () -> "environment value of " + name);
                if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("environment name must be non-empty, without '=' or NUL: '"
                            + name + "'");
                }
                if (value.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("environment value of " + name + " must not contain NUL");
                }
                copy.put(name, value);
            });
            config.environment.clear();
            config.environment.putAll(copy);
            return this;
        }

        /**
         * Ends the run with {@link FakeTimeLimitException} when the virtual clock would pass {@code limit} since the
         * fake's boot: a timer due later, or syscalls that tick past it. Without one (the default) a program that
         * sleeps in a loop runs the clock on for ever, at hundreds of virtual seconds per wall second.
         *
         * <pre>{@code
         * FakeKernel k = FakeKernel.builder().timeLimit(Duration.ofHours(1)).build();
         * }</pre>
         *
         * @param limit the most virtual time, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code limit} is zero or negative
         * @since 0.2
         */
        public Builder timeLimit(java.time.Duration limit) {
            Objects.requireNonNull(limit, "limit");
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("timeLimit must be positive, was " + limit);
            }
            config.timeLimitNs = limit.compareTo(java.time.Duration.ofNanos(Long.MAX_VALUE / 2)) > 0
                    ? Long.MAX_VALUE / 2 : limit.toNanos();
            return this;
        }

        /**
         * How many scheduling steps of other processes one blocked local syscall may wait through before it is
         * reported as a livelock ({@link FakeLivelockException}); default 5,000,000, which takes seconds of wall
         * time to reach. A lower value reports a livelock sooner, at the risk of cutting short a long but
         * progressing exchange.
         *
         * <pre>{@code
         * FakeKernel k = FakeKernel.builder().livelockSteps(20_000).build();
         * }</pre>
         *
         * @param steps the most steps, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code steps} is not positive
         * @since 0.2
         */
        public Builder livelockSteps(long steps) {
            if (steps <= 0) {
                throw new IllegalArgumentException("livelockSteps must be positive, was " + steps);
            }
            config.maxStepsPerCall = steps;
            return this;
        }

        /**
         * How the next process to run is picked; {@link SchedulePolicy#random()} by default.
         *
         * <pre>{@code
         * FakeKernel.builder().seed(3).schedule(SchedulePolicy.pct(2, 2_000)).build();
         * }</pre>
         *
         * @param policy the policy, not null
         * @return this builder
         * @since 0.2
         */
        public Builder schedule(SchedulePolicy policy) {
            Objects.requireNonNull(policy, "policy").applyTo(config);
            return this;
        }

        /**
         * How many of the last trace lines {@link FakeKernel#trace()} and dumps keep when the full trace is not
         * kept; 1,024 by default (enough to show how a failing spawn got there). Memory grows with it, time not.
         *
         * <pre>{@code
         * FakeKernel.builder().traceTail(10_000).build();
         * }</pre>
         *
         * @param lines the most lines, positive
         * @return this builder
         * @since 0.2
         */
        public Builder traceTail(int lines) {
            if (lines < 1) {
                throw new IllegalArgumentException("traceTail must be positive: " + lines);
            }
            config.traceTail = lines;
            return this;
        }

        /**
         * Makes what {@link FakeKernel#nondeterminism()} reports throw {@link FakeNondeterminismException} on the
         * thread that found it, instead of only being recorded.
         *
         * <pre>{@code
         * FakeKernel k = FakeKernel.builder().seed(3).failOnNondeterminism().build();
         * }</pre>
         *
         * @return this builder
         * @since 0.2
         */
        public Builder failOnNondeterminism() {
            config.failOnNondeterminism = true;
            return this;
        }

        /**
         * Keeps every trace line (for debugging and for comparing runs line by line).
         *
         * @return this builder
         */
        public Builder keepFullTrace() {
            config.keepFullTrace = true;
            return this;
        }

        /**
         * Hands every trace record, as it is made, to {@code listener} (with the virtual time and, for a syscall,
         * its raw numbers). See {@link TraceListener}.
         *
         * @param listener the listener, not null
         * @return this builder
         * @since 0.2
         */
        public Builder traceListener(TraceListener listener) {
            config.traceListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * With several JVM threads using the local process, a syscall that cannot complete waits for the others
         * (a daemon thread blocked in epoll_wait for good is normal); it is declared a deadlock once every other
         * such thread has looked idle — blocked in the kernel too, or waiting on a Java lock or condition — for
         * this long. By default 250 ms (2 s for a daemon thread, usually an event loop such as the api's exit
         * watcher), and no wait at all when no other thread has made a local syscall; setting it also covers
         * threads that have not made one yet (the kernel cannot see them until they do).
         *
         * @param millis the grace, in milliseconds of real time
         * @return this builder
         */
        public Builder deadlockGraceMillis(long millis) {
            if (millis < 0) {
                throw new IllegalArgumentException("deadlockGraceMillis must not be negative: " + millis);
            }
            config.deadlockGraceMillis = millis;
            return this;
        }

        /**
         * A new simulated kernel with this builder's settings.
         *
         * @return the kernel; close it when done
         */
        public FakeKernel build() {
            return new FakeKernel(config);
        }
    }
}
