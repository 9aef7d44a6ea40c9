// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.far;

/**
 * A pointer was used with a task in another address space, where its address means something else.
 *
 * @since 0.1
 */
public class AddressSpaceMismatchException extends NamespaceMismatchException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}.
     *
     * @param message which pointer and which task, and their address spaces
     */
    public AddressSpaceMismatchException(String message) {
        super(message);
    }
}
