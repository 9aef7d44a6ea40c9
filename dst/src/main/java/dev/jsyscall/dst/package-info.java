// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Deterministic simulation testing on the fake kernel, as a JUnit 5 harness: {@link dev.jsyscall.dst.Simulation}
 * runs a test once per seed and prints the replay line of a failing one, {@link dev.jsyscall.dst.Sometimes} marks
 * rare conditions a sweep must reach, and {@link dev.jsyscall.dst.SimulationTrace} decodes the fake's trace with
 * the api's own tables (syscall, errno, signal and flag names). Depends on the api and the fake backend only; see
 * {@code docs/dst.md}.
 *
 * @since 0.2
 */
package dev.jsyscall.dst;
