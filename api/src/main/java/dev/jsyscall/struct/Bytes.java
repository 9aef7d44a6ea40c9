// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.struct;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Little-endian helpers for codecs.
 *
 * @since 0.1
 */
public final class Bytes {
    private Bytes() {
    }

    /**
     * A little-endian buffer over {@code bytes}.
     *
     * @param bytes the bytes, not copied
     * @return the buffer, positioned at 0
     */
    public static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * A new zeroed little-endian buffer of {@code size} bytes.
     *
     * @param size the size in bytes
     * @return the buffer
     */
    public static ByteBuffer allocate(int size) {
        return le(new byte[size]);
    }

    /**
     * Checks that a decoded buffer has at least {@code size} bytes.
     *
     * @param bytes the buffer
     * @param size the size needed
     * @param what the structure's name, for the message
     * @throws IllegalArgumentException if {@code bytes} is shorter
     */
    public static void requireSize(byte[] bytes, int size, String what) {
        if (bytes.length < size) {
            throw new IllegalArgumentException(what + " needs " + size + " bytes, got " + bytes.length);
        }
    }

    /** A codec for a raw byte array (the allocation's bytes as they are). */
    public static final Codec<byte[]> RAW = new Codec<>() {
        @Override
        public int size(byte[] value) {
            return value.length;
        }

        @Override
        public byte[] encode(byte[] value) {
            return value.clone();
        }

        @Override
        public byte[] decode(byte[] bytes) {
            return bytes.clone();
        }
    };

    /** A codec for one C {@code int}. */
    public static final FixedCodec<Integer> INT = new FixedCodec<>() {
        @Override
        public int size() {
            return 4;
        }

        @Override
        public byte[] encode(Integer value) {
            return allocate(4).putInt(0, value).array();
        }

        @Override
        public Integer decode(byte[] bytes) {
            requireSize(bytes, 4, "int");
            return le(bytes).getInt(0);
        }
    };

    /** A codec for one 64-bit {@code long}. */
    public static final FixedCodec<Long> LONG = new FixedCodec<>() {
        @Override
        public int size() {
            return 8;
        }

        @Override
        public byte[] encode(Long value) {
            return allocate(8).putLong(0, value).array();
        }

        @Override
        public Long decode(byte[] bytes) {
            requireSize(bytes, 8, "long");
            return le(bytes).getLong(0);
        }
    };
}
