// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.jnr;

import dev.jsyscall.spi.NativeAccessProbe;
import dev.jsyscall.spi.NativeBackendProvider;

/**
 * The {@code jnr} backend: real Linux syscalls through jnr-ffi, on Java 17+. Chosen by default when the
 * {@code ffm} backend is unavailable (priority 50 against ffm's 100), or by {@code -Djsyscall.backend=jnr}.
 *
 * <pre>{@code
 * SyscallBackendProvider jnr = new JnrProvider();
 * jnr.availability().ensureAvailable(jnr.id());
 * try (SyscallBackend backend = jnr.open()) { ... }
 * }</pre>
 *
 * @since 0.1
 */
public final class JnrProvider extends NativeBackendProvider {
    /** Static so that the native library is probed once per JVM, however many times ServiceLoader instantiates us. */
    private static final NativeAccessProbe PROBE = new NativeAccessProbe(JnrNativeAccess::new);

    /** Cheap: touches no native code; {@link java.util.ServiceLoader} calls it. */
    public JnrProvider() {
        super("jnr", 50, PROBE);
    }
}
