// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.benchmarks;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.linux.wait.ChildState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * (6) Exit-notification latency: from the moment a child exits to the moment its {@code onExit()} future
 * completes. Not a JMH benchmark, since what is measured is a delay between two processes, not the cost of a call:
 * the child ({@code benchmarks/src/main/c/exitstamp.c}) waits for a byte on stdin, writes its {@code
 * CLOCK_MONOTONIC} time and exits; the future's completion is stamped with {@link System#nanoTime()} (the same
 * clock on Linux) by a callback that runs as the future completes, on the thread {@code onExit()} completes
 * its futures on (not the exit watcher's).
 *
 * <pre>{@code
 * java --enable-native-access=ALL-UNNAMED -cp jsyscall-benchmarks.jar dev.jsyscall.benchmarks.OnExitLatency \
 *     ffm benchmarks/target/c/exitstamp 300 50
 * }</pre>
 *
 * <p>Prints {@code RESULT name=onexit:BACKEND p50_ns=... p99_ns=... max_ns=... samples=N}.
 *
 * @since 0.1
 */
public final class OnExitLatency {
    private OnExitLatency() {
    }

    /** {@code BACKEND EXITSTAMP_PATH SAMPLES WARMUPS}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: OnExitLatency BACKEND EXITSTAMP_PATH SAMPLES WARMUPS");
        }
        String backend = args[0];
        Command command = Command.of(args[1]);
        int samples = Integer.parseInt(args[2]);
        int warmups = Integer.parseInt(args[3]);
        try (Kernel kernel = BenchKernels.open(backend)) {
            LocalTask local = kernel.localTask();
            for (int i = 0; i < warmups; i++) {
                once(local, command);
            }
            long[] ns = new long[samples];
            for (int i = 0; i < samples; i++) {
                ns[i] = once(local, command);
            }
            Arrays.sort(ns);
            System.out.printf(Locale.ROOT, "RESULT name=onexit:%s p50_ns=%d p99_ns=%d max_ns=%d samples=%d%n", backend,
                    ns[samples / 2], ns[Math.min(samples - 1, (int) Math.ceil(samples * 0.99) - 1)], ns[samples - 1],
                    samples);
        }
    }

    /** One child: nanoseconds from its exit to the completion of its onExit future. */
    private static long once(LocalTask local, Command command) throws IOException {
        try (Spawned s = Spawn.of(command).stdin(Redirect.pipe()).stdout(Redirect.pipe()).start(local)) {
            long[] completed = new long[1];
            // the callback's own future completes only after the callback ran, so joining it publishes the stamp
            CompletableFuture<ChildState> done = s.process().onExit()
                    .whenComplete((state, error) -> completed[0] = System.nanoTime());
            OutputStream in = s.stdin();
            in.write('x');
            in.flush();
            InputStream out = s.stdout();
            byte[] b = out.readNBytes(8);
            ChildState state = done.join();
            if (b.length != 8 || !state.isCleanExit()) {
                throw new IllegalStateException(command + " should print 8 bytes and exit 0, but printed " + b.length
                        + " and " + state.describe());
            }
            long exited = 0;
            for (int i = 7; i >= 0; i--) {
                exited = (exited << 8) | (b[i] & 0xff);
            }
            return completed[0] - exited;
        }
    }
}
