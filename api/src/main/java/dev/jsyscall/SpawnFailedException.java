// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

/**
 * A set-up step of a {@link Spawn} failed; the child was killed and reaped. The cause (usually an
 * {@link dev.jsyscall.linux.ErrnoException}) says what the kernel answered.
 *
 * @since 0.1
 */
public class SpawnFailedException extends JsyscallException {
    private static final long serialVersionUID = 1L;
    /** The step that failed. */
    private final String step;

    /**
     * An exception for a spawn whose {@code step} failed.
     *
     * @param message what failed
     * @param step the step's name, e.g. {@code clone}
     * @param cause the failure, e.g. an {@code ErrnoException}
     */
    public SpawnFailedException(String message, String step, Throwable cause) {
        super(message, cause);
        this.step = step;
    }

    /**
     * The step that failed, e.g. {@code chdir(path=/nope)}.
     *
     * @return the step's name
     */
    public String step() {
        return step;
    }
}
