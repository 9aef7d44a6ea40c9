// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.struct.Codec;

/**
 * A pointer whose memory holds a value we wrote and still know, so it need not be read back.
 *
 * @param <T> the type of the value
 * @since 0.1
 */
public final class WrittenPointer<T> extends Pointer<T> {
    private final T value;

    WrittenPointer(MemoryAllocator allocator, long address, long size, long reserved, Codec<T> codec, T value) {
        super(allocator, address, size, reserved, codec);
        this.value = value;
    }

    /**
     * The value written.
     *
     * @return the value
     */
    public T value() {
        return value;
    }
}
