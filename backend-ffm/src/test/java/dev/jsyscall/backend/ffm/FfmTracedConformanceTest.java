// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.ffm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.spi.decorator.TracingBackend;
import dev.jsyscall.testkit.SyscallConformanceSuite;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;

/**
 * The suite over ffm wearing {@link TracingBackend}, a backend of its own.
 * Every line goes to a counter, not a stream: the suite makes hundreds of thousands of syscalls.
 */
class FfmTracedConformanceTest extends SyscallConformanceSuite {
    private final AtomicLong lines = new AtomicLong();

    @Override
    protected SyscallBackend openBackend() {
        return TracingBackend.to(line -> lines.incrementAndGet(), new FfmProvider().open());
    }

    @Override
    public String reportName() {
        return "ffm+tracing (JDK " + Runtime.version().feature() + ")";
    }

    @AfterAll
    void everySyscallWasTraced() {
        assertThat(lines.get()).as("traced lines").isPositive();
    }
}
