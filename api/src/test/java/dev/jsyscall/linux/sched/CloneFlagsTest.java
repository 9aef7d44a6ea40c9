// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.linux.signal.Signal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CloneFlagsTest {

    @Test
    @DisplayName("bits ORs the flags with the exit signal's number in the low byte")
    void bits() {
        assertThat(CloneFlags.of().bits()).isZero();
        assertThat(CloneFlags.of(CloneFlag.VM).bits()).isEqualTo(0x100);
        assertThat(CloneFlags.of(CloneFlag.VM, CloneFlag.FILES).exitSignal(Signal.SIGCHLD).bits())
                .isEqualTo(0x100 | 0x400 | 17);
        assertThat(CloneFlags.of(CloneFlag.PIDFD).exitSignal(Signal.of(64)).bits()).isEqualTo(0x1000 | 64);
        assertThat(CloneFlags.of(CloneFlag.IO).bits()).as("the top flag stays positive").isEqualTo(0x80000000L);
        assertThat(CloneFlags.of(CloneFlag.NEWUSER, CloneFlag.NEWPID, CloneFlag.NEWNET).bits())
                .isEqualTo(0x10000000L | 0x20000000L | 0x40000000L);
    }

    @Test
    @DisplayName("no flag overlaps the exit-signal byte or another flag")
    void disjoint() {
        long seen = 0xff;   // CSIGNAL
        for (CloneFlag f : CloneFlag.values()) {
            assertThat(Long.bitCount(f.bit())).as("%s", f).isEqualTo(1);
            assertThat(seen & f.bit()).as("%s", f).isZero();
            seen |= f.bit();
        }
    }

    @Test
    @DisplayName("with adds a flag to a copy and keeps the exit signal")
    void with() {
        CloneFlags base = CloneFlags.of(CloneFlag.VM).exitSignal(Signal.SIGCHLD);
        CloneFlags more = base.with(CloneFlag.FILES);
        assertThat(base.contains(CloneFlag.FILES)).isFalse();
        assertThat(more.contains(CloneFlag.FILES)).isTrue();
        assertThat(more.contains(CloneFlag.VM)).isTrue();
        assertThat(more.exitSignal()).contains(Signal.SIGCHLD);
        assertThat(CloneFlags.of().with(CloneFlag.VM).flags()).containsExactly(CloneFlag.VM);
        assertThat(CloneFlags.of().exitSignal()).isEmpty();
    }

    @Test
    @DisplayName("flags are unmodifiable and a null exit signal is refused")
    void immutable() {
        CloneFlags f = CloneFlags.of(CloneFlag.VM);
        assertThatThrownBy(() -> f.flags().add(CloneFlag.FILES)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> f.exitSignal(null)).isInstanceOf(NullPointerException.class).hasMessage("signal");
    }

    @Test
    @DisplayName("equality is by raw bits; toString shows flags and exit signal")
    void identity() {
        CloneFlags a = CloneFlags.of(CloneFlag.FILES, CloneFlag.VM).exitSignal(Signal.SIGCHLD);
        CloneFlags b = CloneFlags.of(CloneFlag.VM).with(CloneFlag.FILES).exitSignal(Signal.SIGCHLD);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(CloneFlags.of(CloneFlag.FILES, CloneFlag.VM));
        assertThat(a).hasToString("CloneFlags[VM, FILES]|SIGCHLD");
        assertThat(CloneFlags.of()).hasToString("CloneFlags[]");
    }
}
