// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * {@code <linux/seccomp.h>}: seccomp filters as typed values ({@link dev.jsyscall.linux.seccomp.SeccompFilter})
 * compiled to classic BPF for one architecture, and the {@code seccomp} syscall that installs them
 * ({@link dev.jsyscall.linux.seccomp.Seccomp}).
 *
 * @since 0.2
 */
package dev.jsyscall.linux.seccomp;
