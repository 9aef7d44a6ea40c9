// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.jnr;

import dev.jsyscall.testkit.SharedKernelContract;

/** The shared kernel on a JVM where jnr is the only backend found. */
class JnrSharedKernelTest implements SharedKernelContract {
    @Override
    public String expectedBackendId() {
        return "jnr";
    }
}
