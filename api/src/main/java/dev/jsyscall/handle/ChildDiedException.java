// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
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
    /** The syscall that was in flight. */
    private final String syscall;

    /**
     * An exception for a child that died in {@code state} during {@code syscall}.
     *
     * @param state how the child ended
     * @param syscall the syscall that was in flight
     */
    public ChildDiedException(ChildState state, String syscall) {
        super("driven child " + state.pid() + " " + state.describe() + " during set-up, while running " + syscall);
        this.state = state;
        this.syscall = syscall;
    }

    /**
     * How the child ended.
     *
     * @return the state
     */
    public ChildState state() {
        return state;
    }

    /**
     * The syscall that was in flight.
     *
     * @return the syscall's name
     */
    public String syscall() {
        return syscall;
    }
}
