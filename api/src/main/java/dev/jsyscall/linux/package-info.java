// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * What every Linux header shares: the architectures ({@link dev.jsyscall.linux.Arch}), the syscall-number
 * tables ({@link dev.jsyscall.linux.Syscall}), errno values and the {@link dev.jsyscall.linux.ErrnoException} a
 * failed syscall becomes. Its sub-packages hold one header's constants, flags and structs each, where a C
 * programmer would look for them. Layer rule: {@code linux} and its sub-packages depend only on {@code near} and
 * {@code struct}, so that every layer and every backend may use them (checked by {@code LayeringTest}).
 */
package dev.jsyscall.linux;
