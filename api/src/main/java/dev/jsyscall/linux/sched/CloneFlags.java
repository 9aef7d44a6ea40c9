// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.sched;

import dev.jsyscall.linux.signal.Signal;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code flags} argument of {@code clone}: a set of {@link CloneFlag}s plus the signal the child sends its
 * parent when it exits (usually SIGCHLD; none makes a "clone child" that only {@code __WALL}/{@code __WCLONE}
 * waits see).
 *
 * <pre>{@code
 * CloneFlags f = CloneFlags.of(CloneFlag.VM).exitSignal(Signal.SIGCHLD);
 * }</pre>
 *
 * @since 0.1
 */
public final class CloneFlags {
    private final Set<CloneFlag> flags;
    private final Signal exitSignal;

    private CloneFlags(Set<CloneFlag> flags, Signal exitSignal) {
        this.flags = flags;
        this.exitSignal = exitSignal;
    }

    /**
     * The given flags, no exit signal.
     *
     * @param flags the flags
     * @return the set
     */
    public static CloneFlags of(CloneFlag... flags) {
        EnumSet<CloneFlag> set = EnumSet.noneOf(CloneFlag.class);
        Collections.addAll(set, flags);
        return new CloneFlags(Collections.unmodifiableSet(set), null);
    }

    /**
     * These flags with {@code signal} as the exit signal.
     *
     * @param signal the exit signal, not null
     * @return a new set
     */
    public CloneFlags exitSignal(Signal signal) {
        return new CloneFlags(flags, Objects.requireNonNull(signal, "signal"));
    }

    /**
     * These flags plus {@code flag}.
     *
     * @param flag the flag, not null
     * @return a new set
     */
    public CloneFlags with(CloneFlag flag) {
        EnumSet<CloneFlag> set = flags.isEmpty() ? EnumSet.noneOf(CloneFlag.class) : EnumSet.copyOf(flags);
        set.add(flag);
        return new CloneFlags(Collections.unmodifiableSet(set), exitSignal);
    }

    /**
     * Whether {@code flag} is set.
     *
     * @param flag the flag
     * @return true if set
     */
    public boolean contains(CloneFlag flag) {
        return flags.contains(flag);
    }

    /**
     * The flags, without the exit signal.
     *
     * @return an unmodifiable set
     */
    public Set<CloneFlag> flags() {
        return flags;
    }

    /**
     * The signal the parent gets when the child exits, in the low byte of the flags.
     *
     * @return the signal, or empty for none
     */
    public Optional<Signal> exitSignal() {
        return Optional.ofNullable(exitSignal);
    }

    /**
     * The raw value passed to the kernel.
     *
     * @return the flags' bits and the exit signal's number
     */
    public long bits() {
        long b = exitSignal == null ? 0 : exitSignal.number();
        for (CloneFlag f : flags) {
            b |= f.bit();
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CloneFlags && ((CloneFlags) o).bits() == bits();
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bits());
    }

    @Override
    public String toString() {
        return "CloneFlags" + flags + (exitSignal == null ? "" : "|" + exitSignal);
    }
}
