// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.wait;

import static dev.jsyscall.linux.SyscallRequest.named;
import static dev.jsyscall.linux.SyscallRequest.namedHex;
import static dev.jsyscall.linux.SyscallRequest.out;
import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import java.util.List;
import java.util.Objects;

/**
 * The syscalls of {@code <sys/wait.h>} that jsyscall makes, each defined once as a {@link SyscallRequest}.
 *
 * <pre>{@code
 * long r = Calls.raw(sysif, arch, Wait.waitid(IdType.P_PIDFD, pidfd, infop, WaitOption.WEXITED.value(), 0));
 * }</pre>
 *
 * @since 0.2
 */
public final class Wait {
    private Wait() {
    }

    /**
     * {@code waitid(idtype, id, infop, options, rusage)} into memory the caller lends: {@code infop} receives a
     * {@link Siginfo} ({@link Siginfo#SIZE} bytes), {@code rusage} (0 for none) a {@link Rusage}.
     *
     * @param options the bits of {@link WaitOption}s
     * @param idtype what {@code id} names
     * @param id the pid, group or pidfd
     * @param infop the address of the siginfo buffer
     * @param rusage the address of the rusage buffer, or 0
     * @return the request
     */
    public static SyscallRequest<Void> waitid(IdType idtype, int id, long infop, long options, long rusage) {
        Objects.requireNonNull(idtype, "idtype");
        return SyscallRequest.of(Syscall.WAITID, List.of(word(idtype.value()), word(id), word(infop), word(options),
                word(rusage)), (r, o) -> null, idtype, named("id", id), namedHex("options", options));
    }

    /**
     * {@code waitid(idtype, id, &info, options, NULL)} with the siginfo laid out by the task: what
     * {@link #waitid} does for a caller that has no buffer of its own. With {@link WaitOption#WNOHANG} and no
     * child ready the kernel returns 0 with {@code si_pid} 0.
     *
     * <pre>{@code
     * Siginfo info = local.call(Wait.waitidInfo(IdType.P_PID, pid, WaitOption.bits(Set.of(WEXITED, WNOHANG))));
     * if (info.pid() != 0) { ChildState st = ChildState.fromSiginfo(info); }
     * }</pre>
     *
     * @param idtype what {@code id} names, not null
     * @param id the pid, group or pidfd
     * @param options the bits of {@link WaitOption}s
     * @return the request; its result is the siginfo the kernel wrote
     * @since 0.2
     */
    public static SyscallRequest<Siginfo> waitidInfo(IdType idtype, int id, long options) {
        Objects.requireNonNull(idtype, "idtype");
        return SyscallRequest.of(Syscall.WAITID, List.of(word(idtype.value()), word(id), out(Siginfo.SIZE),
                word(options), word(0)), (r, o) -> Siginfo.CODEC.decode(o.get(0)), idtype, named("id", id),
                namedHex("options", options));
    }
}
