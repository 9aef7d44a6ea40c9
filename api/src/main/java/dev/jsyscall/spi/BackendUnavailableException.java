// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi;

import dev.jsyscall.JsyscallException;

/**
 * No usable backend: the message lists what was found, why each candidate could not be used, and what to add or set.
 *
 * @since 0.1
 */
public class BackendUnavailableException extends JsyscallException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}.
     *
     * @param message which backend, why, and what to do
     */
    public BackendUnavailableException(String message) {
        super(message);
    }

    /**
     * An exception with {@code message} and the failure behind it.
     *
     * @param message which backend, why, and what to do
     * @param cause the failure, e.g. a native library load error
     */
    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
