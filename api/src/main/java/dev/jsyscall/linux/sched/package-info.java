// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Clone flags and the clone-time structs ({@code <sched.h>}): {@link dev.jsyscall.linux.sched.CloneFlag}, the child stack's start data, the futex node a clone may clear. Layer rule: values only; depends on no jsyscall package but {@code linux}, {@code near} and {@code struct}
 * (checked by {@code LayeringTest}).
 */
package dev.jsyscall.linux.sched;
