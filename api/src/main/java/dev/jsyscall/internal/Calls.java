// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.internal;

import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.spi.SyscallInterface;
import java.util.List;

/**
 * Internal, unstable: runs a {@link SyscallRequest} whose arguments are all words straight through a
 * {@link SyscallInterface}, for the sites that have no handle task yet ({@code Kernel} asking its own pid) or that
 * must see the raw result (an errno they tolerate or retry). Allocates nothing per call, so that a request built
 * once can serve a loop.
 */
public final class Calls {
    private Calls() {
    }

    /**
     * Makes {@code request} and returns the kernel's raw result ({@code -errno} on failure).
     *
     * @throws IllegalArgumentException for a request with memory arguments: those need an allocator to lay out
     */
    public static long raw(SyscallInterface sysif, Arch arch, SyscallRequest<?> request) {
        if (request.usesMemory()) {
            throw new IllegalArgumentException(request + " has memory arguments, which only a task with an"
                    + " allocator can lay out");
        }
        return sysif.syscall(request.syscall().number(arch), request.wordArg(0), request.wordArg(1),
                request.wordArg(2), request.wordArg(3), request.wordArg(4), request.wordArg(5));
    }

    /** Makes {@code request}; an errno becomes the exception naming it, else the result is read as it says. */
    public static <T> T call(SyscallInterface sysif, Arch arch, SyscallRequest<T> request) {
        return request.read(request.check(raw(sysif, arch, request)), List.of());
    }
}
