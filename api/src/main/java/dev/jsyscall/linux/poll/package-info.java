// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * poll ({@code <poll.h>}): its event bits and {@code ppoll}, defined once. Layer rule: values only; depends on no
 * jsyscall package but {@code linux} (checked by {@code LayeringTest}).
 */
package dev.jsyscall.linux.poll;
