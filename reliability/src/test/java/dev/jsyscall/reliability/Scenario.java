// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.reliability;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.Process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One scenario on one backend: a census before, the body with a deadline, a census after (given a moment to settle:
 * the exit watcher reaps asynchronously), and a row in the report. It passes only with no leaked fd, zombie, live
 * child, stray process, allocator byte or thread, no hang and no wrong-process effect.
 */
final class Scenario {
    /** Whether this is the long run ({@code -Dreliability.long=true}). */
    static final boolean LONG = Boolean.getBoolean("reliability.long");
    /** Value of {@link Census#MARKER} for this JVM's run. */
    static final String RUN = "r" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    /** The body of a scenario. */
    interface Body {
        void run(Scenario s) throws Exception;
    }

    final String name;
    final Kernel kernel;
    final LocalTask local;
    final AtomicInteger spawns = new AtomicInteger();
    final AtomicInteger wrongEffects = new AtomicInteger();
    final AtomicInteger hangs = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Map<Long, Long> trackedPids = new ConcurrentHashMap<>();

    private Scenario(String name, Kernel kernel) {
        this.name = name;
        this.kernel = kernel;
        this.local = kernel.localTask();
    }

    /** A short-mode count, or the long-mode one. */
    static int count(int shortCount, int longCount) {
        return LONG ? longCount : shortCount;
    }

    /** Runs {@code body} on {@code kernel}, bounded by {@code limit}, and throws an AssertionError on any failure. */
    static void run(String name, Kernel kernel, Duration limit, Body body) {
        Scenario s = new Scenario(name, kernel);
        Set<Thread> threadsBefore = new HashSet<>(Thread.getAllStackTraces().keySet());
        Census before = Census.take(s.local.allocator().bytesInUse(), RUN);
        long start = System.nanoTime();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread main = Thread.ofPlatform().name("scenario " + name).start(() -> {
            try {
                body.run(s);
            } catch (Throwable t) {
                error.set(t);
            }
        });
        boolean finished = join(main, limit);
        if (!finished) {
            s.hangs.incrementAndGet();
            s.failures.add("HANG: not finished after " + limit + "\n" + threadDump());
        }
        for (Thread t : s.threads) {
            if (!join(t, Duration.ofSeconds(finished ? 10 : 1))) {
                s.hangs.incrementAndGet();
                s.failures.add("HANG: thread '" + t.getName() + "' still running\n" + threadDump());
                break;
            }
        }
        if (error.get() != null) {
            s.failures.add(0, describe(error.get()));
        }
        long nanos = System.nanoTime() - start;
        Census after = settle(s, before);
        List<String> leaks = before.leaksIn(after, s.local.ownFds());
        for (Map.Entry<Long, Long> e : s.trackedPids.entrySet()) {
            if (Census.alive(e.getKey(), e.getValue()) && leaks.stream().noneMatch(l -> l.contains(e.getKey() + " "))) {
                leaks.add("tracked process " + e.getKey() + " still alive");
            }
        }
        Set<Thread> leakedThreads = new HashSet<>(Thread.getAllStackTraces().keySet());
        leakedThreads.removeAll(threadsBefore);
        leakedThreads.removeIf(t -> !s.threads.contains(t) && t != main);
        if (!leakedThreads.isEmpty()) {
            leaks.add("threads of the scenario still alive: " + leakedThreads);
        }
        List<String> all = new ArrayList<>(s.failures);
        all.addAll(leaks);
        Report.add(new Report.Row(name, kernel.backendId(), s.spawns.get(), before, after, s.hangs.get(),
                s.wrongEffects.get(), nanos / 1_000_000, all.isEmpty() ? "pass" : firstLine(all.get(0))));
        if (!leaks.isEmpty()) {
            cleanUp(s, after);
        }
        if (!all.isEmpty()) {
            throw new AssertionError(name + " on " + kernel.backendId() + ":\n  " + String.join("\n  ", all));
        }
    }

    /** The census after, retried for up to two seconds while it still shows a leak (asynchronous reaping). */
    private static Census settle(Scenario s, Census before) {
        Census after = Census.take(s.local.allocator().bytesInUse(), RUN);
        for (int i = 0; i < 40 && !before.leaksIn(after, s.local.ownFds()).isEmpty(); i++) {
            sleep(50);
            after = Census.take(s.local.allocator().bytesInUse(), RUN);
        }
        return after;
    }

    /** Kills what a failed scenario left, so that the next scenario starts clean (its own census is separate). */
    private static void cleanUp(Scenario s, Census after) {
        List<String> victims = new ArrayList<>(after.descendants);
        victims.addAll(after.liveChildren);
        for (String v : victims) {
            ProcessHandle.of(Long.parseLong(v.substring(0, v.indexOf(' ')))).ifPresent(ProcessHandle::destroyForcibly);
        }
        for (Map.Entry<Long, Long> e : s.trackedPids.entrySet()) {
            if (Census.alive(e.getKey(), e.getValue())) {
                ProcessHandle.of(e.getKey()).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        sleep(100);
        Reaper.reapAll(s.local);
    }

    private static boolean join(Thread t, Duration limit) {
        try {
            return t.join(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return "FAIL: " + (line.length() > 160 ? line.substring(0, 160) + "..." : line);
    }

    static String describe(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    static String threadDump() {
        StringBuilder sb = new StringBuilder("thread dump:\n");
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            sb.append("  \"").append(e.getKey().getName()).append("\" ").append(e.getKey().getState()).append('\n');
            for (StackTraceElement el : e.getValue()) {
                sb.append("      at ").append(el).append('\n');
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------- for bodies

    /** Records a failure and carries on (the scenario reports all of them). */
    void fail(String what) {
        failures.add(what);
    }

    /** How many failures were recorded so far. */
    int failureCount() {
        return failures.size();
    }

    /** A command that carries this run's marker, so that it is found by the census wherever it ends up. */
    Command command(String executable, String... args) {
        return Command.of(executable, args).env(Census.MARKER, RUN);
    }

    /** Remembers {@code p}'s pid with its start time: alive after the scenario means stray. */
    void track(Process p) {
        track(p.near().id());
    }

    /** Remembers {@code pid} with its start time. */
    void track(long pid) {
        Census.stat(pid).ifPresent(st -> trackedPids.put(pid, st.startTime()));
    }

    /** A started platform thread that must end before the scenario does. */
    Thread platform(String name, Runnable r) {
        Thread t = Thread.ofPlatform().name(name).daemon().start(r);
        threads.add(t);
        return t;
    }

    /** A started virtual thread that must end before the scenario does. */
    Thread virtual(String name, Runnable r) {
        Thread t = Thread.ofVirtual().name(name).start(r);
        threads.add(t);
        return t;
    }

    /** Waits for {@code t}; a thread still running after {@code limit} is a hang, recorded with a thread dump. */
    boolean await(Thread t, Duration limit) {
        if (join(t, limit)) {
            return true;
        }
        hangs.incrementAndGet();
        fail("HANG: '" + t.getName() + "' did not finish within " + limit + "\n" + threadDump());
        return false;
    }

    /**
     * Runs {@code call} on its own thread and waits at most {@code limit}; on a hang, runs {@code unblock} (kill the
     * program the call waits for) and records the hang.
     */
    <T> Outcome<T> bounded(String what, Duration limit, Callable<T> call, Runnable unblock) {
        AtomicReference<Outcome<T>> out = new AtomicReference<>();
        Thread t = platform(what, () -> {
            try {
                out.set(new Outcome<>(call.call(), null));
            } catch (Throwable e) {
                out.set(new Outcome<>(null, e));
            }
        });
        if (!join(t, limit)) {
            hangs.incrementAndGet();
            fail("HANG: " + what + " did not return within " + limit + "\n" + threadDump());
            unblock.run();
            join(t, Duration.ofSeconds(10));
            Outcome<T> late = out.get();
            return late == null ? new Outcome<>(null, new IllegalStateException("hung")) : late.asHung();
        }
        return out.get();
    }

    /** What a bounded call did: its value or what it threw, and whether it hung first. */
    record Outcome<T>(T value, Throwable error, boolean hung) {
        Outcome(T value, Throwable error) {
            this(value, error, false);
        }

        Outcome<T> asHung() {
            return new Outcome<>(value, error, true);
        }

        String describe() {
            return (hung ? "hung, then " : "") + (error == null ? "returned " + value
                    : "threw " + error.getClass().getName() + ": " + error.getMessage());
        }
    }

    /** Pids seen by the scenario, for the report. */
    Set<Long> trackedPids() {
        return Collections.unmodifiableSet(trackedPids.keySet());
    }
}
