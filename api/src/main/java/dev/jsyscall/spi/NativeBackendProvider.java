// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi;

import java.util.Objects;
import java.util.Set;

/**
 * Base of a provider whose backend is a {@link NativeAccess} turned into a whole backend by
 * {@link NativeBackends#open}: the subclass names itself and hands over its probe, nothing else.
 *
 * <pre>{@code
 * public final class MyProvider extends NativeBackendProvider {
 *     // static: the native layer is probed once per JVM, however often ServiceLoader instantiates the provider
 *     private static final NativeAccessProbe PROBE = new NativeAccessProbe(MyNativeAccess::new);
 *
 *     public MyProvider() {
 *         super("mine", 10, PROBE);
 *     }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public abstract class NativeBackendProvider implements SyscallBackendProvider {
    private final String id;
    private final int priority;
    private final NativeAccessProbe probe;

    /**
     * Must stay cheap: ServiceLoader calls the subclass constructor; the probe runs on first use.
     *
     * @param id the backend's id
     * @param priority its priority ({@link SyscallBackendProvider#priority()})
     * @param probe the probe, run on first use
     */
    protected NativeBackendProvider(String id, int priority, NativeAccessProbe probe) {
        this.id = Objects.requireNonNull(id, "id");
        this.priority = priority;
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final int priority() {
        return priority;
    }

    @Override
    public final Availability availability() {
        return probe.availability();
    }

    @Override
    public final Set<Capability> capabilities() {
        return probe.capabilities();
    }

    /** Throws {@link BackendUnavailableException} with the probe's reason and cause unless available. */
    @Override
    public final SyscallBackend open() {
        return NativeBackends.open(id, probe.access(id), probe.capabilities());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[id=" + id + ", priority=" + priority + "]";
    }
}
