// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.jnr;

import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.testkit.SyscallConformanceSuite;

/** The shared conformance suite on the jnr backend: real syscalls, real children. */
class JnrConformanceTest extends SyscallConformanceSuite {
    @Override
    protected SyscallBackend openBackend() {
        return new JnrProvider().open();
    }
}
