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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
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
 * <p>Each group runs its C baseline just before and just after its JMH benchmarks, so that both sides of a ratio
 * see the same machine (on a shared 2-core box the load drifts within minutes); the baseline used is the mean of the
 * two, and their spread widens the ratio's range.
 *
 * @since 0.1
 */
public final class RunAll {
    static final List<String> BACKENDS = List.of("ffm", "jnr");
    private static final String PKG = "dev.jsyscall.benchmarks.";

    /** How long each part runs. */
    enum Mode {
        DRY_RUN("dry-run", 1, 0, 0, 1, 100, 0.05, 1, 0),
        QUICK("quick", 1, 3, 1000, 5, 1000, 1.0, 5, 1),
        FULL("full", 3, 5, 2000, 10, 2000, 2.0, 10, 1);

        final String name;
        final int forks;
        final int warmups;
        final int warmupMillis;
        final int iterations;
        final int iterationMillis;
        final double cSeconds;
        final int cRounds;
        final int cWarmups;

        Mode(String name, int forks, int warmups, int warmupMillis, int iterations, int iterationMillis,
             double cSeconds, int cRounds, int cWarmups) {
            this.name = name;
            this.forks = forks;
            this.warmups = warmups;
            this.warmupMillis = warmupMillis;
            this.iterations = iterations;
            this.iterationMillis = iterationMillis;
            this.cSeconds = cSeconds;
            this.cRounds = cRounds;
            this.cWarmups = cWarmups;
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
            return String.format(Locale.ROOT, "%s: JMH %d fork(s), %d×%d ms warm-up, %d×%d ms measurement; C: %d"
                    + " warm-up + %d rounds of %.2f s, run just before and just after its JMH group", name, forks,
                    warmups, warmupMillis, iterations, iterationMillis, cWarmups, cRounds, cSeconds);
        }
    }

    /**
     * One measured figure, in nanoseconds per operation or, for throughput, operations per second: the mean, the
     * range its error allows, and the best iteration (the fastest: least time, or most operations per second).
     */
    record Figure(double value, double low, double high, double best, String unit, String source) {
        static Figure of(double value, double error, double best, String unit, String source) {
            double e = Double.isNaN(error) ? 0 : error;
            return new Figure(value, Math.max(value - e, 0), value + e, best, unit, source);
        }
    }

    private final Mode mode;
    private final Path cBin;
    private final Map<String, String> info;
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private final List<String> backends = new ArrayList<>();
    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> raw = new ArrayList<>();
    private String loadStart;
    private String loadEnd;

    RunAll(Mode mode, Path cBin, Map<String, String> info) {
        this.mode = mode;
        this.cBin = cBin;
        this.info = info;
    }

    /**
     * {@code --mode dry-run|quick|full --c-bin DIR [--out FILE] [--rerun TEXT] [--info KEY=VALUE]...}; exits 1 if
     * any benchmark or baseline failed (the markdown is still written, with the failure named).
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Mode mode = Mode.QUICK;
        Path cBin = null;
        Path out = null;
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
                case "--out" -> out = Path.of(v);
                case "--info" -> {
                    int eq = v.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("--info takes KEY=VALUE, was '" + v + "'");
                    }
                    info.put(v.substring(0, eq), v.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + a
                        + "; usage: --mode dry-run|quick|full --c-bin DIR [--out FILE] [--info KEY=VALUE]...");
            }
        }
        if (cBin == null) {
            throw new IllegalArgumentException("--c-bin DIR (the compiled C baselines) is required");
        }
        RunAll run = new RunAll(mode, cBin, info);
        run.runEverything();
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
        group("local getpid", List.<String[]>of(new String[] {"getpid"}), "LocalGetpidBenchmark");
        group("driven round trip", List.<String[]>of(new String[] {"pingpong"}), "DrivenRoundTripBenchmark");
        group("spawn", List.of(new String[] {"spawn", "posix_spawn"}, new String[] {"spawn", "vfork"}),
                "SpawnBenchmark", "SpawnJdkBenchmark");
        group("8 spawns in flight", List.of(), "ConcurrentSpawnBenchmark", "ConcurrentSpawnJdkBenchmark");
        loadEnd = loadAverage();
    }

    private void group(String name, List<String[]> baselines, String... classes)
            throws IOException, InterruptedException {
        System.out.println("bench: === " + name + " ===");
        List<Map<String, Double>> before = new ArrayList<>();
        for (String[] b : baselines) {
            before.add(runC(b));
        }
        runJmh(classes);
        for (int i = 0; i < baselines.size(); i++) {
            Map<String, Double> after = runC(baselines.get(i));
            Map<String, Double> first = before.get(i);
            String cName = baselines.get(i)[baselines.get(i).length - 1];
            if (first == null || after == null) {
                continue;
            }
            double a = first.get("ns_per_op");
            double b = after.get("ns_per_op");
            figures.put("c:" + cName, new Figure((a + b) / 2, Math.min(a, b), Math.max(a, b),
                    Math.min(first.get("min_round"), after.get("min_round")), "ns/op", "C " + cName));
        }
    }

    /** Runs one C baseline; null (and a recorded failure) if it did not print its RESULT line. */
    private Map<String, Double> runC(String[] nameAndArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(cBin.resolve(nameAndArgs[0]).toString());
        for (int i = 1; i < nameAndArgs.length; i++) {
            cmd.add(nameAndArgs[i]);
        }
        cmd.add(String.format(Locale.ROOT, "%.3f", mode.cSeconds));
        cmd.add(Integer.toString(mode.cRounds));
        cmd.add(Integer.toString(mode.cWarmups));
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
        String what = String.join(" ", cmd);
        if (!done || status != 0 || result == null) {
            p.destroyForcibly();
            failures.add("C baseline '" + what + "' failed (status " + status + "): " + all.toString().trim());
            System.out.println("bench: C baseline failed: " + what + "\n" + all);
            return null;
        }
        System.out.println("bench: C " + result);
        raw.add(result.substring("RESULT ".length()));
        Map<String, Double> values = new LinkedHashMap<>();
        for (String kv : result.substring("RESULT ".length()).split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && !kv.startsWith("name=")) {
                values.put(kv.substring(0, eq), Double.parseDouble(kv.substring(eq + 1)));
            }
        }
        return values;
    }

    private void runJmh(String... classes) {
        List<String> include = new ArrayList<>();
        for (String c : classes) {
            // classes with a backend parameter are left out when no backend is available: JMH would fail them
            if (backends.isEmpty() && !c.contains("Jdk")) {
                System.out.println("bench: " + c + " skipped: no jsyscall backend is available here");
                continue;
            }
            include.add(PKG + c + "\\.");
        }
        if (include.isEmpty()) {
            return;
        }
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .include(String.join("|", include))
                .forks(mode.forks)
                .warmupIterations(mode.warmups)
                .warmupTime(TimeValue.milliseconds(Math.max(mode.warmupMillis, 1)))
                .measurementIterations(mode.iterations)
                .measurementTime(TimeValue.milliseconds(mode.iterationMillis))
                // ffm's downcalls are restricted (JDK 22+); jnr's System.load warns without it on JDK 24+. A fixed
                // heap keeps the forks alike and leaves memory to the other jobs on a shared machine.
                .jvmArgsAppend("--enable-native-access=ALL-UNNAMED", "-Xms512m", "-Xmx512m")
                .shouldFailOnError(true);
        if (!backends.isEmpty()) {
            opts = opts.param("backend", backends.toArray(new String[0]));
        }
        Collection<RunResult> results;
        try {
            results = new Runner(opts.build()).run();
        } catch (RunnerException e) {
            failures.add("JMH " + String.join(", ", classes) + ": " + e.getMessage());
            System.out.println("bench: JMH failed for " + String.join(", ", classes) + ": " + e);
            return;
        }
        for (RunResult rr : results) {
            String bench = rr.getParams().getBenchmark().substring(PKG.length());
            String backend = rr.getParams().getParam("backend");
            String key = "jmh:" + bench + (backend == null ? "" : ":" + backend);
            Result<?> r = rr.getPrimaryResult();
            double scale = switch (r.getScoreUnit()) {
                case "ns/op", "ops/s" -> 1;
                case "us/op" -> 1e3;
                case "ms/op" -> 1e6;
                default -> throw new IllegalStateException("unexpected JMH unit " + r.getScoreUnit() + " of " + key);
            };
            boolean throughput = r.getScoreUnit().equals("ops/s");
            if (Double.isNaN(r.getScore())) {
                failures.add("JMH " + key + " produced no score");
                continue;
            }
            double best = throughput ? 0 : Double.POSITIVE_INFINITY;
            for (BenchmarkResult br : rr.getBenchmarkResults()) {
                for (IterationResult ir : br.getIterationResults()) {
                    double score = ir.getPrimaryResult().getScore();
                    best = throughput ? Math.max(best, score) : Math.min(best, score);
                }
            }
            figures.put(key, Figure.of(r.getScore() * scale, r.getScoreError() * scale, best * scale,
                    throughput ? "ops/s" : "ns/op", bench + (backend == null ? "" : " [" + backend + "]")));
            raw.add(String.format(Locale.ROOT, "%s%s: %.3f ± %s %s (best iteration %.3f)", bench,
                    backend == null ? "" : " [" + backend + "]", r.getScore(), Double.isNaN(r.getScoreError()) ? "n/a"
                            : String.format(Locale.ROOT, "%.3f", r.getScoreError()), r.getScoreUnit(), best));
        }
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

    List<String> backends() {
        return backends;
    }

    Map<String, Figure> figures() {
        return figures;
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

    static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }
}
