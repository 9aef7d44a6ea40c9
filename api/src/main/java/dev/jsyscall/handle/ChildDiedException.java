package dev.jsyscall.handle;

import dev.jsyscall.JsyscallException;
import dev.jsyscall.linux.wait.ChildState;

/**
 * A driven child died while it was being set up (killed, or exited), so the syscall asked of it never ran or
 * never answered. The child has been reaped; {@link #state()} says how it ended.
 *
 * <p>Not an {@code IllegalStateException} (it once was): the caller did nothing wrong, the child's state changed
 * under it, and a {@code catch (IllegalStateException e)} meant for other code must not catch it by accident.
 *
 * @since 0.1
 */
public class ChildDiedException extends JsyscallException {
    private static final long serialVersionUID = 1L;
    private final transient ChildState state;
    private final String syscall;

    public ChildDiedException(ChildState state, String syscall) {
        super("driven child " + state.pid() + " " + state.describe() + " during set-up, while running " + syscall);
        this.state = state;
        this.syscall = syscall;
    }

    /** How the child ended. */
    public ChildState state() {
        return state;
    }

    /** The syscall that was in flight. */
    public String syscall() {
        return syscall;
    }
}
