// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Handles: owning objects that carry their task, so that every syscall is a method on the object it acts on —
 * tasks ({@link dev.jsyscall.handle.LocalTask}, driven {@link dev.jsyscall.handle.ChildTask}s and their
 * {@link dev.jsyscall.handle.SetupBatch}), processes ({@link dev.jsyscall.handle.ChildProcess} and kin),
 * {@link dev.jsyscall.handle.FileDescriptor}s, {@link dev.jsyscall.handle.Pointer}s and their allocator. A handle
 * refuses use after close, in the wrong namespace or after the operation that consumed it, before any syscall.
 * Layer rule: builds on {@code near}, {@code far}, {@code struct}, {@code linux}, {@code spi} and the api's
 * {@code internal}; not on the high-level package (today it still takes a {@code Command} to exec).
 */
package dev.jsyscall.handle;
