// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * The {@code jnr} backend: {@link dev.jsyscall.backend.jnr.JnrNativeAccess} makes the SPI's few native operations
 * through jnr-ffi (Java 17+), and {@link dev.jsyscall.backend.jnr.JnrProvider} registers it. Layer rule: uses only
 * the api's {@code spi} and {@code linux} packages (checked by {@code LayeringTest}).
 */
package dev.jsyscall.backend.jnr;
