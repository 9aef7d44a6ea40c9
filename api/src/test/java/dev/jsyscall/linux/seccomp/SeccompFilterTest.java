// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SeccompFilterTest {
    /** The program as 8-byte hex instructions, one per string. */
    private static String[] hex(SeccompFilter f) {
        byte[] b = f.bpf();
        String[] out = new String[b.length / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = HexFormat.of().formatHex(b, 8 * i, 8 * i + 8);
        }
        return out;
    }

    // The expected programs were written with the BPF_STMT/BPF_JUMP macros of linux/filter.h and the constants of
    // linux/seccomp.h and linux/audit.h, compiled with gcc and dumped byte by byte (struct sock_filter: u16 code,
    // u8 jt, u8 jf, u32 k, little-endian).

    @Test
    @DisplayName("deny mkdir with EPERM on x86_64 compiles to the arch check, the x32 check, one rule and allow")
    void denyOneX8664() {
        SeccompFilter f = SeccompFilter.builder(Arch.X86_64).deny(Syscall.MKDIR, Errno.EPERM).build();
        assertThat(hex(f)).containsExactly(
                "2000000004000000", // ld [arch]
                "150001003e0000c0", // jeq AUDIT_ARCH_X86_64, +1, +0
                "0600000000000080", // ret KILL_PROCESS
                "2000000000000000", // ld [nr]
                "3500000100000040", // jge X32_SYSCALL_BIT, +0, +1
                "0600000000000080", // ret KILL_PROCESS
                "1500000153000000", // jeq 83 (mkdir), +0, +1
                "0600000001000500", // ret ERRNO | EPERM
                "060000000000ff7f"); // ret ALLOW
        assertThat(f.length()).isEqualTo(9);
        assertThat(f).hasToString("x86_64: mkdir -> errno EPERM, default allow");
    }

    @Test
    @DisplayName("an argument check on aarch64 compares both halves and reloads the number for the next rule")
    void argumentCheckAarch64() {
        SeccompFilter f = SeccompFilter.builder(Arch.AARCH64)
                .deny(Syscall.KILL, Errno.EPERM, SeccompFilter.ArgCheck.eq(1, 0)).build();
        assertThat(hex(f)).containsExactly(
                "2000000004000000", // ld [arch]
                "15000100b70000c0", // jeq AUDIT_ARCH_AARCH64, +1, +0
                "0600000000000080", // ret KILL_PROCESS
                "2000000000000000", // ld [nr]
                "1500000681000000", // jeq 129 (kill), +0, +6: past the reload, the number is still loaded
                "200000001c000000", // ld [args[1] high]
                "1500000300000000", // jeq 0, +0, +3
                "2000000018000000", // ld [args[1] low]
                "1500000100000000", // jeq 0, +0, +1
                "0600000001000500", // ret ERRNO | EPERM
                "2000000000000000", // ld [nr]
                "060000000000ff7f"); // ret ALLOW
    }

    @Test
    @DisplayName("the seccomp request holds a sock_fprog whose filter pointer is made absolute where it is laid out")
    void requestLayout() {
        SeccompFilter f = SeccompFilter.builder(Arch.X86_64).kill(Syscall.MKDIR).build();
        SyscallRequest<Void> r = Seccomp.setModeFilter(f);
        assertThat(r.syscall()).isEqualTo(Syscall.SECCOMP);
        SyscallRequest.In prog = (SyscallRequest.In) r.args().get(2);
        assertThat(prog.pointers()).containsExactly(8);
        byte[] at = prog.bytesAt(0x7f0000001000L);
        assertThat(at[0]).isEqualTo((byte) f.length());
        assertThat(HexFormat.of().formatHex(at, 8, 16)).isEqualTo("10100000007f0000"); // 0x7f0000001010 LE
        byte[] body = java.util.Arrays.copyOfRange(at, 16, at.length);
        assertThat(body).isEqualTo(f.bpf());
        assertThat(r.toString()).contains("no_new_privs or CAP_SYS_ADMIN");
    }

    @Test
    @DisplayName("every comparison encodes its 64-bit unsigned test; a syscall the architecture lacks is refused")
    void comparisonsAndRefusals() {
        for (SeccompFilter.ArgCheck c : new SeccompFilter.ArgCheck[] {SeccompFilter.ArgCheck.ne(0, 5),
            SeccompFilter.ArgCheck.lt(0, 5), SeccompFilter.ArgCheck.le(0, 5), SeccompFilter.ArgCheck.gt(0, 5),
            SeccompFilter.ArgCheck.ge(0, 5), SeccompFilter.ArgCheck.maskedEq(0, 0xf0, 0x30)}) {
            SeccompFilter f = SeccompFilter.builder(Arch.X86_64).deny(Syscall.CLOSE, Errno.EPERM, c).build();
            // arch check (3) + nr load and x32 check (3) + jeq nr + the comparison + ret + reload + default
            int ops = c.op() == SeccompFilter.ArgCheck.Op.NE ? 4 : c.op() == SeccompFilter.ArgCheck.Op.MASKED_EQ
                    ? 6 : 5;
            assertThat(f.length()).as(c.toString()).isEqualTo(6 + 1 + ops + 3);
        }
        assertThatThrownBy(() -> SeccompFilter.builder(Arch.AARCH64).deny(Syscall.MKDIR, Errno.EPERM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mkdir")
                .hasMessageContaining("aarch64");
        assertThatThrownBy(() -> SeccompFilter.ArgCheck.eq(6, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index");
        assertThatThrownBy(() -> Seccomp.deny("nosuchcall")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such syscall").hasRootCauseMessage("unknown syscall 'nosuchcall'");
        assertThatThrownBy(() -> Seccomp.deny("close:EWHAT")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such errno");
        assertThat(Seccomp.deny("close:13")).isEqualTo(Seccomp.deny("close:EACCES"));
        assertThat(Seccomp.deny("close")).isEqualTo(Seccomp.setModeFilter(SeccompFilter.builder()
                .deny(Syscall.CLOSE, Errno.EPERM).build()));
    }

    @Test
    @DisplayName("a filter longer than BPF_MAXINSNS is refused when built")
    void tooLong() {
        SeccompFilter.Builder b = SeccompFilter.builder(Arch.X86_64);
        for (int i = 0; i < 2100; i++) {
            b.deny(Syscall.CLOSE, Errno.EPERM);
        }
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4096");
    }
}
