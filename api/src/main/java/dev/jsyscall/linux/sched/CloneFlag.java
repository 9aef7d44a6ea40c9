// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.sched;

/**
 * Flags of the {@code clone} syscall (the exit signal, in the low byte, is separate: see {@link CloneFlags}).
 *
 * @since 0.1
 */
public enum CloneFlag {
    /** {@code CLONE_VM}: share the address space with the parent. */
    VM(0x00000100L),
    /** {@code CLONE_FS}: share root, working directory and umask. */
    FS(0x00000200L),
    /** {@code CLONE_FILES}: share the fd table. */
    FILES(0x00000400L),
    /** {@code CLONE_SIGHAND}: share signal handlers (needs {@link #VM}). */
    SIGHAND(0x00000800L),
    /** {@code CLONE_PIDFD}: return a pidfd for the child through {@code parent_tid}. */
    PIDFD(0x00001000L),
    /** {@code CLONE_PTRACE}: the child is traced if the parent is. */
    PTRACE(0x00002000L),
    /** {@code CLONE_VFORK}: the parent sleeps until the child execs or exits. */
    VFORK(0x00004000L),
    /** {@code CLONE_PARENT}: the child's parent is the caller's parent. */
    PARENT(0x00008000L),
    /** {@code CLONE_THREAD}: a thread in the caller's thread group (needs {@link #SIGHAND}). */
    THREAD(0x00010000L),
    /** {@code CLONE_NEWNS}: a new mount namespace. */
    NEWNS(0x00020000L),
    /** {@code CLONE_SYSVSEM}: share System V semaphore undo values. */
    SYSVSEM(0x00040000L),
    /** {@code CLONE_SETTLS}: set the child's thread pointer from the {@code tls} argument. */
    SETTLS(0x00080000L),
    /** {@code CLONE_PARENT_SETTID}: store the child's tid at {@code parent_tid} in the parent. */
    PARENT_SETTID(0x00100000L),
    /** {@code CLONE_CHILD_CLEARTID}: zero {@code child_tid} and futex-wake it when the child exits or execs. */
    CHILD_CLEARTID(0x00200000L),
    /** {@code CLONE_UNTRACED}: a tracer cannot force {@link #PTRACE} on the child. */
    UNTRACED(0x00800000L),
    /** {@code CLONE_CHILD_SETTID}: store the child's tid at {@code child_tid} in the child. */
    CHILD_SETTID(0x01000000L),
    /** {@code CLONE_NEWCGROUP}: a new cgroup namespace. */
    NEWCGROUP(0x02000000L),
    /** {@code CLONE_NEWUTS}: a new hostname namespace. */
    NEWUTS(0x04000000L),
    /** {@code CLONE_NEWIPC}: a new System V IPC namespace. */
    NEWIPC(0x08000000L),
    /** {@code CLONE_NEWUSER}: a new user namespace, in which the child holds every capability. */
    NEWUSER(0x10000000L),
    /** {@code CLONE_NEWPID}: a new pid namespace, in which the child is pid 1. */
    NEWPID(0x20000000L),
    /** {@code CLONE_NEWNET}: a new network namespace. */
    NEWNET(0x40000000L),
    /** {@code CLONE_IO}: share the I/O context. */
    IO(0x80000000L),
    /**
     * {@code CLONE_CLEAR_SIGHAND}: the child's caught signal handlers start as {@code SIG_DFL} (ignored ones stay
     * ignored). {@code clone3} only (Linux 5.5+); {@code clone} takes the low 32 bits of its flags.
     *
     * @since 0.2
     */
    CLEAR_SIGHAND(0x100000000L),
    /**
     * {@code CLONE_INTO_CGROUP}: the child starts in the cgroup v2 directory whose fd is
     * {@link CloneArgs#cgroup()}. {@code clone3} only (Linux 5.7+).
     *
     * @since 0.2
     */
    INTO_CGROUP(0x200000000L);

    private final long bit;

    CloneFlag(long bit) {
        this.bit = bit;
    }

    /**
     * The flag's bit in the {@code flags} argument of {@code clone} and {@code unshare}.
     *
     * @return the single set bit
     */
    public long bit() {
        return bit;
    }

    /**
     * The flags' bits OR-ed together, as clone and unshare take them.
     *
     * @param flags the flags, not null and without null elements
     * @return their union; 0 for an empty set
     */
    public static long bits(java.util.Set<CloneFlag> flags) {
        long bits = 0;
        for (CloneFlag f : java.util.Objects.requireNonNull(flags, "flags")) {
            bits |= java.util.Objects.requireNonNull(f, "flag").bit;
        }
        return bits;
    }
}
