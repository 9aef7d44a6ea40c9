// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import dev.jsyscall.spi.Availability;

/**
 * Providers listed in {@code src/test/resources/META-INF/services/dev.jsyscall.spi.SyscallBackendProvider},
 * together with {@code dev.jsyscall.TestProviders$Missing}, a class that does not exist.
 * ServiceLoader needs public classes with public no-argument constructors.
 */
public final class TestProviders {
    private TestProviders() {
    }

    /** A provider that loads and works. */
    public static final class Working extends StubProvider {
        public Working() {
            super("working-stub", 1, Availability.available(), true);
        }
    }

    /** A provider whose construction fails, as one probing a missing native library eagerly would. */
    public static final class Throwing extends StubProvider {
        public Throwing() {
            super("never", 1, Availability.available(), true);
            throw new IllegalStateException("libexample.so: cannot open shared object file");
        }
    }
}
