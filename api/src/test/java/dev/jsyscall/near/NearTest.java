// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.near;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NearTest {

    @Test
    @DisplayName("a pid must be positive")
    void pid() {
        assertThat(new Pid(1).id()).isEqualTo(1);
        assertThat(new Pid(4242)).isEqualTo(new Pid(4242)).hasToString("Pid(4242)");
        for (int bad : new int[] {0, -1, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> new Pid(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("pid must be positive, was " + bad);
        }
    }

    @Test
    @DisplayName("a process group id must be positive")
    void processGroup() {
        assertThat(new ProcessGroup(7)).isEqualTo(new ProcessGroup(7)).hasToString("ProcessGroup(7)");
        for (int bad : new int[] {0, -7}) {
            assertThatThrownBy(() -> new ProcessGroup(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("process group id must be positive, was " + bad);
        }
    }

    @Test
    @DisplayName("an fd number may be 0 but not negative")
    void fdNumber() {
        assertThat(new FdNumber(0)).hasToString("fd 0");
        assertThat(new FdNumber(3)).isEqualTo(new FdNumber(3));
        assertThatThrownBy(() -> new FdNumber(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fd number must be >= 0, was -1");
    }

    @Test
    @DisplayName("an address prints in hex and adds offsets")
    void address() {
        assertThat(new Address(0x1000)).hasToString("0x1000");
        assertThat(new Address(0x1000).add(0x20)).isEqualTo(new Address(0x1020));
        assertThat(new Address(-1)).hasToString("0xffffffffffffffff");
    }

    @Test
    @DisplayName("a mapping needs a positive length and knows its end")
    void memoryMapping() {
        MemoryMapping m = new MemoryMapping(new Address(0x10000), 0x2000);
        assertThat(m.end()).isEqualTo(new Address(0x12000));
        for (long bad : new long[] {0, -4096}) {
            assertThatThrownBy(() -> new MemoryMapping(new Address(0x10000), bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("mapping length must be positive, was " + bad);
        }
    }
}
