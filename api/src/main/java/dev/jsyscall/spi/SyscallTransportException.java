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

    public SyscallTransportException(String message) {
        super(message);
    }

    public SyscallTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
