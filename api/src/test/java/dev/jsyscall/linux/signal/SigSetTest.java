// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.signal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SigSetTest {

    @Test
    @DisplayName("of sets bit n-1 for signal n")
    void bits() {
        assertThat(SigSet.of(Signal.SIGINT, Signal.SIGTERM).bits()).isEqualTo((1L << 1) | (1L << 14));
        assertThat(SigSet.of(Signal.of(64)).bits()).isEqualTo(Long.MIN_VALUE);
        assertThat(SigSet.of().bits()).isZero();
        assertThat(SigSet.of(Signal.SIGINT, Signal.SIGINT)).isEqualTo(SigSet.of(Signal.SIGINT));
    }

    @Test
    @DisplayName("contains, with and without work on copies")
    void operations() {
        SigSet s = SigSet.of(Signal.SIGINT);
        SigSet t = s.with(Signal.SIGTERM);
        assertThat(s.contains(Signal.SIGTERM)).isFalse();
        assertThat(t.contains(Signal.SIGTERM)).isTrue();
        assertThat(t.contains(Signal.SIGINT)).isTrue();
        assertThat(t.without(Signal.SIGINT)).isEqualTo(SigSet.of(Signal.SIGTERM));
        assertThat(t.without(Signal.SIGKILL)).isEqualTo(t);
        assertThat(SigSet.ALL.without(Signal.of(64)).contains(Signal.of(64))).isFalse();
        assertThat(SigSet.ALL.without(Signal.of(64)).contains(Signal.of(63))).isTrue();
    }

    @Test
    @DisplayName("EMPTY is empty and ALL holds all 64 signals")
    void constants() {
        assertThat(SigSet.EMPTY.isEmpty()).isTrue();
        assertThat(SigSet.EMPTY.signals()).isEmpty();
        assertThat(SigSet.ALL.isEmpty()).isFalse();
        assertThat(SigSet.ALL.signals()).hasSize(64).first().isSameAs(Signal.SIGHUP);
        assertThat(SigSet.ALL.signals()).last().isSameAs(Signal.of(64));
        assertThat(SigSet.KERNEL_SIZE).isEqualTo(8);
    }

    @Test
    @DisplayName("signals are listed in ascending order and shown by name")
    void listing() {
        SigSet s = SigSet.of(Signal.of(40), Signal.SIGTERM, Signal.SIGHUP);
        assertThat(s.signals()).containsExactly(Signal.SIGHUP, Signal.SIGTERM, Signal.of(40));
        assertThat(s).hasToString("SigSet[SIGHUP, SIGTERM, SIGRTMIN+8]");
        assertThat(SigSet.EMPTY).hasToString("SigSet[]");
        assertThat(SigSet.ALL).hasToString("SigSet(ALL)");
    }
}
