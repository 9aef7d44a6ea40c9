// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.testkit.SyscallConformanceSuite;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The shared conformance suite on the fake kernel: the same assertions as on the real kernel. */
class FakeConformanceTest extends SyscallConformanceSuite {
    private FakeKernel fake;

    /** A failure prints the seed and the command that replays the run. */
    @org.junit.jupiter.api.extension.RegisterExtension
    final org.junit.jupiter.api.extension.TestWatcher replay = new org.junit.jupiter.api.extension.TestWatcher() {
        @Override
        public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
            long seed = fake == null ? 0 : fake.seed();
            System.err.println("FakeConformanceTest: '" + context.getDisplayName() + "' failed with seed " + seed
                    + "; replay with ./mvnw -pl backend-fake -am verify -Dtest=FakeConformanceTest"
                    + " -DargLine=-D" + FakeProvider.SEED_PROPERTY + "=" + seed);
        }
    };

    @Override
    protected SyscallBackend openBackend() {
        FakeKernel.Builder b = FakeKernel.builder().seed(Long.getLong(FakeProvider.SEED_PROPERTY, 0));
        if (Boolean.getBoolean("jsyscall.fake.trace")) {
            b.keepFullTrace();
        }
        fake = b.build();
        return fake;
    }

    @org.junit.jupiter.api.AfterAll
    void printTrace() {
        if (Boolean.getBoolean("jsyscall.fake.trace")) {
            fake.trace().forEach(System.out::println);
        }
    }

    /** The simulated local process's fds, read from the fake without a syscall. */
    @Override
    protected Set<String> openFds() {
        kernel();
        Set<String> out = new TreeSet<>();
        for (Map.Entry<Integer, String> e : fake.fds(fake.localPid()).entrySet()) {
            out.add(e.getKey() + " -> " + e.getValue());
        }
        return out;
    }
}
