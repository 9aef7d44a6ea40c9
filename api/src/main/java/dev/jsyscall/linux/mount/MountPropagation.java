// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.mount;

import java.util.Locale;

/**
 * What a new mount namespace does with the propagation of the mounts it copied, as {@code unshare(1)}'s
 * {@code --propagation}: each value but {@link #UNCHANGED} is one
 * {@code mount(NULL, "/", NULL, MS_REC|type, NULL)} made right after {@code unshare(CLONE_NEWNS)}.
 *
 * <p>The copies start with the propagation of the originals, and on most systems {@code /} is shared (systemd
 * makes it so): without a change, a mount made inside the new namespace also appears outside it.
 *
 * <pre>{@code
 * Spawn.of(cmd).unshare(MountPropagation.SLAVE, CloneFlag.NEWNS);
 * }</pre>
 *
 * @since 0.1
 */
public enum MountPropagation {
    /** Nothing propagates in or out (the default of {@code unshare(1)} and of {@code Spawn.unshare}). */
    PRIVATE(Mount.MS_REC | Mount.MS_PRIVATE),
    /** Mounts made outside still appear inside; none made inside appear outside. */
    SLAVE(Mount.MS_REC | Mount.MS_SLAVE),
    /** Every mount is shared: mounts propagate both ways wherever the copies were already peers. */
    SHARED(Mount.MS_REC | Mount.MS_SHARED),
    /** No mount call: the copies keep the propagation of the originals. */
    UNCHANGED(0);

    private final long flags;

    MountPropagation(long flags) {
        this.flags = flags;
    }

    /**
     * The {@code mount} flags that set it ({@code MS_REC|MS_PRIVATE}...); 0 for {@link #UNCHANGED}.
     *
     * @return the flags
     */
    public long flags() {
        return flags;
    }

    /**
     * Its name as {@code unshare(1)} spells it: {@code private}, {@code slave}, {@code shared}, {@code unchanged}.
     *
     * @return the name
     */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The propagation named as {@code unshare(1)}'s {@code --propagation} takes it (case-insensitive).
     *
     * @param name the name, not null
     * @return the propagation
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static MountPropagation parse(String name) {
        for (MountPropagation p : values()) {
            if (p.optionName().equalsIgnoreCase(name.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown mount propagation '" + name
                + "'; known: private, slave, shared, unchanged");
    }
}
