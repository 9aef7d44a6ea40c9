// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.wait;

import java.util.Set;

/**
 * Options of {@code waitid} and {@code wait4}.
 *
 * <pre>{@code
 * child.waitid(EnumSet.of(WaitOption.WEXITED, WaitOption.WNOHANG), infop, null);
 * }</pre>
 *
 * @since 0.1
 */
public enum WaitOption {
    /** Return at once if no child has changed state. */
    WNOHANG(0x1),
    /** Report stopped children ({@code WUNTRACED} for wait4). */
    WSTOPPED(0x2),
    /** Report children that exited or were killed. */
    WEXITED(0x4),
    /** Report stopped children resumed by {@code SIGCONT}. */
    WCONTINUED(0x8),
    /** Leave the child waitable: report without reaping. */
    WNOWAIT(0x01000000),
    /** Do not wait for children of other threads in the same thread group. */
    WNOTHREAD(0x20000000),
    /** Wait for all children, whatever signal they send their parent on exit. */
    WALL(0x40000000),
    /** Wait only for "clone" children (exit signal other than SIGCHLD). */
    WCLONE(0x80000000);

    private final int value;

    WaitOption(int value) {
        this.value = value;
    }

    /**
     * The bit {@code waitid} takes.
     *
     * @return the bit
     */
    public int value() {
        return value;
    }

    /**
     * The raw bits of a set of options.
     *
     * @param options the options, not null
     * @return the bits OR-ed
     */
    public static int bits(Set<WaitOption> options) {
        int b = 0;
        for (WaitOption o : options) {
            b |= o.value;
        }
        return b;
    }
}
