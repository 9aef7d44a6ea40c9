// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

/**
 * The kinds of fault {@link KernelFaults} injects, each limited to what Linux itself can do. Swarm testing draws,
 * per seed, which kinds are on, so that one kind's frequent firings do not hide the paths another kind reaches.
 *
 * <pre>{@code
 * KernelFaults f = KernelFaults.swarm(seed, EnumSet.of(FaultKind.ERRNO, FaultKind.KILL));
 * }</pre>
 *
 * @since 0.2
 */
public enum FaultKind {
    /** A resource errno from {@link KernelFaults#ERRNO_TABLE} (clone's EAGAIN, EMFILE, ENFILE). */
    ERRNO,
    /**
     * EINTR from the local process's calls that a signal handler interrupts even under {@code SA_RESTART} (the
     * JVM's handlers all use it): sleeps, polls and signal waits, never {@code waitid} or {@code read}.
     */
    EINTR,
    /** SIGKILL to a child at a syscall boundary (the OOM killer, an operator, a supervisor of the supervisor). */
    KILL,
    /** Named fault sites ({@code dev.jsyscall.Faults#fire}) switched on per run. */
    SITES
}
