// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.benchmarks;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Spawn;
import dev.jsyscall.backend.fake.FakeKernel;
import dev.jsyscall.handle.LocalTask;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * (7) Deterministic simulation speed on the fake kernel, as a simulation test uses it: a clone+exec+wait lifecycle
 * through {@code Spawn} ({@code lifecycle}, a simulated {@code /bin/true}), and sleep-heavy work
 * ({@code sleepHeavy}: a simulated program that sleeps {@value #NAPS} × 1 s of virtual time, spawned and waited
 * for), whose sim-to-wall ratio is {@value #NAPS} s divided by its time per operation. A trace listener is on,
 * as under {@code @Simulation}, so handing every record out is in the figures (decoding it is the harness's cost).
 *
 * <pre>{@code
 * java -jar benchmarks/target/jsyscall-benchmarks.jar SimulationBenchmark
 * }</pre>
 *
 * @since 0.2
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class SimulationBenchmark {
    /** Virtual seconds slept by one {@code sleepHeavy} operation. */
    public static final int NAPS = 10;

    private FakeKernel fake;
    private Kernel kernel;
    private LocalTask local;
    private Spawn bare;
    private Spawn napper;
    private long decoded;

    /** Opens a fake kernel with a trace listener, as {@code @Simulation} does, and the sleeping program. */
    @Setup
    public void open() {
        fake = FakeKernel.builder().seed(1).traceListener(e -> decoded += e.isSyscall() ? e.arg(0) : 0)
                .program("/bin/napper", ctx -> {
                    for (int i = 0; i < NAPS; i++) {
                        ctx.sleep(Duration.ofSeconds(1));
                    }
                    return 0;
                }).build();
        kernel = Kernel.open(fake);
        local = kernel.localTask();
        bare = Spawn.of(Command.of("/bin/true")).keepInheritedFds();
        napper = Spawn.of(Command.of("/bin/napper")).keepInheritedFds();
    }

    /** Closes the kernel. */
    @TearDown
    public void close() {
        kernel.close();
    }

    /** One clone+exec+wait of the simulated {@code /bin/true}. */
    @Benchmark
    public int lifecycle() {
        return bare.run(local).status();
    }

    /** A lifecycle whose program sleeps {@link #NAPS} virtual seconds: virtual time jumps to each wake-up. */
    @Benchmark
    public int sleepHeavy() {
        return napper.run(local).status();
    }
}
