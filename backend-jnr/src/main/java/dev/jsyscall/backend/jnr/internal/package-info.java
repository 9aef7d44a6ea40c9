// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Internal, not API: the jnr-ffi binding of libc. Exported only because jnr-ffi generates its implementation in a
 * class loader of its own, which must see the interface; nothing outside {@code backend.jnr} may use it. Layer rule:
 * as {@code dev.jsyscall.backend.jnr}.
 */
package dev.jsyscall.backend.jnr.internal;
