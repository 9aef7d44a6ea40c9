// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.benchmarks;

import static dev.jsyscall.benchmarks.Report.IN_FLIGHT_VS_PB;
import static dev.jsyscall.benchmarks.Report.ON_EXIT_VS_FLOOR;
import static dev.jsyscall.benchmarks.Report.SPAWN_API_VS_POSIX_SPAWN;
import static dev.jsyscall.benchmarks.Report.SPAWN_RUN_VS_PB;
import static dev.jsyscall.benchmarks.Report.fmtNumber;
import static dev.jsyscall.benchmarks.Report.fmtRatio;
import static dev.jsyscall.benchmarks.Report.rate;
import static dev.jsyscall.benchmarks.Report.time;

import dev.jsyscall.benchmarks.Report.Ratio;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's "why" section: for each target a run missed, a paragraph built from that run's figures (and, where a
 * cause was measured apart, what that measurement found) saying why it was missed and what would close it.
 */
final class Explanations {
    /** What separates an onExit completion from the C floor's poll, as measured apart (issue 16). */
    private static final String ON_EXIT_GAP = "The floor is a thread blocked in `poll()` on the pidfd that learns"
            + " of the exit itself and stamps before it reaps; an `onExit` future is completed by another thread"
            + " after it reaped, and `exitwatch` measures that design in C (see how row 6 is measured). A plain JVM"
            + " thread in `epoll_pwait` on the same pidfd wakes as fast as C's watcher (111–131 µs against"
            + " `exitwatch`'s 119–127 µs, which include its DEL and `waitid`, in one sitting, 2026-12-07): what"
            + " jsyscall adds is the work between the wake-up and the callback. Probes in a scratch build (ffm,"
            + " 2000 exits after 5000, two runs each) put it at 35–38 µs at the start of this session and 27–29 µs"
            + " at the code measured here: reading the event 1.9 µs, finding the registration and `EPOLL_CTL_DEL`"
            + " 3.6 µs, reaching the reap 2.1 µs, the `waitid` 9.6 µs (its siginfo buffer 2.4 µs, its request"
            + " 1.6 µs, the call 5.3 µs against C's 5.1 µs), marking the child dead 1.9 µs, closing the pidfd 4.0"
            + " µs (C: 3.6 µs), completing the futures and handing the callbacks to the end of the turn 3.2 µs."
            + " What went: the turn's events ran in the interpreter (each loop thread enters its loop once, and the"
            + " turns never reached on-stack replacement: 13 µs to the listener then, 7–8 µs now that the turn is a"
            + " method the JIT compiles), every reaped child cloned `ChildState.Kind.values()` (about 1.8 µs), and"
            + " the requests made their description strings (1.4 µs on `waitid` alone; now"
            + " `SyscallRequest.named`, text only when printed). Every piece runs on"
            + " a thread just woken, with cold caches, which is why microseconds go to what costs nanoseconds hot."
            + " *To close it further*: a siginfo buffer kept by each loop thread (about 2 µs), no `EPOLL_CTL_DEL`"
            + " for a fired oneshot pidfd that is closed right after (about 2 µs; it must then be re-armed with"
            + " `EPOLL_CTL_MOD` when a stale event is seen); the kernel's own `waitid` and `close` (about 9 µs) and"
            + " the cost of C's watcher design (`exitwatch`) stay.";

    private final Report report;

    Explanations(Report report) {
        this.report = report;
    }

    /** One paragraph per missed target (both backends together), built from this run's figures. */
    List<String> paragraphs() {
        List<String> why = new ArrayList<>();
        String getpid = "c:getpid";
        List<String> miss = report.missing(b -> "jmh:LocalGetpidBenchmark.raw:" + b, b -> getpid, 1.05, true);
        // jnr's target is 1.10, ffm's 1.05
        miss.removeIf(b -> b.equals("jnr") && !report.missed("jmh:LocalGetpidBenchmark.raw:jnr", getpid, 1.10, true));
        if (!miss.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (String b : miss) {
                double[] m = report.medianRound("jmh:LocalGetpidBenchmark.raw:" + b, getpid);
                parts.add(String.format(Locale.ROOT, "%s %s against C's %s (%s more per call)", b, time(m[0]),
                        time(m[1]), time(m[0] - m[1])));
            }
            StringBuilder w = new StringBuilder("**(1) local getpid**: in the median round the raw call took "
                    + String.join("; ", parts) + ". The syscall is the same on both sides; the difference is the"
                    + " call into the blob's raw-syscall stub (`jsys_raw_syscall5`, the six-argument entry that"
                    + " `NativeBackends` uses whenever the sixth argument is 0).");
            if (miss.contains("ffm")) {
                w.append(" *ffm*: an ordinary (non-critical) downcall handle from `FfmNativeAccess.bind6`, so the"
                        + " thread goes from Java to native state and back and polls for a safepoint, reached through"
                        + " the `NativeFunction6` lambda and the clone-number and sixth-argument tests in"
                        + " `NativeBackends`. *Critical downcalls measured (commit 1281114, then reverted)*: a"
                        + " `Linker.Option.critical(false)` binding of the raw stub for a reviewed list of"
                        + " never-waiting syscalls (getpid, gettid, the id getters, umask, dup, rt_sigprocmask,"
                        + " prlimit64...; not close, dup2/dup3 or fcntl, which can wait), bound lazily at the first"
                        + " such call, saved 1–2%: thread-CPU time per call (wall time was useless at a load average of"
                        + " 7–12 on 2 cores: C alone ranged 230–510 ns), median over 8 alternating rounds of each run's"
                        + " fastest 200 k-call batch, raw 181.3 → 179.1 ns (1.115× → 1.105× C's 163.3 ns; after ÷"
                        + " before 0.98, rounds 0.93–1.09), typed 184.6 → 184.0 ns (1.13× C both); inside the noise."
                        + " A plain FFM downcall of libc's `syscall(SYS_getpid)`, with no jsyscall code,"
                        + " measured the same way in the same sitting: 185.3 ns ordinary, 184.1 ns critical, jsyscall's"
                        + " raw path 183.7 ns, C 164.7 ns (1.12×, 1.12×, 1.12×). The ~20 ns over C is the JVM's call"
                        + " into native code itself, neither the state transition nor jsyscall's layers: ≤ 1.05× is out"
                        + " of reach from the library on this machine.");
            }
            if (miss.contains("jnr")) {
                w.append(" *jnr*: `JnrNativeAccess.bind6` calls the six-argument stub through jffi's register fast"
                        + " path (`Invoker.invokeN6`, no argument buffer; before it, seven arguments went through a"
                        + " `HeapInvocationBuffer` and libffi at 2.2–2.3× C). What is left is jffi's JNI call itself:"
                        + " a plain jnr-ffi call of libc's `syscall(SYS_getpid)`, with no jsyscall code, measured the"
                        + " same way in one sitting (2026-12-07, three alternated runs, each the median of 8 rounds'"
                        + " fastest 200 k-call batch in thread-CPU time): 194, 204, 190 ns against C's 162, 177, 163"
                        + " ns (1.20×, 1.15×, 1.17×), jsyscall's raw path 188, 209, 199 ns. ≤ 1.10× is out of reach"
                        + " for any library on jnr-ffi on this machine.");
            }
            why.add(w.toString());
        }
        double rt = Double.NaN;
        for (String b : RunAll.BACKENDS) {
            String key = "jmh:DrivenRoundTripBenchmark.getpid:" + b;
            if (!Double.isNaN(report.v(key)) && (Double.isNaN(rt) || report.v(key) < rt)) {
                rt = report.v(key);
            }
        }
        miss = report.missing(b -> "jmh:DrivenRoundTripBenchmark.getpid:" + b, b -> "c:pingpong", 1.2, true);
        if (!miss.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (String b : miss) {
                double[] m = report.medianRound("jmh:DrivenRoundTripBenchmark.getpid:" + b, "c:pingpong");
                parts.add(String.format(Locale.ROOT, "%s %s against %s", b, time(m[0]), time(m[1])));
            }
            why.add("**(2) driven round trip**: in the median round `ChildTask.getpid()` took " + String.join("; ",
                    parts) + " for the C ping-pong (same 56/8-byte messages, same pipes). Both are mostly two sleeps"
                    + " and wake-ups per trip, which a loaded 2-core machine stretches; the JVM side adds two local"
                    + " calls of row 1 (the `write` and `read` downcalls), copies the request into native memory and"
                    + " the reply out, and shares the 2 cores with its own JIT and GC threads. *To close it*: spin"
                    + " briefly on the reply before blocking in `read` (the child answers within microseconds), or,"
                    + " since the child shares our memory under `CLONE_VM`, a shared-memory request slot woken by one"
                    + " futex instead of two pipe syscalls per side; and make fewer trips (rows 3 and 4).");
        }
        String pb = "jmh:SpawnJdkBenchmark.processBuilderInheritIo";
        Ratio ceiling = report.ratio(pb, "c:posix_spawn");
        Ratio floorVsPb = report.ratio(pb, "c:vfork");
        Ratio floorVsPosix = report.ratio("c:posix_spawn", "c:vfork");
        // jsyscall's throughput against that loop's in jsyscall's best round, over both paths and backends
        double bestVsLoop = Double.NaN;
        for (String b : RunAll.BACKENDS) {
            for (String path : new String[] {"bare", "spawnApiBare"}) {
                Ratio r = report.ratio("c:vfork", "jmh:SpawnBenchmark." + path + ":" + b);
                if (r != null && (Double.isNaN(bestVsLoop) || r.high() > bestVsLoop)) {
                    bestVsLoop = r.high();
                }
            }
        }
        List<String> pbParts = new ArrayList<>();
        double pbTarget = Double.NaN;
        for (String b : RunAll.BACKENDS) {
            for (String[] path : new String[][] {{"bare", "the low-level path", "2.5"},
                    {"spawnApiBare", "`Spawn.run`", Double.toString(SPAWN_RUN_VS_PB)}}) {
                double target = Double.parseDouble(path[2]);
                String mine = "jmh:SpawnBenchmark." + path[0] + ":" + b;
                if (report.missed(pb, mine, target, false)) {
                    double[] m = report.medianRound(pb, mine);
                    pbParts.add(String.format(Locale.ROOT, "%s through %s %s against `ProcessBuilder`'s %s (%s,"
                            + " target %s)", b, path[1], time(m[1]), time(m[0]), fmtRatio(m[0] / m[1]),
                            fmtRatio(target)));
                    pbTarget = Double.isNaN(pbTarget) ? target : Math.max(pbTarget, target);
                }
            }
        }
        if (!pbParts.isEmpty() && ceiling != null) {
            StringBuilder w = new StringBuilder("**(3) spawn vs ProcessBuilder**: in the median round a spawn+wait"
                    + " of `/bin/true` took " + String.join("; ", pbParts) + ". ");
            w.append(String.format(Locale.ROOT, "In the same rounds C `posix_spawn` reached %s `ProcessBuilder`'s"
                    + " throughput", fmtRatio(ceiling.value())));
            if (floorVsPb != null) {
                w.append(String.format(Locale.ROOT, ", and a C loop of nothing but `vfork`, `execve` and `waitpid`"
                        + " %s (per round %s–%s); the rest of that loop's time is the kernel's exec and teardown and"
                        + " the program's own start-up (dynamic loader, libc), which every launcher pays",
                        fmtRatio(floorVsPb.value()), fmtNumber(floorVsPb.low()), fmtNumber(floorVsPb.high())));
            }
            if (floorVsPb != null && floorVsPb.high() < pbTarget) {
                w.append(String.format(Locale.ROOT, ". Reaching %s would take a spawn+wait %.0f%% faster than that"
                        + " loop's in its best round%s: the target assumes that `ProcessBuilder`'s extra work (its"
                        + " `jspawnhelper` exec, reaper thread and pipes) outweighs exec itself, which this machine's"
                        + " exec of `/bin/true` does not bear out. What is jsyscall's own is the gap to `posix_spawn`"
                        + " (next paragraph).", fmtRatio(pbTarget), (pbTarget / floorVsPb.high() - 1) * 100,
                        Double.isNaN(bestVsLoop) ? "" : String.format(Locale.ROOT, ", while jsyscall's fastest"
                                + " round here reached %s the loop's throughput", fmtRatio(bestVsLoop))));
            } else {
                w.append(". So the target is reachable in principle: what stands in the way is jsyscall's own time"
                        + " above `posix_spawn` (next paragraph).");
            }
            why.add(w.toString());
        }
        List<String> psParts = new ArrayList<>();
        double psTarget = Double.NaN;
        for (String b : RunAll.BACKENDS) {
            for (String[] path : new String[][] {{"bare", "the low-level path", "1.0"},
                    {"spawnApiBare", "`Spawn.run`", Double.toString(SPAWN_API_VS_POSIX_SPAWN)}}) {
                double target = Double.parseDouble(path[2]);
                String mine = "jmh:SpawnBenchmark." + path[0] + ":" + b;
                if (report.missed("c:posix_spawn", mine, target, false)) {
                    double[] m = report.medianRound(mine, "c:posix_spawn");
                    double[] fl = report.medianRound(mine, "c:vfork");
                    psParts.add(String.format(Locale.ROOT, "%s through %s %s against %s (%s, target %s; %s above"
                            + " the `vfork` loop's %s in its median round)", b, path[1], time(m[0]), time(m[1]),
                            fmtRatio(m[1] / m[0]), fmtRatio(target), time(fl[0] - fl[1]), time(fl[1])));
                    psTarget = Double.isNaN(psTarget) ? target : Math.max(psTarget, target);
                }
            }
        }
        if (!psParts.isEmpty()) {
            StringBuilder w = new StringBuilder("**(3) spawn vs posix_spawn**: in the median round jsyscall took "
                    + String.join("; ", psParts) + ".");
            if (floorVsPosix != null) {
                w.append(String.format(Locale.ROOT, " A C loop of nothing but `vfork`, `execve` and `waitpid` had %s"
                        + " `posix_spawn`'s throughput over the rounds (per round %s–%s): glibc's `posix_spawn` is"
                        + " that same `clone(CLONE_VM|CLONE_VFORK)` plus a reset of the signal handlers in the child,"
                        + " so it leaves a launcher little to win over it%s.",
                        fmtRatio(floorVsPosix.value()), fmtNumber(floorVsPosix.low()), fmtNumber(floorVsPosix.high()),
                        Double.isNaN(bestVsLoop) ? "" : String.format(Locale.ROOT, "; jsyscall's fastest round"
                                + " reached %s that loop's throughput", fmtRatio(bestVsLoop))));
                double reach = floorVsPosix.high() * (Double.isNaN(bestVsLoop) ? 1 : Math.max(1, bestVsLoop));
                if (reach < psTarget) {
                    w.append(String.format(Locale.ROOT, " So %s would take a spawn+wait %.0f%% faster than that"
                            + " loop in its best round: more than anything measured here achieved.",
                            fmtRatio(psTarget), (psTarget / floorVsPosix.high() - 1) * 100));
                }
            }
            w.append(" Where that time goes, part by part, is the section \"Where one spawn through `Spawn.run`"
                    + " spends its time\" below.");
            why.add(w.toString());
        }
        miss = report.missing(b -> "jmh:SpawnBenchmark.tenSetupOps:" + b, b -> "jmh:SpawnBenchmark.bare:" + b, 1.10, true);
        if (!miss.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (String b : miss) {
                double[] m = report.medianRound("jmh:SpawnBenchmark.tenSetupOps:" + b, "jmh:SpawnBenchmark.bare:" + b);
                double[] own = report.medianRound("jmh:SpawnBenchmark.setupOnly:" + b, "jmh:SpawnBenchmark.cloneOnly:" + b);
                parts.add(String.format(Locale.ROOT, "%s %s against %s bare (%s more); without exec the ten"
                        + " operations took %s each (`setupOnly` %s minus `cloneOnly` %s in their median round)", b,
                        time(m[0]), time(m[1]), time(m[0] - m[1]), time((own[0] - own[1]) / 10), time(own[0]),
                        time(own[1])));
            }
            why.add(String.format(Locale.ROOT, "**(4) ten set-up operations**: in the median round the spawn took %s."
                    + " The ten operations go to the child in the same write as the `execve` (`SetupBatch`: chained"
                    + " requests, so the child stops at the first failure and each result stays tied to its"
                    + " operation), so they cost ten in-kernel syscalls and their encoding, not ten round trips (%s"
                    + " each, row 2; the `tenSetupOpsUnbatched` row shows what those cost). What remains is the"
                    + " syscalls themselves (`setsid`, two `prlimit64` and `close_range` over the JVM's fds are not"
                    + " free) and this machine's noise on a ~1 ms measurement. *To close it*: judge it on a quieter"
                    + " machine; if it stays above 10%%, profile the child's side with `perf trace` on its pid.",
                    String.join("; ", parts), time(rt)));
        }
        miss = report.missing(b -> "jmh:SpawnBenchmark.spawnApiTenOps:" + b, b -> "jmh:SpawnBenchmark.spawnApiBare:" + b,
                1.10, true);
        if (!miss.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (String b : miss) {
                double[] m = report.medianRound("jmh:SpawnBenchmark.spawnApiTenOps:" + b,
                        "jmh:SpawnBenchmark.spawnApiBare:" + b);
                parts.add(String.format(Locale.ROOT, "%s %s against %s (%s more)", b, time(m[0]), time(m[1]),
                        time(m[0] - m[1])));
            }
            why.add("**(4) ten set-up operations through `Spawn`**: in the median round " + String.join("; ", parts)
                    + ". `Spawn` queues every step that needs no answer on one `SetupBatch` sent with the `execve`,"
                    + " and moves fd sources above the targets (one round trip each) only when a source is itself a"
                    + " target, which is not the case here; so the ten operations cost no round trip, only ten"
                    + " in-kernel syscalls, `Spawn`'s own bookkeeping and the encoding of their arguments. *To close"
                    + " it*: judge it on a quieter machine, since the per-round range straddles the target; if it"
                    + " stays above 10%, profile `Spawn.start` against the `SetupBatch` row above it.");
        }
        String pbConc = "jmh:ConcurrentSpawnJdkBenchmark.processBuilder";
        miss = report.missing(b -> "jmh:ConcurrentSpawnBenchmark.jsyscall:" + b, b -> pbConc, IN_FLIGHT_VS_PB, false);
        if (!miss.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (String b : miss) {
                String conc = "jmh:ConcurrentSpawnBenchmark.jsyscall:" + b;
                double[] m = report.medianRound(conc, pbConc);
                parts.add(String.format(Locale.ROOT, "%s %.0f spawns/s against `ProcessBuilder`'s %.0f/s", b, m[0],
                        m[1]));
            }
            Ratio c8 = report.ratio(report.perSecond("c:posix_spawn8"), pbConc);
            StringBuilder w = new StringBuilder("**(5) 8 spawns in flight**: in the median round "
                    + String.join("; ", parts) + ".");
            if (c8 != null) {
                w.append(String.format(Locale.ROOT, " C `posix_spawn` on eight threads (`spawn posix_spawn8`, the"
                        + " `5·` row) reached %s `ProcessBuilder`'s rate (per round %s–%s): with 8 threads on 2"
                        + " CPUs every launcher is bound by the CPU time that exec and `/bin/true` need,", fmtRatio(
                        c8.value()), fmtNumber(c8.low()), fmtNumber(c8.high())));
                w.append(c8.value() < IN_FLIGHT_VS_PB ? String.format(Locale.ROOT, " so %s would take %.0f%% more"
                        + " spawns per second than C `posix_spawn` managed in the median round: out of reach on this"
                        + " machine for any launcher that pays exec and the program as C does.", fmtRatio(
                        IN_FLIGHT_VS_PB), (IN_FLIGHT_VS_PB / c8.value() - 1) * 100)
                        : " so the target is reachable in principle, and the gap is jsyscall's CPU time per spawn.");
                List<String> vsC = new ArrayList<>();
                for (String b : RunAll.BACKENDS) {
                    Ratio r = report.ratio("jmh:ConcurrentSpawnBenchmark.jsyscall:" + b,
                            report.perSecond("c:posix_spawn8"));
                    if (r != null) {
                        vsC.add(b + " " + fmtRatio(r.value()));
                    }
                }
                if (!vsC.isEmpty()) {
                    w.append(" jsyscall reached " + String.join(", ", vsC) + " C's rate: on 2 busy CPUs a launcher's"
                            + " rate follows its CPU time per spawn, and the accounting below puts the kernel and the"
                            + " program at 76–79% of a spawn through `Spawn.run`, the rest being the JVM's.");
                }
            }
            w.append(" jsyscall's own part: `cloneChild` serializes every clone on one global lock"
                    + " (`CHANNEL_LOCK`, held from the `pipe2`s through the clone until the parent has closed the"
                    + " child's channel ends, so that no concurrent clone inherits another child's channel); a"
                    + " branch that let clones run together (only making a channel excluded the others, and each"
                    + " child closed the channel ends of other children it inherited) measured no gain on these 2"
                    + " CPUs, which exec and the programs already keep busy.");
            why.add(w.toString());
        }
        miss = report.missing(b -> "onexit:p50:" + b, b -> "onexit:p50:c", ON_EXIT_VS_FLOOR, true);
        if (!miss.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (String b : miss) {
                double[] m = report.medianRound("onexit:p50:" + b, "onexit:p50:c");
                parts.add(String.format(Locale.ROOT, "%s %s against the floor's %s (%s more)", b, time(m[0]),
                        time(m[1]), time(m[0] - m[1])));
            }
            double[] w = report.medianRound("onexit:p50:cwatch", "onexit:p50:c");
            String design = Double.isNaN(w[0]) || Double.isNaN(w[1]) ? "" : String.format(Locale.ROOT,
                    " The same design in C (`exitwatch`) took %s against the floor's %s in its median round (%s):"
                    + " %s", time(w[0]), time(w[1]), Report.fmtRatio(w[0] / w[1]), w[0] / w[1] > ON_EXIT_VS_FLOOR
                    ? "a watcher thread alone takes C past the 1.2× this row allows, so on this machine the target"
                    + " is out of reach for any design where another thread learns of the exit, C's included;"
                    + " jsyscall's own part is `onExit` against `exitwatch` (the `6·` rows)."
                    : w[0] > w[1] ? String.format(Locale.ROOT, "a watcher thread alone takes %.0f%% of the 20%%"
                    + " this row allows over the floor.", (w[0] / w[1] - 1) / (ON_EXIT_VS_FLOOR - 1) * 100)
                    : "no cost of the watcher thread shows against the floor in this run.");
            why.add("**(6) `onExit` against the C floor**: in the median round the median exit took "
                    + String.join("; ", parts) + "." + design + " " + ON_EXIT_GAP);
        }
        List<String> slow = new ArrayList<>();
        for (String b : RunAll.BACKENDS) {
            double p99 = report.v("onexit:p99:" + b);
            if (!Double.isNaN(p99) && p99 > 1e6) {
                slow.add(String.format(Locale.ROOT, "%s median %s, p99 %s (worst %s)", b, time(report.v("onexit:p50:" + b)),
                        time(p99), time(report.v("onexit:max:" + b))));
            }
        }
        if (!slow.isEmpty()) {
            why.add(String.format(Locale.ROOT, "**(6) `onExit` latency**: over the rounds' medians, %s; the C floor"
                    + " (the waiting thread itself in `poll()` on the pidfd) had median %s, p99 %s. The floor is"
                    + " mostly the kernel tearing the exited process down before it reports the exit. jsyscall adds"
                    + " the wake-up of the exit-watcher thread from `epoll_pwait`, an `EPOLL_CTL_DEL` and a"
                    + " `waitid` made through Java, closing the pidfd, then completing the future (row 6's why);"
                    + " its tail is the JVM's: JIT compilation (see how row 6 is measured), GC and safepoints stall"
                    + " the watcher thread, and on 2 loaded CPUs it waits for one (the C programs' p99s, which have"
                    + " none of these, move with the machine's load too). *To close it*: judge the p99 on a quieter"
                    + " machine; if it stays above 1 ms there, run"
                    + " `OnExitLatency` with `-Xlog:gc,safepoint` to see whether pauses line up with the slow exits.",
                    String.join("; ", slow),
                    time(report.v("onexit:p50:c")), time(report.v("onexit:p99:c"))));
        }
        if (report.missed("cmd:cli-run", "cmd:java-version", 4.0, true)) {
            double[] m = report.medianRound("cmd:cli-run", "cmd:java-version");
            why.add(String.format(Locale.ROOT, "**(8) CLI start-up**: in the median round `jsyscall run --"
                    + " /bin/true` took %s against `java -version`'s %s. What is already done: the launcher starts"
                    + " one process before java (a `find` over the modules' sources and poms, to rebuild when they"
                    + " changed); the CLI's JVM runs with a JDK 25 AOT cache, C1 alone and Serial GC (it starts one"
                    + " program and then waits, so C2's compilations and G1's threads are only start-up cost); only"
                    + " the backend that is chosen is probed; `run PROGRAM ARGS` without options and `--version` load"
                    + " no picocli; the six-argument raw-syscall stub is linked only after 256 local syscalls, and"
                    + " libc's `syscall` shares the blob's downcall shape (errno is captured only for a call that"
                    + " failed), so a short run links one FFM downcall shape, not three; and the program is waited"
                    + " for on the main thread, which blocks on its pidfd, so no epoll thread or virtual thread"
                    + " starts (StartupTest checks both). What is left, measured in a class-load"
                    + " log and scratch JVMs: the first FFM downcall of a JVM costs 50–150 ms of interpreted linker"
                    + " code here, whichever shape comes first (each further shape 12–25 ms), because JDK 25's AOT"
                    + " cache keeps lambda and `invokedynamic` classes but not the `DowncallStub` classes and"
                    + " LambdaForms the FFM linker spins with `Lookup.defineHiddenClass`; `MethodHandleProxies` and a"
                    + " `java.lang.reflect.Proxy` for the signal handler cost the same (25–30 ms). *To close it*: a"
                    + " JDK whose AOT cache keeps FFM stubs, or a native image of the CLI (a second build to keep); and a"
                    + " machine whose load average is below its core count to judge it (wall times here include"
                    + " waiting for a CPU).",
                    time(m[0]), time(m[1])));
        }
        double fakeGetpid = 1e9 / report.v("jmh:LocalGetpidBenchmark.raw:fake");
        double fakeLife = 1e9 / report.v("jmh:SpawnBenchmark.bare:fake");
        if (fakeGetpid < 5e6 || fakeLife < 20e3) {
            why.add(String.format(Locale.ROOT, "**(7) fake kernel**: %s simulated `getpid` (%s each) and %s"
                    + " lifecycles (%s each) over the rounds' medians. A simulated syscall is Java work under the"
                    + " kernel's lock: take the baton, look up the handler, record a trace entry (hashed from a reused"
                    + " buffer, so that runs stay replayable), hand the baton back. A `/bin/true` lifecycle has no"
                    + " hand-over between threads left (the built-in `true` and `false` run no program thread, and a"
                    + " program's `exit_group` ends its turn where it is made), so it is the driving thread's CPU"
                    + " time: by a JFR profile of a steady-state loop, some 60%% the kernel's handlers and trace (the"
                    + " trace's FNV hash, fd tables, pages and mappings in `TreeMap`s) and 40%% the api (the"
                    + " `SyscallRequest`s, `cloneChild`'s channel buffers, the exec batch); on 2 CPUs shared with"
                    + " other work the wall time adds waiting for a CPU. *To close it*: the parts of that profile, in"
                    + " that order, and a quieter machine to judge it.",
                    rate(fakeGetpid), time(report.v("jmh:LocalGetpidBenchmark.raw:fake")), rate(fakeLife),
                    time(report.v("jmh:SpawnBenchmark.bare:fake"))));
        }
        return why;
    }
}
