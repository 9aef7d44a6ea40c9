// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.far;

import dev.jsyscall.spi.Memory;
import java.util.Objects;

/**
 * The identity of one address space, with access to its memory. Children cloned with {@code CLONE_VM} share
 * their parent's.
 *
 * @since 0.1
 */
public final class AddressSpace extends Namespace {
    private final Memory memory;

    /**
     * A named address space with its bytes reached through {@code memory}; backends and the simulated kernel make
     * these.
     *
     * @param name the name that messages show
     * @param memory byte access to the space, not null
     */
    public AddressSpace(String name, Memory memory) {
        super("AddressSpace", name);
        this.memory = Objects.requireNonNull(memory, "memory");
    }

    /**
     * Byte access to this address space.
     *
     * @return the memory
     */
    public Memory memory() {
        return memory;
    }
}
