// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.resource;

import dev.jsyscall.struct.Bytes;
import dev.jsyscall.struct.FixedCodec;

/**
 * {@code struct rlimit64}: soft and hard limits; {@link #INFINITY} is {@code RLIM64_INFINITY}.
 *
 * @param soft the current (soft) limit
 * @param hard the maximum (hard) limit
 * @since 0.1
 */
public record Rlimit(long soft, long hard) {
    public static final long INFINITY = -1L;
    public static final int SIZE = 16;

    public static final FixedCodec<Rlimit> CODEC = new FixedCodec<>() {
        @Override
        public int size() {
            return SIZE;
        }

        @Override
        public byte[] encode(Rlimit v) {
            return Bytes.allocate(SIZE).putLong(0, v.soft).putLong(8, v.hard).array();
        }

        @Override
        public Rlimit decode(byte[] bytes) {
            Bytes.requireSize(bytes, SIZE, "struct rlimit64");
            return new Rlimit(Bytes.le(bytes).getLong(0), Bytes.le(bytes).getLong(8));
        }
    };
}
