// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.differential;

import dev.jsyscall.backend.fake.FakeDeadlockException;
import dev.jsyscall.backend.fake.FakeKernel;
import dev.jsyscall.backend.fake.FakeProcessDiedException;
import dev.jsyscall.backend.fake.FakeUnsupportedException;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.spi.Memory;
import dev.jsyscall.spi.SyscallInterface;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A robustness fuzz of the fake's local syscall entry: random syscall numbers (0 to 450) with boundary arguments
 * over mapped, read-only and unmapped memory, from a seed. Only the fake's documented exceptions may escape
 * ({@link FakeUnsupportedException}, {@link FakeDeadlockException}, {@link FakeProcessDiedException}), no call may
 * take longer than {@link #CALL_BOUND_NANOS}, and one seed always gives one result hash.
 * <pre>{@code
 * FakeEntryFuzz.Result r = FakeEntryFuzz.run(7L, 100_000);
 * }</pre>
 */
public final class FakeEntryFuzz {
    static final long CALL_BOUND_NANOS = 1_000_000_000L;
    private static final long PAGE = 4096;
    private static final int MAX_NR = 450;

    /**
     * What a fuzz run saw.
     *
     * @param calls calls made
     * @param hash a hash over every call and its outcome: equal for equal seeds
     * @param outcomes how many calls ended how (an errno, a value, or a documented exception)
     * @param failures undocumented exceptions and calls over the time bound, each with the call to replay
     * @param slowestNanos the slowest call's duration
     * @param slowestCall the slowest call
     */
    public record Result(long calls, long hash, TreeMap<String, Long> outcomes, List<String> failures,
            long slowestNanos, String slowestCall) {}

    private final long seed;
    private final SplittableRandom r;
    private FakeKernel kernel;
    private SyscallInterface sys;
    private long rw;
    private long ro;
    private long unmapped;
    private int generation;

    private FakeEntryFuzz(long seed) {
        this.seed = seed;
        this.r = new SplittableRandom(seed);
    }

    /** Makes {@code calls} fuzzed calls from {@code seed}. */
    public static Result run(long seed, long calls) {
        return new FakeEntryFuzz(seed).fuzz(calls);
    }

    private Result fuzz(long calls) {
        TreeMap<String, Long> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long hash = 1125899906842597L;
        long slowest = 0;
        String slowestCall = "";
        int deadlocksInARow = 0;
        java.util.Set<Integer> known = new java.util.HashSet<>();
        List<Integer> answered = new ArrayList<>();
        fresh();
        try {
            for (long i = 0; i < calls; i++) {
                // half the calls go to numbers the fake has answered, or most would only meet "unsupported"
                int nr = !answered.isEmpty() && r.nextBoolean() ? answered.get(r.nextInt(answered.size()))
                        : r.nextInt(MAX_NR + 1);
                long[] a = new long[6];
                for (int j = 0; j < 6; j++) {
                    a[j] = arg();
                }
                String outcome;
                long start = System.nanoTime();
                boolean died = false;
                try {
                    long v = sys.syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
                    outcome = v < 0 && v > -4096 ? "errno " + -v : "value";
                    if (known.add(nr)) {
                        answered.add(nr);
                    }
                    hash = hash * 31 + v;
                } catch (FakeUnsupportedException e) {
                    outcome = e.getClass().getSimpleName();
                } catch (FakeDeadlockException e) {
                    outcome = e.getClass().getSimpleName();
                    // a process that stopped itself (kill(0, SIGSTOP)) deadlocks on every later call: start over
                    died = ++deadlocksInARow >= 3;
                } catch (FakeProcessDiedException e) {
                    outcome = e.getClass().getSimpleName();
                    died = true;
                } catch (RuntimeException | Error e) {
                    outcome = "UNDOCUMENTED " + e.getClass().getName();
                    failures.add(describe(i, nr, a) + " threw " + e);
                    died = true; // the kernel's state is unknown after an escape: go on with a fresh one
                }
                if (!outcome.equals("FakeDeadlockException")) {
                    deadlocksInARow = 0;
                }
                long took = System.nanoTime() - start;
                if (took > slowest) {
                    slowest = took;
                    slowestCall = describe(i, nr, a);
                }
                if (took > CALL_BOUND_NANOS) {
                    failures.add(describe(i, nr, a) + " took " + took / 1_000_000 + " ms");
                }
                hash = hash * 31 + nr * 1_000_003L + outcome.hashCode();
                outcomes.merge(outcome, 1L, Long::sum);
                if (died || processGone()) {
                    kernel.close();
                    fresh();
                    deadlocksInARow = 0;
                }
            }
        } finally {
            kernel.close();
        }
        return new Result(calls, hash, outcomes, failures, slowest, slowestCall);
    }

    private String describe(long i, int nr, long[] a) {
        StringBuilder s = new StringBuilder("seed " + seed + " call " + i + ": syscall " + nr + " ("
                + Syscall.byNumber(Arch.X86_64, nr).map(Syscall::cName).orElse("?") + ")(");
        for (int j = 0; j < 6; j++) {
            s.append(j == 0 ? "" : ", ").append("0x").append(Long.toHexString(a[j]));
        }
        return s.append(")").toString();
    }

    private boolean processGone() {
        try {
            return kernel.processInfo(kernel.localPid()) == null;
        } catch (RuntimeException e) {
            return true;
        }
    }

    private void fresh() {
        kernel = FakeKernel.builder().seed(seed * 31 + generation++).deadlockGraceMillis(0).build();
        sys = kernel.localSyscalls();
        Memory mem = kernel.localMemory();
        int mmap = Syscall.MMAP.number(Arch.X86_64);
        rw = sys.syscall(mmap, 0, 16 * PAGE, 3, 0x22, -1, 0);
        ro = sys.syscall(mmap, 0, PAGE, 1, 0x22, -1, 0);
        unmapped = sys.syscall(mmap, 0, PAGE, 3, 0x22, -1, 0);
        sys.syscall(Syscall.MUNMAP.number(Arch.X86_64), unmapped, PAGE, 0, 0, 0, 0);
        byte[] paths = "/dev/null\0/\0/tmp\0/proc/self/status\0".getBytes(StandardCharsets.UTF_8);
        mem.write(rw, paths, 0, paths.length);
    }

    private long arg() {
        return switch (r.nextInt(10)) {
            case 0, 1 -> r.nextInt(8);
            case 2 -> r.nextInt(-4, 70);
            case 3 -> pick(-1L, 0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE,
                    -4096L, 4095L, 4096L, 1L << 40, 1L << 62, 0x7ffff7fdd000L);
            case 4, 5 -> rw + pick(0L, 0L, 10L, 12L, 8L, 16 * PAGE - 8, 16 * PAGE - 1, 64L, 2048L);
            case 6 -> pick(ro, ro + 8, ro + PAGE - 1);
            case 7 -> pick(unmapped, unmapped + 16, 0L, 0xffff_8000_0000_0000L, -1L, 1L);
            case 8 -> pick(0L, 0L, 0x800L, 0x80000L, 0x100L, 0x1000L, 0x11L, 0x20000L);
            default -> r.nextLong();
        };
    }

    private long pick(long... values) {
        return values[r.nextInt(values.length)];
    }
}
