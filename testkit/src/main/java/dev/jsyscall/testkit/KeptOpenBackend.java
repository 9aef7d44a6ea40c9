// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import dev.jsyscall.linux.Arch;
import dev.jsyscall.spi.Capability;
import dev.jsyscall.spi.Memory;
import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.spi.SyscallInterface;
import java.util.Set;

/** The backend under test, for a second kernel whose close must not close it (the suite's kernel owns it). */
final class KeptOpenBackend implements SyscallBackend {
    private final SyscallBackend backend;

    KeptOpenBackend(SyscallBackend backend) {
        this.backend = backend;
    }

    @Override
    public String id() {
        return backend.id();
    }

    @Override
    public Arch arch() {
        return backend.arch();
    }

    @Override
    public SyscallInterface localSyscalls() {
        return backend.localSyscalls();
    }

    @Override
    public Memory localMemory() {
        return backend.localMemory();
    }

    @Override
    public long serverEntryPoint() {
        return backend.serverEntryPoint();
    }

    @Override
    public Set<Capability> capabilities() {
        return backend.capabilities();
    }

    /** Nothing: the suite's kernel closes the backend. */
    @Override
    public void close() {
    }
}
