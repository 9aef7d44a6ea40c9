// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.linux.Arch;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BlobTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    @DisplayName("each arch has a small blob whose three entry points are distinct and inside it")
    void offsetsAreDistinctAndInRange(Arch arch) {
        Blob blob = Blob.forArch(arch);
        int length = blob.code().length;
        assertThat(blob.arch()).isEqualTo(arch);
        assertThat(length).as("a few hundred bytes").isBetween(64, 1024);
        List<Integer> offsets = List.of(blob.rawSyscallOffset(), blob.rawSyscall5Offset(), blob.cloneOffset(),
                blob.serverOffset());
        assertThat(Set.copyOf(offsets)).as("distinct entry offsets %s", offsets).hasSize(4);
        assertThat(offsets).allSatisfy(offset -> assertThat(offset).isBetween(0, length - 1));
        if (arch == Arch.AARCH64) {
            assertThat(length % 4).as("aarch64 code is whole 4-byte instructions").isZero();
            assertThat(offsets).allSatisfy(offset -> assertThat(offset % 4).as("instruction alignment").isZero());
        }
    }

    @Test
    @DisplayName("the x86_64 raw-syscall entry starts by moving nr into rax and ends in syscall; ret")
    void x86RawSyscallShape() {
        Blob blob = Blob.forArch(Arch.X86_64);
        byte[] code = blob.code();
        int at = blob.rawSyscallOffset();
        // mov rax, rdi
        assertThat(new byte[] {code[at], code[at + 1], code[at + 2]}).containsExactly(0x48, 0x89, 0xf8);
        // the hot path is straight-line: syscall (0f 05) then ret (c3) right before the clone entries, which
        // start with jsys_clone3
        int end = Math.min(blob.cloneOffset(), blob.clone3Offset());
        assertThat(new byte[] {code[end - 3], code[end - 2], code[end - 1]}).containsExactly(0x0f, 0x05, 0xc3);
    }

    @Test
    @DisplayName("code() hands out a copy, so a caller cannot corrupt the blob for others")
    void codeIsACopy() {
        Blob blob = Blob.forArch(Arch.X86_64);
        byte[] first = blob.code();
        byte original = first[0];
        first[0] ^= (byte) 0xff;
        assertThat(blob.code()[0]).isEqualTo(original);
        assertThat(blob.code()).isNotSameAs(blob.code());
    }

    @Test
    @DisplayName("a null arch is refused with the argument's name")
    void badArguments() {
        assertThatThrownBy(() -> Blob.forArch(null)).isInstanceOf(NullPointerException.class).hasMessage("arch");
    }
}
