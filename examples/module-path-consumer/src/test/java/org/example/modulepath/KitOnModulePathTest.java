// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package org.example.modulepath;

import dev.jsyscall.Backends;
import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.testkit.SyscallConformanceSuite;

/**
 * The whole conformance kit with the api and the ffm backend as modules on the module path (surefire puts the kit,
 * a test dependency, on the class path): what a modular application's JVM loads, parent-death probe included.
 */
class KitOnModulePathTest extends SyscallConformanceSuite {
    @Override
    protected SyscallBackend openBackend() {
        return Backends.select("ffm", Backends.discover()).open();
    }
}
