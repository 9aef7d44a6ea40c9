// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.JsyscallException;
import dev.jsyscall.Command;
import dev.jsyscall.linux.wait.ChildState;

/**
 * A program did not exit cleanly (status 0): thrown by {@link ChildProcess#check()}.
 *
 * @since 0.1
 */
public class ProcessFailedException extends JsyscallException {
    private static final long serialVersionUID = 1L;
    private final transient Command command;
    private final transient ChildState state;

    /**
     * An exception for {@code command}, which ended in {@code state}.
     *
     * @param command the command, or null if unknown
     * @param state how it ended
     */
    public ProcessFailedException(Command command, ChildState state) {
        this(command, state, "");
    }

    /**
     * With {@code detail} appended to the message: what else explains the failure, such as the end of the
     * program's stderr.
     *
     * @param command the command, or null if unknown
     * @param state how it ended
     * @param detail the text to append
     * @since 0.2
     */
    public ProcessFailedException(Command command, ChildState state, String detail) {
        super((command == null ? "child " + state.pid() : command.toString()) + " " + state.describe()
                + (detail.isEmpty() ? "" : "; " + detail));
        this.command = command;
        this.state = state;
    }

    /**
     * The command that failed, if known.
     *
     * @return the command, or null
     */
    public Command command() {
        return command;
    }

    /**
     * How it ended.
     *
     * @return the state
     */
    public ChildState state() {
        return state;
    }
}
