// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import dev.jsyscall.backend.fake.SimulatedProgram;
import java.util.LinkedHashMap;
import java.util.Map;

/** Settings of one fake kernel, filled in by {@code FakeKernel.Builder} (internal). */
public final class KernelConfig {
    public long seed;
    public int pidMax = 32768;
    public int uid;
    public int gid;
    /** Most scheduling steps of other processes taken, by seeded chance, before a local syscall. */
    public int maxPreemptSteps = 2;
    /** Scheduling steps one blocked local syscall may wait through before it is declared a livelock. */
    public long maxStepsPerCall = 5_000_000;
    /** The most virtual time since boot, in ns, a run may reach; negative: no limit. */
    public long timeLimitNs = -1;
    /** With other JVM threads using the kernel, how long they must all look idle before a deadlock is declared. */
    public long otherThreadsGraceMillis = 250;
    /** If set (not negative), how long a stuck local syscall always waits for other JVM threads. */
    public long deadlockGraceMillis = -1;
    public boolean keepFullTrace;
    /** How many of the last trace records dumps and {@code FakeKernel.trace()} keep without the full trace. */
    public int traceTail = 1024;
    public static final int RANDOM = 0;
    public static final int PCT = 1;
    public static final int REPLAY = 2;
    public static final int DEVIATIONS = 3;
    /** Which {@link Scheduler}: {@link #RANDOM}, {@link #PCT}, {@link #REPLAY} or {@link #DEVIATIONS}. */
    public int scheduler = RANDOM;
    public int pctDepth;
    public long pctSteps;
    /** The decisions a {@link #REPLAY} scheduler makes, as {@code Scheduler} records them. */
    public int[] replay;
    /** Nondeterminism the scheduler cannot control throws instead of being only reported. */
    public boolean failOnNondeterminism;
    /** The decisions a {@link #DEVIATIONS} scheduler takes instead of the default order, by "window.index". */
    public Map<String, Integer> deviations;
    /** Sees every trace record, or null. */
    public dev.jsyscall.backend.fake.TraceListener traceListener;
    /**
     * The simulated local process's environment, which spawned programs inherit: fixed, never the host's, so that
     * a run does not depend on the shell, CI runner or surefire that started the JVM.
     */
    public final Map<String, String> environment = new LinkedHashMap<>(Map.of());

    {
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.put("HOME", "/root");
        environment.put("LANG", "C");
    }

    public final Map<String, SimulatedProgram> programs = new LinkedHashMap<>();
    public final Map<String, byte[]> files = new LinkedHashMap<>();
    public final Map<String, Integer> fileModes = new LinkedHashMap<>();
}
