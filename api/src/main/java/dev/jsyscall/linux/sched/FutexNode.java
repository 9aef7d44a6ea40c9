// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.sched;

import dev.jsyscall.struct.Bytes;
import dev.jsyscall.struct.FixedCodec;

/**
 * A futex word in a robust-list node: {@code struct futex_node { struct robust_list list; uint32_t futex; }}.
 * With {@code CLONE_CHILD_CLEARTID}, the kernel zeroes {@link #futex} and wakes it when the child exits or
 * execs; clone gets the address of the futex word, {@link #FUTEX_OFFSET} bytes into the node.
 *
 * @param next  the robust list's next pointer
 * @param futex the futex word
 * @since 0.1
 */
public record FutexNode(long next, int futex) {
    public static final int SIZE = 16;
    /** {@code offsetof(struct futex_node, futex)}. */
    public static final int FUTEX_OFFSET = 8;

    public static final FixedCodec<FutexNode> CODEC = new FixedCodec<>() {
        @Override
        public int size() {
            return SIZE;
        }

        @Override
        public byte[] encode(FutexNode v) {
            return Bytes.allocate(SIZE).putLong(0, v.next).putInt(FUTEX_OFFSET, v.futex).array();
        }

        @Override
        public FutexNode decode(byte[] bytes) {
            Bytes.requireSize(bytes, SIZE, "struct futex_node");
            return new FutexNode(Bytes.le(bytes).getLong(0), Bytes.le(bytes).getInt(FUTEX_OFFSET));
        }
    };
}
