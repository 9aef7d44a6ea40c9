package dev.jsyscall.handle;

import dev.jsyscall.linux.wait.ChildState;

/**
 * A driven child died while it was being set up (killed, or exited), so the syscall asked of it never ran or
 * never answered. The child has been reaped; {@link #state()} says how it ended.
 *
 * @since 0.1
 */
public class ChildDiedException extends IllegalStateException {
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
