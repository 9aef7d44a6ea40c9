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
 * <p>Each group runs its C baselines before, between and after its JMH runs, so that both sides of a ratio see
 * the same machine (on a shared 2-core box the load drifts within minutes).
 *
 * @since 0.1
 */
public final class RunAll {
    static final List<String> BACKENDS = List.of("ffm", "jnr");
    private static final String PKG = "dev.jsyscall.benchmarks.";

    /** How long each part runs. */
    enum Mode {
        DRY_RUN("dry-run", 1, 0, 0, 1, 100, 0.05, 1, 0),
        QUICK("quick", 1, 3, 1000, 8, 1000, 1.0, 2, 1),
        FULL("full", 3, 5, 2000, 10, 2000, 2.0, 3, 1);

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
            return String.format(Locale.ROOT, "%s: JMH %d fork(s), %d×%d ms warm-up, %d×%d ms measurement, one JMH"
                    + " run per benchmark and backend; C: %d rounds of %.2f s before the group's first JMH run, between"
                    + " any two and after the last (%d warm-up round first)", name, forks, warmups, warmupMillis,
                    iterations, iterationMillis, cRounds, cSeconds, cWarmups);
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
        group("local getpid", List.<String[]>of(new String[] {"getpid"}),
                "LocalGetpidBenchmark.raw", "LocalGetpidBenchmark.typed");
        group("driven round trip", List.<String[]>of(new String[] {"pingpong"}), "DrivenRoundTripBenchmark.getpid");
        group("spawn", List.of(new String[] {"spawn", "posix_spawn"}, new String[] {"spawn", "vfork"}),
                "SpawnBenchmark.bare", "SpawnJdkBenchmark.processBuilderInheritIo", "SpawnBenchmark.cloneOnly",
                "SpawnBenchmark.tenSetupOps", "SpawnJdkBenchmark.processBuilderPipes");
        group("8 spawns in flight", List.of(), "ConcurrentSpawnBenchmark.jsyscall",
                "ConcurrentSpawnJdkBenchmark.processBuilder");
        loadEnd = loadAverage();
    }

    /**
     * Runs each benchmark (once per available backend if it takes one) in its own JMH run, with a slot of every C
     * baseline before the first, between any two and after the last: the C rounds are spread over the same minutes
     * as the JMH iterations they are compared with.
     */
    private void group(String name, List<String[]> baselines, String... benchmarks)
            throws IOException, InterruptedException {
        System.out.println("bench: === " + name + " ===");
        List<List<Map<String, Double>>> slots = new ArrayList<>();
        for (int i = 0; i < baselines.size(); i++) {
            slots.add(new ArrayList<>());
        }
        cSlot(baselines, slots, true);
        for (String benchmark : benchmarks) {
            // JDK baselines take no backend; jsyscall's run once per available backend
            boolean perBackend = !benchmark.contains("Jdk");
            if (perBackend && backends.isEmpty()) {
                System.out.println("bench: " + benchmark + " skipped: no jsyscall backend is available here");
                continue;
            }
            for (String backend : perBackend ? backends : Collections.<String>singletonList(null)) {
                runJmh(benchmark, backend);
                cSlot(baselines, slots, false);
            }
        }
        for (int i = 0; i < baselines.size(); i++) {
            List<Map<String, Double>> runs = slots.get(i);
            String cName = baselines.get(i)[baselines.get(i).length - 1];
            if (runs.isEmpty() || runs.contains(null)) {
                continue;
            }
            double sum = 0;
            double low = Double.POSITIVE_INFINITY;
            double high = 0;
            double best = Double.POSITIVE_INFINITY;
            for (Map<String, Double> r : runs) {
                double x = r.get("ns_per_op");
                sum += x;
                low = Math.min(low, x);
                high = Math.max(high, x);
                best = Math.min(best, r.get("min_round"));
            }
            figures.put("c:" + cName, new Figure(sum / runs.size(), low, high, best, "ns/op", "C " + cName));
        }
    }

    private void cSlot(List<String[]> baselines, List<List<Map<String, Double>>> slots, boolean first)
            throws IOException, InterruptedException {
        for (int i = 0; i < baselines.size(); i++) {
            slots.get(i).add(runC(baselines.get(i), first ? mode.cWarmups : 0));
        }
    }

    /** Runs one C baseline; null (and a recorded failure) if it did not print its RESULT line. */
    private Map<String, Double> runC(String[] nameAndArgs, int warmups) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(cBin.resolve(nameAndArgs[0]).toString());
        for (int i = 1; i < nameAndArgs.length; i++) {
            cmd.add(nameAndArgs[i]);
        }
        cmd.add(String.format(Locale.ROOT, "%.3f", mode.cSeconds));
        cmd.add(Integer.toString(mode.cRounds));
        cmd.add(Integer.toString(warmups));
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

    private void runJmh(String benchmark, String backend) {
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .include(PKG + benchmark.replace(".", "\\.") + "$")
                .forks(mode.forks)
                .warmupIterations(mode.warmups)
                .warmupTime(TimeValue.milliseconds(Math.max(mode.warmupMillis, 1)))
                .measurementIterations(mode.iterations)
                .measurementTime(TimeValue.milliseconds(mode.iterationMillis))
                // ffm's downcalls are restricted (JDK 22+); jnr's System.load warns without it on JDK 24+. A fixed
                // heap keeps the forks alike and leaves memory to the other jobs on a shared machine. jvmArgs, not
                // the append: the forks then do not also inherit this runner's own flags.
                .jvmArgs("--enable-native-access=ALL-UNNAMED", "-Xms512m", "-Xmx512m")
                .shouldFailOnError(true);
        if (backend != null) {
            opts = opts.param("backend", backend);
        }
        String what = benchmark + (backend == null ? "" : " [" + backend + "]");
        Collection<RunResult> results;
        try {
            results = new Runner(opts.build()).run();
        } catch (RunnerException e) {
            failures.add("JMH " + what + ": " + e.getMessage());
            System.out.println("bench: JMH failed for " + what + ": " + e);
            return;
        }
        if (results.isEmpty()) {
            failures.add("JMH " + what + ": no such benchmark ran");
            return;
        }
        for (RunResult rr : results) {
            String bench = rr.getParams().getBenchmark().substring(PKG.length());
            String param = rr.getParams().getParam("backend");
            String key = "jmh:" + bench + (param == null ? "" : ":" + param);
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
                    throughput ? "ops/s" : "ns/op", bench + (param == null ? "" : " [" + param + "]")));
            raw.add(String.format(Locale.ROOT, "%s%s: %.3f ± %s %s (best iteration %.3f)", bench,
                    param == null ? "" : " [" + param + "]", r.getScore(), Double.isNaN(r.getScoreError()) ? "n/a"
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
