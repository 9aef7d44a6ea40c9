// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.linux.signal.Signal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChildStateTest {
    private static final int SIGCHLD = 17;

    private static ChildState state(int code, int status) {
        return ChildState.fromSiginfo(new Siginfo(SIGCHLD, 0, code, 42, 1000, status, 0, 0));
    }

    @Test
    @DisplayName("fromSiginfo maps each CLD_* si_code and keeps pid, uid and status")
    void fromSiginfo() {
        int[] codes = {1, 2, 3, 4, 5, 6};
        ChildState.Kind[] kinds = {ChildState.Kind.EXITED, ChildState.Kind.KILLED, ChildState.Kind.DUMPED,
            ChildState.Kind.TRAPPED, ChildState.Kind.STOPPED, ChildState.Kind.CONTINUED};
        for (int i = 0; i < codes.length; i++) {
            ChildState s = state(codes[i], 9);
            assertThat(s).isEqualTo(new ChildState(kinds[i], 42, 1000, 9));
            assertThat(kinds[i].code()).isEqualTo(codes[i]);
            assertThat(ChildState.Kind.of(codes[i])).isSameAs(kinds[i]);
        }
    }

    @Test
    @DisplayName("fromSiginfo refuses an empty siginfo and a code that is not CLD_*")
    void fromSiginfoErrors() {
        assertThatThrownBy(() -> ChildState.fromSiginfo(Siginfo.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("siginfo holds no state change (si_pid is 0)");
        for (int code : new int[] {0, 7, -1}) {
            assertThatThrownBy(() -> state(code, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a CLD_* si_code: " + code);
        }
    }

    @Test
    @DisplayName("died is true for exited, killed and dumped only")
    void died() {
        assertThat(state(1, 0).died()).isTrue();
        assertThat(state(2, 9).died()).isTrue();
        assertThat(state(3, 11).died()).isTrue();
        assertThat(state(4, 5).died()).isFalse();
        assertThat(state(5, 19).died()).isFalse();
        assertThat(state(6, 18).died()).isFalse();
    }

    @Test
    @DisplayName("isCleanExit is an exit with status 0 only")
    void cleanExit() {
        assertThat(state(1, 0).isCleanExit()).isTrue();
        assertThat(state(1, 1).isCleanExit()).isFalse();
        assertThat(state(2, 0).isCleanExit()).isFalse();
    }

    @Test
    @DisplayName("exitStatus is defined for an exit and otherwise says what happened")
    void exitStatus() {
        assertThat(state(1, 3).exitStatus()).isEqualTo(3);
        assertThatThrownBy(() -> state(2, 9).exitStatus()).isInstanceOf(IllegalStateException.class)
                .hasMessage("child 42 did not exit; it was killed by SIGKILL");
        assertThatThrownBy(() -> state(6, 18).exitStatus()).isInstanceOf(IllegalStateException.class)
                .hasMessage("child 42 did not exit; it was continued");
    }

    @Test
    @DisplayName("killedBy names the signal that ended a killed or dumped child, and is empty otherwise without throwing")
    void killedBy() {
        assertThat(state(2, 9).killedBy()).contains(Signal.SIGKILL);
        assertThat(state(3, 11).killedBy()).contains(Signal.SIGSEGV);
        assertThat(state(1, 9).killedBy()).as("exited with status 9").isEmpty();
        assertThat(state(4, 5).killedBy()).isEmpty();
        assertThat(state(5, 19).killedBy()).isEmpty();
        assertThat(state(6, 18).killedBy()).isEmpty();
    }

    @Test
    @DisplayName("signal is defined for killed, dumped, stopped and trapped children")
    void signal() {
        assertThat(state(2, 9).signal()).isSameAs(Signal.SIGKILL);
        assertThat(state(3, 11).signal()).isSameAs(Signal.SIGSEGV);
        assertThat(state(4, 5).signal()).isSameAs(Signal.SIGTRAP);
        assertThat(state(5, 19).signal()).isSameAs(Signal.SIGSTOP);
        assertThatThrownBy(() -> state(1, 3).signal()).isInstanceOf(IllegalStateException.class)
                .hasMessage("child 42 was not signalled; it exited with status 3");
        assertThatThrownBy(() -> state(6, 18).signal()).isInstanceOf(IllegalStateException.class)
                .hasMessage("child 42 was not signalled; it continued");
    }

    @Test
    @DisplayName("shellStatus is the exit status, or 128 plus the signal")
    void shellStatus() {
        assertThat(state(1, 0).shellStatus()).isZero();
        assertThat(state(1, 255).shellStatus()).isEqualTo(255);
        assertThat(state(2, 9).shellStatus()).isEqualTo(137);
        assertThat(state(3, 6).shellStatus()).isEqualTo(134);
        assertThat(state(5, 20).shellStatus()).isEqualTo(148);
    }

    @Test
    @DisplayName("describe and toString are short phrases")
    void describe() {
        assertThat(state(1, 3).describe()).isEqualTo("exited with status 3");
        assertThat(state(2, 9).describe()).isEqualTo("killed by SIGKILL");
        assertThat(state(3, 11).describe()).isEqualTo("killed by SIGSEGV (core dumped)");
        assertThat(state(4, 5).describe()).isEqualTo("trapped by SIGTRAP");
        assertThat(state(5, 19).describe()).isEqualTo("stopped by SIGSTOP");
        assertThat(state(6, 18).describe()).isEqualTo("continued");
        assertThat(state(2, 15)).hasToString("ChildState(pid 42 killed by SIGTERM)");
    }
}
