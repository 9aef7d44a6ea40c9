// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Signals, signal sets and {@code sigprocmask}'s operations ({@code <signal.h>}). Layer rule: values only; depends on no jsyscall package but {@code linux}, {@code near} and {@code struct}
 * (checked by {@code LayeringTest}).
 */
package dev.jsyscall.linux.signal;
