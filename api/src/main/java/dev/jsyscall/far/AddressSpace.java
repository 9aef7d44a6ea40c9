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

    public AddressSpace(String name, Memory memory) {
        super("AddressSpace", name);
        this.memory = Objects.requireNonNull(memory, "memory");
    }

    /** Byte access to this address space. */
    public Memory memory() {
        return memory;
    }
}
