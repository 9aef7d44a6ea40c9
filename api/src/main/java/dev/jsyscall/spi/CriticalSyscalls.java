// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi;

import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Syscall;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The syscalls that {@link NativeBackends} sends through {@link NativeAccess#bindCritical6}'s binding: the one
 * reviewed list of calls that never wait. Each only reads or edits the calling process's own state (its ids, its
 * signal mask, its umask, its resource limits, its file table without closing anything) and returns: none waits
 * for another process, a device, a file system, a timeout or a lock held across I/O. Like any kernel code they can
 * still sleep briefly on a page fault or memory reclaim; so does any ordinary Java code.
 *
 * <p>Left out on purpose: {@code close} (the last close of a socket with {@code SO_LINGER}, or of an NFS file,
 * waits), and so {@code dup2}/{@code dup3}, which close a {@code newfd} that is open; {@code fcntl} (its
 * {@code F_SETLKW} waits for a lock); and everything that reads, writes, polls, sleeps or waits for a child.
 * A critical call holds off safepoints, and so every thread's garbage collection, until it returns; a call on this
 * list returns in well under a microsecond.
 *
 * <pre>{@code
 * boolean fast = CriticalSyscalls.contains(Syscall.GETPID); // true
 * }</pre>
 *
 * @since 0.2
 */
public final class CriticalSyscalls {
    private static final Set<Syscall> ALL = Set.copyOf(EnumSet.of(
            Syscall.GETPID, Syscall.GETTID, Syscall.GETPPID,
            Syscall.GETUID, Syscall.GETEUID, Syscall.GETGID, Syscall.GETEGID,
            Syscall.GETRESUID, Syscall.GETRESGID, Syscall.GETPGID, Syscall.GETPGRP, Syscall.GETSID,
            Syscall.GETCPU, Syscall.UMASK, Syscall.DUP, Syscall.RT_SIGPROCMASK,
            Syscall.GETRLIMIT, Syscall.PRLIMIT64));

    private CriticalSyscalls() {
    }

    /**
     * All of them.
     *
     * @return an unmodifiable set
     */
    public static Set<Syscall> all() {
        return ALL;
    }

    /**
     * Whether {@code call} is on the list.
     *
     * @param call the syscall
     * @return whether it never waits
     * @throws NullPointerException if {@code call} is null
     */
    public static boolean contains(Syscall call) {
        return ALL.contains(Objects.requireNonNull(call, "call"));
    }

    /**
     * The list as a table indexed by syscall number on {@code arch}, for a per-call test that costs one load.
     *
     * @param arch the architecture
     * @return {@code table[nr]} is whether syscall {@code nr} is on the list
     */
    static boolean[] byNumber(Arch arch) {
        // getpgrp and getrlimit exist only on x86_64
        Set<Syscall> here = EnumSet.noneOf(Syscall.class);
        ALL.stream().filter(s -> s.existsOn(arch)).forEach(here::add);
        boolean[] table = new boolean[here.stream().mapToInt(s -> s.number(arch)).max().orElse(-1) + 1];
        here.forEach(s -> table[s.number(arch)] = true);
        return table;
    }
}
