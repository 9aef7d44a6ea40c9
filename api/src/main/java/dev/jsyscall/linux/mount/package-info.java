// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Mount flags and mount propagation ({@code <sys/mount.h>}). Layer rule: values only; depends on no jsyscall package but {@code linux}, {@code near} and {@code struct}
 * (checked by {@code LayeringTest}).
 */
package dev.jsyscall.linux.mount;
