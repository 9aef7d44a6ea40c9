// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.prctl;

import static dev.jsyscall.linux.SyscallRequest.out;
import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.SetupOption;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.struct.Bytes;
import java.util.List;

/**
 * {@code prctl} options jsyscall uses.
 *
 * @since 0.1
 */
public final class Prctl {
    private Prctl() {
    }

    /** Signal to receive when the parent thread dies (arg2: the signal, 0 to clear). */
    public static final int PR_SET_PDEATHSIG = 1;
    /** Reads the parent-death signal into the int at arg2. */
    public static final int PR_GET_PDEATHSIG = 2;
    /** Sets the thread name (arg2: address of a NUL-terminated string, 16 bytes at most). */
    public static final int PR_SET_NAME = 15;
    /** Reads the thread name into the 16-byte buffer at arg2. */
    public static final int PR_GET_NAME = 16;
    /** Makes the process a subreaper: orphaned descendants are reparented to it. */
    public static final int PR_SET_CHILD_SUBREAPER = 36;
    /** Reads the subreaper setting into the int at arg2. */
    public static final int PR_GET_CHILD_SUBREAPER = 37;
    /** Sets no_new_privs (arg2: 1; it cannot be unset): execve no longer grants privileges (setuid bits...). */
    public static final int PR_SET_NO_NEW_PRIVS = 38;
    /** Reads no_new_privs as the result (0 or 1). */
    public static final int PR_GET_NO_NEW_PRIVS = 39;

    /**
     * {@code prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)}: from now on, in the caller and every process it starts,
     * {@code execve} grants no privilege (setuid/setgid bits and file capabilities are ignored). There is no way
     * back. It needs no privilege, and lets an unprivileged process install a seccomp filter.
     *
     * @return the request
     * @since 0.2
     */
    @SetupOption(name = "--no-new-privs", description = "prctl(PR_SET_NO_NEW_PRIVS, 1): the program and all it"
            + " starts get no privilege from execve (setuid bits, file capabilities); cannot be undone.")
    public static SyscallRequest<Void> setNoNewPrivs() {
        return SyscallRequest.of(Syscall.PRCTL, List.of(word(PR_SET_NO_NEW_PRIVS), word(1), word(0), word(0),
                word(0)), (r, o) -> null, "PR_SET_NO_NEW_PRIVS", 1);
    }

    /**
     * {@code prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)}: whether no_new_privs is set on the caller.
     *
     * @return the request; its result is true when no_new_privs is set
     * @since 0.2
     */
    public static SyscallRequest<Boolean> getNoNewPrivs() {
        return SyscallRequest.of(Syscall.PRCTL, List.of(word(PR_GET_NO_NEW_PRIVS), word(0), word(0), word(0),
                word(0)), (r, o) -> r == 1, "PR_GET_NO_NEW_PRIVS");
    }

    /**
     * {@code prctl(PR_SET_CHILD_SUBREAPER, on)}: while on, a descendant orphaned by its parent's death is
     * reparented to the caller (the nearest living subreaper among its ancestors) instead of to init, so the
     * caller can wait for it. The setting belongs to the process: children made by {@code fork}/{@code clone}
     * start without it, and it survives {@code execve}.
     *
     * <pre>{@code
     * local.call(Prctl.setChildSubreaper(true));
     * }</pre>
     *
     * @param on whether the caller adopts orphaned descendants
     * @return the request
     * @since 0.2
     */
    public static SyscallRequest<Void> setChildSubreaper(boolean on) {
        return SyscallRequest.of(Syscall.PRCTL, List.of(word(PR_SET_CHILD_SUBREAPER), word(on ? 1 : 0), word(0),
                word(0), word(0)), (r, o) -> null, "PR_SET_CHILD_SUBREAPER", on ? 1 : 0);
    }

    /**
     * {@code prctl(PR_GET_CHILD_SUBREAPER, &value)}: whether the caller is a child subreaper.
     *
     * <pre>{@code
     * boolean adopts = local.call(Prctl.getChildSubreaper());
     * }</pre>
     *
     * @return the request; its result is true when the caller adopts orphaned descendants
     * @since 0.2
     */
    public static SyscallRequest<Boolean> getChildSubreaper() {
        return SyscallRequest.of(Syscall.PRCTL, List.of(word(PR_GET_CHILD_SUBREAPER), out(4), word(0), word(0),
                word(0)), (r, o) -> Bytes.le(o.get(0)).getInt(0) != 0, "PR_GET_CHILD_SUBREAPER");
    }

    /**
     * {@code prctl(option, arg2, arg3, arg4, arg5)} with integer arguments; the result is the raw value.
     *
     * @param option the {@code PR_*} option
     * @param arg2 the option's second argument
     * @param arg3 the option's third argument
     * @param arg4 the option's fourth argument
     * @param arg5 the option's fifth argument
     * @return the request; its result is what the kernel returned
     */
    public static SyscallRequest<Long> prctl(int option, long arg2, long arg3, long arg4, long arg5) {
        return SyscallRequest.of(Syscall.PRCTL, List.of(word(option), word(arg2), word(arg3), word(arg4),
                word(arg5)), SyscallRequest.rawResult(), "option=" + option, arg2);
    }
}
