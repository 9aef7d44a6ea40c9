// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Far identities: the namespaces a near value is relative to ({@link dev.jsyscall.far.FdTable},
 * {@link dev.jsyscall.far.AddressSpace}, {@link dev.jsyscall.far.PidNamespace}), compared by object identity, and
 * the far {@link dev.jsyscall.far.FarTask} that bundles a syscall interface with the namespaces it is known to be in.
 * Using a value in the wrong namespace throws a {@link dev.jsyscall.far.NamespaceMismatchException} before any
 * syscall. Layer rule: depends only on {@code near}, {@code spi} and {@code linux} (checked by
 * {@code LayeringTest}).
 */
package dev.jsyscall.far;
