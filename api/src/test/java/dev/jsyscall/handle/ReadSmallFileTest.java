// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.far.FdTable;
import dev.jsyscall.far.PidNamespace;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.near.Pid;
import dev.jsyscall.spi.SyscallInterface;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReadSmallFileTest {

    /** One file served by openat/read/close over {@link FakeMappings}' memory; mmap and munmap go to it. */
    private static final class OneFile implements SyscallInterface {
        final FakeMappings kernel = new FakeMappings();
        final byte[] content;
        int offset;

        OneFile(byte[] content) {
            this.content = content;
        }

        @Override
        public long syscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
            if (nr == Syscall.OPENAT.number(Arch.X86_64)) {
                return 3;
            }
            if (nr == Syscall.READ.number(Arch.X86_64)) {
                int n = (int) Math.min(a2, content.length - offset);
                kernel.write(a1, content, offset, n);
                offset += n;
                return n;
            }
            if (nr == Syscall.CLOSE.number(Arch.X86_64)) {
                return 0;
            }
            return kernel.syscall(nr, a0, a1, a2, a3, a4, a5);
        }

        @Override
        public String describe() {
            return "one file";
        }
    }

    @Test
    @DisplayName("a multi-byte character that straddles two 8 KiB reads is decoded whole")
    void characterAcrossReads() {
        // 'é' is two bytes in UTF-8: the first is byte 8191, the last of the first read; the second starts the next
        String text = "a".repeat(8191) + "é" + "z";
        OneFile sysif = new OneFile(text.getBytes(StandardCharsets.UTF_8));
        Task t = new Task(sysif, new Pid(4242), new FdTable("one file"), sysif.kernel.space,
                new PidNamespace("one file"), Arch.X86_64, sysif.kernel.newAllocator());
        String read = t.readSmallFile("/f");
        assertThat(read).hasSize(text.length()).endsWith("aéz").isEqualTo(text);
    }
}
