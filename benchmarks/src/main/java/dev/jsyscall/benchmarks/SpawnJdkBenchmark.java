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

/**
 * (3) The JDK's way to spawn {@code /bin/true} and wait for it, the baseline of {@link SpawnBenchmark}.
 *
 * <pre>{@code
 * java -jar benchmarks/target/jsyscall-benchmarks.jar SpawnJdkBenchmark
 * }</pre>
 *
 * @since 0.1
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SpawnJdkBenchmark {
    /** Same fds as a jsyscall child: the headline baseline. */
    @Benchmark
    public int processBuilderInheritIo() throws IOException, InterruptedException {
        return Spawns.processBuilderInheritIo();
    }

    /** The default: three pipes. */
    @Benchmark
    public int processBuilderPipes() throws IOException, InterruptedException {
        return Spawns.processBuilderPipes();
    }
}
