// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * eventfd ({@code <sys/eventfd.h>}): its flags and {@code eventfd2}, defined once. Layer rule: values only; depends
 * on no jsyscall package but {@code linux} (checked by {@code LayeringTest}).
 */
package dev.jsyscall.linux.eventfd;
