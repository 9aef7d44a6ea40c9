// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.signal;

import dev.jsyscall.struct.Bytes;
import dev.jsyscall.struct.FixedCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * An immutable set of signals, as the kernel's 64-bit {@code sigset_t} (bit {@code n-1} for signal {@code n}).
 *
 * <pre>{@code
 * SigSet blocked = SigSet.of(Signal.SIGINT, Signal.SIGTERM);
 * }</pre>
 *
 * @param bits the raw mask
 * @since 0.1
 */
public record SigSet(long bits) {
    /** The kernel's sigset size in bytes, passed as {@code sigsetsize} to {@code rt_sig*} calls. */
    public static final int KERNEL_SIZE = 8;

    public static final SigSet EMPTY = new SigSet(0);
    /** Every signal. The kernel silently keeps SIGKILL and SIGSTOP unblockable. */
    public static final SigSet ALL = new SigSet(-1L);

    public static final FixedCodec<SigSet> CODEC = new FixedCodec<>() {
        @Override
        public int size() {
            return KERNEL_SIZE;
        }

        @Override
        public byte[] encode(SigSet value) {
            return Bytes.allocate(KERNEL_SIZE).putLong(0, value.bits).array();
        }

        @Override
        public SigSet decode(byte[] bytes) {
            Bytes.requireSize(bytes, KERNEL_SIZE, "sigset_t");
            return new SigSet(Bytes.le(bytes).getLong(0));
        }
    };

    /**
     * The set of {@code signals}.
     *
     * @param signals the signals
     * @return the set
     */
    public static SigSet of(Signal... signals) {
        long b = 0;
        for (Signal s : signals) {
            b |= bit(s);
        }
        return new SigSet(b);
    }

    private static long bit(Signal s) {
        return 1L << (s.number() - 1);
    }

    /**
     * Whether {@code s} is in this set.
     *
     * @param s the signal
     * @return true if it is
     */
    public boolean contains(Signal s) {
        return (bits & bit(s)) != 0;
    }

    /**
     * This set plus {@code s}.
     *
     * @param s the signal
     * @return a new set
     */
    public SigSet with(Signal s) {
        return new SigSet(bits | bit(s));
    }

    /**
     * This set less {@code s}.
     *
     * @param s the signal
     * @return a new set
     */
    public SigSet without(Signal s) {
        return new SigSet(bits & ~bit(s));
    }

    /**
     * Whether this set holds no signal.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return bits == 0;
    }

    /**
     * The signals in ascending order.
     *
     * @return an unmodifiable list
     */
    public List<Signal> signals() {
        List<Signal> out = new ArrayList<>();
        for (int i = 1; i <= Signal.MAX; i++) {
            if ((bits & (1L << (i - 1))) != 0) {
                out.add(Signal.of(i));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return bits == -1L ? "SigSet(ALL)" : "SigSet" + signals();
    }
}
