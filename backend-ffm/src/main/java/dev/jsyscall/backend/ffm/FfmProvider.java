// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.ffm;

import dev.jsyscall.spi.BackendUnavailableException;
import dev.jsyscall.spi.NativeAccess;
import dev.jsyscall.spi.NativeAccessProbe;
import dev.jsyscall.spi.NativeBackendProvider;
import java.lang.reflect.InvocationTargetException;

/**
 * The {@code ffm} backend: real Linux syscalls through java.lang.foreign, on Java 22+. The preferred real
 * backend (priority 100), or chosen by {@code -Djsyscall.backend=ffm}.
 *
 * <pre>{@code
 * SyscallBackendProvider ffm = new FfmProvider();
 * ffm.availability().ensureAvailable(ffm.id());   // "needs Java 22+ (running 17)" on an older JVM
 * try (SyscallBackend backend = ffm.open()) { ... }
 * }</pre>
 *
 * <p>This one class is compiled for Java 17 (see this module's pom) and names the FFM classes only as a string,
 * so that on Java 17-21 ServiceLoader still loads it and it reports why it cannot work, instead of the whole
 * discovery failing with an UnsupportedClassVersionError.
 *
 * @since 0.1
 */
public final class FfmProvider extends NativeBackendProvider {
    private static final int MINIMUM_JAVA = 22;
    private static final String ACCESS_CLASS = "dev.jsyscall.backend.ffm.FfmNativeAccess";

    /** Static so that the native layer is probed once per JVM, however many times ServiceLoader instantiates us. */
    private static final NativeAccessProbe PROBE = new NativeAccessProbe(FfmProvider::loadAccess);

    /** Cheap: touches no native code; {@link java.util.ServiceLoader} calls it. */
    public FfmProvider() {
        super("ffm", 100, PROBE);
    }

    private static NativeAccess loadAccess() throws Exception {
        int running = Runtime.version().feature();
        if (running < MINIMUM_JAVA) {
            throw new BackendUnavailableException("needs Java " + MINIMUM_JAVA + "+ (running " + running + ")");
        }
        try {
            return Class.forName(ACCESS_CLASS).asSubclass(NativeAccess.class).getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            // the constructor's own failure (BackendUnavailableException...) is the one worth reporting
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }
}
