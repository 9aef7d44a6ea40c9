// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.sched;

import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The syscalls of {@code <sched.h>} that jsyscall makes, each defined once as a {@link SyscallRequest}.
 *
 * @since 0.2
 */
public final class Sched {
    private Sched() {
    }

    /**
     * {@code unshare(flags)}: leaves the namespaces or shared tables named.
     *
     * @param flags the {@code CLONE_*} kinds, not null
     * @return the request
     */
    public static SyscallRequest<Void> unshare(Set<CloneFlag> flags) {
        Objects.requireNonNull(flags, "flags");
        Set<CloneFlag> copy = flags.isEmpty() ? EnumSet.noneOf(CloneFlag.class) : EnumSet.copyOf(flags);
        return SyscallRequest.of(Syscall.UNSHARE, List.of(word(CloneFlag.bits(copy))), (r, o) -> null, copy);
    }

    /** The namespace kinds, as {@code setns} and {@code unshare} name them. */
    public static final Set<CloneFlag> NAMESPACE_KINDS = java.util.Collections.unmodifiableSet(EnumSet.of(
            CloneFlag.NEWNS, CloneFlag.NEWCGROUP, CloneFlag.NEWUTS, CloneFlag.NEWIPC, CloneFlag.NEWUSER,
            CloneFlag.NEWPID, CloneFlag.NEWNET));

    /**
     * {@code setns(fd, kinds)}: joins namespaces. With a pidfd ({@code fd} from {@code pidfd_open}, Linux 5.8+) it
     * joins every namespace of that process whose kind is named, all at once or none; with an
     * {@code /proc/PID/ns/*} file, the one namespace of its kind ({@code kinds} empty for any). A new pid
     * namespace applies to the caller's children only, as with {@code unshare}.
     *
     * <pre>{@code
     * child.call(Sched.setns(pidfd, Set.of(CloneFlag.NEWUTS, CloneFlag.NEWNET)));
     * }</pre>
     *
     * @param fd a pidfd or a {@code /proc/PID/ns/*} fd
     * @param kinds the namespace kinds ({@code CLONE_NEW*})
     * @return the request
     * @throws IllegalArgumentException if {@code fd} is negative or a kind is not a namespace
     * @since 0.2
     */
    public static SyscallRequest<Void> setns(int fd, Set<CloneFlag> kinds) {
        Objects.requireNonNull(kinds, "kinds");
        if (fd < 0) {
            throw new IllegalArgumentException("setns fd must not be negative, was " + fd);
        }
        Set<CloneFlag> copy = kinds.isEmpty() ? EnumSet.noneOf(CloneFlag.class) : EnumSet.copyOf(kinds);
        if (!NAMESPACE_KINDS.containsAll(copy)) {
            Set<CloneFlag> bad = EnumSet.copyOf(copy);
            bad.removeAll(NAMESPACE_KINDS);
            throw new IllegalArgumentException("setns kinds must be namespaces " + NAMESPACE_KINDS + ", not " + bad);
        }
        return SyscallRequest.of(Syscall.SETNS, List.of(word(fd), word(CloneFlag.bits(copy))), (r, o) -> null,
                "fd=" + fd, copy);
    }

    /**
     * The raw {@code clone(flags, stack, ptid, ctid, tls)} on {@code arch}, with addresses the caller lends; the
     * result is the child's pid (0 in the child, which runs on {@code stack}).
     *
     * @param arch the architecture, which orders the arguments
     * @param flags the flags and exit signal
     * @param stack the child's stack pointer
     * @param ptid where the parent gets the tid, or 0
     * @param ctid where the child gets the tid, or 0
     * @param tls the thread pointer, or 0
     * @return the request; its result is the child's tid
     */
    public static SyscallRequest<Long> clone(Arch arch, CloneFlags flags, long stack, long ptid, long ctid,
                                             long tls) {
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(flags, "flags");
        // the kernel's argument order differs: x86_64 takes (flags, stack, ptid, ctid, tls), the generic syscall
        // ABI of aarch64 (flags, stack, ptid, tls, ctid)
        List<SyscallRequest.Arg> args = arch == Arch.X86_64
                ? List.of(word(flags.bits()), word(stack), word(ptid), word(ctid), word(tls))
                : List.of(word(flags.bits()), word(stack), word(ptid), word(tls), word(ctid));
        return SyscallRequest.of(Syscall.CLONE, args, SyscallRequest.rawResult(), flags,
                "stack=0x" + Long.toHexString(stack));
    }

    /**
     * {@code clone3(&args, sizeof args)} (Linux 5.3+): the child's pid, 0 in the child, which starts with its stack
     * pointer at {@code args.stack() + args.stackSize()}. Refused with {@code ENOSYS} by older kernels and by
     * seccomp profiles of container runtimes that predate it (some return {@code EPERM}), and with {@code EINVAL}
     * or {@code E2BIG} for a flag or field the kernel does not know yet.
     *
     * <pre>{@code
     * long pid = task.call(Sched.clone3(new CloneArgs(CloneFlags.of(CloneFlag.VM, CloneFlag.CLEAR_SIGHAND)
     *         .exitSignal(Signal.SIGCHLD), 0, stack, stackSize, -1)));
     * }</pre>
     *
     * @param args the arguments, not null
     * @return the request; its result is the child's tid
     * @since 0.2
     */
    public static SyscallRequest<Long> clone3(CloneArgs args) {
        Objects.requireNonNull(args, "args");
        return SyscallRequest.of(Syscall.CLONE3, List.of(SyscallRequest.in(args.encode()),
                word(CloneArgs.SIZE)), SyscallRequest.rawResult(), args);
    }
}
