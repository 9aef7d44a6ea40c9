// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/** Guice bindings for jsyscall: the selected (or a named) backend's kernel and local task. */
module dev.jsyscall.guice {
    requires transitive dev.jsyscall;
    requires transitive com.google.guice;

    exports dev.jsyscall.guice;
    // Guice calls SyscallModule's package-private @Provides methods by reflection; no one else needs deep access
    opens dev.jsyscall.guice to com.google.guice;
}
