// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.benchmarks;

import dev.jsyscall.Kernel;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.Pipe;
import dev.jsyscall.handle.SetupBatch;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.resource.Resource;
import dev.jsyscall.linux.resource.Rlimit;
import dev.jsyscall.linux.signal.SigSet;
import dev.jsyscall.linux.signal.SigprocmaskHow;
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
 * (3) and (4): spawn {@code /bin/true} and wait for it through jsyscall, bare ({@code bare}: cloneChildOnThisThread
 * + exec + waitForExit) and with ten set-up operations driven in the child before exec ({@code tenSetupOps}).
 * {@code cloneOnly} (clone a driven child, end its service, reap it) splits the cost of a spawn between cloning and
 * exec, and {@code setupOnly} (the same with the ten operations) gives the operations' own cost. Compared with
 * {@link SpawnJdkBenchmark} and C's posix_spawn and vfork (benchmarks/src/main/c/spawn.c).
 *
 * <pre>{@code
 * java -jar benchmarks/target/jsyscall-benchmarks.jar 'SpawnBenchmark.bare' -p backend=ffm
 * }</pre>
 *
 * @since 0.1
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SpawnBenchmark {
    /** The backend under test. */
    @Param({"ffm", "jnr"})
    public String backend;

    private Kernel kernel;
    private LocalTask local;
    /** Stands in for the files a user maps onto the child's 0, 1 and 2. */
    private Pipe stdio;
    private int nice;
    private Rlimit nofile;
    private Rlimit core;
    private Spawn spawnBare;
    private Spawn spawnTenOps;

    /** Opens the backend and reads the values the set-up operations set again (so they change nothing). */
    @Setup
    public void open() {
        kernel = BenchKernels.open(backend);
        local = kernel.localTask();
        stdio = local.pipe2(Fcntl.O_CLOEXEC);
        nice = local.makeProcess(local.pid().id()).getpriority();
        nofile = local.prlimit(Resource.RLIMIT_NOFILE, null);
        core = local.prlimit(Resource.RLIMIT_CORE, null);
        // the Spawn API closes inherited fds by default (close_range): the bare spawn opts out, so that the ten
        // operations are the difference
        spawnBare = Spawn.of(Spawns.COMMAND).keepInheritedFds();
        spawnTenOps = Spawn.of(Spawns.COMMAND)
                .cwd("/tmp")
                .stdin(Redirect.fd(stdio.read()))
                .stdout(Redirect.fd(stdio.write()))
                .stderr(Redirect.fd(stdio.write()))
                .setsid()
                .nice(nice)
                .rlimit(Resource.RLIMIT_NOFILE, nofile)
                .rlimit(Resource.RLIMIT_CORE, core)
                .signalMask(SigSet.EMPTY);
    }

    /** Closes the pipe and the backend. */
    @TearDown
    public void close() {
        try {
            stdio.close();
        } finally {
            kernel.close();
        }
    }

    /** cloneChildOnThisThread + exec + waitForExit. */
    @Benchmark
    public int bare() {
        return Spawns.jsyscall(local);
    }

    /**
     * The same spawn with the ten set-up operations of issue 6, each one syscall in the child: cwd, three fd
     * mappings, setsid, nice, two rlimits, sigmask, close_range, queued on a {@link SetupBatch} and sent with the
     * execve, so the child gets them all in one write. The sigmask stays all-blocked (exec sets the program's mask
     * itself), and nice and the rlimits are set to the JVM's own values.
     */
    @Benchmark
    public int tenSetupOps() {
        try (ChildTask child = local.cloneChildOnThisThread(0)) {
            return Spawns.check(tenOps(child.batch(), child).exec(Spawns.COMMAND).waitForExit());
        }
    }

    private SetupBatch tenOps(SetupBatch batch, ChildTask child) {
        return batch.chdir("/tmp")                                             // 1
                .dup3(stdio.read().inheritedBy(child), 0, 0)                   // 2
                .dup3(stdio.write().inheritedBy(child), 1, 0)                  // 3
                .dup3(stdio.write().inheritedBy(child), 2, 0)                  // 4
                .setsid()                                                      // 5
                .nice(nice)                                                    // 6
                .prlimit(Resource.RLIMIT_NOFILE, nofile)                       // 7
                .prlimit(Resource.RLIMIT_CORE, core)                           // 8
                .sigprocmask(SigprocmaskHow.SIG_SETMASK, SigSet.ALL)           // 9
                .closeRange(3, -1, Fcntl.CLOSE_RANGE_CLOEXEC);                 // 10
    }

    /**
     * Diagnostic: {@link #tenSetupOps} with each operation a call of its own that waits for its answer (ten round
     * trips instead of none): what batching saves.
     */
    @Benchmark
    public int tenSetupOpsUnbatched() {
        try (ChildTask child = local.cloneChildOnThisThread(0)) {
            tenOpsOneByOne(child);
            return Spawns.check(child.exec(Spawns.COMMAND).waitForExit());
        }
    }

    private void tenOpsOneByOne(ChildTask child) {
        child.chdir("/tmp");                                                   // 1
        stdio.read().inheritedBy(child).dup3(0, 0);                            // 2
        stdio.write().inheritedBy(child).dup3(1, 0);                           // 3
        stdio.write().inheritedBy(child).dup3(2, 0);                           // 4
        child.setsid();                                                        // 5
        child.makeProcess(child.pid().id()).setpriority(nice);                 // 6
        child.prlimit(Resource.RLIMIT_NOFILE, nofile);                         // 7
        child.prlimit(Resource.RLIMIT_CORE, core);                             // 8
        child.rtSigprocmask(SigprocmaskHow.SIG_SETMASK, SigSet.ALL);           // 9
        child.closeRange(3, -1, Fcntl.CLOSE_RANGE_CLOEXEC);                    // 10
    }

    /** The high-level API: {@code Spawn.of(command).keepInheritedFds().run(local)}. */
    @Benchmark
    public int spawnApiBare() {
        return Spawns.check(spawnBare.run(local));
    }

    /**
     * The same ten operations through the {@code Spawn} API: cwd, three fd mappings, setsid, nice, two rlimits,
     * the program's signal mask and (its default) closing inherited fds.
     */
    @Benchmark
    public int spawnApiTenOps() {
        return Spawns.check(spawnTenOps.run(local));
    }

    /**
     * Diagnostic: the ten set-up operations of {@link #tenSetupOps}, batched, in a child that then ends without exec; minus
     * {@link #cloneOnly}, the cost of the operations themselves.
     */
    @Benchmark
    public int setupOnly() {
        try (ChildTask child = local.cloneChildOnThisThread(0)) {
            tenOps(child.batch(), child).run();
            child.exitGroup(0);
            return Spawns.check(child.childProcess().waitForExit());
        }
    }

    /**
     * Diagnostic: cloneChildOnThisThread, then exit_group(0) in the child and wait; no exec. (Closing the task
     * instead would kill the child: close is for giving up on one.)
     */
    @Benchmark
    public int cloneOnly() {
        try (ChildTask child = local.cloneChildOnThisThread(0)) {
            child.exitGroup(0);
            return Spawns.check(child.childProcess().waitForExit());
        }
    }
}
