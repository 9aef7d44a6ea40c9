// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.guice;

import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.spi.Availability;
import dev.jsyscall.spi.Capability;
import dev.jsyscall.spi.Memory;
import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.spi.SyscallBackendProvider;
import dev.jsyscall.spi.SyscallInterface;
import java.util.Set;

/** A backend that only answers getpid (with 4242): enough to check what the module binds. */
public final class StubProvider implements SyscallBackendProvider {
    @Override
    public String id() {
        return "stub";
    }

    @Override
    public int priority() {
        return 1;
    }

    @Override
    public Availability availability() {
        return Availability.available();
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    @Override
    public SyscallBackend open() {
        return new StubBackend();
    }

    static final class StubBackend implements SyscallBackend {
        boolean closed;

        @Override
        public String id() {
            return "stub";
        }

        @Override
        public Arch arch() {
            return Arch.X86_64;
        }

        @Override
        public SyscallInterface localSyscalls() {
            return new SyscallInterface() {
                @Override
                public long syscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
                    return nr == Syscall.GETPID.number(Arch.X86_64) ? 4242 : -38; // ENOSYS
                }

                @Override
                public String describe() {
                    return "stub";
                }
            };
        }

        @Override
        public Memory localMemory() {
            return new Memory() {
                @Override
                public void read(long address, byte[] dst, int off, int len) {
                    throw new UnsupportedOperationException("stub backend has no memory");
                }

                @Override
                public void write(long address, byte[] src, int off, int len) {
                    throw new UnsupportedOperationException("stub backend has no memory");
                }
            };
        }

        @Override
        public long serverEntryPoint() {
            return 0x1000;
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
