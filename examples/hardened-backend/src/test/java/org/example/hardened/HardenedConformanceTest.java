// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package org.example.hardened;

import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.testkit.Expectations;
import dev.jsyscall.testkit.SyscallConformanceSuite;

/**
 * The whole jsyscall conformance kit on the hardened backend: one class, one factory method, and what the refusal
 * of mounts changes, rule by rule, with the reason.
 */
class HardenedConformanceTest extends SyscallConformanceSuite {

    @Override
    protected SyscallBackend openBackend() {
        return new HardenedProvider().open();
    }

    @Override
    public Expectations expectations() {
        String noMounts = "the hardened backend refuses mount in the JVM's own process, and this rule's set-up"
                + " bind-mounts a shared directory there to watch the program's mounts propagate";
        return Expectations.none()
                .skips("NS3", noMounts)
                .skips("NS4", noMounts);
    }
}
