// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.stat;

import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.SetupOption;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import java.util.List;

/**
 * The syscalls of {@code <sys/stat.h>} that jsyscall makes, each defined once as a {@link SyscallRequest}.
 *
 * @since 0.2
 */
public final class Stat {
    private Stat() {
    }

    /**
     * {@code umask(mask)}: the result is the previous mask.
     *
     * @param mask the permission bits to clear from created files
     * @return the request; its result is the previous mask
     * @throws IllegalArgumentException for bits other than permission bits (0..0777)
     */
    @SetupOption(name = "--umask", paramLabel = "OCTAL", format = SetupOption.Format.OCTAL_MODE,
            description = "umask(OCTAL), e.g. 027.")
    public static SyscallRequest<Integer> umask(int mask) {
        if ((mask & ~0777) != 0) {
            throw new IllegalArgumentException("umask takes permission bits 0..0777, got 0"
                    + Integer.toOctalString(mask));
        }
        return SyscallRequest.of(Syscall.UMASK, List.of(word(mask)), (r, o) -> (int) r,
                "0" + Integer.toOctalString(mask));
    }
}
