// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.benchmarks;

import com.zaxxer.nuprocess.NuAbstractProcessHandler;
import com.zaxxer.nuprocess.NuProcess;
import com.zaxxer.nuprocess.NuProcessBuilder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * (3) The other JVM launchers a user might pick instead of jsyscall, spawning {@code /bin/true} and waiting for it
 * one at a time, as {@link SpawnBenchmark} does: NuProcess 3.0.0 ({@code start} + {@code waitFor}; it always gives
 * the child three pipes, served by its own processing thread) and jnr-posix 3.1.20's {@code posix_spawnp} +
 * {@code waitpid} (libc's spawn through jnr-ffi, no pipes: the same fds as a jsyscall child).
 *
 * <pre>{@code
 * java -jar benchmarks/target/jsyscall-benchmarks.jar PeerSpawnBenchmark
 * }</pre>
 *
 * @since 0.2
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class PeerSpawnBenchmark {
    private static final List<String> ARGV = List.of(Spawns.TRUE);

    private POSIX posix;
    private List<String> envp;

    /** Loads jnr-posix's native binding (never its pure-Java fallback, which cannot spawn) and the environment. */
    @Setup
    public void open() {
        posix = POSIXFactory.getNativePOSIX();
        envp = System.getenv().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /** NuProcess: a builder with a handler that ignores the child's output, start, waitFor. */
    @Benchmark
    public int nuProcess() throws InterruptedException {
        NuProcessBuilder b = new NuProcessBuilder(ARGV, Map.of());
        b.setProcessListener(new NuAbstractProcessHandler() { });
        NuProcess p = b.start();
        int status = p.waitFor(0, TimeUnit.SECONDS);
        if (status != 0) {
            throw new IllegalStateException(Spawns.TRUE + " should exit with status 0, but NuProcess gave " + status);
        }
        return status;
    }

    /** jnr-posix: {@code posix_spawnp} with the JVM's environment, then {@code waitpid}. */
    @Benchmark
    public int jnrPosixSpawnp() {
        long pid = posix.posix_spawnp(Spawns.TRUE, List.of(), ARGV, envp);
        if (pid <= 0) {
            throw new IllegalStateException("posix_spawnp(" + Spawns.TRUE + ") failed: errno " + posix.errno());
        }
        int[] status = new int[1];
        if (posix.waitpid(pid, status, 0) != pid || status[0] != 0) {
            throw new IllegalStateException(Spawns.TRUE + " should exit with status 0, but waitpid gave status "
                    + status[0] + " (errno " + posix.errno() + ")");
        }
        return (int) pid;
    }
}
