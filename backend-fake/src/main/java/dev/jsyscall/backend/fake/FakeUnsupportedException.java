// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import dev.jsyscall.JsyscallException;

/**
 * The fake kernel was asked for something it does not simulate: a syscall it does not implement yet, or an
 * operation no simulation can do, such as cloning a child that would run arbitrary machine code (the fake only
 * runs children whose stack starts with {@link FakeKernel#serverEntryPoint()}, and simulated programs).
 *
 * <p>This is never an errno: Linux would have done something, and the fake refuses loudly rather than
 * inventing an answer. It is not an {@code UnsupportedOperationException}, which code may catch to try something
 * else: a test that reaches beyond the simulation should fail, not silently take another path.
 *
 * <pre>{@code
 * // clone with no stack: a real kernel would return twice into the same machine code
 * assertThrows(FakeUnsupportedException.class, () -> sys.syscall(CLONE, SIGCHLD, 0, 0, 0, 0, 0));
 * }</pre>
 *
 * @since 0.1
 */
public class FakeUnsupportedException extends JsyscallException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}.
     *
     * @param message what the simulated kernel does not do, and what to use instead
     */
    public FakeUnsupportedException(String message) {
        super(message);
    }
}
