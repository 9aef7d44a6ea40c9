// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.wait;

/**
 * The {@code idtype} of {@code waitid}.
 *
 * @since 0.1
 */
public enum IdType {
    /** Any child; the id is ignored. */
    P_ALL(0),
    /** The child whose pid is the id. */
    P_PID(1),
    /** Any child in the process group the id names. */
    P_PGID(2),
    /** The child the pidfd the id names refers to. */
    P_PIDFD(3);

    private final int value;

    IdType(int value) {
        this.value = value;
    }

    /**
     * The value {@code waitid} takes.
     *
     * @return the value
     */
    public int value() {
        return value;
    }
}
