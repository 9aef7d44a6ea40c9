// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.mutants;

import dev.jsyscall.backend.fake.FakeKernel;
import dev.jsyscall.backend.jnr.JnrProvider;
import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.testkit.SyscallConformanceSuite;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kit over each mutant. The class names end in {@code Kit}, not {@code Test}: Surefire must not run them as
 * tests of their own (they are meant to fail); {@link MutantsTest} launches them.
 */
final class Kits {
    private Kits() {
    }

    static class WrongErrnoKit extends SyscallConformanceSuite {
        @Override
        protected SyscallBackend openBackend() {
            return new Mutants.WrongErrno(new JnrProvider().open());
        }
    }

    static class LeaksFdKit extends SyscallConformanceSuite {
        @Override
        protected SyscallBackend openBackend() {
            return new Mutants.LeaksFd(new JnrProvider().open());
        }
    }

    static class IgnoresCloexecKit extends SyscallConformanceSuite {
        @Override
        protected SyscallBackend openBackend() {
            return new Mutants.IgnoresCloexec(new JnrProvider().open());
        }
    }

    static class DropsSiginfoStatusKit extends SyscallConformanceSuite {
        @Override
        protected SyscallBackend openBackend() {
            return new Mutants.DropsSiginfoStatus(new JnrProvider().open());
        }
    }

    static class SplitsSmallWriteKit extends SyscallConformanceSuite {
        @Override
        protected SyscallBackend openBackend() {
            return new Mutants.SplitsSmallWrite(new JnrProvider().open());
        }
    }

    static class LateSigchldKit extends SyscallConformanceSuite {
        @Override
        protected SyscallBackend openBackend() {
            return new Mutants.LateSigchld(new JnrProvider().open());
        }
    }

    /** On the fake: only there can a test choose which pid the next clone gets. */
    static class EagerPidReuseKit extends SyscallConformanceSuite {
        private FakeKernel fake;

        @Override
        protected SyscallBackend openBackend() {
            fake = FakeKernel.builder().seed(0).build();
            return new Mutants.EagerPidReuse(fake);
        }

        /** The simulated local process's fds, as FakeConformanceTest reads them. */
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
}
