package dev.jsyscall.spi;

import dev.jsyscall.JsyscallException;

/**
 * No usable backend: the message lists what was found, why each candidate could not be used, and what to add or set.
 *
 * @since 0.1
 */
public class BackendUnavailableException extends JsyscallException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
