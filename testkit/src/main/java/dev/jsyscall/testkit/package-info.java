// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * The conformance suite every backend runs: extend {@link dev.jsyscall.testkit.SyscallConformanceSuite} and return
 * the backend; {@link dev.jsyscall.testkit.MisuseContract} is its misuse area,
 * {@link dev.jsyscall.testkit.BridgeContract} its area for the bridges to {@code java.lang.Process}, and
 * {@link dev.jsyscall.testkit.SharedKernelContract}, implemented apart, holds the process-wide kernel; and
 * {@link dev.jsyscall.testkit.NativeAccessContract} holds a real-kernel backend's native layer to the running
 * kernel. Layer rule: a user of the api like any other — it uses the exported api packages, never
 * {@code internal} (checked by {@code LayeringTest}), and names no backend.
 */
package dev.jsyscall.testkit;
