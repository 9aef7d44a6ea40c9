// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FakeEntryFuzzTest {

    @Test
    @DisplayName("fuzzed calls into the fake's syscall entry raise only documented exceptions, each within a second")
    void onlyDocumentedExceptions() {
        String given = System.getProperty("fuzz.seed", "");
        long seed = given.isBlank() ? new SecureRandom().nextLong() >>> 16 : Long.decode(given);
        long calls = Long.getLong("fuzz.calls", 30_000);
        int seeds = Integer.getInteger("fuzz.seeds", 1);
        for (long s = seed; s < seed + seeds; s++) {
            System.out.println("fuzz: seed " + s + ", " + calls + " calls");
            long start = System.nanoTime();
            FakeEntryFuzz.Result r = FakeEntryFuzz.run(s, calls);
            System.out.printf("fuzz: %d calls in %d ms, slowest %d ms (%s), hash %x; outcomes %s%n",
                    r.calls(), (System.nanoTime() - start) / 1_000_000, r.slowestNanos() / 1_000_000,
                    r.slowestCall(), r.hash(), r.outcomes());
            assertThat(r.failures()).as("fuzz of seed %d (replay: -Dtest=FakeEntryFuzzTest -Dfuzz.seed=%d"
                    + " -Dfuzz.calls=%d)", s, s, calls).isEmpty();
            assertThat(r.outcomes()).as("the fuzz reached the fake's syscalls").containsKey("value");
        }
    }

    @Test
    @DisplayName("one seed gives one result hash")
    void deterministic() {
        long seed = new SecureRandom().nextLong() >>> 16;
        FakeEntryFuzz.Result a = FakeEntryFuzz.run(seed, 10_000);
        FakeEntryFuzz.Result b = FakeEntryFuzz.run(seed, 10_000);
        assertThat(b.hash()).as("hash of seed %d", seed).isEqualTo(a.hash());
        assertThat(b.outcomes()).isEqualTo(a.outcomes());
    }
}
