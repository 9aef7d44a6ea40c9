// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.ffm;

import dev.jsyscall.testkit.SharedKernelContract;

/** The shared kernel on a JVM where ffm is the best backend found. */
class FfmSharedKernelTest implements SharedKernelContract {
    @Override
    public String expectedBackendId() {
        return "ffm";
    }
}
