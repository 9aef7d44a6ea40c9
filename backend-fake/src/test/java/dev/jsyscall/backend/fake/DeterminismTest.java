// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.linux.Syscall;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    /** Writes "<label><i>" ten times, one write syscall each. */
    static final SimulatedProgram CHATTY = ctx -> {
        for (int i = 0; i < 10; i++) {
            ctx.print(1, ctx.argv().get(1) + i + " ");
        }
        return 0;
    };

    /** Two children write into one pipe; returns the interleaving we read and the trace hash. */
    static Object[] scenario(long seed) {
        return chatty(FakeKernel.builder().seed(seed), k -> new Object[] {k.traceHash()});
    }

    /**
     * Two driven children exec {@code chatty} with their stdout on one pipe, and both are reaped: what the pipe got,
     * then what {@code more} reads from the kernel before it closes.
     */
    static Object[] chatty(FakeKernel.Builder builder, Function<FakeKernel, Object[]> more) {
        try (FakeKernel k = builder.program("/usr/bin/chatty", CHATTY).build()) {
            Local l = new Local(k);
            int[] out = l.pipe(Local.O_CLOEXEC);
            Local.Driven a = l.spawn();
            Local.Driven b = l.spawn();
            a.ok(Syscall.DUP2, out[1], 1);
            b.ok(Syscall.DUP2, out[1], 1);
            assertThat(a.run("/usr/bin/chatty", "chatty", "A")).isTrue();
            assertThat(b.run("/usr/bin/chatty", "chatty", "B")).isTrue();
            l.ok(Syscall.CLOSE, out[1]);
            String s = l.readAll(out[0]);
            l.waitid(Local.P_ALL, 0, Local.WEXITED);
            l.waitid(Local.P_ALL, 0, Local.WEXITED);
            Object[] extra = more.apply(k);
            Object[] all = new Object[extra.length + 1];
            all[0] = s;
            System.arraycopy(extra, 0, all, 1, extra.length);
            return all;
        }
    }

    @Test
    @DisplayName("the same seed gives the same interleaving and the same trace hash")
    void sameSeedSameTrace() {
        Object[] first = scenario(42);
        Object[] second = scenario(42);
        assertThat(second[0]).isEqualTo(first[0]);
        assertThat(second[1]).isEqualTo(first[1]);
        assertThat((String) first[0]).contains("A9", "B9");
    }

    @Test
    @DisplayName("different seeds give different interleavings")
    void differentSeedsDiffer() {
        Map<String, Long> hashByOutput = new HashMap<>();
        Set<Long> hashes = new HashSet<>();
        for (long seed = 1; seed <= 12; seed++) {
            Object[] r = scenario(seed);
            hashByOutput.put((String) r[0], (Long) r[1]);
            hashes.add((Long) r[1]);
        }
        assertThat(hashByOutput).as("distinct interleavings over 12 seeds").hasSizeGreaterThanOrEqualTo(3);
        assertThat(hashes).hasSizeGreaterThanOrEqualTo(hashByOutput.size());
        for (String s : hashByOutput.keySet()) {
            assertThat(s.split(" ")).hasSize(20);
        }
    }

    @Test
    @DisplayName("the full trace can be kept and names every syscall with its result")
    void fullTrace() {
        try (FakeKernel k = FakeKernel.builder().keepFullTrace().build()) {
            Local l = new Local(k);
            l.pid();
            List<String> t = k.trace();
            assertThat(t.get(0)).startsWith("boot seed=0");
            assertThat(t).contains("2 getpid(0, 0, 0, 0, 0, 0) = 2");
        }
    }
}
