// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.time;

import dev.jsyscall.struct.Bytes;
import dev.jsyscall.struct.FixedCodec;
import java.time.Duration;

/**
 * {@code struct timespec} (16 bytes on LP64).
 *
 * @param seconds     whole seconds
 * @param nanoseconds 0..999,999,999
 * @since 0.1
 */
public record Timespec(long seconds, long nanoseconds) {
    public static final int SIZE = 16;

    /**
     * Checks the nanoseconds.
     *
     * @throws IllegalArgumentException unless they are 0 to 999,999,999
     */
    public Timespec {
        if (nanoseconds < 0 || nanoseconds > 999_999_999L) {
            throw new IllegalArgumentException("tv_nsec must be in 0..999999999, was " + nanoseconds);
        }
    }

    /**
     * The timespec of a duration.
     *
     * @param d the duration, not negative
     * @return the timespec
     */
    public static Timespec of(Duration d) {
        return new Timespec(d.getSeconds(), d.getNano());
    }

    /**
     * This timespec as a duration.
     *
     * @return the duration
     */
    public Duration toDuration() {
        return Duration.ofSeconds(seconds, nanoseconds);
    }

    public static final FixedCodec<Timespec> CODEC = new FixedCodec<>() {
        @Override
        public int size() {
            return SIZE;
        }

        @Override
        public byte[] encode(Timespec v) {
            return Bytes.allocate(SIZE).putLong(0, v.seconds).putLong(8, v.nanoseconds).array();
        }

        @Override
        public Timespec decode(byte[] bytes) {
            Bytes.requireSize(bytes, SIZE, "struct timespec");
            return new Timespec(Bytes.le(bytes).getLong(0), Bytes.le(bytes).getLong(8));
        }
    };
}
