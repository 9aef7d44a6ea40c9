// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.wait;

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
                word(rusage)), (r, o) -> null, idtype, "id=" + id, "options=0x" + Long.toHexString(options));
    }
}
