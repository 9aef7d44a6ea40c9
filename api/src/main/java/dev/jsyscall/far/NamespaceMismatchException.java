// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.far;

import dev.jsyscall.JsyscallException;

/**
 * A handle was used with a task in a different namespace than the one it belongs to. Raised before any syscall.
 *
 * <p>A wrong argument, what the JDK would report as an {@code IllegalArgumentException}; it is not one, so that a
 * {@code catch (IllegalArgumentException e)} meant for bad input does not catch it by accident.
 *
 * @since 0.1
 */
public class NamespaceMismatchException extends JsyscallException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}.
     *
     * @param message which objects, and their namespaces
     */
    public NamespaceMismatchException(String message) {
        super(message);
    }
}
