// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.near;

/**
 * A range mapped with mmap, meaningful only inside one address space.
 *
 * @param address where the mapping starts (page aligned)
 * @param length its length in bytes
 * @since 0.1
 */
public record MemoryMapping(Address address, long length) {
    /**
     * Checks the length.
     *
     * @throws IllegalArgumentException unless it is positive
     */
    public MemoryMapping {
        if (length <= 0) {
            throw new IllegalArgumentException("mapping length must be positive, was " + length);
        }
    }

    /**
     * The first address after the mapping.
     *
     * @return the end address
     */
    public Address end() {
        return address.add(length);
    }
}
