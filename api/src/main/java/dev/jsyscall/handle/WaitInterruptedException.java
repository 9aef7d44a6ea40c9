// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.JsyscallException;

/**
 * A thread waiting for a child was interrupted. The thread's interrupt flag is set again when this is thrown, and
 * the child is unaffected: it can be waited for again, by this thread or another.
 *
 * @since 0.1
 */
public final class WaitInterruptedException extends JsyscallException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for a wait on {@code child} that {@code cause} ended.
     *
     * @param child the child waited for
     * @param cause the interruption
     */
    public WaitInterruptedException(ChildProcess child, InterruptedException cause) {
        super("interrupted while waiting for " + child, cause);
    }
}
