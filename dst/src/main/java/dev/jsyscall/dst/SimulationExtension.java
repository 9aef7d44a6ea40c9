// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.dst;

import dev.jsyscall.Kernel;
import dev.jsyscall.backend.fake.FakeKernel;
import dev.jsyscall.backend.fake.KernelFaults;
import dev.jsyscall.backend.fake.SchedulePolicy;
import dev.jsyscall.backend.fake.SimulatedThreads;
import dev.jsyscall.handle.LocalTask;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Runs a {@link Simulation}: one {@link TestTemplateInvocationContext} per seed (and per run of a seed with
 * {@code twice}), so every seed is a line of its own in IDEs and surefire reports and a failing one is named
 * there; then one for the {@linkplain Simulation#sometimes() sometimes} coverage. A test template, rather than a
 * loop inside one test, also gives each seed JUnit's own lifecycle (a fresh instance, its {@code @BeforeEach}).
 *
 * <p>Seeds run one after the other; the system property or configuration parameter {@code jsyscall.seed} runs
 * only that seed (what the printed replay line sets).
 *
 * @since 0.2
 */
public final class SimulationExtension implements TestTemplateInvocationContextProvider {
    /** The configuration parameter (or system property) that runs a single seed. */
    public static final String SEED_PROPERTY = "jsyscall.seed";
    /**
     * The configuration parameter (or system property) that forces exactly these fault firings, comma-separated
     * ({@code clone#3=EAGAIN,site:slow#1}; empty for none) instead of drawing them from the seed.
     *
     * @since 0.2
     */
    public static final String FAULTS_PROPERTY = "jsyscall.faults";
    /**
     * The configuration parameter (or system property) that replays a recorded schedule: the file a failure wrote
     * ({@code target/jsyscall-dst/...schedule}), decision by decision, instead of the scheduler's own choices.
     *
     * @since 0.2
     */
    public static final String SCHEDULE_PROPERTY = "jsyscall.schedule";
    /**
     * At most this many runs to shrink one failure's faults, and as many for its schedule: a bound on the time a
     * failing sweep takes.
     */
    private static final int SHRINK_RUNS = 64;
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SimulationExtension.class);
    private static final int TAIL = 40;

    /** Made by JUnit from {@link Simulation}'s {@code @ExtendWith}. */
    public SimulationExtension() {}

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(Simulation.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        Simulation sim = method.getAnnotation(Simulation.class);
        if (sim.seeds() < 1) {
            throw new IllegalArgumentException("@Simulation(seeds = " + sim.seeds() + ") on " + method.getName()
                    + ": seeds must be at least 1");
        }
        if (sim.pidMax() < 4) {
            throw new IllegalArgumentException("@Simulation(pidMax = " + sim.pidMax() + ") on " + method.getName()
                    + ": pidMax must be at least 4");
        }
        if (sim.pctDepth() < 1 || sim.pctSteps() < 1) {
            throw new IllegalArgumentException("@Simulation(pctDepth = " + sim.pctDepth() + ", pctSteps = "
                    + sim.pctSteps() + ") on " + method.getName() + ": pctDepth must be at least 1, pctSteps positive");
        }
        if (sim.timeLimitSeconds() < 0 || sim.livelockSteps() < 0) {
            throw new IllegalArgumentException("@Simulation(timeLimitSeconds = " + sim.timeLimitSeconds()
                    + ", livelockSteps = " + sim.livelockSteps() + ") on " + method.getName()
                    + ": both must be positive, or 0 (no time limit; the fake's default steps)");
        }
        Sweep sweep = new Sweep(context, sim);
        sweep.forcedFaults = context.getConfigurationParameter(FAULTS_PROPERTY)
                .map(SimulationExtension::parseFaults).orElse(null);
        sweep.schedule = context.getConfigurationParameter(SCHEDULE_PROPERTY)
                .map(SimulationExtension::readSchedule).orElse(null);
        Optional<String> one = context.getConfigurationParameter(SEED_PROPERTY);
        Sometimes.reset();
        int runs = sim.twice() ? 2 : 1;
        if (one.isPresent()) {
            long seed;
            try {
                seed = Long.parseLong(one.get().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + SEED_PROPERTY + " must be a number: " + one.get(), e);
            }
            return LongStream.rangeClosed(1, runs).mapToObj(a -> new Run(sweep, seed, (int) a));
        }
        Stream<TestTemplateInvocationContext> seeds = LongStream.range(0, sim.seeds())
                .boxed()
                .flatMap(i -> LongStream.rangeClosed(1, runs)
                        .mapToObj(a -> new Run(sweep, sim.firstSeed() + i, (int) a)));
        return sim.sometimes().length == 0 ? seeds : Stream.concat(seeds, Stream.of(new Coverage(sweep)));
    }

    /** What all the runs of one {@code @Simulation} method share. */
    private static final class Sweep {
        final Simulation sim;
        final String className;
        final String methodName;
        Long failedSeed;
        List<String> forcedFaults;
        /** The file of a replayed schedule and the policy read from it, or null. */
        Map.Entry<Path, SchedulePolicy> schedule;
        List<TraceLine> firstRun;
        int ran;

        Sweep(ExtensionContext context, Simulation sim) {
            this.sim = sim;
            this.className = context.getRequiredTestClass().getName();
            this.methodName = context.getRequiredTestMethod().getName();
        }

        String configuration(long seed) {
            String faults = forcedFaults != null ? " faults=forced" + forcedFaults
                    : sim.faults().length > 0 ? " faults=swarm" + Arrays.toString(sim.faults()) : "";
            String scheduler = schedule != null ? " schedule=" + schedule.getKey()
                    : sim.scheduler() == SchedulerKind.PCT ? " scheduler=PCT pctDepth=" + sim.pctDepth()
                    + " pctSteps=" + sim.pctSteps() : "";
            return "seed=" + seed + " pidMax=" + sim.pidMax() + " maxPreemptSteps=" + sim.maxPreemptSteps()
                    + scheduler + faults
                    + (sim.timeLimitSeconds() > 0 ? " timeLimitSeconds=" + sim.timeLimitSeconds() : "")
                    + (sim.livelockSteps() > 0 ? " livelockSteps=" + sim.livelockSteps() : "")
                    + (sim.twice() ? " twice" : "") + " (@Simulation on " + simpleName() + "#" + methodName + ")";
        }

        /** The run's faults: forced by the replay property, drawn from the seed, or none. */
        KernelFaults faults(long seed) {
            if (forcedFaults != null) {
                return KernelFaults.forced(forcedFaults);
            }
            if (sim.faults().length == 0) {
                return null;
            }
            return KernelFaults.swarm(seed, EnumSet.copyOf(Arrays.asList(sim.faults())));
        }

        String simpleName() {
            int dot = className.lastIndexOf('.');
            return className.substring(dot + 1);
        }

        /** The Maven command that runs only this seed: the module is where the tests run from, under mvnw. */
        String replay(long seed) {
            return replay(seed, forcedFaults, schedule == null ? null : schedule.getKey());
        }

        /** As {@link #replay(long)}, forcing exactly {@code faults} and replaying {@code scheduleFile} when set. */
        String replay(long seed, List<String> faults, Path scheduleFile) {
            Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
            Path root = here;
            while (root != null && !Files.isRegularFile(root.resolve("mvnw"))) {
                root = root.getParent();
            }
            String test = "-Dtest='" + simpleName() + "#" + methodName + "' -D" + SEED_PROPERTY + "=" + seed
                    + (faults == null ? "" : " '-D" + FAULTS_PROPERTY + "=" + String.join(",", faults) + "'")
                    + (scheduleFile == null ? "" : " '-D" + SCHEDULE_PROPERTY + "=" + scheduleFile + "'");
            if (root == null) {
                return "mvn test " + test + " -Dsurefire.failIfNoSpecifiedTests=false";
            }
            String module = root.relativize(here).toString();
            return "cd " + root + " && ./mvnw -q " + (module.isEmpty() ? "" : "-pl " + module + " -am ") + "test "
                    + test + " -Dsurefire.failIfNoSpecifiedTests=false";
        }
    }

    /** One run of one seed: its kernel, the parameters, the failure report and the twice check. */
    private static final class Run implements TestTemplateInvocationContext {
        private final Sweep sweep;
        private final long seed;
        private final int attempt;

        Run(Sweep sweep, long seed, int attempt) {
            this.sweep = sweep;
            this.seed = seed;
            this.attempt = attempt;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return "seed " + seed + (sweep.sim.twice() ? ", run " + attempt : "");
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new RunExtension(sweep, seed, attempt));
        }
    }

    private static final class RunExtension implements BeforeTestExecutionCallback, ParameterResolver,
            TestExecutionExceptionHandler, AfterTestExecutionCallback {
        private final Sweep sweep;
        private final long seed;
        private final int attempt;

        RunExtension(Sweep sweep, long seed, int attempt) {
            this.sweep = sweep;
            this.seed = seed;
            this.attempt = attempt;
        }

        private State state(ExtensionContext context) {
            return context.getStore(NS).getOrComputeIfAbsent(State.class,
                    k -> new State(sweep, seed, attempt, sweep.faults(seed), null), State.class);
        }

        @Override
        public void beforeTestExecution(ExtensionContext context) {
            if (sweep.failedSeed != null && !sweep.sim.keepGoing() && sweep.failedSeed != seed) {
                State s = context.getStore(NS).get(State.class, State.class);
                if (s != null) {
                    s.close();
                }
                Assumptions.abort("seed " + sweep.failedSeed + " failed: replay it first (or set"
                        + " @Simulation(keepGoing = true) to run the other seeds too)");
            }
            sweep.ran++;
        }

        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext context) {
            Class<?> t = p.getParameter().getType();
            return t == FakeKernel.class || t == Kernel.class || t == LocalTask.class || t == SimulationRun.class
                    || t == SimulatedThreads.class || t == ThreadFactory.class || t == ExecutorService.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext context) {
            return state(context).argument(p.getParameter().getType());
        }

        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
            if (thrown instanceof org.opentest4j.TestAbortedException) {
                throw thrown;
            }
            State s = state(context);
            // the kernel is still as the failing assertion left it: this is the snapshot the reader needs
            String table = s.fake.dump();
            List<TraceLine> lines = s.trace.lines();
            s.trace.addProcessTable(s.fake.monotonicNanos(), table);
            Path jsonl = Path.of("target", "jsyscall-dst",
                    sweep.simpleName() + "." + sweep.methodName + "-seed-" + seed + ".jsonl");
            String saved;
            try {
                s.trace.writeJsonLines(jsonl);
                saved = "full trace (JSON Lines): " + jsonl.toAbsolutePath();
            } catch (RuntimeException e) {
                saved = "the full trace could not be saved: " + e;
            }
            Path scheduleFile = jsonl.resolveSibling(
                    sweep.simpleName() + "." + sweep.methodName + "-seed-" + seed + ".schedule");
            String scheduleSaved;
            try {
                Files.createDirectories(scheduleFile.toAbsolutePath().getParent());
                Files.writeString(scheduleFile, s.fake.schedule() + "\n");
                scheduleSaved = sweep.replay(seed, sweep.forcedFaults, scheduleFile.toAbsolutePath());
            } catch (java.io.IOException | RuntimeException e) {
                scheduleSaved = "the schedule could not be saved: " + e;
            }
            if (sweep.failedSeed == null) {
                sweep.failedSeed = seed;
            }
            StringBuilder sb = new StringBuilder();
            sb.append("simulation failed at seed ").append(seed).append(": ").append(thrown).append('\n');
            sb.append("  configuration: ").append(sweep.configuration(seed)).append('\n');
            sb.append("  replay: ").append(sweep.replay(seed)).append('\n');
            sb.append("  replay this schedule: ").append(scheduleSaved).append('\n');
            sb.append("  trace (last ").append(Math.min(TAIL, lines.size())).append(" of ").append(lines.size())
                    .append(" lines; ").append(saved).append("):\n");
            for (TraceLine l : lines.subList(Math.max(0, lines.size() - TAIL), lines.size())) {
                sb.append("    ").append(l).append('\n');
            }
            sb.append("  process table at the failure:\n");
            for (String row : table.split("\n")) {
                sb.append("    ").append(row).append('\n');
            }
            boolean first = sweep.failedSeed == seed;
            List<String> deviations = s.fake.scheduleDeviations();
            List<String> faults = null;
            boolean rerecord = false;
            if (s.faults != null) {
                List<String> fired = s.faults.fired();
                sb.append("  faults: ").append(s.faults).append("; fired ").append(fired.size()).append(": ")
                        .append(fired).append('\n');
                s.close();
                faults = shrink(context, s, fired, thrown, sb);
                rerecord = !faults.equals(fired);
            }
            s.close();
            if (first) {
                // once per sweep: with keepGoing, every failing seed would pay up to SHRINK_RUNS more runs
                shrinkSchedule(context, faults, rerecord, deviations, thrown, scheduleFile, sb);
            }
            AssertionError report = new AssertionError(sb.toString(), thrown);
            throw report;
        }

        /**
         * Delta debugging (Zeller's ddmin) over the firings: replays the method with subsets forced and keeps the
         * smallest that still fails with the same exception type, so a reader sees only the faults that matter.
         * The method runs again on the same test instance, without its {@code @BeforeEach}.
         */
        private List<String> shrink(ExtensionContext context, State failed, List<String> fired, Throwable thrown,
                StringBuilder sb) {
            int[] runs = {0};
            Predicate<List<String>> fails = subset -> {
                runs[0]++;
                return failsAgain(context, new State(sweep, seed, attempt, KernelFaults.forced(subset), null),
                        thrown);
            };
            List<String> min = ddmin(fired, fails, runs);
            boolean exact = runs[0] <= SHRINK_RUNS;
            sb.append("  shrunk to ").append(min.size()).append(" of ").append(fired.size()).append(" firings in ")
                    .append(runs[0]).append(" replays").append(exact ? "" : " (stopped at the replay limit)")
                    .append(": ").append(min).append('\n');
            sb.append("  minimal replay: ").append(sweep.replay(seed, min, null)).append('\n');
            return min;
        }

        /**
         * Runs the method again in {@code s} (closed after) and says whether it fails with {@code thrown}'s type.
         * The method runs on the same test instance, without its {@code @BeforeEach}.
         */
        private boolean failsAgain(ExtensionContext context, State s, Throwable thrown) {
            Method m = context.getRequiredTestMethod();
            try {
                Object[] args = new Object[m.getParameterCount()];
                Parameter[] ps = m.getParameters();
                for (int i = 0; i < args.length; i++) {
                    args[i] = s.argument(ps[i].getType());
                }
                m.setAccessible(true);
                m.invoke(context.getRequiredTestInstance(), args);
                return false;
            } catch (InvocationTargetException e) {
                return e.getCause() != null && e.getCause().getClass() == thrown.getClass();
            } catch (ReflectiveOperationException | RuntimeException e) {
                return false;
            } finally {
                s.close();
            }
        }

        /**
         * After the faults, the schedule: ddmin over the run's deviations from the default order (see
         * {@code SchedulePolicy.deviations}), each subset replayed with the shrunk faults, then the smallest
         * failing one run once more to record its full schedule, which {@code -Djsyscall.schedule} replays.
         */
        private void shrinkSchedule(ExtensionContext context, List<String> faults, boolean rerecord,
                List<String> recorded, Throwable thrown, Path scheduleFile, StringBuilder sb) {
            List<String> deviations = recorded;
            if (rerecord) {
                // fewer faults make another interleaving: take the deviations of the run with only those
                State again = new State(sweep, seed, attempt, KernelFaults.forced(faults), null);
                java.util.concurrent.atomic.AtomicReference<List<String>> seen =
                        new java.util.concurrent.atomic.AtomicReference<>();
                if (!failsAgain(context, again.onClose(() -> seen.set(again.fake.scheduleDeviations())), thrown)) {
                    sb.append("  schedule not shrunk: the run with the shrunk faults did not fail again\n");
                    return;
                }
                deviations = seen.get();
            }
            int[] runs = {0};
            Predicate<List<String>> fails = subset -> {
                runs[0]++;
                return failsAgain(context, new State(sweep, seed, attempt, faults == null ? null
                        : KernelFaults.forced(faults), SchedulePolicy.deviations(subset)), thrown);
            };
            List<String> min = ddmin(deviations, fails, runs);
            State last = new State(sweep, seed, attempt, faults == null ? null : KernelFaults.forced(faults),
                    SchedulePolicy.deviations(min));
            String[] full = new String[1];
            if (!failsAgain(context, last.onClose(() -> full[0] = last.fake.schedule()), thrown)) {
                sb.append("  schedule not shrunk: its ").append(deviations.size())
                        .append(" deviations from the default order replayed did not fail the same way\n");
                return;
            }
            Path file = scheduleFile.resolveSibling(scheduleFile.getFileName().toString()
                    .replace(".schedule", ".min.schedule")).toAbsolutePath();
            String replay;
            try {
                Files.writeString(file, full[0] + "\n");
                replay = sweep.replay(seed, faults, file);
            } catch (java.io.IOException e) {
                replay = "the minimal schedule could not be saved: " + e;
            }
            sb.append("  schedule shrunk to ").append(min.size()).append(" of ").append(deviations.size())
                    .append(" deviations from the default order in ").append(runs[0]).append(" replays")
                    .append(runs[0] <= SHRINK_RUNS ? "" : " (stopped at the replay limit)").append(": ").append(min)
                    .append('\n');
            sb.append("  minimal replay with its schedule: ").append(replay).append('\n');
        }

        @Override
        public void afterTestExecution(ExtensionContext context) {
            State s = context.getStore(NS).get(State.class, State.class);
            if (s == null) {
                return; // the method took no simulation parameter: no kernel was made
            }
            s.close();
            if (!sweep.sim.twice() || context.getExecutionException().isPresent()) {
                return;
            }
            List<TraceLine> lines = s.trace.lines();
            if (attempt == 1) {
                sweep.firstRun = lines;
                return;
            }
            List<TraceLine> first = sweep.firstRun;
            sweep.firstRun = null;
            if (first == null) {
                return;
            }
            String divergence = SimulationTrace.firstDivergence(first, lines);
            if (divergence != null) {
                if (sweep.failedSeed == null) {
                    sweep.failedSeed = seed;
                }
                throw new AssertionError("seed " + seed + " ran differently twice, so it cannot be replayed; "
                        + divergence + "\n  configuration: " + sweep.configuration(seed) + "\n  replay: "
                        + sweep.replay(seed));
            }
        }
    }

    /**
     * ddmin: the smallest subset of {@code all} (1-minimal: no single firing can be dropped) for which
     * {@code fails} holds, trying no subset once {@code runs} passes {@link #SHRINK_RUNS}.
     */
    static List<String> ddmin(List<String> all, Predicate<List<String>> fails, int[] runs) {
        if (runs[0] < SHRINK_RUNS && fails.test(List.of())) {
            return List.of(); // the failure needs no fault at all
        }
        List<String> c = all;
        int n = 2;
        while (c.size() >= 2 && runs[0] < SHRINK_RUNS) {
            List<List<String>> parts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                parts.add(c.subList(i * c.size() / n, (i + 1) * c.size() / n));
            }
            List<String> next = null;
            for (List<String> part : parts) {
                if (runs[0] < SHRINK_RUNS && fails.test(part)) {
                    next = part;
                    break;
                }
            }
            if (next != null) {
                c = List.copyOf(next);
                n = 2;
                continue;
            }
            for (List<String> part : parts) {
                List<String> rest = new ArrayList<>(c);
                rest.removeAll(part);
                if (n > 2 && runs[0] < SHRINK_RUNS && fails.test(rest)) {
                    next = rest;
                    break;
                }
            }
            if (next != null) {
                c = List.copyOf(next);
                n = Math.max(n - 1, 2);
            } else if (n >= c.size()) {
                break;
            } else {
                n = Math.min(2 * n, c.size());
            }
        }
        return c;
    }

    /** The kernel of one run, closed when the run ends. */
    private static final class State {
        final SimulationTrace trace = new SimulationTrace();
        final FakeKernel fake;
        final Kernel kernel;
        final SimulationRun run;
        final KernelFaults faults;
        private boolean closed;
        private Runnable beforeClose;
        /** The run's executor of {@code fake.threads()}, made when a parameter asks for it. */
        private ExecutorService executor;

        /** @param policy the schedule, or null for the sweep's */
        State(Sweep sweep, long seed, int attempt, KernelFaults faults, SchedulePolicy policy) {
            FakeKernel.Builder b = FakeKernel.builder()
                    .seed(seed)
                    .pidMax(sweep.sim.pidMax())
                    .maxPreemptSteps(sweep.sim.maxPreemptSteps())
                    .traceListener(trace.listener());
            if (policy != null) {
                b.schedule(policy);
            } else if (sweep.schedule != null) {
                b.schedule(sweep.schedule.getValue());
            } else if (sweep.sim.scheduler() == SchedulerKind.PCT) {
                b.schedule(SchedulePolicy.pct(sweep.sim.pctDepth(), sweep.sim.pctSteps()));
            }
            if (sweep.sim.timeLimitSeconds() > 0) {
                b.timeLimit(java.time.Duration.ofSeconds(sweep.sim.timeLimitSeconds()));
            }
            if (sweep.sim.livelockSteps() > 0) {
                b.livelockSteps(sweep.sim.livelockSteps());
            }
            if (sweep.sim.strict()) {
                b.failOnNondeterminism();
            }
            this.fake = b.build();
            this.faults = faults;
            if (faults != null) {
                fake.setFaults(faults);
            }
            this.kernel = Kernel.open(fake);
            this.run = new SimulationRun(seed, attempt, fake, trace);
        }

        Object argument(Class<?> t) {
            if (t == SimulatedThreads.class || t == ThreadFactory.class) {
                return fake.threads();
            }
            if (t == ExecutorService.class) {
                if (executor == null) {
                    executor = fake.threads().newExecutor();
                }
                return executor;
            }
            return t == FakeKernel.class ? fake : t == Kernel.class ? kernel
                    : t == LocalTask.class ? kernel.localTask() : run;
        }

        /** Runs {@code r} just before the kernel closes (to read its schedule as the run left it). */
        State onClose(Runnable r) {
            beforeClose = r;
            return this;
        }

        void close() {
            if (!closed) {
                closed = true;
                if (beforeClose != null) {
                    beforeClose.run();
                }
                if (executor != null) {
                    // tasks still running meet the closed kernel; the next run gets an executor of its own
                    executor.shutdown();
                }
                kernel.close();
            }
        }
    }

    private static Map.Entry<Path, SchedulePolicy> readSchedule(String value) {
        Path file = Path.of(value.trim()).toAbsolutePath();
        try {
            return Map.entry(file, SchedulePolicy.replay(Files.readString(file)));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("-D" + SCHEDULE_PROPERTY + "=" + value + ": cannot read " + file
                    + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + SCHEDULE_PROPERTY + "=" + value + ": " + e.getMessage(), e);
        }
    }

    private static List<String> parseFaults(String value) {
        List<String> out = new ArrayList<>();
        for (String t : value.split(",")) {
            if (!t.isBlank()) {
                out.add(t.trim());
            }
        }
        try {
            KernelFaults.forced(out); // refuses a malformed or un-Linux-like firing now, before any run
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + FAULTS_PROPERTY + "=" + value + ": " + e.getMessage(), e);
        }
        return List.copyOf(out);
    }

    /** The last invocation: did the sweep reach every condition it must reach sometimes? */
    private static final class Coverage implements TestTemplateInvocationContext {
        private final Sweep sweep;

        Coverage(Sweep sweep) {
            this.sweep = sweep;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return "sometimes: " + String.join(", ", sweep.sim.sometimes());
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new CoverageCheck(sweep));
        }
    }

    private static final class CoverageCheck implements InvocationInterceptor, ParameterResolver {
        private final Sweep sweep;

        CoverageCheck(Sweep sweep) {
            this.sweep = sweep;
        }

        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext context) {
            return true;
        }

        /** The method is not called for this invocation: its parameters only need a placeholder. */
        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext context) {
            Class<?> t = p.getParameter().getType();
            return t.isPrimitive() ? (t == boolean.class ? (Object) false : (Object) 0) : null;
        }

        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation,
                ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) {
            invocation.skip();
            Map<String, Long> counts = Sometimes.counts();
            List<String> missing = new ArrayList<>();
            for (String name : sweep.sim.sometimes()) {
                if (!counts.containsKey(name)) {
                    missing.add(name);
                }
            }
            if (sweep.failedSeed != null) {
                Assumptions.abort("seed " + sweep.failedSeed + " failed, so the coverage of " + counts
                        + " is not checked");
            }
            if (!missing.isEmpty()) {
                throw new AssertionError("in " + sweep.ran + " runs, never happened: " + missing + " (hits: "
                        + counts + "); more seeds, a smaller pidMax or other settings may reach them");
            }
        }
    }
}
