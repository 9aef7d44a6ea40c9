// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi;

import java.util.Set;

/**
 * A light-weight, {@link java.util.ServiceLoader}-discovered factory for one backend.
 *
 * <p>Construction must be cheap and must not touch native code; {@link #availability()} probes once and keeps
 * the result and its cause. Register an implementation both in {@code module-info} ({@code provides}) and in
 * {@code META-INF/services/dev.jsyscall.spi.SyscallBackendProvider}.
 *
 * <pre>{@code
 * public final class MyProvider implements SyscallBackendProvider {
 *     public String id() { return "mine"; }
 *     public int priority() { return 50; }
 *     ...
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface SyscallBackendProvider {

    /**
     * A short lower-case id, used by {@code -Djsyscall.backend=ID}.
     *
     * @return the id, e.g. {@code "ffm"}
     */
    String id();

    /**
     * Higher wins when no backend is named. ffm: 100, jnr: 50.
     *
     * @return the priority
     */
    int priority();

    /**
     * Whether this provider may be chosen when no backend is named. Only real-kernel backends are; the fake is
     * only ever used when asked for by id.
     *
     * @return true for a real-kernel backend
     */
    default boolean selectableByDefault() {
        return true;
    }

    /**
     * Probed once; the same object every call.
     *
     * @return the availability
     */
    Availability availability();

    /**
     * What the backend can do once opened.
     *
     * @return the capabilities
     */
    Set<Capability> capabilities();

    /**
     * Opens the backend.
     *
     * @return a new backend
     * @throws BackendUnavailableException if {@link #availability()} says unavailable
     */
    SyscallBackend open();
}
