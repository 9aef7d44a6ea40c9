// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SignalTest {

    @Test
    @DisplayName("of returns the one shared instance for each number 1..64")
    void of() {
        assertThat(Signal.of(15)).isSameAs(Signal.SIGTERM);
        assertThat(Signal.of(9)).isSameAs(Signal.SIGKILL);
        assertThat(Signal.of(17)).isSameAs(Signal.SIGCHLD);
        assertThat(Signal.of(31)).isSameAs(Signal.SIGSYS);
        for (int n = 1; n <= 64; n++) {
            assertThat(Signal.of(n).number()).isEqualTo(n);
            assertThat(Signal.of(n)).isSameAs(Signal.of(n));
        }
    }

    @Test
    @DisplayName("of refuses numbers outside 1..64")
    void ofOutOfRange() {
        for (int n : new int[] {0, -1, 65, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> Signal.of(n)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("signal number must be in 1..64, was " + n);
        }
    }

    @Test
    @DisplayName("realtime counts from the kernel's SIGRTMIN, 32, up to 64")
    void realtime() {
        assertThat(Signal.realtime(0).number()).isEqualTo(32);
        assertThat(Signal.realtime(2).number()).isEqualTo(34);
        assertThat(Signal.realtime(2).number()).isEqualTo(Signal.GLIBC_SIGRTMIN);
        assertThat(Signal.realtime(32)).isSameAs(Signal.of(Signal.MAX));
        for (int off : new int[] {-1, 33}) {
            assertThatThrownBy(() -> Signal.realtime(off)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("real-time signal offset must be in 0..32, was " + off);
        }
    }

    @Test
    @DisplayName("names are the C names; real-time ones are SIGRTMIN+n")
    void names() {
        assertThat(Signal.SIGTERM.name()).isEqualTo("SIGTERM");
        assertThat(Signal.of(1).name()).isEqualTo("SIGHUP");
        assertThat(Signal.of(16).name()).isEqualTo("SIGSTKFLT");
        assertThat(Signal.of(32).name()).isEqualTo("SIGRTMIN+0");
        assertThat(Signal.of(35).name()).isEqualTo("SIGRTMIN+3");
        assertThat(Signal.of(64)).hasToString("SIGRTMIN+32");
        assertThat(Signal.SIGKILL).hasToString("SIGKILL");
    }

    @Test
    @DisplayName("isRealtime is true from 32 on")
    void isRealtime() {
        assertThat(Signal.of(31).isRealtime()).isFalse();
        assertThat(Signal.SIGTERM.isRealtime()).isFalse();
        assertThat(Signal.of(32).isRealtime()).isTrue();
        assertThat(Signal.of(64).isRealtime()).isTrue();
    }

    @Test
    @DisplayName("parse accepts C names with or without SIG, any case, surrounding blanks, and numbers")
    void parse() {
        assertThat(Signal.parse("TERM")).isSameAs(Signal.SIGTERM);
        assertThat(Signal.parse("sigterm")).isSameAs(Signal.SIGTERM);
        assertThat(Signal.parse("SIGTERM")).isSameAs(Signal.SIGTERM);
        assertThat(Signal.parse(" Kill\n")).isSameAs(Signal.SIGKILL);
        assertThat(Signal.parse("15")).isSameAs(Signal.SIGTERM);
        assertThat(Signal.parse("64")).isSameAs(Signal.of(64));
        assertThat(Signal.parse("SIGRTMIN")).isSameAs(Signal.of(32));
        assertThat(Signal.parse("SIGRTMIN+3")).isSameAs(Signal.of(35));
        assertThat(Signal.parse("rtmin+32")).isSameAs(Signal.of(64));
    }

    @Test
    @DisplayName("every signal's name parses back to it")
    void nameRoundTrip() {
        for (int n = 1; n <= 64; n++) {
            assertThat(Signal.parse(Signal.of(n).name())).isSameAs(Signal.of(n));
        }
    }

    @Test
    @DisplayName("parse refuses unknown names, naming the input")
    void parseUnknown() {
        for (String bad : new String[] {"SIGFOO", "", "  ", "SIG", "TERMX", "SIGRTMIN+3+1", "SIGRTMIN3", "SIGRTMIN+",
            "SIGRTMIN+x", "SIGRTMIN-1", "SIGRTMIN++3", "SIGRTMAX", "-15", "1.5"}) {
            assertThatThrownBy(() -> Signal.parse(bad)).as("parse(\"%s\")", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown signal name: " + bad);
        }
    }

    @Test
    @DisplayName("parse refuses numbers and real-time offsets out of range")
    void parseOutOfRange() {
        assertThatThrownBy(() -> Signal.parse("0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("signal number must be in 1..64, was 0");
        assertThatThrownBy(() -> Signal.parse("65")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("signal number must be in 1..64, was 65");
        assertThatThrownBy(() -> Signal.parse("SIGRTMIN+33")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("real-time signal offset must be in 0..32, was 33");
    }

    @Test
    @DisplayName("signals order by number")
    void order() {
        assertThat(Signal.SIGHUP.compareTo(Signal.SIGTERM)).isNegative();
        assertThat(Signal.of(64).compareTo(Signal.SIGTERM)).isPositive();
        assertThat(Signal.SIGTERM.compareTo(Signal.parse("15"))).isZero();
    }
}
