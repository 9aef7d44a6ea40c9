// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.capability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.linux.SyscallRequest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {
    @Test
    @DisplayName("capset lays out VERSION_3's header and two words per set, low words first")
    void capsetLayout() {
        CapSets sets = new CapSets(Cap.mask(Cap.NET_BIND_SERVICE, Cap.CHECKPOINT_RESTORE), Cap.mask(Cap.KILL),
                0x0000000100000001L);
        SyscallRequest<Void> r = Capabilities.capset(sets);
        byte[] header = ((SyscallRequest.In) r.args().get(0)).bytes();
        byte[] data = ((SyscallRequest.In) r.args().get(1)).bytes();
        assertThat(HexFormat.of().formatHex(header)).isEqualTo("2205082000000000");
        // {eff, prm, inh} low words, then {eff, prm, inh} high words; CHECKPOINT_RESTORE is bit 40 (8 of word 1)
        assertThat(HexFormat.of().formatHex(data)).isEqualTo("00040000" + "20000000" + "01000000"
                + "00010000" + "00000000" + "01000000");
        assertThat(CapSets.decode(data)).isEqualTo(sets);
        assertThat(Capabilities.capget().read(0, List.of(data))).isEqualTo(sets);
    }

    @Test
    @DisplayName("limitTo makes SETPCAP effective, drops the rest of the bounding set, sets and raises the target")
    void limitTo() {
        long all = Cap.mask(Cap.KILL, Cap.SETPCAP, Cap.NET_BIND_SERVICE);
        List<SyscallRequest<?>> calls = Capabilities.limitTo(Cap.NET_BIND_SERVICE.bit(), new CapSets(0, all, 0),
                all);
        long nbs = Cap.NET_BIND_SERVICE.bit();
        assertThat(calls).containsExactly(Capabilities.capset(new CapSets(all, all, 0)),
                Capabilities.dropBounding(Cap.KILL), Capabilities.dropBounding(Cap.SETPCAP),
                Capabilities.capset(new CapSets(nbs, nbs, nbs)), Capabilities.ambientClearAll(),
                Capabilities.ambientRaise(Cap.NET_BIND_SERVICE));
        assertThatThrownBy(() -> Capabilities.limitTo(Cap.SYS_ADMIN.bit(), new CapSets(all, all, 0), all))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cap_sys_admin");
        assertThat(Cap.of("cap_net_raw")).isEqualTo(Cap.NET_RAW);
        assertThat(Cap.of("NET_RAW").number()).isEqualTo(13);
        assertThat(Cap.CHECKPOINT_RESTORE.number()).isEqualTo(40);
        assertThatThrownBy(() -> Cap.of("nosuch")).isInstanceOf(IllegalArgumentException.class);
    }
}
