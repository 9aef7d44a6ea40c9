// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.eventfd;

import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import java.util.List;

/**
 * The syscall of {@code <sys/eventfd.h>} that jsyscall makes, defined once as a {@link SyscallRequest}.
 *
 * <pre>{@code
 * int wake = task.call(EventFd.eventfd2(0, EventFd.EFD_CLOEXEC));
 * }</pre>
 *
 * @since 0.2
 */
public final class EventFd {
    /** The eventfd is close-on-exec (the value of {@code O_CLOEXEC}). */
    public static final int EFD_CLOEXEC = 02000000;
    /** Reads and writes do not block (the value of {@code O_NONBLOCK}). */
    public static final int EFD_NONBLOCK = 04000;
    /** Each read takes 1 from the counter instead of all of it. */
    public static final int EFD_SEMAPHORE = 1;

    private EventFd() {
    }

    /**
     * {@code eventfd2(initval, flags)}: a new eventfd whose counter starts at {@code initval}.
     *
     * @param initval the counter's initial value
     * @param flags {@code EFD_*} flags
     * @return the request; its result is the eventfd
     */
    public static SyscallRequest<Integer> eventfd2(int initval, int flags) {
        if ((flags & ~(EFD_CLOEXEC | EFD_NONBLOCK | EFD_SEMAPHORE)) != 0) {
            throw new IllegalArgumentException("eventfd2 takes EFD_CLOEXEC, EFD_NONBLOCK and EFD_SEMAPHORE, got flags=0"
                    + Integer.toOctalString(flags));
        }
        return SyscallRequest.of(Syscall.EVENTFD2, List.of(word(Integer.toUnsignedLong(initval)), word(flags)),
                (r, o) -> (int) r, "initval=" + Integer.toUnsignedString(initval),
                flags == EFD_CLOEXEC ? "EFD_CLOEXEC" : "flags=0" + Integer.toOctalString(flags));
    }
}
