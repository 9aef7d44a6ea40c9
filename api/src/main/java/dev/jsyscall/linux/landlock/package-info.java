// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * {@code <linux/landlock.h>}: Landlock rulesets that confine a process's file-system access to chosen trees
 * ({@link dev.jsyscall.linux.landlock.LandlockRuleset}), and the three syscalls that probe the ABI, build and
 * enforce them ({@link dev.jsyscall.linux.landlock.Landlock}). Layer rule: values only; depends on no jsyscall
 * package but {@code linux}, {@code near} and {@code struct}.
 *
 * @since 0.2
 */
package dev.jsyscall.linux.landlock;
