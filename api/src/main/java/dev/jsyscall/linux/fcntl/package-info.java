// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * File-descriptor and open flags ({@code <fcntl.h>}): {@code O_*}, {@code F_*}, {@code CLOSE_RANGE_*}. Layer rule: values only; depends on no jsyscall package but {@code linux}, {@code near} and {@code struct}
 * (checked by {@code LayeringTest}).
 */
package dev.jsyscall.linux.fcntl;
