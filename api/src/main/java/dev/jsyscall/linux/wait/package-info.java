// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * What {@code waitid} and {@code wait4} take and report ({@code <sys/wait.h>}): wait options, id types, {@code siginfo_t}, {@code struct rusage}, and the decoded {@link dev.jsyscall.linux.wait.ChildState}. Layer rule: values only; depends on no jsyscall package but {@code linux}, {@code near} and {@code struct}
 * (checked by {@code LayeringTest}).
 */
package dev.jsyscall.linux.wait;
