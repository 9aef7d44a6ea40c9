// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.signal;

/**
 * The {@code how} argument of {@code rt_sigprocmask}.
 *
 * @since 0.1
 */
public enum SigprocmaskHow {
    /** Add the set's signals to the mask. */
    SIG_BLOCK(0),
    /** Remove the set's signals from the mask. */
    SIG_UNBLOCK(1),
    /** Make the set the mask. */
    SIG_SETMASK(2);

    private final int value;

    SigprocmaskHow(int value) {
        this.value = value;
    }

    /**
     * The value {@code rt_sigprocmask} takes.
     *
     * @return the value
     */
    public int value() {
        return value;
    }
}
