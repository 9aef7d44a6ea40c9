// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Time values and clocks ({@code <time.h>}): {@code struct timespec}, {@code clock_gettime}. Layer rule: depends on no jsyscall package but {@code linux}, {@code near} and {@code struct}
 * (checked by {@code LayeringTest}).
 */
package dev.jsyscall.linux.time;
