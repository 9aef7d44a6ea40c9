// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.near;

/**
 * A virtual address, meaningful only inside one address space.
 *
 * @param value the raw address
 * @since 0.1
 */
public record Address(long value) {

    /**
     * This address plus {@code offset} bytes.
     *
     * @param offset bytes to add, may be negative
     * @return the new address
     */
    public Address add(long offset) {
        return new Address(value + offset);
    }

    @Override
    public String toString() {
        return "0x" + Long.toHexString(value);
    }
}
