// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.near;

/**
 * A process id as the kernel returned it: meaningful only inside the pid namespace it came from.
 *
 * @param id the pid, positive
 * @since 0.1
 */
public record Pid(int id) {
    /**
     * Checks the pid.
     *
     * @throws IllegalArgumentException unless it is positive
     */
    public Pid {
        if (id <= 0) {
            throw new IllegalArgumentException("pid must be positive, was " + id);
        }
    }

    @Override
    public String toString() {
        return "Pid(" + id + ")";
    }
}
