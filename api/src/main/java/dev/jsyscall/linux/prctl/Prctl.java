package dev.jsyscall.linux.prctl;

import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
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
    public static final int PR_GET_NAME = 16;
    /** Makes the process a subreaper: orphaned descendants are reparented to it. */
    public static final int PR_SET_CHILD_SUBREAPER = 36;
    public static final int PR_GET_CHILD_SUBREAPER = 37;

    /** {@code prctl(option, arg2, arg3, arg4, arg5)} with integer arguments; the result is the raw value. */
    public static SyscallRequest<Long> prctl(int option, long arg2, long arg3, long arg4, long arg5) {
        return SyscallRequest.of(Syscall.PRCTL, List.of(word(option), word(arg2), word(arg3), word(arg4),
                word(arg5)), SyscallRequest.rawResult(), "option=" + option, arg2);
    }
}
