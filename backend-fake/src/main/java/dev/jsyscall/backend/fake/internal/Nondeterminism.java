// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import dev.jsyscall.backend.fake.FakeNondeterminismException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * The nondeterminism detector (internal): what the kernel saw and could not control, such as two JVM threads
 * entering it at once. Never written to the trace: the trace must stay the seed's, and a report that came and
 * went with the JVM's timing would itself make two runs differ.
 */
final class Nondeterminism {
    private final KernelConfig config;
    private final Clock clock;
    private final Turns turns;
    private final IntFunction<String> syscallNames;
    /**
     * JVM threads inside a local syscall now: two at once means the JVM, not the seed, decides which of them
     * the kernel serves first.
     */
    private final Map<Thread, Integer> inside = new ConcurrentHashMap<>();
    /**
     * The one thread inside without an entry in {@link #inside}: a simulation drives the kernel from one thread,
     * and a map's put and remove on every syscall were a third of a simulated getpid. Taken by a CAS, so that of two
     * threads entering at once at least one sees the other (each reads the other's slot after writing its own).
     */
    private volatile Thread sole;
    private static final VarHandle SOLE;

    static {
        try {
            SOLE = MethodHandles.lookup().findVarHandle(Nondeterminism.class, "sole", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private final List<String> lines = new ArrayList<>();

    Nondeterminism(KernelConfig config, Clock clock, Turns turns, IntFunction<String> syscallNames) {
        this.config = config;
        this.clock = clock;
        this.turns = turns;
        this.syscallNames = syscallNames;
    }

    /** What the kernel saw and could not control, one sentence each, oldest first (at most 100 kept). */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /**
     * Notes that {@code me} enters the kernel for syscall {@code nr}, reporting it if other JVM threads outside its
     * turn are in it too. Returns false if {@code me} was in it already (a re-entrant call, which the baton refuses);
     * otherwise the caller must {@link #left} when the syscall ends.
     */
    boolean entered(Thread me, int nr) {
        if (SOLE.compareAndSet(this, null, me)) {
            if (inside.isEmpty()) {
                return true;
            }
            if (inside.containsKey(me)) {   // entered while another held the slot: a re-entrant call
                sole = null;
                return false;
            }
        } else if (sole == me || inside.putIfAbsent(me, nr) != null) {
            return false;
        }
        try {
            List<Thread> all = new ArrayList<>(inside.keySet());
            Thread s = sole;
            if (s != null && !all.contains(s)) {
                all.add(s);
            }
            if (all.size() > 1 && !turns.allMembers(all)) {
                List<String> others = new ArrayList<>();
                all.forEach(t -> {
                    if (t != me) {
                        others.add(t.getName());
                    }
                });
                found("JVM thread " + me.getName() + " entered the kernel (" + syscallNames.apply(nr)
                        + ") while " + others + " were in it: which runs first is the JVM's choice, not the seed's"
                        + " (use one thread per kernel; see docs/dst.md)");
            }
        } catch (RuntimeException e) {
            left(me);
            throw e;
        }
        return true;
    }

    void left(Thread me) {
        if (sole == me) {
            sole = null;
        } else {
            inside.remove(me);
        }
    }

    /** Records {@code what} and, in strict mode, throws it on the thread that found it. */
    void found(String what) {
        String line = report(what);
        if (config.failOnNondeterminism) {
            throw new FakeNondeterminismException(line);
        }
    }

    /** Records {@code what} in {@link #lines()} only, and returns the line recorded. */
    String report(String what) {
        String line = what + " (seed " + config.seed + ", virtual time " + clock.monotonicNs() + " ns)";
        synchronized (lines) {
            if (lines.size() < 100) {
                lines.add(line);
            }
        }
        return line;
    }
}
