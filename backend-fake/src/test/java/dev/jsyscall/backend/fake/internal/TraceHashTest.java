// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A syscall's record hashes as its line does, however often the same syscall repeats. */
class TraceHashTest {
    private static final String[] NAMES = {"getpid", "read", "w\u00e9ird", "clock_gettime"};

    @Test
    @DisplayName("recording syscalls, repeated or not, gives the hash that recording their lines as text gives")
    void repeatedSyscallsHashAsTheirLines() {
        Trace bySyscall = new Trace(8);
        Trace byText = new Trace(8);
        SplittableRandom random = new SplittableRandom(16);
        long[] args = new long[6];
        int pid = 1;
        String name = NAMES[0];
        long result = 1;
        int repeats = 0;
        for (int i = 0; i < 20_000; i++) {
            int change = random.nextInt(100);
            if (change < 2) {
                name = NAMES[random.nextInt(NAMES.length)];
            } else if (change < 4) {
                args[random.nextInt(6)] = random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(-5000, 5000);
            } else if (change < 6) {
                result = random.nextInt(3) == 0 ? -random.nextInt(1, 4096) : random.nextLong();
            } else if (change < 7) {
                pid = random.nextInt(1, 5_000_000);
            } else if (change < 9) {
                // a text record between two equal syscalls moves the hash the memo starts from
                bySyscall.record("1 exited " + i);
                byText.record("1 exited " + i);
            } else {
                repeats++;
            }
            bySyscall.recordSyscall(pid, 39, name, args[0], args[1], args[2], args[3], args[4], args[5], result);
            byText.record(Trace.describeSyscall(pid, name, args, result));
            assertThat(bySyscall.hash()).as("hash after record %d", i).isEqualTo(byText.hash());
        }
        assertThat(bySyscall.tail()).isEqualTo(byText.tail());
        assertThat(repeats).as("syscalls that repeated the one before").isGreaterThan(15_000);
    }
}
