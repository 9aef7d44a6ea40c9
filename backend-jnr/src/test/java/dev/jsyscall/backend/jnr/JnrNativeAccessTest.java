// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.jnr;

import com.kenai.jffi.Library;
import dev.jsyscall.spi.NativeAccess;
import dev.jsyscall.spi.SyscallBackendProvider;
import dev.jsyscall.testkit.NativeAccessContract;

class JnrNativeAccessTest extends NativeAccessContract {
    JnrNativeAccessTest() {
        super("jnr", 50);
    }

    @Override
    protected NativeAccess newAccess() {
        return new JnrNativeAccess();
    }

    @Override
    protected SyscallBackendProvider newProvider() {
        return new JnrProvider();
    }

    @Override
    protected long libcSymbol(String name) {
        // dlsym(RTLD_DEFAULT, ...): libc is loaded in every JVM
        long address = Library.getDefault().getSymbolAddress(name);
        if (address == 0) {
            throw new IllegalStateException("dlsym(" + name + ") failed: " + Library.getLastError());
        }
        return address;
    }

    @Override
    protected String reasonOnJava17() {
        return "";
    }
}
