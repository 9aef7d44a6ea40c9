// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jsyscall.Backends;
import dev.jsyscall.Kernel;
import dev.jsyscall.spi.BackendUnavailableException;
import dev.jsyscall.testkit.SharedKernelContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The shared kernel on the fake, which is only used when requested: this JVM's tests find no real backend, and no
 * other test here opens the shared kernel, so the first test sees it refused and the others request the fake.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FakeSharedKernelTest implements SharedKernelContract {
    @Override
    public String expectedBackendId() {
        return "fake";
    }

    @BeforeEach
    void requestFake() {
        System.setProperty(Backends.PROPERTY, "fake");
    }

    @AfterAll
    static void forget() {
        System.clearProperty(Backends.PROPERTY);
    }

    @Test
    @Order(0)
    @DisplayName("without a request the shared kernel is refused, since the fake is never chosen implicitly; the"
            + " failure is not kept")
    void refusedUnlessRequested() {
        assumeTrue(System.getenv(Backends.ENVIRONMENT) == null, "JSYSCALL_BACKEND is set in this environment");
        System.clearProperty(Backends.PROPERTY);
        assertThatThrownBy(Kernel::shared).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("'fake' is only used when requested");
        System.setProperty(Backends.PROPERTY, "fake");
        org.assertj.core.api.Assertions.assertThat(Kernel.shared().backendId()).isEqualTo("fake");
    }
}
