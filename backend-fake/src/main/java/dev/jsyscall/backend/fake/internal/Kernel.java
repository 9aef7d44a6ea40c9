// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.backend.fake.FakeProcessDiedException;
import dev.jsyscall.backend.fake.FakeUnsupportedException;
import dev.jsyscall.backend.fake.SimulatedProgram;
import dev.jsyscall.backend.fake.SyscallHook;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Syscall;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The simulated kernel (internal): the syscall dispatch table, one scheduling step of a process, and the loop that
 * drives a local syscall to completion. Processes, time, signals, exits, the baton, stalls and hooks are units of
 * their own ({@link PidTable}, {@link Clock}, {@link SignalDelivery}, {@link Exits}, {@link Baton}, {@link Stalls},
 * {@link Hooks}...).
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

    final KernelConfig config;
    final Arch arch = Arch.X86_64;
    final ReentrantLock lock = new ReentrantLock();

    final SplittableRandom rng;
    private final Scheduler scheduler;
    final Clock clock = new Clock();
    final Vfs vfs;
    final Trace trace;
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    final List<String> programFailures = new ArrayList<>();

    final PidTable pids;
    Proc init;
    Proc local;
    /** The process whose syscall is being run (for /proc/self). */
    Proc current;
    /** Set once, under {@link #lock}: every wait ends and no new syscall starts. */
    boolean closed;

    final Handler[] table = new Handler[512];
    private final String[] names = new String[512];
    final Futexes futexes = new Futexes();
    final SignalDelivery signals = new SignalDelivery(this);
    final Exits exits = new Exits(this);
    final ProgramThreads programs = new ProgramThreads(this);
    final Ptys ptys = new Ptys(this);
    final Turns turns = new Turns(this);
    final Baton baton = new Baton(lock, turns);
    final ChildChanges childChanges = new ChildChanges(lock);
    final Nondeterminism detector;
    private final Stalls stalls;
    private final Hooks hooks;
    /** Counts what can unblock a waiting call (a completion, a step of another process, the clock): see Turns. */
    long changes;

    interface Handler {
        long call(Call c);
    }

    public Kernel(KernelConfig config) {
        this.config = config;
        this.trace = new Trace(config.traceTail);
        this.pids = new PidTable(config.pidMax);
        this.rng = new SplittableRandom(config.seed);
        this.scheduler = Scheduler.of(this, config);
        this.vfs = new Vfs(this);
        this.detector = new Nondeterminism(config, clock, turns, this::syscallName);
        this.stalls = new Stalls(this, baton, detector);
        this.hooks = new Hooks(trace, clock, signals, this::syscallName, this::complete);
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
        new ProcessCalls(pids).register(this::register);
        new CredCalls().register(this::register);
        new LimitCalls(pids).register(this::register);
        new KillCalls(pids, signals, vfs).register(this::register);
        new ExecCalls(this, vfs, trace, exits).register(this::register);
        new CloneCalls(this, pids, vfs, clock, trace, exits).register(this::register);
        new FileCalls(this).register(this::register);
        new DirCalls(vfs).register(this::register);
        new MetadataCalls(vfs).register(this::register);
        new PollCalls(this, clock).register(this::register);
        new FdCalls(this, vfs, ptys).register(this::register);
        new ControlCalls(ptys).register(this::register);
        new SignalCalls(pids, signals, clock).register(this::register);
        new MiscCalls(pids, clock, futexes, rng).register(this::register);
        new EventCalls(this).register();
        new SocketCalls(this).register();
        new NamespaceCalls().register(this::register);
        new WaitCalls(exits).register(this::register);
        Programs.install(this);
        for (Map.Entry<String, SimulatedProgram> e : config.programs.entrySet()) {
            vfs.putFile(e.getKey(), 0755, Programs.marker(e.getKey()), e.getValue());
        }
        for (Map.Entry<String, byte[]> e : config.files.entrySet()) {
            vfs.putFile(e.getKey(), config.fileModes.getOrDefault(e.getKey(), 0644), e.getValue(), null);
        }
        Boot.boot(this);
    }

    void register(Syscall s, Handler h) {
        if (s.existsOn(arch)) {
            table[s.number(arch)] = h;
        }
    }

    String syscallName(int nr) {
        return nr >= 0 && nr < names.length && names[nr] != null ? names[nr] : "syscall_" + nr;
    }

    // ================================================================ local syscalls

    /** A syscall of the local process, from any JVM thread. */
    public long localSyscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        if (!turns.active()) {
            return localSyscallNotifying(nr, a0, a1, a2, a3, a4, a5);
        }
        turns.atSyscall();
        try {
            return localSyscallNotifying(nr, a0, a1, a2, a3, a4, a5);
        } finally {
            turns.leftSyscall();
        }
    }

    private long localSyscallNotifying(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        long r = localSyscallLocked(nr, a0, a1, a2, a3, a4, a5);
        childChanges.afterSyscall();
        return r;
    }

    /** See {@code SyscallBackend.notifyChildChanges}. */
    public void childChangeListener(java.util.function.BooleanSupplier listener) {
        childChanges.listener(listener);
    }

    /** What the kernel saw and could not control, one sentence each, oldest first (at most 100 kept). */
    public List<String> nondeterminism() {
        return detector.lines();
    }

    private long localSyscallLocked(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        Thread me = Thread.currentThread();
        if (!detector.entered(me, nr)) {
            return enterLocal(nr, a0, a1, a2, a3, a4, a5);   // re-entrant: acquireBaton refuses it
        }
        try {
            return enterLocal(nr, a0, a1, a2, a3, a4, a5);
        } finally {
            detector.left(me);
        }
    }

    private long enterLocal(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        baton.arriving.incrementAndGet();
        lock.lock();
        try {
            try {
                acquireBaton();
            } finally {
                baton.arriving.decrementAndGet();
            }
            try {
                if (closed) {
                    throw new IllegalStateException("this fake kernel is closed");
                }
                if (!local.alive()) {
                    throw localDied();
                }
                stalls.checkTimeLimit();
                Call c = new Call(local, nr, a0, a1, a2, a3, a4, a5);
                local.call = c;
                local.run = Proc.Run.READY;
                try {
                    preempt();
                    long r = driveLocal(c);
                    baton.completions++;
                    baton.changed.signalAll();
                    return r;
                } finally {
                    if (local.call == c) {
                        local.call = null;
                        local.run = Proc.Run.USER;
                    }
                }
            } finally {
                baton.release();
            }
        } finally {
            lock.unlock();
        }
    }

    private void acquireBaton() {
        if (programs.isProgramThread(Thread.currentThread())) {
            throw new IllegalStateException("a simulated program made a syscall of the local process (pid "
                    + local.pid + "); programs must use their own ProgramContext.syscalls()");
        }
        baton.acquire();
    }

    /** Lets other processes run before the local syscall, as the scheduler decides: the interleavings a seed picks. */
    private void preempt() {
        for (int i = 0; scheduler.preemptNext(i); i++) {
            if (!anyCandidate()) {
                // nobody could take the step: the same run as not preempting, so no deviation to keep or shrink
                scheduler.retractIneffectivePreemption();
                return;
            }
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
                    throw stalls.livelock(c);
                }
                continue;
            }
            if (turns.active() && turns.blockedInKernel()) {
                continue;   // another application thread had the turn meanwhile: retry
            }
            if (stalls.advanceClockIfQuiet() || stalls.parkForOtherThreads()) {
                continue;
            }
            throw stalls.deadlock(c);
        }
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
        List<Proc> candidates = candidates(readyOnly);
        while (!candidates.isEmpty()) {
            Proc p = candidates.remove(scheduler.choose(candidates));
            boolean progressed;
            try {
                progressed = step(p);
            } catch (FakeUnsupportedException e) {
                trace.record(p.pid + " killed by SIGSYS: " + e.getMessage());
                exits.dieBySignal(p, SIGSYS);
                throw e;
            }
            if (progressed) {
                changes++;
                return true;
            }
        }
        return false;
    }

    /** The processes other than the local one and init that could take a step (see {@link #runOthers}). */
    List<Proc> candidates(boolean readyOnly) {
        List<Proc> candidates = new ArrayList<>();
        for (Proc p : pids.all()) {
            if (isCandidate(p, readyOnly)) {
                candidates.add(p);
            }
        }
        return candidates;
    }

    /** Whether {@code candidates(true)} has any: asked at every preemption, so it builds no list. */
    private boolean anyCandidate() {
        for (Proc p : pids.all()) {
            if (isCandidate(p, true)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCandidate(Proc p, boolean readyOnly) {
        if (p.kind == Proc.Kind.LOCAL || p.kind == Proc.Kind.INIT || !p.alive()) {
            return false;
        }
        return p.killPending || (!p.stopped && p.call != null && (!readyOnly || p.run == Proc.Run.READY
                || p.notifyContinuedPending || (p.pending & ~p.blocked) != 0));
    }

    /** The scheduler's decisions so far, replayable with {@code SchedulePolicy.replay}. */
    public String recordedSchedule() {
        lock.lock();
        try {
            return scheduler.recorded();
        } finally {
            lock.unlock();
        }
    }

    /** How many ints and longs the scheduler's record of decisions takes, so that tests can see its size. */
    public long recordedScheduleEntries() {
        lock.lock();
        try {
            return scheduler.recordedEntries();
        } finally {
            lock.unlock();
        }
    }

    /** The decisions so far that differ from the default order, for {@code SchedulePolicy.deviations}. */
    public List<String> scheduleDeviations() {
        lock.lock();
        try {
            return scheduler.deviations();
        } finally {
            lock.unlock();
        }
    }

    /**
     * One scheduling step of {@code p}: pending signals, then its syscall, then (on completion) handing the
     * result back. Returns whether anything changed.
     */
    boolean step(Proc p) {
        if (!p.alive()) {
            return false;
        }
        if (p.killPending) {
            exits.dieBySignal(p, p.killSignal);
            return true;
        }
        if (p.stopped) {
            return false;
        }
        boolean progress = false;
        if (p.notifyContinuedPending) {
            p.notifyContinuedPending = false;
            signals.notifyParentCldStop(p, CLD_CONTINUED, SIGCONT);
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
                if (hooks.installed()) {
                    hooks.apply(p, c);
                }
            }
            int d = signals.deliverSignals(p);
            if (d == SignalDelivery.SIG_DIED || d == SignalDelivery.SIG_STOPPED) {
                return true;
            }
            progress |= d == SignalDelivery.SIG_HANDLED;
            if (!c.done) {
                if (c.killableOnly && c.blockedOnce && (p.pending & ~p.blocked & sigbit(SIGKILL)) != 0) {
                    exits.dieBySignal(p, SIGKILL);
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
            int d2 = signals.deliverSignals(p);
            if (d2 == SignalDelivery.SIG_DIED) {
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

    public void setHook(SyscallHook hook) {
        lock.lock();
        try {
            hooks.set(hook);
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
        changes++;
        Proc p = c.proc;
        if (c.maskSwapped) {
            p.blocked = c.savedMask;
            c.maskSwapped = false;
        }
        p.run = Proc.Run.USER;
        clock.tick();
        trace.recordSyscall(p.pid, c.nr, syscallName(c.nr), c.a0, c.a1, c.a2, c.a3, c.a4, c.a5, r);
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
            programs.startProgram(p, l);
            return;
        }
        if (p.kind == Proc.Kind.SERVER) {
            Servers.next(this, p, c.result);
        } else if (p.kind == Proc.Kind.PROGRAM) {
            programs.resumeProgram(p, c.result);
        }
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
                baton.changed.signalAll();
                for (Proc p : new ArrayList<>(pids.all())) {
                    if (p.runner != null) {
                        programs.unwind(p, "the fake kernel was closed");
                    }
                }
                // the unwound programs' threads have seen closed and are ending; the idle ones are told to
                workers = programs.threads();
                programs.retireIdleWorkers();
            } finally {
                baton.release();
            }
        } finally {
            lock.unlock();
        }
        turns.close();
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

    /** The process table and the last syscalls, as failure messages show them. */
    public String dump() {
        return Dumps.processTable(this);
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
            if (pid < 0 || pid >= pids.max) {
                throw new IllegalArgumentException("lastPid must be in [0, pid_max=" + pids.max + "): " + pid);
            }
            pids.setLast(pid);
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

    Scheduler scheduler() {
        return scheduler;
    }

    /** The turn of the application threads that {@code FakeKernel.threads()} makes. */
    public Turns turns() {
        return turns;
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
            Proc p = pids.find(pid);
            if (p == null) {
                return null;
            }
            return Dumps.fds(p);
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of one process, for tests and tools. */
    public Map<String, Object> processInfo(int pid) {
        lock.lock();
        try {
            Proc p = pids.find(pid);
            if (p == null) {
                return null;
            }
            return Dumps.processInfo(p);
        } finally {
            lock.unlock();
        }
    }
}
