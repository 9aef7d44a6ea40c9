// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Codecs between Java values and the bytes of their C layout (little-endian, LP64), used to read and write
 * structs in a task's memory. Layer rule: depends on no other jsyscall package (checked by {@code LayeringTest}).
 */
package dev.jsyscall.struct;
