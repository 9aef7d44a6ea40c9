package dev.jsyscall;

/**
 * A set-up step of a {@link Spawn} failed; the child was killed and reaped. The cause (usually an
 * {@link dev.jsyscall.linux.ErrnoException}) says what the kernel answered.
 *
 * @since 0.1
 */
public class SpawnFailedException extends JsyscallException {
    private static final long serialVersionUID = 1L;
    private final String step;

    public SpawnFailedException(String message, String step, Throwable cause) {
        super(message, cause);
        this.step = step;
    }

    /** The step that failed, e.g. {@code chdir(path=/nope)}. */
    public String step() {
        return step;
    }
}
