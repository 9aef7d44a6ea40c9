// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.struct;

/**
 * Converts a Java value to and from the bytes of its C representation (little-endian, LP64: the layouts of
 * x86_64 and aarch64 agree for every struct jsyscall encodes).
 *
 * <pre>{@code
 * Pointer<Siginfo> p = task.allocator().allocate(Siginfo.CODEC);
 * }</pre>
 *
 * @param <T> the Java type
 * @since 0.1
 */
public interface Codec<T> {

    /**
     * Bytes needed to encode {@code value}.
     *
     * @param value the value
     * @return the size in bytes
     */
    int size(T value);

    /**
     * The C representation of {@code value}, exactly {@link #size(Object)} bytes.
     *
     * @param value the value
     * @return the bytes
     */
    byte[] encode(T value);

    /**
     * Decodes a value from {@code bytes} (the whole allocation it was read from).
     *
     * @param bytes the bytes, not null
     * @return the value
     */
    T decode(byte[] bytes);
}
