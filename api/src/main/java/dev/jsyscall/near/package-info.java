// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Near values: raw numbers that mean something only inside one namespace (a pid, a process group, an fd number,
 * an address, a memory mapping), as plain records with no behaviour. Layer rule: depends on no other jsyscall
 * package (checked by the architecture module's {@code LayeringTest}).
 */
package dev.jsyscall.near;
