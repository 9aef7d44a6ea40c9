// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.near;

/**
 * A process group id, meaningful only inside one pid namespace.
 *
 * @param id the process group id, positive
 * @since 0.1
 */
public record ProcessGroup(int id) {
    /**
     * Checks the id.
     *
     * @throws IllegalArgumentException unless it is positive
     */
    public ProcessGroup {
        if (id <= 0) {
            throw new IllegalArgumentException("process group id must be positive, was " + id);
        }
    }

    @Override
    public String toString() {
        return "ProcessGroup(" + id + ")";
    }
}
