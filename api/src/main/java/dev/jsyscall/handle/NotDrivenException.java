// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.JsyscallException;

/**
 * A syscall was asked of a {@link ChildTask} whose child is no longer driven: it has exec'd, it was closed, or it
 * died. Raised at once, before anything is written to the child's old channel (whose fd numbers may name other
 * files by now).
 *
 * <p>A misuse of the handle, what the JDK would report as an {@code IllegalStateException}; it is not one, so that
 * a {@code catch (IllegalStateException e)} meant for other code does not catch it by accident.
 *
 * @since 0.1
 */
public final class NotDrivenException extends JsyscallException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}.
     *
     * @param message which child, what it is doing instead, and what was tried
     */
    public NotDrivenException(String message) {
        super(message);
    }
}
