// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Directory entries ({@code <dirent.h>}): {@code getdents64}, defined once, and the layout of
 * {@code struct linux_dirent64}. Layer rule: values only; depends on no jsyscall package but {@code linux}
 * (checked by {@code LayeringTest}).
 */
package dev.jsyscall.linux.dirent;
