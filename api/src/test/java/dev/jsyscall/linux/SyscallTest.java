// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SyscallTest {

    @Test
    @DisplayName("numbers are the kernel's on each architecture")
    void numbers() {
        assertThat(Syscall.GETPID.number(Arch.X86_64)).isEqualTo(39);
        assertThat(Syscall.GETPID.number(Arch.AARCH64)).isEqualTo(172);
        assertThat(Syscall.CLONE.number(Arch.X86_64)).isEqualTo(56);
        assertThat(Syscall.CLONE.number(Arch.AARCH64)).isEqualTo(220);
        assertThat(Syscall.WAITID.number(Arch.X86_64)).isEqualTo(247);
        assertThat(Syscall.WAITID.number(Arch.AARCH64)).isEqualTo(95);
        assertThat(Syscall.MMAP.number(Arch.AARCH64)).isEqualTo(222);
        assertThat(Syscall.PIDFD_OPEN.number(Arch.X86_64)).isEqualTo(434);
        assertThat(Syscall.PIDFD_OPEN.number(Arch.AARCH64)).isEqualTo(434);
    }

    @Test
    @DisplayName("a syscall an architecture lacks throws UnsupportedOperationException naming both")
    void missing() {
        assertThat(Syscall.OPEN.number(Arch.X86_64)).isEqualTo(2);
        assertThat(Syscall.OPEN.existsOn(Arch.X86_64)).isTrue();
        assertThat(Syscall.OPEN.existsOn(Arch.AARCH64)).isFalse();
        assertThatThrownBy(() -> Syscall.OPEN.number(Arch.AARCH64))
                .isInstanceOf(UnsupportedOperationException.class).hasMessage("open does not exist on aarch64");
        assertThatThrownBy(() -> Syscall.FORK.number(Arch.AARCH64))
                .isInstanceOf(UnsupportedOperationException.class).hasMessage("fork does not exist on aarch64");
        assertThatThrownBy(() -> Syscall.ARCH_SPECIFIC_SYSCALL.number(Arch.X86_64))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("arch_specific_syscall does not exist on x86_64");
    }

    @Test
    @DisplayName("C names are the lower-case constant names, and numbers are unique per architecture")
    void table() {
        for (Arch arch : Arch.values()) {
            Set<Integer> seen = new HashSet<>();
            for (Syscall s : Syscall.values()) {
                assertThat(s.cName()).isEqualTo(s.name().toLowerCase(Locale.ROOT));
                if (s.existsOn(arch)) {
                    assertThat(seen.add(s.number(arch))).as("%s on %s", s, arch).isTrue();
                }
            }
        }
    }

    @Test
    @DisplayName("Arch.current is this JVM's architecture, from os.arch")
    void currentArch() {
        String osArch = System.getProperty("os.arch");
        Arch expected = osArch.equals("amd64") || osArch.equals("x86_64") ? Arch.X86_64 : Arch.AARCH64;
        assertThat(Arch.current()).isSameAs(expected);
        assertThat(Arch.X86_64.uname()).isEqualTo("x86_64");
        assertThat(Arch.AARCH64.uname()).isEqualTo("aarch64");
    }

    @Test
    @DisplayName("Arch.current maps each os.arch spelling and refuses others by name")
    void currentArchSpellings() {
        String before = System.getProperty("os.arch");
        try {
            for (String x86 : new String[] {"amd64", "x86_64", "AMD64"}) {
                System.setProperty("os.arch", x86);
                assertThat(Arch.current()).isSameAs(Arch.X86_64);
            }
            for (String arm : new String[] {"aarch64", "arm64"}) {
                System.setProperty("os.arch", arm);
                assertThat(Arch.current()).isSameAs(Arch.AARCH64);
            }
            System.setProperty("os.arch", "riscv64");
            assertThatThrownBy(Arch::current).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessage("jsyscall supports x86_64 and aarch64 Linux; this JVM reports os.arch=riscv64");
        } finally {
            System.setProperty("os.arch", before);
        }
    }
}
