// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi;

import dev.jsyscall.JsyscallException;

/**
 * A syscall could not be delivered to, or its result not received from, the process that should run it:
 * for a driven child, its channel closed (the child exited, was killed, or exec'd).
 *
 * @since 0.1
 */
public class SyscallTransportException extends JsyscallException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}.
     *
     * @param message which channel, and what failed
     */
    public SyscallTransportException(String message) {
        super(message);
    }

    /**
     * An exception with {@code message} and the I/O failure behind it.
     *
     * @param message which channel, and what failed
     * @param cause the failure
     */
    public SyscallTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
