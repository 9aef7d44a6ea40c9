// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Guice bindings: {@link dev.jsyscall.guice.SyscallModule} binds the selected (or a named) backend's
 * {@code Kernel} and local task. Layer rule: a user of the api's exported packages, never of {@code internal}
 * (checked by {@code LayeringTest}); it names no backend.
 */
package dev.jsyscall.guice;
