// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

/**
 * Internal: ends a simulated syscall with {@code -errno} from deep inside its implementation (argument decoding,
 * path lookup), so that each syscall need not check and forward an error result at every step.
 * {@link Kernel#attempt} turns it into the raw result. No stack trace: it is control flow, not a failure.
 */
final class SyscallError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int errno;

    SyscallError(int errno) {
        super("errno " + errno, null, false, false);
        this.errno = errno;
    }
}
