// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi.decorator;

import dev.jsyscall.linux.Arch;
import dev.jsyscall.spi.Capability;
import dev.jsyscall.spi.Memory;
import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.spi.SyscallInterface;
import java.util.Objects;
import java.util.Set;

/** What every decorator shares: all but the local syscalls go to the wrapped backend unchanged. */
abstract class Decorated implements SyscallBackend {
    final SyscallBackend delegate;
    private final String decoration;
    private volatile SyscallInterface local;

    Decorated(SyscallBackend delegate, String decoration) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.decoration = decoration;
    }

    /** One local syscall, made (or not) through {@code inner}. */
    abstract long call(SyscallInterface inner, int nr, long a0, long a1, long a2, long a3, long a4, long a5);

    /** The wrapped backend's id: tests and users that ask which kernel runs their calls get the real answer. */
    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public Arch arch() {
        return delegate.arch();
    }

    @Override
    public SyscallInterface localSyscalls() {
        SyscallInterface l = local;
        if (l == null) {
            SyscallInterface inner = delegate.localSyscalls();
            l = new SyscallInterface() {
                @Override
                public long syscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
                    return call(inner, nr, a0, a1, a2, a3, a4, a5);
                }

                @Override
                public String describe() {
                    return inner.describe() + " " + decoration;
                }
            };
            local = l;
        }
        return l;
    }

    @Override
    public Memory localMemory() {
        return delegate.localMemory();
    }

    @Override
    public long serverEntryPoint() {
        return delegate.serverEntryPoint();
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public java.util.List<byte[]> localEnvironment() {
        return delegate.localEnvironment();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate + "]";
    }
}
