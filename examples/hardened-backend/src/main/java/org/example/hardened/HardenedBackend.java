// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package org.example.hardened;

import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.spi.Capability;
import dev.jsyscall.spi.Memory;
import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.spi.SyscallInterface;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A backend that wears another and refuses the mount family in the JVM's own process with {@code EPERM}, as a
 * hardened build of an application might: whatever the JVM's privileges, it never changes its own mount table.
 *
 * <p>What it does not cover, on purpose: the set-up of a spawned program (a {@code Spawn}'s mount steps) runs in
 * the driven child through the syscall server, which the api drives over a pipe, not through
 * {@link #localSyscalls()}; a build that must refuse those too installs a seccomp filter in the child.
 *
 * <pre>{@code
 * Kernel kernel = Kernel.open("hardened");                 // found through META-INF/services
 * kernel.localTask().mount(null, "/", null, Mount.MS_REC | Mount.MS_PRIVATE, null);  // ErrnoException: EPERM
 * }</pre>
 */
public final class HardenedBackend implements SyscallBackend {

    /** Every syscall that mounts, unmounts or moves mounts, the new mount API included. */
    public static final Set<Syscall> REFUSED = EnumSet.of(Syscall.MOUNT, Syscall.UMOUNT2, Syscall.PIVOT_ROOT,
            Syscall.MOVE_MOUNT, Syscall.OPEN_TREE, Syscall.FSOPEN, Syscall.FSCONFIG, Syscall.FSMOUNT, Syscall.FSPICK,
            Syscall.MOUNT_SETATTR);

    private final SyscallBackend delegate;
    private final SyscallInterface local;

    /**
     * Wraps {@code delegate}, which this backend closes when it is closed.
     *
     * @param delegate the opened backend whose syscalls this one makes
     */
    public HardenedBackend(SyscallBackend delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        // numbers differ by architecture: look them up once, so that a call costs one bit test
        BitSet refused = new BitSet();
        for (Syscall s : REFUSED) {
            if (s.existsOn(delegate.arch())) {
                refused.set(s.number(delegate.arch()));
            }
        }
        SyscallInterface inner = delegate.localSyscalls();
        long eperm = -Errno.EPERM.number();
        this.local = new SyscallInterface() {
            @Override
            public long syscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
                // a raw -errno, as the kernel would answer: the api turns it into ErrnoException like any other
                return refused.get(nr) ? eperm : inner.syscall(nr, a0, a1, a2, a3, a4, a5);
            }

            @Override
            public String describe() {
                return inner.describe() + " (hardened: no mounts)";
            }
        };
    }

    /** Its own id, so that {@code -Djsyscall.backend=hardened} (and a second JVM the kit starts) finds it. */
    @Override
    public String id() {
        return HardenedProvider.ID;
    }

    @Override
    public Arch arch() {
        return delegate.arch();
    }

    @Override
    public SyscallInterface localSyscalls() {
        return local;
    }

    @Override
    public Memory localMemory() {
        return delegate.localMemory();
    }

    /** The wrapped backend's server: children are driven exactly as the wrapped backend drives them. */
    @Override
    public long serverEntryPoint() {
        return delegate.serverEntryPoint();
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "HardenedBackend[" + delegate + "]";
    }
}
