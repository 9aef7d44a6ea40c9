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
    SITES,
    /**
     * A sleep, poll, epoll or signal-wait timeout of any process ends later by a seeded delay, never earlier:
     * Linux's timer slack plus scheduling delay under load, enough to move an event across a tick.
     *
     * @since 0.2
     */
    JITTER,
    /**
     * {@code CLOCK_REALTIME} steps forward or back before a clock read (an administrator's or NTP's
     * {@code clock_settime}); {@code CLOCK_MONOTONIC} never does.
     *
     * @since 0.2
     */
    CLOCK_STEP,
    /**
     * A transfer moves fewer bytes than asked where Linux may ({@link KernelFaults#SHORT_CALLS}): a read of a pipe
     * or stream socket ends where a writer's write ended, a pipe write of more than {@code PIPE_BUF} bytes, a stream
     * send after whole skbs, a terminal write; never a regular file, never a pipe write of up to {@code PIPE_BUF}
     * bytes (atomic), never a datagram or seqpacket message, never a terminal read.
     *
     * @since 0.2
     */
    SHORT
}
