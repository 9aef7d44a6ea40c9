// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark and its C baseline in one go and writes the ratios as markdown ({@code docs/benchmarks.md}).
 * Called by {@code benchmarks/run.sh}, which builds the jar, compiles the C baselines and passes the machine facts
 * the JVM cannot see.
 *
 * <pre>{@code
 * java --enable-native-access=ALL-UNNAMED -cp jsyscall-benchmarks.jar dev.jsyscall.benchmarks.RunAll \
 *     --mode quick --c-bin benchmarks/target/c --out docs/benchmarks.md --info "C compiler=gcc 12.2.0"
 * }</pre>
 *
 * <p><b>Paired rounds.</b> On a shared 2-core machine the load changes within a minute, by a factor of two or more,
 * so two figures measured minutes apart do not make a ratio. Each group (the things one ratio compares) therefore
 * runs in rounds: a round runs every member once, briefly (one short JMH run per benchmark and backend, one C run
 * per baseline), in the opposite order from the round before, so that a steady drift hits both sides of a pair
 * alike. A ratio is computed within each round and the report gives the median over rounds, with their spread.
 *
 * @since 0.1
 */
public final class RunAll {
    static final List<String> BACKENDS = List.of("ffm", "jnr");
    private static final String PKG = "dev.jsyscall.benchmarks.";

    /** How long each part runs. */
    enum Mode {
        DRY_RUN("dry-run", 1, 0, 0, 1, 100, 0.05, 1, 5, 1),
        // onExit: thousands of unmeasured exits first, so that C2 has compiled the exit path; while it compiles,
        // the compiler threads take one of the 2 CPUs and the p99 measures the JIT (2.4 ms after 50 exits, 0.36 ms
        // with C1 alone, in a scratch run)
        // JMH in quick mode: 3 s of warm-up, not 1, because C2 compiling the spawn path took 0.8 s a compile on 2
        // loaded CPUs (CITime), so 2x500 ms measured the JIT; 2 measured seconds keep the run under 10 minutes
        QUICK("quick", 3, 3, 1000, 2, 1000, 1.0, 3, 300, 2000),
        FULL("full", 5, 3, 2000, 5, 2000, 2.0, 5, 1000, 5000);

        final String name;
        final int rounds;
        final int warmups;
        final int warmupMillis;
        final int iterations;
        final int iterationMillis;
        final double cSeconds;
        final int cRounds;
        final int exitSamples;
        final int exitWarmups;

        Mode(String name, int rounds, int warmups, int warmupMillis, int iterations, int iterationMillis,
             double cSeconds, int cRounds, int exitSamples, int exitWarmups) {
            this.name = name;
            this.rounds = rounds;
            this.warmups = warmups;
            this.warmupMillis = warmupMillis;
            this.iterations = iterations;
            this.iterationMillis = iterationMillis;
            this.cSeconds = cSeconds;
            this.cRounds = cRounds;
            this.exitSamples = exitSamples;
            this.exitWarmups = exitWarmups;
        }

        static Mode parse(String s) {
            for (Mode m : values()) {
                if (m.name.equals(s)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("--mode must be dry-run, quick or full, was '" + s + "'");
        }

        String describe() {
            return String.format(Locale.ROOT, "%s: %d paired round(s); per round and member, JMH 1 fork with %d×%d ms"
                    + " warm-up and %d×%d ms measurement, or C %d×%.2f s, or %d exits (after %d unmeasured) for"
                    + " onExit", name, rounds, warmups, warmupMillis, iterations, iterationMillis, cRounds, cSeconds,
                    exitSamples, exitWarmups);
        }
    }

    /**
     * One thing measured in every round of its group: a JMH benchmark on a backend, a C baseline, or the onExit
     * latency harness on a backend.
     */
    record Member(String key, String benchmark, String backend, String[] cCommand) {
        static Member jmh(String benchmark, String backend) {
            return new Member("jmh:" + benchmark + (backend == null ? "" : ":" + backend), benchmark, backend, null);
        }

        static Member c(String... command) {
            return new Member("c:" + command[command.length - 1], null, null, command);
        }

        static Member onExit(String backend) {
            return new Member("onexit:" + backend, null, backend, null);
        }

        String label() {
            if (cCommand != null) {
                return "C " + String.join(" ", cCommand);
            }
            if (benchmark == null) {
                String[] c = C_EXIT_FLOORS.get(backend);
                return c != null ? "C " + c[0] + " (" + c[1] + ")" : "onExit latency [" + backend + "]";
            }
            return benchmark + (backend == null ? "" : " [" + backend + "]");
        }
    }

    private final Mode mode;
    private final Path cBin;
    /** The {@code jsyscall} launcher whose start-up is timed, or null to leave that group out. */
    private Path cli;
    private final Map<String, String> info;
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private final List<String> backends = new ArrayList<>();
    /** Per member key: its figure in each round (ns/op, or ops/s for throughput), NaN where it failed. */
    private final Map<String, double[]> rounds = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> raw = new ArrayList<>();
    private String loadStart;
    private String loadEnd;
    /** When the measurements ended, as the report states it. */
    private String when;

    RunAll(Mode mode, Path cBin, Map<String, String> info) {
        this.mode = mode;
        this.cBin = cBin;
        this.info = info;
    }

    /**
     * {@code --mode dry-run|quick|full --c-bin DIR [--out FILE] [--figures FILE] [--info KEY=VALUE]...}, or
     * {@code --from FIGURES [--out FILE]} to write the report again from a run's saved figures (after the report's
     * text changed); exits 1 if any benchmark or baseline failed (the markdown is still written, with the failure
     * named).
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Mode mode = Mode.QUICK;
        Path cBin = null;
        Path cli = null;
        Path out = null;
        Path figures = null;
        Path from = null;
        Map<String, String> info = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--mode" -> mode = Mode.parse(v);
                case "--c-bin" -> cBin = Path.of(v);
                case "--cli" -> cli = Path.of(v);
                case "--out" -> out = Path.of(v);
                case "--figures" -> figures = Path.of(v);
                case "--from" -> from = Path.of(v);
                case "--info" -> {
                    int eq = v.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("--info takes KEY=VALUE, was '" + v + "'");
                    }
                    info.put(v.substring(0, eq), v.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + a
                        + "; usage: --mode dry-run|quick|full --c-bin DIR [--cli LAUNCHER] [--out FILE]"
                        + " [--figures FILE] [--info KEY=VALUE]..., or --from FIGURES [--out FILE]");
            }
        }
        RunAll run;
        if (from != null) {
            run = load(from);
        } else {
            if (cBin == null) {
                throw new IllegalArgumentException("--c-bin DIR (the compiled C baselines) is required");
            }
            run = new RunAll(mode, cBin, info);
            run.cli = cli;
            run.runEverything();
            if (figures != null) {
                run.save(figures);
                System.out.println("bench: saved the figures to " + figures + " (--from rewrites the report)");
            }
        }
        String markdown = new Report(run).markdown();
        System.out.println();
        System.out.println(markdown);
        if (out != null) {
            Files.writeString(out, markdown, StandardCharsets.UTF_8);
            System.out.println("bench: wrote " + out);
        }
        if (!run.failures.isEmpty()) {
            System.err.println("bench: FAILED: " + String.join("; ", run.failures));
            System.exit(1);
        }
    }

    void runEverything() throws IOException, InterruptedException {
        loadStart = loadAverage();
        for (String id : BACKENDS) {
            String reason = BenchKernels.unavailableReason(id);
            if (reason == null) {
                backends.add(id);
            } else {
                skipped.put(id, reason);
                System.out.println("bench: backend '" + id + "' is skipped on Java " + Runtime.version().feature()
                        + ": " + reason);
            }
        }
        group("local getpid", perBackend("LocalGetpidBenchmark.raw", "LocalGetpidBenchmark.typed"),
                Member.c("getpid"));
        group("driven round trip", perBackend("DrivenRoundTripBenchmark.getpid"), Member.c("pingpong"));
        group("spawn", perBackend("SpawnBenchmark.bare", "SpawnBenchmark.tenSetupOps",
                "SpawnBenchmark.tenSetupOpsUnbatched", "SpawnBenchmark.cloneOnly",
                "SpawnBenchmark.setupOnly", "SpawnBenchmark.spawnApiBare", "SpawnBenchmark.spawnApiTenOps",
                "SpawnJdkBenchmark.processBuilderInheritIo", "SpawnJdkBenchmark.processBuilderPipes",
                "PeerSpawnBenchmark.nuProcess", "PeerSpawnBenchmark.jnrPosixSpawnp"),
                Member.c("spawn", "posix_spawn"), Member.c("spawn", "vfork"));
        // with C posix_spawn on eight threads as the ceiling: what any launcher can reach on these 2 CPUs
        List<Member> inFlight = perBackend("ConcurrentSpawnBenchmark.jsyscall",
                "ConcurrentSpawnJdkBenchmark.processBuilder");
        inFlight.add(Member.c("spawn", "posix_spawn8"));
        group("8 spawns in flight", inFlight);
        List<Member> exits = new ArrayList<>();
        for (String b : backends) {
            exits.add(Member.onExit(b));
        }
        // the C floor: the same child, waited for with poll() on its pidfd by the thread that wants to know
        exits.add(Member.onExit("c"));
        // and the same design in C: a watcher thread learns of the exit in epoll_wait, reaps, hands over
        exits.add(Member.onExit("cwatch"));
        group("onExit latency", exits);
        String fake = BenchKernels.unavailableReason("fake");
        if (fake == null) {
            group("fake kernel", List.of(Member.jmh("LocalGetpidBenchmark.raw", "fake"),
                    Member.jmh("SpawnBenchmark.bare", "fake"), Member.jmh("SimulationBenchmark.lifecycle", null),
                    Member.jmh("SimulationBenchmark.sleepHeavy", null)));
        } else {
            skipped.put("fake", fake);
            System.out.println("bench: backend 'fake' is skipped: " + fake);
        }
        if (cli != null) {
            cliStartup();
        }
        loadEnd = loadAverage();
        when = now();
    }

    /**
     * Writes everything the report reads, one fact per line with tab-separated fields, so that {@link #load} can
     * write the report again without measuring.
     */
    void save(Path file) throws IOException {
        if (when == null) {
            when = now();   // a run saved before it ended: the report and the file keep one time
        }
        List<String> lines = new ArrayList<>();
        lines.add("mode\t" + mode.name);
        lines.add("when\t" + when());
        if (loadStart != null) {
            lines.add("load-start\t" + loadStart);
            lines.add("load-end\t" + loadEnd);
        }
        info.forEach((k, v) -> lines.add("info\t" + k + "\t" + oneLine(v)));
        skipped.forEach((k, v) -> lines.add("skipped\t" + k + "\t" + oneLine(v)));
        units.forEach((k, v) -> lines.add("unit\t" + k + "\t" + v));
        rounds.forEach((k, v) -> {
            List<String> cells = new ArrayList<>();
            for (double x : v) {
                cells.add(Double.toString(x));
            }
            lines.add("round\t" + k + "\t" + String.join(",", cells));
        });
        raw.forEach(r -> lines.add("raw\t" + oneLine(r)));
        failures.forEach(f -> lines.add("failure\t" + oneLine(f)));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static String oneLine(String s) {
        return s.replace('\t', ' ').replace('\n', ' ');
    }

    /** A run as {@link #save} wrote it. */
    static RunAll load(Path file) throws IOException {
        List<String[]> facts = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isEmpty()) {
                facts.add(line.split("\t", 3));
            }
        }
        Mode mode = null;
        Map<String, String> info = new LinkedHashMap<>();
        for (String[] f : facts) {
            if (f[0].equals("mode")) {
                mode = Mode.parse(f[1]);
            } else if (f[0].equals("info")) {
                info.put(f[1], f[2]);
            }
        }
        if (mode == null) {
            throw new IllegalArgumentException(file + " holds no run's figures (no mode line)");
        }
        RunAll run = new RunAll(mode, null, info);
        for (String[] f : facts) {
            switch (f[0]) {
                case "when" -> run.when = f[1];
                case "load-start" -> run.loadStart = f[1];
                case "load-end" -> run.loadEnd = f[1];
                case "skipped" -> run.skipped.put(f[1], f[2]);
                case "unit" -> run.units.put(f[1], f[2]);
                case "round" -> {
                    String[] cells = f[2].split(",");
                    double[] v = new double[cells.length];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = Double.parseDouble(cells[i]);
                    }
                    run.rounds.put(f[1], v);
                }
                case "raw" -> run.raw.add(f[1]);
                case "failure" -> run.failures.add(f[1]);
                case "mode", "info" -> { }
                default -> throw new IllegalArgumentException(file + ": unknown line kind '" + f[0] + "'");
            }
        }
        return run;
    }

    /**
     * The CLI's start-up, as a user meets it: the wall time of whole commands, {@code jsyscall run -- /bin/true} and
     * {@code jsyscall --version} through the launcher, against {@code java -version} of the same JDK. Each round
     * runs the three in turn, several times over (in the opposite order from the round before), and keeps each
     * command's median. One untimed run first lets the launcher build the jar and write its start-up cache.
     */
    private void cliStartup() throws IOException, InterruptedException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("cmd:cli-run", List.of(cli.toString(), "run", "--", "/bin/true"));
        commands.put("cmd:cli-version", List.of(cli.toString(), "--version"));
        commands.put("cmd:java-version", List.of(javaBin, "-version"));
        if (wallNanos(commands.get("cmd:cli-run"), true) < 0) {
            return;
        }
        int runs = mode == Mode.DRY_RUN ? 1 : mode == Mode.QUICK ? 5 : 11;
        for (int round = 0; round < mode.rounds; round++) {
            System.out.println("bench: === CLI start-up, round " + (round + 1) + " of " + mode.rounds + " ===");
            List<String> order = new ArrayList<>(commands.keySet());
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            Map<String, double[]> times = new LinkedHashMap<>();
            for (int i = 0; i < runs; i++) {
                for (String key : order) {
                    times.computeIfAbsent(key, k -> new double[runs])[i] = wallNanos(commands.get(key), false);
                }
            }
            for (Map.Entry<String, double[]> e : times.entrySet()) {
                double[] t = e.getValue().clone();
                java.util.Arrays.sort(t);
                double median = java.util.Arrays.stream(t).anyMatch(x -> x < 0) ? Double.NaN : t[t.length / 2];
                record(e.getKey(), round, median);
                units.put(e.getKey(), "ns");
                raw.add(String.format(Locale.ROOT, "round %d: %s: median wall %.1f ms of %d runs", round + 1,
                        String.join(" ", commands.get(e.getKey())), median / 1e6, runs));
            }
        }
    }

    /**
     * The wall time of one run of {@code cmd}, its output discarded (shown when {@code show}), with the launcher
     * given this JDK; -1 (and a recorded failure) if it did not exit 0.
     */
    private long wallNanos(List<String> cmd, boolean show) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        if (show) {
            pb.inheritIO();
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        long start = System.nanoTime();
        Process p = pb.start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        long wall = System.nanoTime() - start;
        if (!done || p.exitValue() != 0) {
            p.destroyForcibly();
            failures.add(String.join(" ", cmd) + " failed (status " + (done ? p.exitValue() : "timed out") + ")");
            return -1;
        }
        return wall;
    }

    /** JMH members: each benchmark once per available backend, or once if it is a JDK baseline (no backend). */
    private List<Member> perBackend(String... benchmarks) {
        List<Member> members = new ArrayList<>();
        for (String benchmark : benchmarks) {
            if (benchmark.contains("Jdk") || benchmark.contains("Peer")) {
                members.add(Member.jmh(benchmark, null));
                continue;
            }
            if (backends.isEmpty()) {
                System.out.println("bench: " + benchmark + " skipped: no jsyscall backend is available here");
            }
            for (String backend : backends) {
                members.add(Member.jmh(benchmark, backend));
            }
        }
        return members;
    }

    /** Runs the group's members in {@link Mode#rounds} paired rounds, see the class comment. */
    private void group(String name, List<Member> jmhMembers, Member... cMembers)
            throws IOException, InterruptedException {
        List<Member> members = new ArrayList<>(jmhMembers);
        members.addAll(List.of(cMembers));
        for (int round = 0; round < mode.rounds; round++) {
            System.out.println("bench: === " + name + ", round " + (round + 1) + " of " + mode.rounds + " ===");
            List<Member> order = new ArrayList<>(members);
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            for (Member m : order) {
                if (m.cCommand() != null) {
                    record(m.key(), round, runC(m, round));
                } else if (m.benchmark() == null) {
                    runOnExit(m, round);
                } else {
                    record(m.key(), round, runJmh(m, round));
                }
            }
        }
    }

    /** Records one round's figure of {@code key} (package-private: the report's tests feed it figures). */
    void record(String key, int round, double value) {
        rounds.computeIfAbsent(key, k -> {
            double[] a = new double[mode.rounds];
            java.util.Arrays.fill(a, Double.NaN);
            return a;
        })[round] = value;
    }

    /**
     * Runs {@link OnExitLatency} in a JVM of its own (or, for backend "c" and "cwatch", the C floors {@code exitwait}
     * and {@code exitwatch}); records
     * its median, p99 and maximum.
     */
    private void runOnExit(Member m, int round) throws IOException, InterruptedException {
        String stamp = cBin.resolve("exitstamp").toString();
        String samples = Integer.toString(mode.exitSamples);
        String warmups = Integer.toString(mode.exitWarmups);
        String[] c = C_EXIT_FLOORS.get(m.backend());
        List<String> cmd = c != null
                ? List.of(cBin.resolve(c[0]).toString(), stamp, samples, warmups)
                : List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED", "-Xms512m", "-Xmx512m",
                        "-cp", System.getProperty("java.class.path"), OnExitLatency.class.getName(), m.backend(),
                        stamp, samples, warmups);
        Map<String, Double> values = runResultLine(m, round, cmd);
        for (String stat : List.of("p50", "p99", "max")) {
            Double v = values == null ? null : values.get(stat + "_ns");
            record("onexit:" + stat + ":" + m.backend(), round, v == null ? Double.NaN : v);
            units.put("onexit:" + stat + ":" + m.backend(), "ns");
        }
    }

    /**
     * The C programs measured as onExit "backends", each with what it is: "c" is the floor (the waiting thread polls
     * the pidfd itself), "cwatch" the same design as {@code onExit} (a watcher thread reaps and hands the exit over).
     */
    private static final Map<String, String[]> C_EXIT_FLOORS = Map.of(
            "c", new String[] {"exitwait", "poll on a pidfd"},
            "cwatch", new String[] {"exitwatch", "a watcher thread in epoll_wait"});

    /** Runs one C baseline; NaN (and a recorded failure) if it did not print its RESULT line. */
    private double runC(Member m, int round) throws IOException, InterruptedException {
        String[] nameAndArgs = m.cCommand();
        List<String> cmd = new ArrayList<>();
        cmd.add(cBin.resolve(nameAndArgs[0]).toString());
        for (int i = 1; i < nameAndArgs.length; i++) {
            cmd.add(nameAndArgs[i]);
        }
        cmd.add(String.format(Locale.ROOT, "%.3f", mode.cSeconds));
        cmd.add(Integer.toString(mode.cRounds));
        // one warm-up round in the first round only: later rounds find caches and page tables warm
        cmd.add(round == 0 && mode != Mode.DRY_RUN ? "1" : "0");
        Map<String, Double> values = runResultLine(m, round, cmd);
        if (values == null) {
            return Double.NaN;
        }
        units.put(m.key(), "ns/op");
        Double v = values.get("ns_per_op");
        if (v == null) {
            failures.add(m.label() + " printed no ns_per_op");
            return Double.NaN;
        }
        return v;
    }

    /**
     * Runs {@code cmd} and parses its {@code RESULT name=... key=number...} line; null (and a recorded failure) if
     * it failed or printed none.
     */
    private Map<String, Double> runResultLine(Member m, int round, List<String> cmd)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String result = null;
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                all.append(line).append('\n');
                if (line.startsWith("RESULT ")) {
                    result = line;
                }
            }
        }
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        int status = done ? p.exitValue() : -1;
        if (!done || status != 0 || result == null) {
            p.destroyForcibly();
            failures.add(m.label() + " failed (status " + status + "): " + all.toString().trim());
            System.out.println("bench: " + m.label() + " failed: " + String.join(" ", cmd) + "\n" + all);
            return null;
        }
        System.out.println("bench: " + result);
        raw.add("round " + (round + 1) + ": " + result.substring("RESULT ".length()));
        Map<String, Double> values = new LinkedHashMap<>();
        for (String kv : result.substring("RESULT ".length()).split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && !kv.startsWith("name=")) {
                values.put(kv.substring(0, eq), Double.parseDouble(kv.substring(eq + 1)));
            }
        }
        return values;
    }

    /** One short JMH run; its score (ns/op or ops/s), or NaN (and a recorded failure). */
    private double runJmh(Member m, int round) {
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .include(PKG + m.benchmark().replace(".", "\\.") + "$")
                .forks(1)
                .warmupIterations(mode.warmups)
                .warmupTime(TimeValue.milliseconds(Math.max(mode.warmupMillis, 1)))
                .measurementIterations(mode.iterations)
                .measurementTime(TimeValue.milliseconds(mode.iterationMillis))
                // ffm's downcalls are restricted (JDK 22+); jnr's System.load warns without it on JDK 24+. A fixed
                // heap keeps the forks alike and leaves memory to the other jobs on a shared machine. jvmArgs, not
                // the append: the forks then do not also inherit this runner's own flags.
                .jvmArgs("--enable-native-access=ALL-UNNAMED", "-Xms512m", "-Xmx512m")
                .shouldFailOnError(true);
        if (m.backend() != null) {
            opts = opts.param("backend", m.backend());
        }
        Collection<RunResult> results;
        try {
            results = new Runner(opts.build()).run();
        } catch (RunnerException e) {
            failures.add("JMH " + m.label() + ": " + e.getMessage());
            System.out.println("bench: JMH failed for " + m.label() + ": " + e);
            return Double.NaN;
        }
        if (results.size() != 1) {
            failures.add("JMH " + m.label() + ": expected one result, got " + results.size());
            return Double.NaN;
        }
        Result<?> r = results.iterator().next().getPrimaryResult();
        double scale = switch (r.getScoreUnit()) {
            case "ns/op", "ops/s" -> 1;
            case "us/op" -> 1e3;
            case "ms/op" -> 1e6;
            default -> throw new IllegalStateException("unexpected JMH unit " + r.getScoreUnit() + " of " + m.label());
        };
        if (Double.isNaN(r.getScore())) {
            failures.add("JMH " + m.label() + " produced no score");
            return Double.NaN;
        }
        units.put(m.key(), r.getScoreUnit().equals("ops/s") ? "ops/s" : "ns/op");
        raw.add(String.format(Locale.ROOT, "round %d: %s: %.3f ± %s %s", round + 1, m.label(), r.getScore(),
                Double.isNaN(r.getScoreError()) ? "n/a" : String.format(Locale.ROOT, "%.3f", r.getScoreError()),
                r.getScoreUnit()));
        return r.getScore() * scale;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    Mode mode() {
        return mode;
    }

    Map<String, String> info() {
        return info;
    }

    Map<String, String> skipped() {
        return skipped;
    }

    Map<String, double[]> rounds() {
        return rounds;
    }

    Map<String, String> units() {
        return units;
    }

    List<String> failures() {
        return failures;
    }

    List<String> raw() {
        return raw;
    }

    String loadStart() {
        return loadStart;
    }

    String loadEnd() {
        return loadEnd;
    }

    /** When the measurements ended (now, for a run not finished). */
    String when() {
        return when != null ? when : now();
    }

    static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }
}
