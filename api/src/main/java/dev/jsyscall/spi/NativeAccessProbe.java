// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi;

import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Syscall;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The once-only probe behind a provider built on {@link NativeAccess}, so that each such provider stays a few lines.
 *
 * <p>The first call to any method, from any thread, does the work once: checks that this is Linux on a supported
 * {@link Arch}, loads the provider's {@code NativeAccess} (which loads its native library), checks it with a real
 * {@code getpid}, and probes optional capabilities ({@code pidfd_open} on the JVM itself). Every later call
 * returns the same objects. Construction does nothing, as {@link SyscallBackendProvider} requires.
 *
 * <p>A loader that knows why it cannot work throws {@link BackendUnavailableException}: its message becomes the
 * {@link Availability#reason() reason} and its cause the {@link Availability#cause() cause}. Anything else it throws
 * (a {@link LinkageError} from a native library...) is kept as the cause.
 *
 * <pre>{@code
 * private final NativeAccessProbe probe = new NativeAccessProbe(MyNativeAccess::new);
 * public Availability availability() { return probe.availability(); }
 * public Set<Capability> capabilities() { return probe.capabilities(); }
 * public SyscallBackend open() { return NativeBackends.open(id(), probe.access(id()), probe.capabilities()); }
 * }</pre>
 *
 * @since 0.1
 */
public final class NativeAccessProbe {

    /** Creates the backend's native access; may throw, see the class comment. */
    @FunctionalInterface
    public interface Loader {
        /**
         * Loads the native access; called once, on first use.
         *
         * @return the access
         * @throws Exception what loading threw, kept as the unavailability's cause
         */
        NativeAccess load() throws Exception;
    }

    private final Loader loader;
    private volatile Result result;

    /**
     * A probe that runs {@code loader} on first use, not now.
     *
     * @param loader loads the native access, not null
     */
    public NativeAccessProbe(Loader loader) {
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /**
     * Probed once; the same object every call.
     *
     * @return the availability
     */
    public Availability availability() {
        return result().availability;
    }

    /**
     * What the backend can do; empty when it is unavailable, since it cannot be opened then.
     *
     * @return the capabilities
     */
    public Set<Capability> capabilities() {
        return result().capabilities;
    }

    /**
     * The loaded access.
     *
     * @param backendId the backend's id, for the message
     * @return the access
     * @throws BackendUnavailableException naming {@code backendId}, with the reason and cause, if unavailable
     */
    public NativeAccess access(String backendId) {
        Result r = result();
        r.availability.ensureAvailable(backendId);
        return r.access;
    }

    private Result result() {
        Result r = result;
        if (r == null) {
            synchronized (this) {
                r = result;
                if (r == null) {
                    r = probe();
                    result = r;
                }
            }
        }
        return r;
    }

    private Result probe() {
        String os = System.getProperty("os.name", "");
        if (!os.equals("Linux")) {
            return Result.unavailable(Availability.unavailable("needs Linux (running on " + os + ")"));
        }
        Arch arch;
        try {
            arch = Arch.current();
        } catch (UnsupportedOperationException e) {
            return Result.unavailable(Availability.unavailable(e.getMessage(), e));
        }
        NativeAccess access;
        long pid;
        try {
            access = Objects.requireNonNull(loader.load(), "loader returned null");
            pid = access.libcSyscall(Syscall.GETPID.number(arch), 0, 0, 0, 0, 0, 0);
        } catch (BackendUnavailableException e) {
            return Result.unavailable(Availability.unavailable(e.getMessage(), e.getCause()));
        } catch (Exception | LinkageError e) {
            // LinkageError: UnsatisfiedLinkError, or NoClassDefFoundError/ExceptionInInitializerError when a native
            // library's static initialiser failed; the application can still choose another backend.
            return Result.unavailable(Availability.unavailable("its native access failed to load: " + e, e));
        }
        long expected = ProcessHandle.current().pid();
        if (pid != expected) {
            return Result.unavailable(Availability.unavailable("libc syscall(getpid) returned " + pid
                    + " but this JVM's pid is " + expected + "; the native call path is broken"));
        }
        Set<Capability> capabilities =
                EnumSet.of(Capability.REAL_KERNEL, Capability.DRIVEN_CHILDREN, Capability.EXEC_REAL_PROGRAMS);
        // pidfd_open exists since Linux 5.3; older kernels say ENOSYS and seccomp filters (old container runtimes)
        // EPERM: either way the api must fall back to plain pids, so any failure just means no PIDFD.
        long fd = access.libcSyscall(Syscall.PIDFD_OPEN.number(arch), pid, 0, 0, 0, 0, 0);
        if (fd >= 0) {
            capabilities.add(Capability.PIDFD);
            access.libcSyscall(Syscall.CLOSE.number(arch), fd, 0, 0, 0, 0, 0);
        }
        // PR_GET_SECCOMP (21) is EINVAL on a kernel built without seccomp, where no filter can be installed
        if (access.libcSyscall(Syscall.PRCTL.number(arch), 21, 0, 0, 0, 0, 0) >= 0) {
            capabilities.add(Capability.SECCOMP_FILTER);
        }
        return new Result(Availability.available(), access, Collections.unmodifiableSet(capabilities));
    }

    private static final class Result {
        final Availability availability;
        final NativeAccess access;
        final Set<Capability> capabilities;

        Result(Availability availability, NativeAccess access, Set<Capability> capabilities) {
            this.availability = availability;
            this.access = access;
            this.capabilities = capabilities;
        }

        static Result unavailable(Availability availability) {
            return new Result(availability, null, Collections.emptySet());
        }
    }
}
