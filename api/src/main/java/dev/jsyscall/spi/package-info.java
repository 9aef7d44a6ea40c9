// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * The service-provider interface a backend implements: a provider ({@link dev.jsyscall.spi.SyscallBackendProvider},
 * found by {@code ServiceLoader}) opens a {@link dev.jsyscall.spi.SyscallBackend}, which supplies raw syscalls
 * ({@link dev.jsyscall.spi.SyscallInterface}), memory access ({@link dev.jsyscall.spi.Memory}) and the address of
 * the syscall server a cloned child runs. A real-kernel backend implements only
 * {@link dev.jsyscall.spi.NativeAccess}; {@link dev.jsyscall.spi.NativeBackends} builds the rest. Layer rule:
 * backends may use only this package and {@code linux} (checked by {@code LayeringTest}); the SPI itself depends on
 * {@code linux}, {@code near}, {@code struct} and, to place the machine-code blob, the api's {@code internal}.
 */
package dev.jsyscall.spi;
