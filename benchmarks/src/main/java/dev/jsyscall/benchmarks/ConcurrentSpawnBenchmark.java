// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.benchmarks;

import dev.jsyscall.Kernel;
import dev.jsyscall.handle.LocalTask;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * (5) Eight spawns of {@code /bin/true} in flight, from eight threads sharing one kernel; the score is the total
 * spawns per second. Compared with {@link ConcurrentSpawnJdkBenchmark}.
 *
 * <pre>{@code
 * java -jar benchmarks/target/jsyscall-benchmarks.jar ConcurrentSpawnBenchmark -p backend=ffm
 * }</pre>
 *
 * @since 0.1
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(ConcurrentSpawnBenchmark.THREADS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ConcurrentSpawnBenchmark {
    /** Spawns in flight. */
    public static final int THREADS = 8;

    /** The backend under test. */
    @Param({"ffm", "jnr"})
    public String backend;

    private Kernel kernel;
    private LocalTask local;

    /** Opens the backend, shared by all threads. */
    @Setup
    public void open() {
        kernel = BenchKernels.open(backend);
        local = kernel.localTask();
    }

    /** Closes the backend. */
    @TearDown
    public void close() {
        kernel.close();
    }

    /** One spawn and wait per call, on each of the eight threads. */
    @Benchmark
    public int jsyscall() {
        return Spawns.jsyscall(local);
    }
}
