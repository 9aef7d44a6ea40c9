// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * The {@code ffm} backend: {@link dev.jsyscall.backend.ffm.FfmNativeAccess} makes the SPI's few native operations
 * with Panama FFM downcalls (Java 22+), and {@link dev.jsyscall.backend.ffm.FfmProvider}, compiled at release 17,
 * reports "needs Java 22+" on older JVMs instead of failing to load. Layer rule: uses only the api's {@code spi} and
 * {@code linux} packages (checked by {@code LayeringTest}).
 */
package dev.jsyscall.backend.ffm;
