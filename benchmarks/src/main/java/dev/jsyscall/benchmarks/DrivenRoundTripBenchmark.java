// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.benchmarks;

import dev.jsyscall.Kernel;
import dev.jsyscall.handle.ChildTask;
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

/**
 * (2) One driven syscall round trip: {@code getpid} run inside a cloned child that serves syscalls
 * ({@code ChildTask.getpid()}: a 56-byte request down one pipe, an 8-byte reply up another). Compared with a C
 * pipe ping-pong between two processes with the same message sizes (benchmarks/src/main/c/pingpong.c).
 *
 * <pre>{@code
 * java -jar benchmarks/target/jsyscall-benchmarks.jar DrivenRoundTripBenchmark -p backend=jnr
 * }</pre>
 *
 * @since 0.1
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class DrivenRoundTripBenchmark {
    /** The backend under test. */
    @Param({"ffm", "jnr"})
    public String backend;

    private Kernel kernel;
    private ChildTask child;

    /** Opens the backend and clones one child that serves every iteration. */
    @Setup
    public void open() {
        kernel = BenchKernels.open(backend);
        child = kernel.localTask().cloneChild();
    }

    /** Ends the child's service (EOF), reaps it and closes the backend. */
    @TearDown
    public void close() {
        try {
            child.close();
            child.childProcess().waitForExit();
        } finally {
            kernel.close();
        }
    }

    /** {@code getpid} in the child. */
    @Benchmark
    public int getpid() {
        return child.getpid();
    }
}
