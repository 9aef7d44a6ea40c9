package dev.jsyscall.handle;

/**
 * A pointer was used after it was freed, or after it was consumed by {@code write}, {@code split} or
 * {@code merge} (which hand its memory to new pointers), or freed while a syscall was using it.
 *
 * @since 0.1
 */
public class PointerStateException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public PointerStateException(String message) {
        super(message);
    }
}
