// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The robustness bugs issue 17's fuzzing of the fake's syscall entry found: a call costs what it touches, not the
 * length it is asked about, and no count escapes as a Java exception. Each expectation was checked on Linux 6.18.
 */
class SparseCostTest {
    static final int RW = 3, PRIVATE_ANON = 0x22, MAP_FIXED = 0x10, MADV_DONTNEED = 4, GRND_NONBLOCK = 1;
    static final long HUGE = 1L << 44;
    static final long GIB = 1L << 30;
    static final long LOW = 0x100000000L;

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void getrandomWithACountAbove2To63FillsWhatIsMappedAndNoMore() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            // low, so that a + MAX_RW_COUNT is still in user space and access_ok passes
            long a = l.ok(Syscall.MMAP, LOW, 8192, RW, PRIVATE_ANON | MAP_FIXED, -1, 0);
            l.ok(Syscall.MUNMAP, a + 4096, 4096);
            // Linux clamps the count to MAX_RW_COUNT, then copies up to the first fault
            assertThat(l.ok(Syscall.GETRANDOM, a, 1L << 63, GRND_NONBLOCK)).isEqualTo(4096);
            assertThat(l.ok(Syscall.GETRANDOM, a, -1L, 0)).isEqualTo(4096);
            assertThat(l.err(Syscall.GETRANDOM, a + 4096, 1L << 63, 0)).isEqualTo(Errno.EFAULT);
            assertThat(l.err(Syscall.GETRANDOM, 0xffff800000000000L, 0, 0)).isEqualTo(Errno.EFAULT);
            assertThat(l.ok(Syscall.GETRANDOM, 0, 0, 0)).isZero();
            assertThat(l.err(Syscall.GETRANDOM, a, 1L << 63, 0x100)).isEqualTo(Errno.EINVAL);
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void munmapOfAlmostAllUserSpaceCostsWhatIsMapped() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            long a = l.ok(Syscall.MMAP, LOW, 4096, RW, PRIVATE_ANON | MAP_FIXED, -1, 0);
            l.putLong(a, 42);
            l.ok(Syscall.MUNMAP, 0, 0x7ffff7fdd000L);
            assertThat(l.err(Syscall.MPROTECT, a, 4096, RW)).isEqualTo(Errno.ENOMEM);
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fixedMappingAndMadviseOver2To44BytesCostWhatIsTouched() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            long base = 0x100000000000L;
            assertThat(l.ok(Syscall.MMAP, base, HUGE, RW, PRIVATE_ANON | MAP_FIXED, -1, 0)).isEqualTo(base);
            l.putLong(base + HUGE / 2, 7);
            assertThat(l.ok(Syscall.MADVISE, base, HUGE, MADV_DONTNEED)).isZero();
            assertThat(l.getLong(base + HUGE / 2)).as("DONTNEED drops the page").isZero();
            l.putLong(base + 4096, 9);
            assertThat(l.ok(Syscall.MMAP, base, HUGE, RW, PRIVATE_ANON | MAP_FIXED, -1, 0)).isEqualTo(base);
            assertThat(l.getLong(base + 4096)).as("a fixed mapping replaces the pages under it").isZero();
            // a range that wraps past the end of the address space is EINVAL, one that leaves user space ENOMEM
            assertThat(l.err(Syscall.MADVISE, base, 1L << 63, MADV_DONTNEED)).isEqualTo(Errno.ENOMEM);
            assertThat(l.err(Syscall.MADVISE, base, -4096L, MADV_DONTNEED)).isEqualTo(Errno.EINVAL);
            l.ok(Syscall.MUNMAP, base, HUGE);
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void ftruncateToOneAndAHalfGibAllocatesNothingAndReadsZeros() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int m = (int) l.ok(Syscall.MEMFD_CREATE, l.cstr("sparse"), 1);
            long before = usedHeap();
            long size = GIB + GIB / 2;
            l.ok(Syscall.FTRUNCATE, m, size);
            long buf = l.alloc(16);
            l.putLong(buf, 0x1122334455667788L);
            assertThat(l.ok(Syscall.PWRITE64, m, buf, 8, size - 4)).isEqualTo(8);
            assertThat(usedHeap() - before).as("heap used by a 1.5 GiB sparse file").isLessThan(64L << 20);
            assertThat(l.ok(Syscall.LSEEK, m, 0, 2)).isEqualTo(size + 4);
            assertThat(l.ok(Syscall.PREAD64, m, buf, 16, GIB)).isEqualTo(16);
            assertThat(l.bytes(buf, 16)).containsOnly(0);
            assertThat(l.ok(Syscall.PREAD64, m, buf, 16, size - 4)).isEqualTo(8);
            assertThat(l.getLong(buf)).isEqualTo(0x1122334455667788L);
            // shrinking drops what was past the end: growing again reads zeros there
            l.ok(Syscall.FTRUNCATE, m, size - 2);
            l.ok(Syscall.FTRUNCATE, m, size + 4);
            assertThat(l.ok(Syscall.PREAD64, m, buf, 8, size - 4)).isEqualTo(8);
            assertThat(l.bytes(buf, 8)).containsExactly(0x88, 0x77, 0, 0, 0, 0, 0, 0);
            l.ok(Syscall.CLOSE, m);
        }
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return r.totalMemory() - r.freeMemory();
    }
}
