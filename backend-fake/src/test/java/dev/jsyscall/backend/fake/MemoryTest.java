// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import org.junit.jupiter.api.Test;

class MemoryTest {
    static final int RW = 3, R = 1, PRIVATE_ANON = 0x22, MAP_FIXED = 0x10, MAP_FIXED_NOREPLACE = 0x100000;

    @Test
    void anonymousMappingsArePlausibleZeroedAndPageAligned() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            long a = l.ok(Syscall.MMAP, 0, 10000, RW, PRIVATE_ANON, -1, 0);
            assertThat(a & 0xfff).isZero();
            assertThat(a).isBetween(0x7f0000000000L, 0x7fffffffffffL);
            assertThat(l.bytes(a, 12288)).containsOnly(0);
            long b = l.ok(Syscall.MMAP, 0, 4096, RW, PRIVATE_ANON, -1, 0);
            assertThat(b + 4096 <= a || b >= a + 12288).as("a=%x b=%x", a, b).isTrue();
            l.putLong(a + 12280, 0x1122334455667788L);
            assertThat(l.getLong(a + 12280)).isEqualTo(0x1122334455667788L);
        }
    }

    @Test
    void touchingUnmappedMemoryThrowsAClearException() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            long a = l.ok(Syscall.MMAP, 0, 8192, RW, PRIVATE_ANON, -1, 0);
            l.ok(Syscall.MUNMAP, a + 4096, 4096);
            l.putLong(a, 1);
            assertThatThrownBy(() -> l.putLong(a + 4092, 1)).isInstanceOf(FakeMemoryAccessException.class)
                    .hasMessageContaining("SIGSEGV").hasMessageContaining(Long.toHexString(a + 4096))
                    .satisfies(e -> assertThat(((FakeMemoryAccessException) e).address()).isEqualTo(a + 4096));
            assertThatThrownBy(() -> l.getInt(0x1000)).isInstanceOf(FakeMemoryAccessException.class)
                    .hasMessageContaining("nothing is mapped");
        }
    }

    @Test
    void mprotectIsHonouredByJavaAccessAndByTheKernel() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            long a = l.ok(Syscall.MMAP, 0, 4096, RW, PRIVATE_ANON, -1, 0);
            l.putInt(a, 42);
            l.ok(Syscall.MPROTECT, a, 4096, R);
            assertThat(l.getInt(a)).isEqualTo(42);
            assertThatThrownBy(() -> l.putInt(a, 1)).isInstanceOf(FakeMemoryAccessException.class)
                    .hasMessageContaining("r--");
            // the kernel cannot write there either: pipe2 into read-only memory is EFAULT
            assertThat(l.err(Syscall.PIPE2, a, 0)).isEqualTo(Errno.EFAULT);
            assertThat(l.err(Syscall.MPROTECT, a + 1, 4096, RW)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.MPROTECT, 0x10000, 4096, RW)).isEqualTo(Errno.ENOMEM);
        }
    }

    @Test
    void syscallsGivenBadAddressesReturnEfault() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] p = l.pipe(0);
            assertThat(l.err(Syscall.WRITE, p[1], 0x1000, 1)).isEqualTo(Errno.EFAULT);
            l.write(p[1], "x");
            assertThat(l.err(Syscall.READ, p[0], 0x1000, 1)).isEqualTo(Errno.EFAULT);
            // the byte was not consumed by the failed read
            assertThat(l.read(p[0], 1)).isEqualTo("x");
            assertThat(l.err(Syscall.UNAME, 8)).isEqualTo(Errno.EFAULT);
        }
    }

    @Test
    void mmapArgumentErrorsAndFixedMappings() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            assertThat(l.err(Syscall.MMAP, 0, 0, RW, PRIVATE_ANON, -1, 0)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.MMAP, 0, 4096, RW, 0x20, -1, 0)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.MMAP, 0, 4096, RW, PRIVATE_ANON, -1, 1)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.MMAP, 0, 4096, RW, 0x02, 99, 0)).isEqualTo(Errno.EBADF);
            long a = l.ok(Syscall.MMAP, 0, 8192, RW, PRIVATE_ANON, -1, 0);
            l.putInt(a, 7);
            assertThat(l.err(Syscall.MMAP, a, 4096, RW, PRIVATE_ANON | MAP_FIXED_NOREPLACE, -1, 0))
                    .isEqualTo(Errno.EEXIST);
            assertThat(l.ok(Syscall.MMAP, a, 4096, RW, PRIVATE_ANON | MAP_FIXED, -1, 0)).isEqualTo(a);
            assertThat(l.getInt(a)).isZero();
            assertThat(l.err(Syscall.MUNMAP, a + 1, 4096)).isEqualTo(Errno.EINVAL);
            assertThat(l.ok(Syscall.MUNMAP, 0x10000, 4096)).isZero(); // nothing mapped there: fine
        }
    }

    @Test
    void madviseDontneedZeroesPrivateAnonymousMemory() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            long a = l.ok(Syscall.MMAP, 0, 4096, RW, PRIVATE_ANON, -1, 0);
            l.putInt(a, 9);
            l.ok(Syscall.MADVISE, a, 4096, 4);
            assertThat(l.getInt(a)).isZero();
        }
    }
}
