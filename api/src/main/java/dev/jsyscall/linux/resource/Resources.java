// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.resource;

import static dev.jsyscall.linux.SyscallRequest.in;
import static dev.jsyscall.linux.SyscallRequest.out;
import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import java.util.List;
import java.util.Objects;

/**
 * The syscalls of {@code <sys/resource.h>} that jsyscall makes on the calling process, each defined once as a
 * {@link SyscallRequest}. ({@code Process} makes the same calls naming another process by its pid.)
 *
 * <pre>{@code
 * Rlimit before = task.call(Resources.prlimit(Resource.RLIMIT_NOFILE, new Rlimit(64, 64)));
 * }</pre>
 *
 * @since 0.2
 */
public final class Resources {
    private Resources() {
    }

    /**
     * {@code prlimit64(0, resource, &limit, &old)} on the caller: sets {@code limit} (null: only reads) and gives
     * the limit before the call. (No {@code @SetupOption}: {@code jsyscall run --rlimit nofile=64:} keeps the hard
     * limit as prlimit(1) does, so the CLI completes a limit from the current one before it queues this.)
     *
     * @param resource the resource, not null
     * @param limit the new limits, or null
     * @return the request; its result is the limits before the call
     */
    public static SyscallRequest<Rlimit> prlimit(Resource resource, Rlimit limit) {
        Objects.requireNonNull(resource, "resource");
        return SyscallRequest.of(Syscall.PRLIMIT64, List.of(word(0), word(resource.value()),
                limit == null ? word(0) : in(Rlimit.CODEC.encode(limit)), out(Rlimit.CODEC.size())),
                (r, o) -> Rlimit.CODEC.decode(o.get(0)), resource, limit == null ? "NULL" : limit);
    }

    /**
     * {@code setpriority(PRIO_PROCESS, 0, nice)}: the caller's nice value.
     *
     * (No {@code @SetupOption}: {@code jsyscall run --nice N} adds N to the current niceness as nice(1) does, so
     * the CLI computes the value it queues with this.)
     *
     * @param nice the nice value
     * @return the request
     * @throws IllegalArgumentException outside -20..19 (the kernel would clamp it silently)
     */
    public static SyscallRequest<Void> nice(int nice) {
        if (nice < -20 || nice > 19) {
            throw new IllegalArgumentException("nice values go from -20 to 19");
        }
        return SyscallRequest.of(Syscall.SETPRIORITY, List.of(word(PrioWhich.PRIO_PROCESS.value()), word(0),
                word(nice)), (r, o) -> null, "PRIO_PROCESS", "pid=0", "nice=" + nice);
    }

    /**
     * {@code prlimit64(pid, resource, NULL, &old)}: the limit of process {@code pid}.
     *
     * @param pid the process, 0 for the caller
     * @param resource the resource, not null
     * @return the request; its result is the limits
     */
    public static SyscallRequest<Rlimit> getrlimit(int pid, Resource resource) {
        Objects.requireNonNull(resource, "resource");
        return SyscallRequest.of(Syscall.PRLIMIT64, List.of(word(pid), word(resource.value()), word(0),
                out(Rlimit.CODEC.size())), (r, o) -> Rlimit.CODEC.decode(o.get(0)), "pid=" + pid, resource);
    }

    /**
     * {@code setpriority(PRIO_PROCESS, pid, nice)}: the kernel clamps the nice value to -20..19.
     *
     * @param pid the process, 0 for the caller
     * @param nice the nice value
     * @return the request
     */
    public static SyscallRequest<Void> setpriority(int pid, int nice) {
        return SyscallRequest.of(Syscall.SETPRIORITY, List.of(word(PrioWhich.PRIO_PROCESS.value()), word(pid),
                word(nice)), (r, o) -> null, "PRIO_PROCESS", "pid=" + pid, "nice=" + nice);
    }

    /**
     * {@code getpriority(PRIO_PROCESS, pid)}: the nice value (-20..19). The raw syscall returns {@code 20 - nice}
     * so that no success value is negative; the result here is converted back, as the C library does.
     *
     * @param pid the process, 0 for the caller
     * @return the request; its result is the nice value
     */
    public static SyscallRequest<Integer> getpriority(int pid) {
        return SyscallRequest.of(Syscall.GETPRIORITY, List.of(word(PrioWhich.PRIO_PROCESS.value()), word(pid)),
                (r, o) -> 20 - (int) r, "PRIO_PROCESS", "pid=" + pid);
    }
}
