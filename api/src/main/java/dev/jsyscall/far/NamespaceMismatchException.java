package dev.jsyscall.far;

/**
 * A handle was used with a task in a different namespace than the one it belongs to. Raised before any syscall.
 *
 * @since 0.1
 */
public class NamespaceMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public NamespaceMismatchException(String message) {
        super(message);
    }
}
