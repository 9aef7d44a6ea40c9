// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * The syscalls of {@code <sys/stat.h>} ({@code umask}), each defined once as a
 * {@link dev.jsyscall.linux.SyscallRequest}. Layer rule: depends on no jsyscall package but {@code linux},
 * {@code near} and {@code struct} (checked by {@code LayeringTest}).
 */
package dev.jsyscall.linux.stat;
