// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.internal;

import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.spi.SyscallBackend;
import java.util.Objects;

/**
 * Internal: the one route by which {@code dev.jsyscall.Kernel} builds the local task, whose constructor is not
 * public so that users cannot make a second task claiming the same fd table or address space.
 *
 * <p>Java has no friend packages; like the JDK's {@code SharedSecrets}, the handle package installs an
 * implementation from its static initializer, and this package is not exported.
 */
public final class HandleAccess {
    /** What the handle package lets the rest of the api do. */
    public interface Access {
        /** The local task over {@code backend}'s own process, with a fresh allocator and namespace identities. */
        LocalTask openLocalTask(SyscallBackend backend);

        /**
         * {@code task}'s readiness loop, on which a thread parks until an fd is ready; null on a simulated kernel,
         * whose blocking calls must run on the caller's thread.
         */
        Readiness readiness(LocalTask task);
    }

    private static volatile Access access;

    private HandleAccess() {
    }

    /** Called once, by {@link LocalTask}'s static initializer. */
    public static void install(Access a) {
        Objects.requireNonNull(a, "a");
        if (access != null) {
            throw new IllegalStateException("HandleAccess is already installed");
        }
        access = a;
    }

    /** The installed access, initializing the handle package first if needed. */
    public static Access get() {
        Access a = access;
        if (a == null) {
            try {
                Class.forName(LocalTask.class.getName(), true, LocalTask.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new AssertionError("LocalTask is on the class path of its own module", e);
            }
            a = access;
        }
        return a;
    }
}
