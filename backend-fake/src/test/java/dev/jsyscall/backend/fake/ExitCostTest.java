// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jsyscall.linux.Syscall;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 17's fuzz found its only calls over a second in {@code exit}, {@code exit_group} and {@code pause} of the
 * local process: each builds the process table for its exception, and the table listed every fd and was formatted
 * with the Formatter. The table's cost is bounded now, whatever the process opened.
 */
class ExitCostTest {
    static final int FDS = 20_000;
    /** The table of a process with a few fds is about 6 KB (64 lines of trace); 20,000 listed fds are over 300 KB. */
    static final int BOUND = 16 * 1024;

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void exitGroupWithTwentyThousandFdsDumpsABoundedTable() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = openMany(k);
            FakeProcessDiedException e = catchThrowableOfType(FakeProcessDiedException.class,
                    () -> l.raw(Syscall.EXIT_GROUP, 3));
            // the local process is reaped before the table is made (its parent is init): it costs the trace's tail
            assertThat(e.getMessage()).contains("exited with status 3", "PID").doesNotContain((FDS + 2) + "=");
            assertThat(e.getMessage().length()).isLessThan(BOUND);
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void pauseWithTwentyThousandFdsDumpsABoundedTable() {
        try (FakeKernel k = FakeKernel.builder().deadlockGraceMillis(0).build()) {
            Local l = openMany(k);
            FakeDeadlockException e = catchThrowableOfType(FakeDeadlockException.class,
                    () -> l.raw(Syscall.PAUSE));
            assertThat(e.processTable()).contains("PID", "local", "waiting for a signal (pause)", " 63=",
                    "and " + (FDS + 3 - 64) + " more").doesNotContain(" 64=", (FDS + 2) + "=");
            assertThat(e.processTable().length()).isLessThan(BOUND);
            assertThat(e.getMessage().length()).isLessThan(BOUND);
        }
    }

    /** fds 0 to 2, and 3 to FDS + 2 as copies of 1 (dup2, so that each costs one insertion and not a search). */
    private static Local openMany(FakeKernel k) {
        Local l = new Local(k);
        for (int fd = 3; fd < FDS + 3; fd++) {
            assertThat(l.raw(Syscall.DUP2, 1, fd)).isEqualTo(fd);
        }
        return l;
    }
}
