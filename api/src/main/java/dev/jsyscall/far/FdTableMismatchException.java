// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.far;

/**
 * A file descriptor was used with a task whose fd table is not the one the fd lives in.
 *
 * @since 0.1
 */
public class FdTableMismatchException extends NamespaceMismatchException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}.
     *
     * @param message which fd and which task, and their fd tables
     */
    public FdTableMismatchException(String message) {
        super(message);
    }
}
