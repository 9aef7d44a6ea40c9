package dev.jsyscall.backend.jnr;

import dev.jsyscall.spi.Availability;
import dev.jsyscall.spi.Capability;
import dev.jsyscall.spi.NativeAccessProbe;
import dev.jsyscall.spi.NativeBackends;
import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.spi.SyscallBackendProvider;
import java.util.Set;

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
public final class JnrProvider implements SyscallBackendProvider {
    /** Static so that the native library is probed once per JVM, however many times ServiceLoader instantiates us. */
    private static final NativeAccessProbe PROBE = new NativeAccessProbe(JnrNativeAccess::new);

    /** Cheap: touches no native code; {@link java.util.ServiceLoader} calls it. */
    public JnrProvider() {}

    @Override
    public String id() {
        return "jnr";
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public Availability availability() {
        return PROBE.availability();
    }

    @Override
    public Set<Capability> capabilities() {
        return PROBE.capabilities();
    }

    @Override
    public SyscallBackend open() {
        return NativeBackends.open(id(), PROBE.access(id()), PROBE.capabilities());
    }
}
