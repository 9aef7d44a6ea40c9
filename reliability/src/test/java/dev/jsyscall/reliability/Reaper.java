// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.reliability;

import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.Pointer;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.wait.IdType;
import dev.jsyscall.linux.wait.Siginfo;
import dev.jsyscall.linux.wait.WaitOption;

import java.util.EnumSet;

/** Reaps every zombie child of the JVM with raw {@code waitid(P_ALL)}: the clean-up after a scenario that leaked. */
final class Reaper {
    private Reaper() {
    }

    static int reapAll(LocalTask t) {
        int reaped = 0;
        Pointer<Siginfo> info = t.allocator().allocate(Siginfo.CODEC);
        try {
            for (int i = 0; i < 10_000; i++) {
                Pointer<Siginfo> zero = info.write(Siginfo.ZERO);
                info = zero;
                long r;
                try (Pointer<Siginfo>.Borrow b = info.borrow(t)) {
                    r = t.sysif().syscall(Syscall.WAITID.number(t.arch()), IdType.P_ALL.value(), 0, b.address(),
                            WaitOption.bits(EnumSet.of(WaitOption.WNOHANG, WaitOption.WEXITED, WaitOption.WALL)),
                            0, 0);
                }
                if (r < 0 || info.read().pid() == 0) {
                    return reaped;
                }
                reaped++;
            }
            return reaped;
        } finally {
            info.free();
        }
    }
}
