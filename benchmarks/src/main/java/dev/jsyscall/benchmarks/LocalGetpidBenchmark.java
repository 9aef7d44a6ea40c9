// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.benchmarks;

import dev.jsyscall.Kernel;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.spi.SyscallInterface;
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
 * (1) {@code getpid} in the JVM's own process, through the backend's local syscall interface ({@code raw}: the
 * blob's raw-syscall stub) and through the typed wrapper ({@code typed}: {@code Task.getpid()}, which adds the
 * errno check). Compared with C's {@code syscall(SYS_getpid)} (benchmarks/src/main/c/getpid.c).
 *
 * <pre>{@code
 * java -jar benchmarks/target/jsyscall-benchmarks.jar LocalGetpidBenchmark -p backend=ffm
 * }</pre>
 *
 * @since 0.1
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class LocalGetpidBenchmark {
    /** The backend under test. */
    @Param({"ffm", "jnr"})
    public String backend;

    private Kernel kernel;
    private SyscallInterface sysif;
    private LocalTask task;
    private int getpidNr;

    /** Opens the backend. */
    @Setup
    public void open() {
        kernel = BenchKernels.open(backend);
        sysif = kernel.backend().localSyscalls();
        task = kernel.localTask();
        getpidNr = Syscall.GETPID.number(kernel.backend().arch());
    }

    /** Closes the backend. */
    @TearDown
    public void close() {
        kernel.close();
    }

    /** The raw syscall: what C's {@code syscall(SYS_getpid)} does. */
    @Benchmark
    public long raw() {
        return sysif.syscall(getpidNr, 0, 0, 0, 0, 0, 0);
    }

    /** The typed wrapper users call. */
    @Benchmark
    public int typed() {
        return task.getpid();
    }
}
