// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.benchmarks;

import dev.jsyscall.Backends;
import dev.jsyscall.Kernel;
import dev.jsyscall.spi.SyscallBackendProvider;

/**
 * Opens the backend a benchmark is parameterized with, or says clearly why it cannot run here.
 *
 * <pre>{@code
 * Kernel kernel = BenchKernels.open("ffm");
 * }</pre>
 *
 * @since 0.1
 */
public final class BenchKernels {
    private BenchKernels() {
    }

    /**
     * Why backend {@code id} cannot be used in this JVM, or null when it can.
     *
     * <p>The providers' own reasons are used ("needs Java 22+ (running 17)"), so that the benchmark report says the
     * same as {@code jsyscall backends}.
     */
    public static String unavailableReason(String id) {
        for (SyscallBackendProvider p : Backends.discover().providers()) {
            if (p.id().equals(id)) {
                return p.availability().isAvailable() ? null : p.availability().reason();
            }
        }
        int feature = Runtime.version().feature();
        if (id.equals("ffm") && feature < 22) {
            // the parent pom builds backend-ffm only on JDK 22+, so a jar built by this JDK lacks it altogether
            return "needs JDK 22+ (running Java " + feature + "), so jsyscall-backend-ffm is not in the benchmarks"
                    + " jar; run with a JDK 22+ (BENCH_JAVA_HOME)";
        }
        return "no provider with id '" + id + "' is on the class path: add jsyscall-backend-" + id;
    }

    /**
     * Opens {@code id}'s backend.
     *
     * @throws IllegalStateException naming the backend, the JDK and the reason, when it is unavailable here
     */
    public static Kernel open(String id) {
        String reason = unavailableReason(id);
        if (reason != null) {
            throw new IllegalStateException("backend '" + id + "' is unavailable on Java "
                    + Runtime.version().feature() + ", so this benchmark is skipped for it: " + reason
                    + " (ffm needs JDK 22+ and --enable-native-access=ALL-UNNAMED in the fork's jvmArgs)");
        }
        return Kernel.open(id);
    }
}
