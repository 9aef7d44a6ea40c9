// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.ffm;

import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.spi.decorator.LatencyBackend;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.testkit.SyscallConformanceSuite;
import java.time.Duration;

/**
 * The suite over ffm wearing {@link LatencyBackend}, a backend of its own.
 * A delay on clone and a small one on everything else: timing-sensitive tests must still hold.
 */
class FfmDelayedConformanceTest extends SyscallConformanceSuite {
    @Override
    protected SyscallBackend openBackend() {
        return LatencyBackend.builder(new FfmProvider().open()).delay(Syscall.CLONE, Duration.ofMillis(2))
                .otherwise(Duration.ofNanos(5_000)).build();
    }

    @Override
    public String reportName() {
        return "ffm+latency (JDK " + Runtime.version().feature() + ")";
    }
}
