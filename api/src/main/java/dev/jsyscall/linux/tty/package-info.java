// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Terminals ({@code <asm-generic/ioctls.h>}, {@code <termios.h>}): the pseudo-terminal and window-size
 * {@code ioctl}s jsyscall makes, each defined once, and {@code struct winsize}. Layer rule: values only; depends on
 * no jsyscall package but {@code linux}, {@code near} and {@code struct} (checked by {@code LayeringTest}).
 */
package dev.jsyscall.linux.tty;
