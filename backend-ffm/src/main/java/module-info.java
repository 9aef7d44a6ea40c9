// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * The {@code ffm} backend: real Linux syscalls through the Foreign Function and Memory API (Java 22+).
 *
 * <p>Run with {@code --enable-native-access=dev.jsyscall.backend.ffm} ({@code ALL-UNNAMED} on the class path).
 */
module dev.jsyscall.backend.ffm {
    // transitive: FfmProvider and FfmNativeAccess implement dev.jsyscall.spi types
    requires transitive dev.jsyscall;

    exports dev.jsyscall.backend.ffm;

    provides dev.jsyscall.spi.SyscallBackendProvider with dev.jsyscall.backend.ffm.FfmProvider;
}
