// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.wait;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WaitOptionTest {

    @Test
    @DisplayName("bits ORs the <linux/wait.h> values")
    void bits() {
        assertThat(WaitOption.bits(Set.of())).isZero();
        assertThat(WaitOption.bits(EnumSet.of(WaitOption.WEXITED, WaitOption.WNOHANG))).isEqualTo(5);
        assertThat(WaitOption.bits(EnumSet.of(WaitOption.WSTOPPED, WaitOption.WCONTINUED, WaitOption.WNOWAIT)))
                .isEqualTo(0x2 | 0x8 | 0x01000000);
        assertThat(WaitOption.bits(EnumSet.of(WaitOption.WNOTHREAD, WaitOption.WALL))).isEqualTo(0x60000000);
        assertThat(WaitOption.bits(EnumSet.of(WaitOption.WCLONE))).as("__WCLONE is the int sign bit")
                .isEqualTo(0x80000000);
        assertThat(WaitOption.bits(EnumSet.allOf(WaitOption.class))).isEqualTo(0xE100000F);
    }

    @Test
    @DisplayName("idtype values are those of waitid")
    void idTypes() {
        assertThat(IdType.P_ALL.value()).isZero();
        assertThat(IdType.P_PID.value()).isEqualTo(1);
        assertThat(IdType.P_PGID.value()).isEqualTo(2);
        assertThat(IdType.P_PIDFD.value()).isEqualTo(3);
    }
}
