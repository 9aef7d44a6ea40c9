// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.struct;

/**
 * A codec for a C struct of fixed size.
 *
 * @param <T> the Java type
 * @since 0.1
 */
public interface FixedCodec<T> extends Codec<T> {

    /**
     * The struct's size in bytes ({@code sizeof}).
     *
     * @return the size
     */
    int size();

    @Override
    default int size(T value) {
        return size();
    }
}
