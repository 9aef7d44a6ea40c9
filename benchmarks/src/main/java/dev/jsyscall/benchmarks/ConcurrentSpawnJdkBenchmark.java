// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * (5) The baseline of {@link ConcurrentSpawnBenchmark}: eight {@code ProcessBuilder} spawns in flight.
 *
 * <pre>{@code
 * java -jar benchmarks/target/jsyscall-benchmarks.jar ConcurrentSpawnJdkBenchmark
 * }</pre>
 *
 * @since 0.1
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(ConcurrentSpawnBenchmark.THREADS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ConcurrentSpawnJdkBenchmark {
    /** One spawn and wait per call, on each of the eight threads, with inherited stdio as jsyscall's. */
    @Benchmark
    public int processBuilder() throws IOException, InterruptedException {
        return Spawns.processBuilderInheritIo();
    }
}
