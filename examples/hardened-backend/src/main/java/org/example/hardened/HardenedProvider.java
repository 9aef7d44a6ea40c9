// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package org.example.hardened;

import dev.jsyscall.backend.jnr.JnrProvider;
import dev.jsyscall.spi.Availability;
import dev.jsyscall.spi.Capability;
import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.spi.SyscallBackendProvider;
import java.util.Set;

/**
 * Finds {@link HardenedBackend} for {@code ServiceLoader}: registered in
 * {@code META-INF/services/dev.jsyscall.spi.SyscallBackendProvider}.
 *
 * <pre>{@code
 * java -Djsyscall.backend=hardened -cp app.jar:hardened-backend.jar ...
 * }</pre>
 */
public final class HardenedProvider implements SyscallBackendProvider {

    /** The id users name it by. */
    public static final String ID = "hardened";

    // construction stays cheap (no native code): the wrapped provider only probes when asked
    private final SyscallBackendProvider wrapped = new JnrProvider();

    /** For ServiceLoader. */
    public HardenedProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    /** Below ffm (100) and jnr (50): chosen only when named, like any build-specific backend should be. */
    @Override
    public int priority() {
        return 10;
    }

    /** Never chosen silently: it behaves differently (mounts fail), so a user must ask for it by id. */
    @Override
    public boolean selectableByDefault() {
        return false;
    }

    /** Available exactly when the wrapped backend is, with its reason when not. */
    @Override
    public Availability availability() {
        return wrapped.availability();
    }

    @Override
    public Set<Capability> capabilities() {
        return wrapped.capabilities();
    }

    @Override
    public SyscallBackend open() {
        return new HardenedBackend(wrapped.open());
    }
}
