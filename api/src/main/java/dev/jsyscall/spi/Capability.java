// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi;

/**
 * Things a backend may or may not be able to do. Conformance tests that need a capability a backend lacks are
 * skipped with the capability named, and a test checks that the backend refuses clearly.
 *
 * @since 0.1
 */
public enum Capability {
    /** Syscalls reach the real Linux kernel (ffm, jnr); the fake simulates one. */
    REAL_KERNEL,
    /** Can clone children that run the syscall server and drive them before exec. */
    DRIVEN_CHILDREN,
    /** Can execve real programs from the file system (the fake runs simulated programs instead). */
    EXEC_REAL_PROGRAMS,
    /** pidfd_open, pidfd_send_signal and waitid(P_PIDFD) (Linux 5.3+). */
    PIDFD,
    /** The process has the privileges to unshare namespaces other than the user namespace. */
    PRIVILEGED_NAMESPACES,
    /**
     * Installs seccomp filters ({@code seccomp(SECCOMP_SET_MODE_FILTER)}) that the kernel enforces on the
     * programs a child execs.
     *
     * @since 0.2
     */
    SECCOMP_FILTER
}
