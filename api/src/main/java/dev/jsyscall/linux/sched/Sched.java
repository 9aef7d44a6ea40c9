package dev.jsyscall.linux.sched;

import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The syscalls of {@code <sched.h>} that jsyscall makes besides {@code clone}, each defined once as a
 * {@link SyscallRequest}.
 *
 * @since 0.2
 */
public final class Sched {
    private Sched() {
    }

    /** {@code unshare(flags)}: leaves the namespaces or shared tables named. */
    public static SyscallRequest<Void> unshare(Set<CloneFlag> flags) {
        Objects.requireNonNull(flags, "flags");
        Set<CloneFlag> copy = flags.isEmpty() ? EnumSet.noneOf(CloneFlag.class) : EnumSet.copyOf(flags);
        return SyscallRequest.of(Syscall.UNSHARE, List.of(word(CloneFlag.bits(copy))), (r, o) -> null, copy);
    }
}
