// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.JsyscallException;
import dev.jsyscall.near.Pid;

/**
 * A {@link ChildProcess} cannot be used right now; the subclass says why. Raised before any syscall.
 *
 * <p>A misuse of the handle, what the JDK would report as an {@code IllegalStateException}; it is not one, so that
 * a {@code catch (IllegalStateException e)} meant for other code does not catch it by accident.
 *
 * @since 0.1
 */
public class ChildProcessException extends JsyscallException {
    private static final long serialVersionUID = 1L;
    /** The child's pid. */
    private final int pid;

    /**
     * An exception about the child {@code pid}.
     *
     * @param pid the child's pid
     * @param message what failed
     */
    public ChildProcessException(Pid pid, String message) {
        super(message);
        this.pid = pid.id();
    }

    /**
     * The child's pid.
     *
     * @return the pid
     */
    public int pid() {
        return pid;
    }

    /** The child was reaped (or marked dead): its pid may already belong to another process. */
    public static final class NotAlive extends ChildProcessException {
        private static final long serialVersionUID = 1L;

        /**
         * An exception for the child {@code pid}, found in {@code state}.
         *
         * @param pid the child's pid
         * @param state what it is instead of alive, e.g. "reaped"
         */
        public NotAlive(Pid pid, String state) {
            super(pid, "child process " + pid.id() + " is no longer alive (" + state
                    + "), so it cannot be waited on or signalled: its pid may belong to another process now");
        }
    }

    /** An earlier waitid result has not been read; waiting or signalling now could lose that state change. */
    public static final class UnreadSiginfo extends ChildProcessException {
        private static final long serialVersionUID = 1L;

        /**
         * An exception for the child {@code pid}.
         *
         * @param pid the child's pid
         */
        public UnreadSiginfo(Pid pid) {
            super(pid, "child process " + pid.id() + " has an unread siginfo from an earlier waitid; read it"
                    + " (readSiginfo/readStateChange) before waiting on or signalling the child again");
        }
    }

    /** Another low-level {@code waitid} on this child is in progress ({@link ChildProcess#borrow}). */
    public static final class InUse extends ChildProcessException {
        private static final long serialVersionUID = 1L;

        /**
         * An exception for the child {@code pid}.
         *
         * @param pid the child's pid
         */
        public InUse(Pid pid) {
            super(pid, "child process " + pid.id() + " is currently being waited on with a low-level waitid;"
                    + " a second low-level waitid would race it for the same state change (waitForExit and"
                    + " onExit may be called by any number of threads)");
        }
    }

    /** {@code readSiginfo} without a pending waitid buffer, or {@code readStateChange} when nothing changed. */
    public static final class NoStateChange extends ChildProcessException {
        private static final long serialVersionUID = 1L;

        /**
         * An exception for the child {@code pid}.
         *
         * @param pid the child's pid
         * @param message what was expected
         */
        public NoStateChange(Pid pid, String message) {
            super(pid, message);
        }
    }
}
