// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.ffm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.spi.decorator.FaultInjectingBackend;
import dev.jsyscall.testkit.SyscallConformanceSuite;
import org.junit.jupiter.api.AfterAll;

/**
 * The suite over ffm wearing {@link FaultInjectingBackend}, a backend of its own.
 * With no fault chosen the injector must be invisible.
 */
class FfmFaultFreeConformanceTest extends SyscallConformanceSuite {
    private FaultInjectingBackend backend;

    @Override
    protected SyscallBackend openBackend() {
        backend = FaultInjectingBackend.builder(new FfmProvider().open()).build();
        return backend;
    }

    @Override
    public String reportName() {
        return "ffm+faults-none (JDK " + Runtime.version().feature() + ")";
    }

    @AfterAll
    void nothingWasInjected() {
        assertThat(backend.injected()).isZero();
    }
}
