// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.sched;

import dev.jsyscall.struct.Bytes;
import dev.jsyscall.struct.Codec;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The data placed at the top of a new child's stack: the address the child starts at (popped by the clone stub)
 * followed by argument words. Its encoding is padded to 16 bytes so the stack pointer stays 16-byte aligned.
 *
 * @param entryPoint address the child jumps to
 * @param arguments  64-bit words after it, read by the code at the entry point
 * @since 0.1
 */
public record Stack(long entryPoint, List<Long> arguments) {
    /**
     * Copies the arguments.
     *
     * @throws NullPointerException if they are or hold null
     */
    public Stack {
        arguments = List.copyOf(arguments);
    }

    /**
     * The encoded size: (1 + arguments) words, rounded up to 16 bytes.
     *
     * @return the size in bytes
     */
    public int size() {
        int raw = 8 * (1 + arguments.size());
        return (raw + 15) & ~15;
    }

    public static final Codec<Stack> CODEC = new Codec<>() {
        @Override
        public int size(Stack value) {
            return value.size();
        }

        @Override
        public byte[] encode(Stack value) {
            ByteBuffer b = Bytes.allocate(value.size());
            b.putLong(0, value.entryPoint);
            for (int i = 0; i < value.arguments.size(); i++) {
                b.putLong(8 * (i + 1), value.arguments.get(i));
            }
            return b.array();
        }

        @Override
        public Stack decode(byte[] bytes) {
            if (bytes.length < 8 || bytes.length % 8 != 0) {
                throw new IllegalArgumentException("stack data must be a whole number of 8-byte words, got "
                        + bytes.length + " bytes");
            }
            ByteBuffer b = Bytes.le(bytes);
            Long[] args = new Long[bytes.length / 8 - 1];
            for (int i = 0; i < args.length; i++) {
                args[i] = b.getLong(8 * (i + 1));
            }
            return new Stack(b.getLong(0), List.of(args));
        }
    };
}
