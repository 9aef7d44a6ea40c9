// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.near;

/**
 * A file descriptor number, meaningful only inside one fd table.
 *
 * @param number the fd, non-negative
 * @since 0.1
 */
public record FdNumber(int number) {
    /**
     * Checks the number.
     *
     * @throws IllegalArgumentException if it is negative
     */
    public FdNumber {
        if (number < 0) {
            throw new IllegalArgumentException("fd number must be >= 0, was " + number);
        }
    }

    @Override
    public String toString() {
        return "fd " + number;
    }
}
