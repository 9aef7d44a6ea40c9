// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import dev.jsyscall.JsyscallException;

/**
 * A blocking syscall of the local process can never complete: no simulated process can run, no timer is
 * pending, and no other JVM thread is about to make a syscall. On a real kernel the caller would hang forever;
 * the fake throws instead, with the process table (pids, parents, groups, sessions, states, fds, pending and
 * blocked signals) and the last syscalls in the message.
 *
 * <pre>{@code
 * // read from an empty pipe whose write end we still hold ourselves
 * FakeDeadlockException e = assertThrows(FakeDeadlockException.class, () -> sys.syscall(READ, rfd, buf, 1, 0, 0, 0));
 * System.out.println(e.getMessage());
 * }</pre>
 *
 * @since 0.1
 */
public class FakeDeadlockException extends JsyscallException {
    private static final long serialVersionUID = 1L;

    /** The process table at the time of the deadlock. */
    private final String processTable;

    /**
     * An exception for a deadlock of the simulated processes.
     *
     * @param message which processes wait for what
     * @param processTable the dump of the process table
     */
    public FakeDeadlockException(String message, String processTable) {
        super(message + "\n" + processTable);
        this.processTable = processTable;
    }

    /**
     * The dump of the process table at the time of the deadlock.
     *
     * @return the dump
     */
    public String processTable() {
        return processTable;
    }
}
