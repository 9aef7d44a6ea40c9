// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.benchmarks;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Spawn;
import dev.jsyscall.handle.LocalTask;

/**
 * The load that {@code benchmarks/spawn-accounting.py} traces with {@code perf trace}: warm-up spawns, then a
 * {@code getppid} as a marker, the measured {@code Spawn.run}s of {@code /bin/true}, and a second marker, so that
 * the trace's timestamps split one spawn into the kernel's parts and ours.
 *
 * <pre>{@code
 * java --enable-native-access=ALL-UNNAMED -cp benchmarks/target/jsyscall-benchmarks.jar \
 *     dev.jsyscall.benchmarks.SpawnAccounting ffm 1500 300
 * }</pre>
 *
 * @since 0.2
 */
public final class SpawnAccounting {
    private SpawnAccounting() {
    }

    /**
     * Runs the spawns.
     *
     * @param args backend id, warm-up spawns, measured spawns
     */
    public static void main(String[] args) {
        int warm = Integer.parseInt(args[1]);
        int measured = Integer.parseInt(args[2]);
        try (Kernel k = Kernel.open(args[0])) {
            LocalTask local = k.localTask();
            Spawn spawn = Spawn.of(Command.of(Spawns.TRUE)).keepInheritedFds();
            for (int i = 0; i < warm; i++) {
                Spawns.check(spawn.run(local));
            }
            local.getppid();
            long t0 = System.nanoTime();
            for (int i = 0; i < measured; i++) {
                Spawns.check(spawn.run(local));
            }
            long t1 = System.nanoTime();
            local.getppid();
            System.out.printf("SpawnAccounting: %s, %d measured Spawn.run, mean %.1f us (traced)%n", args[0],
                    measured, (t1 - t0) / 1e3 / measured);
        }
    }
}
