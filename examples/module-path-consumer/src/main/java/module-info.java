// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/** An application that spawns programs through the jsyscall kernel Guice injects. */
module org.example.modulepath {
    requires dev.jsyscall.guice;          // and, transitively, dev.jsyscall and com.google.guice
    requires dev.jsyscall.backend.ffm;    // the backend ServiceLoader finds (it provides SyscallBackendProvider)
    requires jakarta.inject;

    // an application: it exports nothing; Guice builds Greeter through its @Inject constructor by reflection
    opens org.example.modulepath to com.google.guice;
}
