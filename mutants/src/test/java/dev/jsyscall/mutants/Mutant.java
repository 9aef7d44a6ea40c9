// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.mutants;

import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.spi.Capability;
import dev.jsyscall.spi.Memory;
import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.spi.SyscallInterface;
import java.util.Set;

/**
 * A backend that wraps a correct one and breaks exactly one rule in its local syscalls. Every other method is
 * forwarded, so whatever the kit catches is that one rule.
 */
abstract class Mutant implements SyscallBackend {
    final SyscallBackend real;
    private final SyscallInterface local;

    Mutant(SyscallBackend real) {
        this.real = real;
        SyscallInterface inner = real.localSyscalls();
        this.local = new SyscallInterface() {
            @Override
            public long syscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
                return Mutant.this.syscall(inner, nr, new long[] {a0, a1, a2, a3, a4, a5});
            }

            @Override
            public String describe() {
                return inner.describe() + " (mutant)";
            }
        };
    }

    /** One local syscall: {@code inner} is the correct backend's. */
    abstract long syscall(SyscallInterface inner, int nr, long[] a);

    final boolean is(int nr, Syscall s) {
        return s.number(arch()) == nr;
    }

    /** A little-endian int of the local memory, as the kernel wrote it. */
    final int intAt(long address) {
        byte[] b = new byte[4];
        localMemory().read(address, b, 0, 4);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    static long call(SyscallInterface inner, int nr, long[] a) {
        return inner.syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
    }

    @Override
    public String id() {
        return real.id();
    }

    @Override
    public Arch arch() {
        return real.arch();
    }

    @Override
    public SyscallInterface localSyscalls() {
        return local;
    }

    @Override
    public Memory localMemory() {
        return real.localMemory();
    }

    @Override
    public long serverEntryPoint() {
        return real.serverEntryPoint();
    }

    @Override
    public Set<Capability> capabilities() {
        return real.capabilities();
    }

    @Override
    public void close() {
        real.close();
    }
}
