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

    /** A fake kernel with the default settings; use {@link FakeKernel#builder()} to choose a seed and more. */
    @Override
    public SyscallBackend open() {
        return FakeKernel.builder().build();
    }
}
