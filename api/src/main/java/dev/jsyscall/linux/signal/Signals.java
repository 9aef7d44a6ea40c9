// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.signal;

import static dev.jsyscall.linux.SyscallRequest.in;
import static dev.jsyscall.linux.SyscallRequest.out;
import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.SetupOption;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.struct.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * The syscalls of {@code <signal.h>} that act on the caller's own signal state, each defined once as a
 * {@link SyscallRequest}.
 *
 * <pre>{@code
 * child.call(Signals.ignore(Signal.SIGPIPE));
 * }</pre>
 *
 * @since 0.2
 */
public final class Signals {
    /** {@code SIG_DFL} and {@code SIG_IGN}: the handlers a process that runs no JVM code may have. */
    private static final long SIG_DFL = 0;
    private static final long SIG_IGN = 1;

    private Signals() {
    }

    /**
     * {@code rt_sigaction(sig, {SIG_IGN}, NULL, 8)}: ignored signals stay ignored across exec.
     *
     * @param sig the signal, not {@code SIGKILL} or {@code SIGSTOP}
     * @return the request
     */
    @SetupOption(name = "--ignore-signal", paramLabel = "SIG", description = "SIG_IGN for SIG; kept across execve."
            + " Repeatable.")
    public static SyscallRequest<Void> ignore(Signal sig) {
        return sigaction(sig, SIG_IGN);
    }

    /**
     * {@code rt_sigaction(sig, {SIG_DFL}, NULL, 8)}.
     *
     * @param sig the signal, not {@code SIGKILL} or {@code SIGSTOP}
     * @return the request
     */
    @SetupOption(name = "--default-signal", paramLabel = "SIG", description = "SIG_DFL for SIG (undoes an ignore the"
            + " JVM's parent left). Repeatable.")
    public static SyscallRequest<Void> setDefault(Signal sig) {
        return sigaction(sig, SIG_DFL);
    }

    /**
     * struct kernel_sigaction { handler; flags; restorer; mask } — 32 bytes; SA_RESTORER is only needed for
     * handlers that return, which SIG_IGN and SIG_DFL never do.
     */
    private static SyscallRequest<Void> sigaction(Signal sig, long handler) {
        Objects.requireNonNull(sig, "sig");
        if (sig == Signal.SIGKILL || sig == Signal.SIGSTOP) {
            throw new IllegalArgumentException(sig + " cannot be ignored, caught or reset");
        }
        return SyscallRequest.of(Syscall.RT_SIGACTION, List.of(word(sig.number()),
                in(Bytes.allocate(32).putLong(0, handler).array()), word(0), word(SigSet.KERNEL_SIZE)),
                (r, o) -> null, sig, handler == SIG_IGN ? "SIG_IGN" : "SIG_DFL");
    }

    /**
     * {@code rt_sigprocmask(how, &set, NULL, 8)}: changes the caller's signal mask.
     *
     * @param how block, unblock or set
     * @param set the signals, not null
     * @return the request
     */
    public static SyscallRequest<Void> sigprocmask(SigprocmaskHow how, SigSet set) {
        Objects.requireNonNull(how, "how");
        Objects.requireNonNull(set, "set");
        return SyscallRequest.of(Syscall.RT_SIGPROCMASK, List.of(word(how.value()), in(SigSet.CODEC.encode(set)),
                word(0), word(SigSet.KERNEL_SIZE)), (r, o) -> null, how, set);
    }

    /**
     * {@code rt_sigprocmask(how, &set, &old, 8)}: changes the mask and gives the one before.
     *
     * @param how block, unblock or set
     * @param set the signals, not null
     * @return the request; its result is the previous mask
     */
    public static SyscallRequest<SigSet> swapMask(SigprocmaskHow how, SigSet set) {
        Objects.requireNonNull(how, "how");
        Objects.requireNonNull(set, "set");
        return SyscallRequest.of(Syscall.RT_SIGPROCMASK, List.of(word(how.value()), in(SigSet.CODEC.encode(set)),
                out(SigSet.KERNEL_SIZE), word(SigSet.KERNEL_SIZE)), (r, o) -> SigSet.CODEC.decode(o.get(0)), how,
                set);
    }

    /**
     * {@code rt_sigprocmask(SIG_BLOCK, NULL, &old, 8)}: the current mask, unchanged.
     *
     * @return the request; its result is the mask
     */
    public static SyscallRequest<SigSet> mask() {
        return SyscallRequest.of(Syscall.RT_SIGPROCMASK, List.of(word(SigprocmaskHow.SIG_BLOCK.value()), word(0),
                out(SigSet.KERNEL_SIZE), word(SigSet.KERNEL_SIZE)), (r, o) -> SigSet.CODEC.decode(o.get(0)),
                "SIG_BLOCK", "NULL");
    }

    /**
     * {@code kill(pid, sig)}: the process {@code pid} (whoever has that pid now: see {@code Process}).
     *
     * @param pid the process
     * @param sig the signal, not null
     * @return the request
     */
    public static SyscallRequest<Void> kill(int pid, Signal sig) {
        Objects.requireNonNull(sig, "sig");
        return SyscallRequest.of(Syscall.KILL, List.of(word(pid), word(sig.number())), (r, o) -> null,
                "pid=" + pid, sig);
    }

    /**
     * {@code kill(-pgid, sig)}: every process of the process group {@code pgid}.
     *
     * @param pgid the process group
     * @param sig the signal, not null
     * @return the request
     */
    public static SyscallRequest<Void> killpg(int pgid, Signal sig) {
        Objects.requireNonNull(sig, "sig");
        if (pgid <= 0) {
            throw new IllegalArgumentException("a process group id is positive, was " + pgid);
        }
        return SyscallRequest.of(Syscall.KILL, List.of(word(-(long) pgid), word(sig.number())), (r, o) -> null,
                "pid=-" + pgid + " (process group)", sig);
    }

    /**
     * {@code pidfd_send_signal(pidfd, sig, NULL, 0)}: only the process the pidfd was opened for, never a later
     * owner of its pid.
     *
     * @param pid for messages: the process's pid
     * @param pidfd the pidfd
     * @param sig the signal, not null
     * @return the request
     */
    public static SyscallRequest<Void> pidfdSendSignal(int pidfd, Signal sig, int pid) {
        Objects.requireNonNull(sig, "sig");
        return SyscallRequest.of(Syscall.PIDFD_SEND_SIGNAL, List.of(word(pidfd), word(sig.number())),
                (r, o) -> null, "pidfd=" + pidfd + " (pid " + pid + ")", sig);
    }

    /**
     * {@code pidfd_open(pid, 0)}: an fd naming process {@code pid} for as long as it is held, which later
     * {@code pidfd_send_signal}s reach and no later owner of the pid does (beside them, since it exists to signal).
     *
     * @param pid the process
     * @return the request; its result is the pidfd
     * @since 0.2
     */
    public static SyscallRequest<Integer> pidfdOpen(int pid) {
        return SyscallRequest.of(Syscall.PIDFD_OPEN, List.of(word(pid), word(0)), (r, o) -> (int) r, "pid=" + pid);
    }

    /**
     * {@code pidfd_send_signal(pidfd, 0, NULL, 0)}: whether the process still exists (ESRCH if not).
     *
     * @param pidfd the pidfd
     * @param pid the process's pid, for messages
     * @return the request
     */
    public static SyscallRequest<Void> pidfdAlive(int pidfd, int pid) {
        return SyscallRequest.of(Syscall.PIDFD_SEND_SIGNAL, List.of(word(pidfd), word(0)), (r, o) -> null,
                "pidfd=" + pidfd + " (pid " + pid + ")", "signal 0");
    }
}
