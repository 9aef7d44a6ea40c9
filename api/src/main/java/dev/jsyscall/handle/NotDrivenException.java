package dev.jsyscall.handle;

/**
 * A syscall was asked of a {@link ChildTask} whose child is no longer driven: it has exec'd, it was closed, or it
 * died. Raised at once, before anything is written to the child's old channel (whose fd numbers may name other
 * files by now).
 *
 * @since 0.1
 */
public final class NotDrivenException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public NotDrivenException(String message) {
        super(message);
    }
}
