// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.ffm;

import dev.jsyscall.spi.NativeAccess;
import dev.jsyscall.spi.SyscallBackendProvider;
import dev.jsyscall.testkit.NativeAccessContract;
import java.lang.foreign.Linker;

class FfmNativeAccessTest extends NativeAccessContract {
    FfmNativeAccessTest() {
        super("ffm", 100);
    }

    @Override
    protected NativeAccess newAccess() {
        return new FfmNativeAccess();
    }

    @Override
    protected SyscallBackendProvider newProvider() {
        return new FfmProvider();
    }

    @Override
    protected long libcSymbol(String name) {
        return Linker.nativeLinker().defaultLookup().find(name)
                .orElseThrow(() -> new IllegalStateException("libc has no symbol " + name))
                .address();
    }

    @Override
    protected String reasonOnJava17() {
        return "needs Java 22+ (running 17)";
    }
}
