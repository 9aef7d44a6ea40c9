// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * The high level, what most users touch: {@link dev.jsyscall.Kernel} opens a backend (found by
 * {@link dev.jsyscall.Backends}) and hands out the local task; {@link dev.jsyscall.Spawn} starts a
 * {@link dev.jsyscall.Command} with its set-up steps and {@link dev.jsyscall.Redirect}s and returns a
 * {@link dev.jsyscall.Spawned}. Layer rule: it builds on every other api package and nothing in the api builds on
 * it, except that {@code handle} still takes a {@code Command} to exec (see docs/architecture.md).
 */
package dev.jsyscall;
