// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux;

import dev.jsyscall.linux.capability.Capabilities;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.mman.Mman;
import dev.jsyscall.linux.mount.Mount;
import dev.jsyscall.linux.prctl.Prctl;
import dev.jsyscall.linux.resource.Resources;
import dev.jsyscall.linux.sched.Sched;
import dev.jsyscall.linux.seccomp.Seccomp;
import dev.jsyscall.linux.signal.Signals;
import dev.jsyscall.linux.stat.Stat;
import dev.jsyscall.linux.unistd.Unistd;
import java.util.List;

/**
 * The catalog of header classes that hold syscall definitions ({@link SyscallRequest} factories), for tools that
 * read the definitions instead of repeating them: {@code jsyscall run} makes an option of every factory marked
 * {@link SetupOption} in these classes. A new definition in one of them needs no edit here; a new header class is
 * added once.
 *
 * @since 0.2
 */
public final class Headers {
    private Headers() {
    }

    private static final List<Class<?>> ALL = List.of(Unistd.class, Stat.class, Fcntl.class, Resources.class,
            Signals.class, Sched.class, Mount.class, Mman.class, Prctl.class, Seccomp.class,
            Capabilities.class);

    /**
     * The header classes, in the order their options are listed.
     *
     * @return the classes
     */
    public static List<Class<?>> all() {
        return ALL;
    }
}
