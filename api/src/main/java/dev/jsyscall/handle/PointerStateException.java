// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.JsyscallException;

/**
 * A pointer was used after it was freed, or after it was consumed by {@code write}, {@code split} or
 * {@code merge} (which hand its memory to new pointers), or freed while a syscall was using it.
 *
 * <p>A misuse of the handle, what the JDK would report as an {@code IllegalStateException}; it is not one, so that
 * a {@code catch (IllegalStateException e)} meant for other code does not catch it by accident.
 *
 * @since 0.1
 */
public class PointerStateException extends JsyscallException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}.
     *
     * @param message which pointer, its state, and what was tried
     */
    public PointerStateException(String message) {
        super(message);
    }
}
