// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.capability;

/**
 * A thread's effective, permitted and inheritable capability sets, each a 64-bit mask of {@link Cap#bit()}s, as
 * {@code capget} reads and {@code capset} writes them ({@code _LINUX_CAPABILITY_VERSION_3}: two 32-bit words per
 * set).
 *
 * <pre>{@code
 * long nbs = Cap.mask(Cap.NET_BIND_SERVICE);
 * task.call(Capabilities.capset(new CapSets(nbs, nbs, nbs)));
 * }</pre>
 *
 * @param effective what the kernel checks now
 * @param permitted the limit of effective (and of inheritable without CAP_SETPCAP)
 * @param inheritable what may pass through execve (to ambient, or to programs with inheritable file capabilities)
 * @since 0.2
 */
public record CapSets(long effective, long permitted, long inheritable) {
    /**
     * Whether {@code cap} is in the effective set.
     *
     * @param cap the capability
     * @return whether it holds
     */
    public boolean isEffective(Cap cap) {
        return (effective & cap.bit()) != 0;
    }

    /**
     * Whether {@code cap} is in the permitted set.
     *
     * @param cap the capability
     * @return whether it holds
     */
    public boolean isPermitted(Cap cap) {
        return (permitted & cap.bit()) != 0;
    }

    /** The three sets as {@code struct __user_cap_data_struct[2]}: low words first, then high words. */
    byte[] encode() {
        long[] sets = {effective, permitted, inheritable};
        byte[] b = new byte[24];
        for (int half = 0; half < 2; half++) {
            for (int s = 0; s < 3; s++) {
                int word = (int) (sets[s] >>> (32 * half));
                for (int k = 0; k < 4; k++) {
                    b[12 * half + 4 * s + k] = (byte) (word >>> (8 * k));
                }
            }
        }
        return b;
    }

    static CapSets decode(byte[] b) {
        long[] sets = new long[3];
        for (int half = 0; half < 2; half++) {
            for (int s = 0; s < 3; s++) {
                long word = 0;
                for (int k = 3; k >= 0; k--) {
                    word = (word << 8) | (b[12 * half + 4 * s + k] & 0xff);
                }
                sets[s] |= word << (32 * half);
            }
        }
        return new CapSets(sets[0], sets[1], sets[2]);
    }

    @Override
    public String toString() {
        return String.format("CapSets(eff=%016x, prm=%016x, inh=%016x)", effective, permitted, inheritable);
    }
}
