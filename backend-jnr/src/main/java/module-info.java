// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * The {@code jnr} backend: real Linux syscalls through jnr-ffi (Java 17+).
 */
// jnr-ffi 2.2.17 and jffi 1.3.13 ship no module-info, only an Automatic-Module-Name; there is nothing else to require.
@SuppressWarnings("requires-automatic")
module dev.jsyscall.backend.jnr {
    // transitive: JnrProvider and JnrNativeAccess implement dev.jsyscall.spi types
    requires transitive dev.jsyscall;
    requires org.jnrproject.ffi;
    requires org.jnrproject.jffi;

    exports dev.jsyscall.backend.jnr;
    // jnr-ffi implements LibC in a class loader of its own (an unnamed module), which needs the package exported
    exports dev.jsyscall.backend.jnr.internal;

    provides dev.jsyscall.spi.SyscallBackendProvider with dev.jsyscall.backend.jnr.JnrProvider;
}
