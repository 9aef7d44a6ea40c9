// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import dev.jsyscall.spi.Availability;
import dev.jsyscall.spi.Capability;
import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.spi.SyscallBackendProvider;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code fake} backend provider: always available, never chosen unless asked for by id
 * ({@code -Djsyscall.backend=fake}), because code that meant to touch the real kernel must not silently run
 * against a simulation.
 *
 * <pre>{@code
 * SyscallBackend backend = new FakeProvider().open();   // a FakeKernel with seed 0
 * }</pre>
 *
 * @since 0.1
 */
public final class FakeProvider implements SyscallBackendProvider {

    /** Called by {@link java.util.ServiceLoader}; cheap, touches nothing. */
    public FakeProvider() {}

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean selectableByDefault() {
        return false;
    }

    @Override
    public Availability availability() {
        return Availability.available();
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.DRIVEN_CHILDREN, Capability.PIDFD);
    }

    /**
     * A fake kernel with the default settings and the seed named by the system property
     * {@code jsyscall.fake.seed} (or the environment variable {@code JSYSCALL_FAKE_SEED}), 0 if neither is set,
     * so that a run chosen by {@code -Djsyscall.backend=fake} can be replayed. Use {@link FakeKernel#builder()}
     * for everything else.
     *
     * @throws IllegalArgumentException if the seed is not a number, naming the property and value
     */
    @Override
    public SyscallBackend open() {
        return FakeKernel.builder().seed(seed(System.getProperty(SEED_PROPERTY), System.getenv(SEED_ENV))).build();
    }

    /** The system property that sets the seed of {@link #open()}. */
    public static final String SEED_PROPERTY = "jsyscall.fake.seed";
    /** The environment variable read when {@link #SEED_PROPERTY} is not set. */
    public static final String SEED_ENV = "JSYSCALL_FAKE_SEED";

    static long seed(String property, String env) {
        String v = property != null ? property : env;
        String from = property != null ? "-D" + SEED_PROPERTY : SEED_ENV;
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the fake kernel's seed must be a long: " + from + "=" + v, e);
        }
    }
}
