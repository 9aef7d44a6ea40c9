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
}
