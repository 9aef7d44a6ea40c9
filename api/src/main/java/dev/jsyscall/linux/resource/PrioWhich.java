// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.resource;

/**
 * The {@code which} argument of {@code getpriority}/{@code setpriority}.
 *
 * @since 0.1
 */
public enum PrioWhich {
    /** The id is a process id (0: the caller). */
    PRIO_PROCESS(0),
    /** The id is a process group id (0: the caller's group). */
    PRIO_PGRP(1),
    /** The id is a user id (0: the caller's real uid). */
    PRIO_USER(2);

    private final int value;

    PrioWhich(int value) {
        this.value = value;
    }

    /**
     * The value {@code setpriority} takes.
     *
     * @return the value
     */
    public int value() {
        return value;
    }
}
