package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.backend.fake.FakeDeadlockException;
import dev.jsyscall.backend.fake.FakeProcessDiedException;
import dev.jsyscall.backend.fake.FakeUnsupportedException;
import dev.jsyscall.backend.fake.SimulatedProgram;
import dev.jsyscall.backend.fake.SyscallHook;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Syscall;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The simulated kernel (internal): process table, scheduler and the syscall dispatch table.
 *
 * <p>Concurrency model. Exactly one simulated process runs at a time. A JVM thread making a local syscall takes
 * the baton and becomes the <em>driver</em>: it runs its own syscall and, while that cannot complete (and, by
 * seeded chance, just before it), steps other processes — a server's next syscall, or a program thread until
 * its next syscall. Program threads run only while the driver waits for them; all kernel state is touched
 * under {@link #lock} by whichever thread holds the baton.
 */
public final class Kernel {
    /** An attempt that must wait. Not a valid syscall result (those are longs in [-4095, 2^63)). */
    static final long BLOCK = Long.MIN_VALUE;
    static final int RESERVED_PIDS = 300;

    final KernelConfig config;
    final Arch arch = Arch.X86_64;
    final ReentrantLock lock = new ReentrantLock();
    private final Condition batonFree = lock.newCondition();
    private final Condition kernelChanged = lock.newCondition();
    private Thread batonHolder;
    private long localCompletions;
    private final Map<Thread, Boolean> localThreads = new WeakHashMap<>();

    final SplittableRandom rng;
    final Clock clock = new Clock();
    final Vfs vfs;
    final Trace trace = new Trace();
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    final List<String> programFailures = new ArrayList<>();

    final TreeMap<Integer, Proc> procs = new TreeMap<>();
    private final Map<Integer, Integer> pidRefs = new HashMap<>();
    int lastPid;
    final int pidMax;
    Proc init;
    Proc local;
    /** The process whose syscall is being run (for /proc/self). */
    Proc current;
    private boolean closed;

    final Handler[] table = new Handler[512];
    private final String[] names = new String[512];
    final Futexes futexes = new Futexes();
    private SyscallHook hook;

    interface Handler {
        long call(Call c);
    }

    public Kernel(KernelConfig config) {
        this.config = config;
        this.pidMax = config.pidMax;
        this.rng = new SplittableRandom(config.seed);
        this.vfs = new Vfs(this);
        if (config.keepFullTrace) {
            trace.keepAll();
        }
        if (config.traceListener != null) {
            trace.tap = new TraceTap(this, config.traceListener);
        }
        for (Syscall s : Syscall.values()) {
            if (s.existsOn(arch)) {
                names[s.number(arch)] = s.cName();
            }
        }
        new ProcessCalls(this).register();
        new FileCalls(this).register();
        new SignalCalls(this).register();
        new MiscCalls(this).register();
        new EventCalls(this).register();
        new SocketCalls(this).register();
        Programs.install(this);
        for (Map.Entry<String, SimulatedProgram> e : config.programs.entrySet()) {
            vfs.putFile(e.getKey(), 0755, Programs.marker(e.getKey()), e.getValue());
        }
        for (Map.Entry<String, byte[]> e : config.files.entrySet()) {
            vfs.putFile(e.getKey(), config.fileModes.getOrDefault(e.getKey(), 0644), e.getValue(), null);
        }
        boot();
    }

    void register(Syscall s, Handler h) {
        if (s.existsOn(arch)) {
            table[s.number(arch)] = h;
        }
    }

    String syscallName(int nr) {
        return nr >= 0 && nr < names.length && names[nr] != null ? names[nr] : "syscall_" + nr;
    }

    // ================================================================ boot

    private void boot() {
        init = new Proc(allocPidOrThrow());
        init.kind = Proc.Kind.INIT;
        init.comm = "init";
        init.exe = "/sbin/init";
        init.pgid = init.sid = init.pid;
        refPid(init.pid);
        refPid(init.pid);
        init.creds = Creds.of(0, 0);
        init.userns = Namespaces.UserNs.initial();
        init.uts = new Namespaces.UtsNs("jsyscall-fake", "(none)");
        init.mm = AddressSpace.forExec();
        init.mm.users = 1;
        init.files = new Files.FdTable();
        init.files.users = 1;
        init.fs = new Proc.FsState();
        init.fs.cwd = vfs.root;
        init.fs.users = 1;
        init.sighand = new Signals.Hand();
        init.sighand.users = 1;
        init.exitSignal = 0;
        init.execed = true;
        init.startNs = clock.monotonicNs();
        defaultLimits(init);
        procs.put(init.pid, init);

        local = new Proc(allocPidOrThrow());
        local.kind = Proc.Kind.LOCAL;
        local.parent = init;
        init.children.add(local);
        local.comm = "java";
        local.exe = "/usr/bin/java";
        local.pgid = local.sid = local.pid;
        refPid(local.pid);
        refPid(local.pid);
        local.creds = Creds.of(config.uid, config.gid);
        local.userns = init.userns;
        local.uts = init.uts;
        local.mm = new AddressSpace();
        local.mm.mapBlob();
        local.mm.mmap(AddressSpace.STACK_TOP - AddressSpace.STACK_SIZE, AddressSpace.STACK_SIZE,
                PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, "[stack]");
        long libjvm = local.mm.mmap(0, 16 * PAGE_SIZE, PROT_READ | PROT_EXEC, MAP_PRIVATE, "libjvm.so");
        local.mm.users = 1;
        local.files = new Files.FdTable();
        local.files.users = 1;
        Vfs.Inode devnull = vfs.lookupOrNull("/dev/null");
        Vfs.Inode consoleDev = vfs.lookupOrNull("/dev/console");
        local.files.install(0, new Files.InodeFile(devnull, O_RDONLY | O_LARGEFILE), false);
        Files.OpenFile out = new Files.InodeFile(consoleDev, O_WRONLY | O_LARGEFILE);
        local.files.install(1, out, false);
        local.files.install(2, out, false);
        // HotSpot maps the JDK's module image at startup and keeps it open (close-on-exec) as fd 3
        Vfs.Inode modules = vfs.putFile("/usr/lib/jvm/java-17-openjdk-amd64/lib/modules", 0644,
                "jsyscall fake kernel: the JDK's module image\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        local.files.install(3, new Files.InodeFile(modules, O_RDONLY | O_LARGEFILE), true);
        local.fs = new Proc.FsState();
        local.fs.cwd = vfs.root;
        local.fs.users = 1;
        local.sighand = new Signals.Hand();
        local.sighand.users = 1;
        // The handlers HotSpot (and glibc, for 33) install, as /proc/<jvm>/status SigCgt shows on Linux: the
        // api's driven children must reset them, so the fake must have them.
        int[] jvmCaught = {SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGBUS, SIGFPE, SIGSEGV, SIGUSR2, SIGPIPE, SIGTERM,
            SIGXFSZ, 33, 62};
        for (int i = 0; i < jvmCaught.length; i++) {
            Signals.Action a = local.sighand.action[jvmCaught[i]];
            a.handler = libjvm + 0x100 + 0x40L * i;
            a.flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK | SA_RESTORER;
            a.restorer = libjvm + 0x80;
        }
        local.exitSignal = SIGCHLD;
        local.execed = true;
        local.startNs = clock.monotonicNs();
        defaultLimits(local);
        // the JVM raises its soft RLIMIT_NOFILE to the hard limit at startup
        local.rlimCur[RLIMIT_NOFILE] = local.rlimMax[RLIMIT_NOFILE];
        procs.put(local.pid, local);
        trace.record("boot seed=" + config.seed + " pid_max=" + pidMax + " init=" + init.pid + " local="
                + local.pid);
    }

    private static void defaultLimits(Proc p) {
        long inf = RLIM_INFINITY;
        long[][] d = {
            {RLIMIT_CPU, inf, inf}, {RLIMIT_FSIZE, inf, inf}, {RLIMIT_DATA, inf, inf},
            {RLIMIT_STACK, 8L << 20, inf}, {RLIMIT_CORE, 0, inf}, {RLIMIT_RSS, inf, inf},
            {RLIMIT_NPROC, 63455, 63455}, {RLIMIT_NOFILE, 1024, 524288}, {RLIMIT_MEMLOCK, 8L << 20, 8L << 20},
            {RLIMIT_AS, inf, inf}, {RLIMIT_LOCKS, inf, inf}, {RLIMIT_SIGPENDING, 63455, 63455},
            {RLIMIT_MSGQUEUE, 819200, 819200}, {RLIMIT_NICE, 0, 0}, {RLIMIT_RTPRIO, 0, 0},
            {RLIMIT_RTTIME, inf, inf}};
        for (long[] l : d) {
            p.rlimCur[(int) l[0]] = l[1];
            p.rlimMax[(int) l[0]] = l[2];
        }
    }

    // ================================================================ pids

    void refPid(int n) {
        pidRefs.merge(n, 1, Integer::sum);
    }

    void unrefPid(int n) {
        pidRefs.computeIfPresent(n, (k, v) -> v == 1 ? null : v - 1);
    }

    boolean pidInUse(int n) {
        return pidRefs.containsKey(n);
    }

    /** Linux's alloc_pid: cyclic from the last pid, wrapping to RESERVED_PIDS once past it; -EAGAIN if full. */
    int allocPid() {
        int min = lastPid + 1 > RESERVED_PIDS ? RESERVED_PIDS : 1;
        if (min >= pidMax) {
            min = 1;
        }
        int cursor = Math.max(lastPid + 1, min);
        if (cursor >= pidMax) {
            cursor = min;
        }
        for (int i = cursor; i < pidMax; i++) {
            if (!pidInUse(i)) {
                lastPid = i;
                return i;
            }
        }
        for (int i = min; i < cursor; i++) {
            if (!pidInUse(i)) {
                lastPid = i;
                return i;
            }
        }
        return -EAGAIN;
    }

    private int allocPidOrThrow() {
        int pid = allocPid();
        if (pid < 0) {
            throw new IllegalStateException("pid_max " + pidMax + " is too small to boot");
        }
        return pid;
    }

    /** A live or zombie process (one that kill and pidfd_open can still find). */
    Proc find(int pid) {
        return procs.get(pid);
    }

    List<Proc> inGroup(int pgid) {
        List<Proc> out = new ArrayList<>();
        for (Proc p : procs.values()) {
            if (p.pgid == pgid) {
                out.add(p);
            }
        }
        return out;
    }

    // ================================================================ local syscalls

    /** A syscall of the local process, from any JVM thread. */
    public long localSyscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        arriving.incrementAndGet();
        lock.lock();
        try {
            try {
                acquireBaton();
            } finally {
                arriving.decrementAndGet();
            }
            try {
                if (closed) {
                    throw new IllegalStateException("this fake kernel is closed");
                }
                if (!local.alive()) {
                    throw localDied();
                }
                Call c = new Call(local, nr, a0, a1, a2, a3, a4, a5);
                local.call = c;
                local.run = Proc.Run.READY;
                try {
                    preempt();
                    long r = driveLocal(c);
                    localCompletions++;
                    kernelChanged.signalAll();
                    return r;
                } finally {
                    if (local.call == c) {
                        local.call = null;
                        local.run = Proc.Run.USER;
                    }
                }
            } finally {
                releaseBaton();
            }
        } finally {
            lock.unlock();
        }
    }

    private void acquireBaton() {
        Thread me = Thread.currentThread();
        if (programThreads.contains(me)) {
            throw new IllegalStateException("a simulated program made a syscall of the local process (pid "
                    + local.pid + "); programs must use their own ProgramContext.syscalls()");
        }
        if (batonHolder == me) {
            throw new IllegalStateException("re-entrant syscall into the fake kernel from " + me
                    + " (a simulated program thread or a callback made a local syscall)");
        }
        if (lastLocalThread.get() != me) {
            // once per change of calling thread, not per syscall (a WeakHashMap put is a good part of a getpid)
            localThreads.put(me, Boolean.TRUE);
            lastLocalThread = new java.lang.ref.WeakReference<>(me);
        }
        while (batonHolder != null) {
            batonFree.awaitUninterruptibly();
        }
        batonHolder = me;
    }

    /** The thread last added to {@link #localThreads} (weakly: a dead thread must not be kept). */
    private java.lang.ref.WeakReference<Thread> lastLocalThread = new java.lang.ref.WeakReference<>(null);

    /**
     * JVM threads that have made a syscall and not yet got the baton to run it, counted from before they take the
     * kernel lock: they are busy, not idle, and virtual time must not jump under them. A thread waiting for the
     * lock looks WAITING to {@link Thread#getState()}, like an idle one, so the count is what tells them apart
     * (without it, a daemon thread's blocked epoll_pwait could see a main thread that was entering the kernel as
     * quiet and let a 1000-second sleep finish before the main thread's kill arrived).
     */
    private final java.util.concurrent.atomic.AtomicInteger arriving = new java.util.concurrent.atomic.AtomicInteger();

    private void releaseBaton() {
        batonHolder = null;
        batonFree.signalAll();
    }

    /** By seeded chance, lets other processes run before the local syscall: the interleavings a seed picks. */
    private void preempt() {
        if (config.maxPreemptSteps <= 0) {
            return;
        }
        int steps = rng.nextInt(config.maxPreemptSteps * 2 + 1) - config.maxPreemptSteps;
        for (int i = 0; i < steps; i++) {
            if (!runOthers(true)) {
                return;
            }
        }
    }

    private long driveLocal(Call c) {
        long budget = config.maxStepsPerCall;
        while (true) {
            if (closed) {
                throw new IllegalStateException("this fake kernel was closed while a syscall waited");
            }
            step(local);
            if (!local.alive()) {
                throw localDied();
            }
            if (c.done && c.returned) {
                return c.result;
            }
            if (runOthers(false)) {
                if (--budget <= 0) {
                    throw new FakeDeadlockException("livelock: local " + describeCall(c) + " waited through "
                            + config.maxStepsPerCall + " scheduling steps of other processes without completing",
                            dump());
                }
                continue;
            }
            // virtual time only jumps when the whole local process waits: a JVM thread that is running Java code
            // between syscalls (or about to make one) is the local process running, and time must not pass under it
            if (othersSettledQuiet(Thread.currentThread()) && advanceClock()) {
                continue;
            }
            if (parkForOtherThreads()) {
                continue;
            }
            throw new FakeDeadlockException("deadlock: the local process (pid " + local.pid + ") is blocked in "
                    + describeCall(c) + (c.waitingFor != null ? " waiting for " + c.waitingFor : "")
                    + (local.stopped ? " while stopped by " + signalName(local.stopSignal) : "")
                    + ", and no simulated process can run, no timer is pending (seed " + config.seed + ")",
                    dump());
        }
    }

    private final java.util.Set<Thread> parked = new java.util.HashSet<>();

    /**
     * The local syscall cannot progress on its own. If other JVM threads use the kernel, it parks (releasing the
     * baton) until one of them completes a syscall, and is a deadlock only once every other such thread has
     * been idle for the grace period: parked here too, or waiting on a Java lock or condition (a thread in
     * user code or a timed wait may still make the syscall we wait for). Single-threaded, it is a deadlock at
     * once. Returns false for a deadlock.
     *
     * <p>A long-lived daemon thread blocked here (such as the api's exit watcher in epoll_pwait) is the usual
     * case; when a deadlock is found while a non-daemon thread is parked too, that thread gets the error and
     * the daemons keep waiting.
     */
    private boolean parkForOtherThreads() {
        Thread me = Thread.currentThread();
        boolean explicit = config.deadlockGraceMillis >= 0;
        long grace = explicit ? config.deadlockGraceMillis : config.otherThreadsGraceMillis;
        if (!explicit && me.isDaemon()) {
            // a daemon (an event loop) blocked for good is normal: only a long silence of every other thread makes
            // it the one to report a deadlock, so that a main thread busy outside the kernel never breaks it
            grace = Math.max(grace, 2000);
        }
        if (!explicit && otherLocalThreads(me).isEmpty()) {
            return false;
        }
        long seen = localCompletions;
        // the local process is single-threaded here: another JVM thread's syscall takes its place meanwhile
        Call mine = local.call;
        Proc.Run run = local.run;
        releaseBaton();
        parked.add(me);
        long idleSince = -1;
        boolean deadlock = false;
        try {
            while (localCompletions == seen && !closed) {
                try {
                    kernelChanged.awaitNanos(TimeUnit.MILLISECONDS.toNanos(Math.max(1, Math.min(grace, 50))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    deadlock = true;
                    break;
                }
                if (localCompletions != seen || closed) {
                    break;
                }
                if (timerPending() && othersQuiet(me)) {
                    break; // the clock may move now: retry
                }
                boolean idle = true;
                boolean nonDaemonParked = false;
                for (Thread t : otherLocalThreads(me)) {
                    Thread.State st = t.getState();
                    boolean waitsHere = parked.contains(t);
                    nonDaemonParked |= waitsHere && !t.isDaemon();
                    idle &= arriving.get() == 0
                            && (waitsHere || st == Thread.State.WAITING || st == Thread.State.BLOCKED);
                }
                long now = System.nanoTime();
                if (!idle || (me.isDaemon() && nonDaemonParked)) {
                    idleSince = -1;
                } else if (idleSince < 0) {
                    idleSince = now;
                } else if (now - idleSince >= TimeUnit.MILLISECONDS.toNanos(grace)) {
                    deadlock = true;
                    break;
                }
            }
        } finally {
            parked.remove(me);
            while (batonHolder != null) {
                batonFree.awaitUninterruptibly();
            }
            batonHolder = me;
            local.call = mine;
            local.run = run;
        }
        return !deadlock && (localCompletions != seen || closed || timerPending());
    }

    /**
     * {@link #othersQuiet}, and still so after a short real-time pause, before virtual time may jump: a thread's
     * state is only a sample, and a thread in user code between two syscalls can be BLOCKED or WAITING on a Java
     * lock for a moment (the allocator's monitor, say, while the exit watcher holds it). Only when other JVM threads
     * use the kernel; the baton is kept meanwhile, so a thread that makes a syscall in the pause counts as arriving.
     */
    private boolean othersSettledQuiet(Thread me) {
        if (!othersQuiet(me)) {
            return false;
        }
        if (otherLocalThreads(me).isEmpty()) {
            return true;
        }
        long seen = localCompletions;
        for (int look = 0; look < 2; look++) {
            try {
                kernelChanged.awaitNanos(TimeUnit.MILLISECONDS.toNanos(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (localCompletions != seen || !othersQuiet(me)) {
                return false;
            }
        }
        return true;
    }

    /** Whether every other JVM thread using the kernel waits (in the kernel, or in Java, timed or not). */
    private boolean othersQuiet(Thread me) {
        if (arriving.get() > 0) {
            return false;
        }
        for (Thread t : otherLocalThreads(me)) {
            Thread.State st = t.getState();
            if (!parked.contains(t) && st != Thread.State.WAITING && st != Thread.State.BLOCKED
                    && st != Thread.State.TIMED_WAITING) {
                return false;
            }
        }
        return true;
    }

    private boolean timerPending() {
        for (Proc p : procs.values()) {
            if (p.alive() && !p.stopped && p.call != null && !p.call.done && p.call.deadline != Call.NO_DEADLINE) {
                return true;
            }
        }
        return false;
    }

    private List<Thread> otherLocalThreads(Thread me) {
        List<Thread> out = new ArrayList<>();
        for (Thread t : localThreads.keySet()) {
            if (t != me && t.isAlive()) {
                out.add(t);
            }
        }
        return out;
    }

    FakeProcessDiedException localDied() {
        return new FakeProcessDiedException("the simulated local process (pid " + local.pid + ") "
                + describeStatus(local.waitStatus) + "; a real JVM would be gone. Processes:\n" + dump());
    }

    static String describeStatus(int status) {
        if ((status & 0x7f) == 0) {
            return "exited with status " + ((status >> 8) & 0xff);
        }
        return "was killed by " + signalName(status & 0x7f) + ((status & 0x80) != 0 ? " (core dumped)" : "");
    }

    // ================================================================ scheduling

    /**
     * One step of some other process, chosen by the seed among those that can make progress.
     *
     * @param readyOnly only processes with a fresh syscall or a pending kill (used before a local syscall)
     */
    private boolean runOthers(boolean readyOnly) {
        List<Proc> candidates = new ArrayList<>();
        for (Proc p : procs.values()) {
            if (p.kind == Proc.Kind.LOCAL || p.kind == Proc.Kind.INIT || !p.alive()) {
                continue;
            }
            if (p.killPending || (!p.stopped && p.call != null && (!readyOnly || p.run == Proc.Run.READY
                    || p.notifyContinuedPending || (p.pending & ~p.blocked) != 0))) {
                candidates.add(p);
            }
        }
        while (!candidates.isEmpty()) {
            Proc p = candidates.remove(rng.nextInt(candidates.size()));
            boolean progressed;
            try {
                progressed = step(p);
            } catch (FakeUnsupportedException e) {
                trace.record(p.pid + " killed by SIGSYS: " + e.getMessage());
                dieBySignal(p, SIGSYS);
                throw e;
            }
            if (progressed) {
                return true;
            }
        }
        return false;
    }

    /** Moves the virtual clock to the earliest timeout of a waiting call, if there is one. */
    private boolean advanceClock() {
        long earliest = Call.NO_DEADLINE;
        for (Proc p : procs.values()) {
            if (p.alive() && !p.stopped && p.call != null && !p.call.done) {
                earliest = Math.min(earliest, p.call.deadline);
            }
        }
        if (earliest != Call.NO_DEADLINE && earliest > clock.monotonicNs()) {
            trace.record("clock " + clock.monotonicNs() + " -> " + earliest);
            clock.advanceTo(earliest);
            return true;
        }
        return false;
    }

    private static final int SIG_NONE = 0, SIG_HANDLED = 1, SIG_STOPPED = 2, SIG_DIED = 3;

    /**
     * One scheduling step of {@code p}: pending signals, then its syscall, then (on completion) handing the
     * result back. Returns whether anything changed.
     */
    boolean step(Proc p) {
        if (!p.alive()) {
            return false;
        }
        if (p.killPending) {
            dieBySignal(p, p.killSignal);
            return true;
        }
        if (p.stopped) {
            return false;
        }
        boolean progress = false;
        if (p.notifyContinuedPending) {
            p.notifyContinuedPending = false;
            notifyParentCldStop(p, CLD_CONTINUED, SIGCONT);
            progress = true;
        }
        Call c = p.call;
        if (c == null) {
            return progress;
        }
        if (!c.done) {
            if (!c.hooked) {
                c.hooked = true;
                p.syscallSeq++;
                if (hook != null) {
                    applyHook(p, c);
                }
            }
            int d = deliverSignals(p);
            if (d == SIG_DIED || d == SIG_STOPPED) {
                return true;
            }
            progress |= d == SIG_HANDLED;
            if (!c.done) {
                if (c.killableOnly && c.blockedOnce && (p.pending & ~p.blocked & sigbit(SIGKILL)) != 0) {
                    dieBySignal(p, SIGKILL);
                    return true;
                }
                c.madeProgress = false;
                long r = attempt(c);
                if (r == BLOCK) {
                    c.blockedOnce = true;
                    p.run = Proc.Run.BLOCKED;
                    return progress || c.madeProgress;
                }
                complete(c, r);
                if (!p.alive()) {
                    return true;
                }
            }
            // return to user mode: signals that arrived meanwhile, or that the syscall unblocked
            int d2 = deliverSignals(p);
            if (d2 == SIG_DIED) {
                return true;
            }
            if (p.stopped) {
                return true;
            }
        }
        if (p.kind == Proc.Kind.LOCAL) {
            c.returned = true;
            return true;
        }
        handBack(p, c);
        return true;
    }

    private void applyHook(Proc p, Call c) {
        long seq = p.syscallSeq;
        SyscallHook.Action a = hook.beforeSyscall(new SyscallHook.Event() {
            @Override
            public int pid() {
                return p.pid;
            }

            @Override
            public boolean isLocal() {
                return p.kind == Proc.Kind.LOCAL;
            }

            @Override
            public int number() {
                return c.nr;
            }

            @Override
            public String name() {
                return syscallName(c.nr);
            }

            @Override
            public long arg(int i) {
                if (i < 0 || i > 5) {
                    throw new IllegalArgumentException("argument index must be in [0, 5]: " + i);
                }
                return c.arg(i);
            }

            @Override
            public long sequence() {
                return seq;
            }

            @Override
            public String toString() {
                return p.pid + " #" + seq + " " + describeCall(c);
            }
        });
        if (a == null || (a.errno() == 0 && a.signal() == 0)) {
            return;
        }
        trace.record(p.pid + " hook " + a + " before " + describeCall(c));
        if (a.signal() != 0) {
            sendSignal(p, Signals.Info.kernel(a.signal()));
        } else {
            complete(c, -a.errno());
        }
    }

    public void setHook(SyscallHook hook) {
        lock.lock();
        try {
            this.hook = hook;
        } finally {
            lock.unlock();
        }
    }

    long attempt(Call c) {
        Handler h = c.nr >= 0 && c.nr < table.length ? table[c.nr] : null;
        if (h == null) {
            throw new FakeUnsupportedException("the fake kernel does not implement " + syscallName(c.nr)
                    + " (nr " + c.nr + "), called by " + c.proc + " as " + describeCall(c));
        }
        current = c.proc;
        try {
            return h.call(c);
        } catch (SyscallError e) {
            return -e.errno;
        }
    }

    /** A syscall finished with {@code r}: trace it, restore a temporary signal mask. */
    void complete(Call c, long r) {
        c.done = true;
        c.result = r;
        Proc p = c.proc;
        if (c.maskSwapped) {
            p.blocked = c.savedMask;
            c.maskSwapped = false;
        }
        p.run = Proc.Run.USER;
        clock.tick();
        trace.recordSyscall(p.pid, syscallName(c.nr), c.a0, c.a1, c.a2, c.a3, c.a4, c.a5, r);
    }

    String describeCall(Call c) {
        return Trace.describeCall(syscallName(c.nr), c.a0, c.a1, c.a2, c.a3, c.a4, c.a5);
    }

    /** After its syscall, a server goes on with its loop and a program thread runs until its next syscall. */
    private void handBack(Proc p, Call c) {
        p.call = null;
        p.run = Proc.Run.USER;
        if (p.launch != null) {
            Proc.Launch l = p.launch;
            p.launch = null;
            startProgram(p, l);
            return;
        }
        if (p.kind == Proc.Kind.SERVER) {
            Servers.next(this, p, c.result);
        } else if (p.kind == Proc.Kind.PROGRAM) {
            resumeProgram(p, c.result);
        }
    }

    // ================================================================ programs

    /*
     * Program threads. Starting a platform thread costs 100 µs to 1 ms, far more than the rest of a simulated
     * clone + exec + wait, so programs run on pooled daemon threads: one goes back to the pool when its program
     * ends and is reused by the next execve. The turn passes between the driver and a program thread by a
     * volatile flag; the waiting side polls briefly before it parks, because the other side often answers
     * within microseconds (a program runs a little Java code between syscalls) and a park/unpark wake-up costs
     * tens of them. Which thread runs a program changes nothing simulated: only the order of syscalls matters, and
     * that is still decided by the driver alone.
     */

    /**
     * How long the driver and a program thread poll for the turn before they park. Each turn is usually handed back
     * within microseconds, while a park/unpark wake-up costs 5 to 50 µs on a busy machine. They poll with
     * {@link Thread#yield()}, not a busy spin, so that on an oversubscribed machine the other side (or another
     * process) gets the core. An idle program thread does not poll: the next execve is further away.
     */
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(10);
    /** How long an idle program thread waits for another program before it ends. */
    private static final long IDLE_KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Idle program threads kept at most (more only while that many programs run at once). */
    private static final int MAX_IDLE_WORKERS = 4;
    private static final java.util.concurrent.atomic.AtomicInteger WORKER_IDS =
            new java.util.concurrent.atomic.AtomicInteger();

    /** Idle program threads, the most recently used first (its stack and caches are the warmest). */
    private final java.util.ArrayDeque<ProgramWorker> idleWorkers = new java.util.ArrayDeque<>();
    /** Every live program thread, idle or not (guarded by {@link #lock}). */
    private final java.util.Set<Thread> programThreads = new java.util.HashSet<>();

    /**
     * A pooled program thread: waits for a program run, runs it, goes back to the pool. It is named after the
     * program it runs, or ran last ({@code fake-pid-PID-PATH}).
     */
    private final class ProgramWorker implements Runnable {
        final Thread thread;
        /** The next run, set under {@link #lock} by the driver that takes this worker from the pool. */
        volatile Proc nextProc;
        volatile Proc.ProgramRunner next;
        /** Set under {@link #lock}: the worker ends instead of waiting for another run. */
        volatile boolean quit;

        ProgramWorker() {
            thread = new Thread(this, "fake-program-" + WORKER_IDS.incrementAndGet());
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                Proc.ProgramRunner r = awaitRun();
                if (r == null) {
                    return;
                }
                Proc p = nextProc;
                nextProc = null;
                next = null;
                Thread.interrupted(); // a previous program's interrupt is not this one's
                programMain(p, r, this);
            }
        }

        /** Parks until a run is assigned; null once the worker must end. */
        private Proc.ProgramRunner awaitRun() {
            long start = System.nanoTime();
            while (true) {
                Proc.ProgramRunner r = next;
                if (r != null) {
                    return r;
                }
                if (quit) {
                    return null;
                }
                long waited = System.nanoTime() - start;
                if (waited < IDLE_KEEP_ALIVE_NANOS) {
                    LockSupport.parkNanos(this, IDLE_KEEP_ALIVE_NANOS - waited);
                    Thread.interrupted(); // nobody may interrupt an idle worker into a busy loop
                    continue;
                }
                lock.lock();
                try {
                    if (next == null) {
                        idleWorkers.remove(this);
                        programThreads.remove(thread);
                        return null;
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private void startProgram(Proc p, Proc.Launch l) {
        if (p.runner != null) {
            unwind(p, "replaced by execve of " + l.path);
        }
        p.kind = Proc.Kind.PROGRAM;
        p.server = null;
        Proc.ProgramRunner runner = new Proc.ProgramRunner(l);
        p.runner = runner;
        runner.context = new ProgramContextImpl(this, p, runner);
        ProgramWorker w = idleWorkers.pollFirst();
        boolean fresh = w == null;
        if (fresh) {
            w = new ProgramWorker();
            programThreads.add(w.thread);
        }
        // renaming another thread makes no system call (naming the current one does); shown in thread dumps
        w.thread.setName("fake-pid-" + p.pid + "-" + l.path);
        runner.thread = w.thread;
        runner.running = true;
        w.nextProc = p;
        w.next = runner;
        if (fresh) {
            w.thread.start();
        }
        handOver(runner, w.thread, Long.MAX_VALUE);
    }

    /**
     * The driver gives the turn to a program thread (already marked running) and waits until the program makes its
     * next syscall or ends, or {@code timeoutNanos} pass. The kernel lock is released meanwhile (the program takes
     * it to deposit its syscall; other JVM threads may take it to wait for the baton) and held again on return.
     */
    private void handOver(Proc.ProgramRunner r, Thread programThread, long timeoutNanos) {
        r.driver = Thread.currentThread();
        int holds = lock.getHoldCount();
        for (int i = 0; i < holds; i++) {
            lock.unlock();
        }
        boolean interrupted = false;
        try {
            LockSupport.unpark(programThread);
            long start = System.nanoTime();
            while (r.running) {
                long waited = System.nanoTime() - start;
                if (waited >= timeoutNanos) {
                    break;
                }
                if (waited < POLL_NANOS) {
                    Thread.yield();
                    continue;
                }
                LockSupport.parkNanos(this, Math.min(timeoutNanos - waited, TimeUnit.SECONDS.toNanos(1)));
                interrupted |= Thread.interrupted();
            }
        } finally {
            for (int i = 0; i < holds; i++) {
                lock.lock();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A program thread's turn ends (a syscall or the end of the program): wakes the driver waiting for it. */
    private static void endTurn(Proc.ProgramRunner r) {
        r.running = false;
        Thread d = r.driver;
        if (d != null) {
            LockSupport.unpark(d);
        }
    }

    /** On a program thread: polls, then parks, until the driver gives it the turn again. */
    private static void awaitTurn(Proc.ProgramRunner r) {
        long start = System.nanoTime();
        boolean interrupted = false;
        while (!r.running) {
            if (System.nanoTime() - start < POLL_NANOS) {
                Thread.yield();
                continue;
            }
            LockSupport.park(r);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void programMain(Proc p, Proc.ProgramRunner runner, ProgramWorker worker) {
        int status;
        try {
            try {
                status = runner.launch.program.run(runner.context);
            } catch (ProgramUnwind u) {
                throw u;
            } catch (Throwable t) {
                status = reportFailure(p, runner, t);
            }
            runner.context.exit(status);
        } catch (ProgramUnwind u) {
            // killed, exited or replaced by execve: nothing left to do on this thread
        } catch (Throwable t) {
            lock.lock();
            try {
                programFailures.add("pid " + p.pid + " (" + runner.launch.path + ") failed while exiting: " + t);
            } finally {
                lock.unlock();
            }
        } finally {
            lock.lock();
            try {
                runner.finished = true;
                // back to the pool before the driver is woken, so that its next execve finds this thread
                if (!closed && idleWorkers.size() < MAX_IDLE_WORKERS) {
                    idleWorkers.addFirst(worker);
                } else {
                    worker.quit = true;
                    programThreads.remove(worker.thread);
                }
            } finally {
                lock.unlock();
            }
            endTurn(runner);
        }
    }

    private int reportFailure(Proc p, Proc.ProgramRunner runner, Throwable t) {
        java.io.StringWriter sw = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(sw));
        String report = "Exception in simulated program " + runner.launch.path + " (pid " + p.pid + "): " + sw;
        lock.lock();
        try {
            programFailures.add(report);
        } finally {
            lock.unlock();
        }
        try {
            runner.context.print(2, report);
        } catch (ProgramUnwind u) {
            throw u;
        } catch (RuntimeException ignored) {
            // stderr may be closed or a broken pipe; the report is kept in programFailures anyway
        }
        return 1;
    }

    /** Called on a program thread: deposits the syscall and waits for the scheduler to hand back its result. */
    long programSyscall(Proc p, Proc.ProgramRunner runner, int nr, long a0, long a1, long a2, long a3, long a4,
            long a5) {
        if (Thread.currentThread() != runner.thread) {
            throw new IllegalStateException("a simulated program's syscalls must come from its own thread ("
                    + runner.thread.getName() + "), not " + Thread.currentThread().getName());
        }
        if (runner.unwinding) {
            throw new ProgramUnwind(runner.unwindReason);
        }
        lock.lock();
        try {
            p.call = new Call(p, nr, a0, a1, a2, a3, a4, a5);
            p.run = Proc.Run.READY;
        } finally {
            lock.unlock();
        }
        endTurn(runner);
        awaitTurn(runner);
        if (runner.unwinding) {
            throw new ProgramUnwind(runner.unwindReason);
        }
        return runner.resumeValue;
    }

    private void resumeProgram(Proc p, long value) {
        Proc.ProgramRunner r = p.runner;
        r.resumeValue = value;
        r.running = true;
        handOver(r, r.thread, Long.MAX_VALUE);
    }

    /** Ends a program thread: it throws out of its pending syscall; we wait until it has finished. */
    private void unwind(Proc p, String reason) {
        Proc.ProgramRunner r = p.runner;
        p.runner = null;
        if (r == null || r.finished) {
            return;
        }
        r.unwindReason = reason;
        r.unwinding = true;
        r.running = true;
        handOver(r, r.thread, TimeUnit.SECONDS.toNanos(10));
        if (!r.finished) {
            programFailures.add("pid " + p.pid + " (" + r.launch.path + "): its thread did not finish within 10 s"
                    + " of being told to (" + reason + "); it ignores ProgramUnwind or blocks outside syscalls");
        }
    }

    /** Ends the idle program threads (at close); running ones end when their programs are unwound. */
    private void retireIdleWorkers() {
        for (ProgramWorker w : idleWorkers) {
            w.quit = true;
            programThreads.remove(w.thread);
            LockSupport.unpark(w.thread);
        }
        idleWorkers.clear();
    }

    /** Thrown into a program thread whose process died or exec'd; programs must not catch it. */
    static final class ProgramUnwind extends Error {
        private static final long serialVersionUID = 1L;

        ProgramUnwind(String reason) {
            super(reason, null, false, false);
        }
    }

    // ================================================================ signals

    /** Linux's sig_ignored: a signal that would be discarded on generation. */
    private boolean ignoredOnGeneration(Proc t, int sig) {
        if ((t.blocked & sigbit(sig)) != 0 && sig != SIGKILL && sig != SIGSTOP) {
            return false;
        }
        Signals.Action a = t.sighand.action[sig];
        if (t.kind == Proc.Kind.INIT && a.handler == SIG_DFL) {
            return true; // SIGNAL_UNKILLABLE: init gets only the signals it has handlers for
        }
        return a.handler == SIG_IGN || (a.handler == SIG_DFL && isDefaultIgnored(sig));
    }

    /** Generates a signal for a process (send_signal + complete_signal). */
    void sendSignal(Proc t, Signals.Info info) {
        int sig = info.signo;
        if (sig <= 0 || !t.alive()) {
            return;
        }
        // prepare_signal: stop and continue signals cancel each other, SIGCONT resumes at once
        if (isStopSignal(sig)) {
            removePending(t, sigbit(SIGCONT));
        } else if (sig == SIGCONT) {
            removePending(t, STOP_SIGNALS);
            if (t.stopped) {
                t.stopped = false;
                t.stopReportable = false;
                t.continuedReportable = true;
                t.notifyContinuedPending = true;
                trace.record(t.pid + " continued");
            }
        }
        if (ignoredOnGeneration(t, sig)) {
            return;
        }
        long bit = sigbit(sig);
        if (sig < SIGRTMIN && (t.pending & bit) != 0) {
            return; // standard signals do not queue
        }
        t.pending |= bit;
        t.pendingInfo.add(info);
        Signals.Action a = t.sighand.action[sig];
        boolean fatal = sig == SIGKILL || ((t.blocked & bit) == 0 && a.handler == SIG_DFL && !isStopSignal(sig)
                && !isDefaultIgnored(sig) && t.kind != Proc.Kind.INIT);
        if (fatal && !t.killPending) {
            t.killPending = true;
            t.killSignal = sig;
        }
    }

    void sendSignalToThread(Proc t, Signals.Info info) {
        info.threadDirected = true;
        sendSignal(t, info);
    }

    private void removePending(Proc t, long mask) {
        if ((t.pending & mask) == 0) {
            return;
        }
        t.pending &= ~mask;
        t.pendingInfo.removeIf(i -> (sigbit(i.signo) & mask) != 0);
    }

    /** Removes the first pending instance of {@code sig} and returns its siginfo. */
    Signals.Info dequeue(Proc p, int sig) {
        Signals.Info found = null;
        boolean more = false;
        for (java.util.Iterator<Signals.Info> it = p.pendingInfo.iterator(); it.hasNext();) {
            Signals.Info i = it.next();
            if (i.signo == sig) {
                if (found == null) {
                    found = i;
                    it.remove();
                } else {
                    more = true;
                }
            }
        }
        if (!more) {
            p.pending &= ~sigbit(sig);
        }
        return found != null ? found : Signals.Info.kernel(sig);
    }

    /** Delivery on the way back to user mode: default actions, "handlers" (counted), interruption of a wait. */
    int deliverSignals(Proc p) {
        int result = SIG_NONE;
        while (p.alive()) {
            long deliverable = p.pending & ~p.blocked;
            if (deliverable == 0) {
                break;
            }
            int sig = Long.numberOfTrailingZeros(deliverable) + 1;
            Signals.Info info = dequeue(p, sig);
            Signals.Action a = p.sighand.action[sig];
            if (a.handler == SIG_IGN) {
                continue;
            }
            if (a.handler == SIG_DFL) {
                if (p.kind == Proc.Kind.INIT || isDefaultIgnored(sig)) {
                    continue;
                }
                if (isStopSignal(sig)) {
                    if (sig != SIGSTOP && pgrpOrphaned(p.pgid, null)) {
                        continue; // POSIX: terminal stop signals are discarded in an orphaned process group
                    }
                    stop(p, sig);
                    return SIG_STOPPED;
                }
                dieBySignal(p, sig);
                return SIG_DIED;
            }
            p.handled[sig]++;
            trace.record(p.pid + " handler " + signalName(sig) + " " + info);
            if ((a.flags & SA_RESETHAND) != 0) {
                a.handler = SIG_DFL;
                a.flags &= ~SA_SIGINFO;
            }
            Call c = p.call;
            if (c != null && !c.done && c.blockedOnce && !c.killableOnly) {
                boolean restart = (a.flags & SA_RESTART) != 0 && c.restartable && c.progress == 0;
                if (!restart) {
                    long r = c.onInterrupt != null ? c.onInterrupt.getAsLong() : c.progress > 0 ? c.progress : -EINTR;
                    complete(c, r);
                }
            }
            result = SIG_HANDLED;
        }
        return result;
    }

    private void stop(Proc p, int sig) {
        p.stopped = true;
        p.stopSignal = sig;
        p.stopReportable = true;
        p.continuedReportable = false;
        p.notifyContinuedPending = false;
        trace.record(p.pid + " stopped by " + signalName(sig));
        notifyParentCldStop(p, CLD_STOPPED, sig);
    }

    /** do_notify_parent_cldstop: SIGCHLD (always SIGCHLD) unless the parent set SA_NOCLDSTOP or ignores it. */
    void notifyParentCldStop(Proc p, int why, int status) {
        Proc parent = p.parent;
        if (parent == null || !parent.alive()) {
            return;
        }
        Signals.Action a = parent.sighand.action[SIGCHLD];
        if (a.handler != SIG_IGN && (a.flags & SA_NOCLDSTOP) == 0) {
            Signals.Info i = Signals.Info.user(SIGCHLD, why, p.pid, p.creds.uid);
            i.status = status;
            sendSignal(parent, i);
        }
    }

    /** Linux's will_become_orphaned_pgrp. */
    boolean pgrpOrphaned(int pgrp, Proc ignored) {
        for (Proc p : procs.values()) {
            if (p.pgid != pgrp || p == ignored || !p.alive() || p.parent == null || p.parent.kind == Proc.Kind.INIT) {
                continue;
            }
            if (p.parent.pgid != pgrp && p.parent.sid == p.sid) {
                return false;
            }
        }
        return true;
    }

    private void killOrphanedPgrp(Proc tsk, Proc parent) {
        Proc ignored = tsk;
        if (parent == null) {
            parent = tsk.parent;
        } else {
            ignored = null;
        }
        if (parent == null) {
            return;
        }
        int pgrp = tsk.pgid;
        if (parent.pgid != pgrp && parent.sid == tsk.sid && pgrpOrphaned(pgrp, ignored)) {
            boolean stoppedJobs = false;
            for (Proc p : inGroup(pgrp)) {
                stoppedJobs |= p.alive() && p.stopped;
            }
            if (stoppedJobs) {
                for (Proc p : inGroup(pgrp)) {
                    sendSignal(p, Signals.Info.kernel(SIGHUP));
                }
                for (Proc p : inGroup(pgrp)) {
                    sendSignal(p, Signals.Info.kernel(SIGCONT));
                }
            }
        }
    }

    // ================================================================ exit, reparenting, reaping

    void dieBySignal(Proc p, int sig) {
        boolean core = isCoreSignal(sig) && p.rlimCur[RLIMIT_CORE] != 0;
        p.waitStatus = sig | (core ? 0x80 : 0);
        p.cldCode = core ? CLD_DUMPED : CLD_KILLED;
        p.cldStatus = sig;
        doExit(p);
    }

    void exitWith(Proc p, int code) {
        p.waitStatus = (code & 0xff) << 8;
        p.cldCode = CLD_EXITED;
        p.cldStatus = code & 0xff;
        doExit(p);
    }

    private void doExit(Proc p) {
        if (!p.alive()) {
            return;
        }
        trace.record(p.pid + " exit: " + describeStatus(p.waitStatus));
        p.state = Proc.State.ZOMBIE;
        Call c = p.call;
        if (c != null && !c.done) {
            c.done = true;
            c.result = -EINTR;
            if (c.state instanceof Futexes.Waiter) {
                futexes.cancel((Futexes.Waiter) c.state);
            }
        }
        p.run = Proc.Run.USER;
        p.stopped = false;
        p.stopReportable = false;
        p.killPending = false;
        p.pending = 0;
        p.pendingInfo.clear();
        releaseFiles(p);
        releaseFs(p);
        releaseMm(p);
        releaseSighand(p);
        forgetOriginalParent(p);
        killOrphanedPgrp(p, null);
        boolean autoreap = notifyParentExit(p);
        if (autoreap || p.parent.kind == Proc.Kind.INIT) {
            reap(p);
        }
        if (p.runner != null) {
            unwind(p, "process " + p.pid + " " + describeStatus(p.waitStatus));
        }
    }

    void releaseFiles(Proc p) {
        Files.FdTable t = p.files;
        p.files = null;
        if (t == null || --t.users > 0) {
            return;
        }
        for (Integer fd : new ArrayList<>(t.fds.keySet())) {
            Files.OpenFile f = t.remove(fd);
            if (f != null) {
                f.released(this);
            }
        }
    }

    private void releaseFs(Proc p) {
        if (p.fs != null) {
            p.fs.users--;
        }
    }

    private void releaseSighand(Proc p) {
        if (p.sighand != null) {
            p.sighand.users--;
        }
    }

    /** mm_release: CLONE_CHILD_CLEARTID's write and futex wake, and the end of a vfork wait. */
    void releaseMm(Proc p) {
        AddressSpace mm = p.mm;
        if (mm == null) {
            return;
        }
        if (p.clearChildTid != 0) {
            if (mm.users > 1 && mm.writeInt(p.clearChildTid, 0)) {
                futexes.wake(mm, p.clearChildTid, 1);
            }
            p.clearChildTid = 0;
        }
        p.vforkPending = false;
        mm.users--;
    }

    private Proc findNewReaper(Proc father) {
        for (Proc r = father.parent; r != null && r.kind != Proc.Kind.INIT; r = r.parent) {
            if (r.childSubreaper && r.alive()) {
                return r;
            }
        }
        return init;
    }

    private void forgetOriginalParent(Proc father) {
        if (father.children.isEmpty()) {
            return;
        }
        Proc reaper = findNewReaper(father);
        List<Proc> kids = new ArrayList<>(father.children);
        father.children.clear();
        for (Proc ch : kids) {
            ch.parent = reaper;
            reaper.children.add(ch);
            if (ch.alive() && ch.pdeathSignal != 0) {
                sendSignal(ch, Signals.Info.user(ch.pdeathSignal, SI_USER, father.pid, father.creds.uid));
            }
        }
        for (Proc ch : kids) {
            ch.exitSignal = SIGCHLD;
            if (ch.state == Proc.State.ZOMBIE) {
                boolean autoreap = notifyParentExit(ch);
                if (autoreap || reaper.kind == Proc.Kind.INIT) {
                    reap(ch);
                }
            }
            if (ch.state != Proc.State.DEAD) {
                killOrphanedPgrp(ch, father);
            }
        }
    }

    /** do_notify_parent: the exit signal with CLD_* siginfo; returns whether the child is reaped at once. */
    private boolean notifyParentExit(Proc p) {
        Proc parent = p.parent;
        int sig = p.exitSignal;
        boolean autoreap = false;
        Signals.Action a = parent.sighand != null ? parent.sighand.action[SIGCHLD] : null;
        if (sig == SIGCHLD && a != null && (a.handler == SIG_IGN || (a.flags & SA_NOCLDWAIT) != 0)) {
            autoreap = true;
            if (a.handler == SIG_IGN) {
                sig = 0;
            }
        }
        if (sig > 0 && sig <= NSIG) {
            Signals.Info i = Signals.Info.user(sig, p.cldCode, p.pid, p.creds.uid);
            i.status = p.cldStatus;
            sendSignal(parent, i);
        }
        return autoreap;
    }

    void reap(Proc p) {
        if (p.state == Proc.State.DEAD) {
            return;
        }
        p.state = Proc.State.DEAD;
        if (p.parent != null) {
            p.parent.children.remove(p);
        }
        procs.remove(p.pid);
        unrefPid(p.pid);
        unrefPid(p.pgid);
        unrefPid(p.sid);
        trace.record(p.pid + " reaped");
    }

    // ================================================================ shutdown and dumps

    public void close() {
        List<Thread> workers;
        lock.lock();
        try {
            acquireBaton();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                kernelChanged.signalAll();
                for (Proc p : new ArrayList<>(procs.values())) {
                    if (p.runner != null) {
                        unwind(p, "the fake kernel was closed");
                    }
                }
                // the unwound programs' threads have seen closed and are ending; the idle ones are told to
                workers = new ArrayList<>(programThreads);
                retireIdleWorkers();
            } finally {
                releaseBaton();
            }
        } finally {
            lock.unlock();
        }
        // no program thread outlives the kernel (they are daemons; this makes their end prompt and observable)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        boolean interrupted = false;
        for (Thread t : workers) {
            long left = deadline - System.nanoTime();
            while (t.isAlive() && left > 0) {
                try {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                left = deadline - System.nanoTime();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public String dump() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("fake kernel (seed %d, pid_max %d, monotonic %d ns, %d syscalls traced)%n",
                config.seed, pidMax, clock.monotonicNs(), trace.records()));
        sb.append(String.format("%7s %7s %7s %7s %s %-7s %-16s %s%n", "PID", "PPID", "PGID", "SID", "S", "KIND",
                "COMM", "SYSCALL"));
        for (Proc p : procs.values()) {
            String call = p.call == null || p.call.done ? "-"
                    : describeCall(p.call) + (p.call.waitingFor != null && p.run == Proc.Run.BLOCKED
                            ? " waiting for " + p.call.waitingFor : p.run == Proc.Run.READY ? " (not started)" : "");
            sb.append(String.format("%7d %7d %7d %7d %s %-7s %-16s %s%n", p.pid, p.parent == null ? 0 : p.parent.pid,
                    p.pgid, p.sid, p.stateLetter(), p.kind.name().toLowerCase(java.util.Locale.ROOT), p.comm, call));
            if (p.state == Proc.State.ZOMBIE) {
                sb.append("        zombie: ").append(describeStatus(p.waitStatus)).append('\n');
                continue;
            }
            sb.append("        pending ").append(Signals.maskToString(p.pending)).append(" blocked ")
                    .append(Signals.maskToString(p.blocked));
            if (p.stopped) {
                sb.append(" stopped by ").append(signalName(p.stopSignal));
            }
            sb.append('\n');
            if (p.files != null && !p.files.fds.isEmpty()) {
                sb.append("        fds (table ").append(p.files.id).append("):");
                for (Map.Entry<Integer, Files.Entry> e : p.files.fds.entrySet()) {
                    sb.append(' ').append(e.getKey()).append('=').append(e.getValue().file.describe());
                    if (e.getValue().cloexec) {
                        sb.append(" [cloexec]");
                    }
                    sb.append(';');
                }
                sb.append('\n');
            }
        }
        sb.append("last syscalls:\n");
        for (String line : trace.tail()) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }

    // ================================================================ accessors for FakeKernel

    public AddressSpace localMemory() {
        return local.mm;
    }

    public long serverEntryPoint() {
        return AddressSpace.SERVER_ENTRY;
    }

    public int localPid() {
        return local.pid;
    }

    public long traceHash() {
        lock.lock();
        try {
            return trace.hash();
        } finally {
            lock.unlock();
        }
    }

    public List<String> traceLines() {
        lock.lock();
        try {
            List<String> full = trace.full();
            return full != null ? full : trace.tail();
        } finally {
            lock.unlock();
        }
    }

    public String consoleOutput() {
        lock.lock();
        try {
            return console.toString(java.nio.charset.StandardCharsets.UTF_8);
        } finally {
            lock.unlock();
        }
    }

    public List<String> programFailures() {
        lock.lock();
        try {
            return new ArrayList<>(programFailures);
        } finally {
            lock.unlock();
        }
    }

    public void setLastPid(int pid) {
        lock.lock();
        try {
            if (pid < 0 || pid >= pidMax) {
                throw new IllegalArgumentException("lastPid must be in [0, pid_max=" + pidMax + "): " + pid);
            }
            lastPid = pid;
        } finally {
            lock.unlock();
        }
    }

    public void installProgram(String path, SimulatedProgram program) {
        lock.lock();
        try {
            vfs.putFile(path, 0755, Programs.marker(path), program);
        } finally {
            lock.unlock();
        }
    }

    public void installFile(String path, byte[] content, int mode) {
        lock.lock();
        try {
            vfs.putFile(path, mode & 07777, content, null);
        } finally {
            lock.unlock();
        }
    }

    /** A test's own line in the trace: deterministic, so it is hashed like every other record. */
    public void mark(String text) {
        lock.lock();
        try {
            trace.record(localPid() + " mark " + text);
        } finally {
            lock.unlock();
        }
    }

    public long monotonicNanos() {
        lock.lock();
        try {
            return clock.monotonicNs();
        } finally {
            lock.unlock();
        }
    }

    /** fd number to what readlink of /proc/PID/fd/N shows, or null if there is no such process. */
    public java.util.SortedMap<Integer, String> fds(int pid) {
        lock.lock();
        try {
            Proc p = procs.get(pid);
            if (p == null) {
                return null;
            }
            java.util.SortedMap<Integer, String> out = new TreeMap<>();
            if (p.files != null) {
                for (Map.Entry<Integer, Files.Entry> e : p.files.fds.entrySet()) {
                    out.put(e.getKey(), ProcFs.target(e.getValue().file));
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of one process, for tests and tools. */
    public Map<String, Object> processInfo(int pid) {
        lock.lock();
        try {
            Proc p = procs.get(pid);
            if (p == null) {
                return null;
            }
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("pid", p.pid);
            m.put("ppid", p.parent == null ? 0 : p.parent.pid);
            m.put("pgid", p.pgid);
            m.put("sid", p.sid);
            m.put("state", p.stateLetter());
            m.put("kind", p.kind.name());
            m.put("comm", p.comm);
            m.put("exe", p.exe);
            m.put("fds", p.files == null ? List.of() : new ArrayList<>(p.files.fds.keySet()));
            m.put("pending", p.pending);
            m.put("blocked", p.blocked);
            m.put("nice", p.nice);
            int[] handled = p.handled.clone();
            m.put("handled", handled);
            return m;
        } finally {
            lock.unlock();
        }
    }
}
