// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.time.Timespec;
import dev.jsyscall.struct.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MemoryAllocatorTest {
    private static final long FIRST = FakeMappings.FIRST;
    private static final long ARENA = MemoryAllocator.ARENA;
    private static final long PAGE = 4096;

    private final FakeMappings kernel = new FakeMappings();
    private final MemoryAllocator allocator = kernel.newAllocator();

    private static long addr(Pointer<?> p) {
        return p.near().value();
    }

    @Test
    @DisplayName("nothing is mapped before the first allocation, which maps one 64 KiB arena")
    void lazyArena() {
        assertThat(kernel.mmapCalls).isZero();
        assertThat(allocator.bytesInUse()).isZero();
        allocator.allocate(Bytes.LONG);
        assertThat(kernel.mmapCalls).isEqualTo(1);
        assertThat(kernel.live()).isEqualTo(Map.of(FIRST, (int) ARENA));
        assertThat(allocator.addressSpace()).isSameAs(kernel.space);
    }

    @Test
    @DisplayName("allocations are 16-byte aligned and packed: sizes round up to 16")
    void alignment() {
        Pointer<byte[]> a = allocator.allocateBytes(1);
        Pointer<byte[]> b = allocator.allocateBytes(3);
        Pointer<byte[]> c = allocator.allocateBytes(17);
        Pointer<byte[]> d = allocator.allocateBytes(8);
        assertThat(List.of(addr(a), addr(b), addr(c), addr(d)))
                .containsExactly(FIRST, FIRST + 16, FIRST + 32, FIRST + 64);
        assertThat(List.of(a.size(), b.size(), c.size(), d.size())).containsExactly(1L, 3L, 17L, 8L);
        assertThat(allocator.bytesInUse()).isEqualTo(16 + 16 + 32 + 16);
        assertThat(kernel.mmapCalls).isEqualTo(1);
    }

    @Test
    @DisplayName("a block freed at an unaligned split point is reused only at a 16-byte boundary")
    void alignmentAfterUnalignedSplit() {
        Pointer.Split<byte[]> parts = allocator.allocateBytes(32).split(5);
        parts.first().free();
        // the free 5-byte hole at FIRST cannot hold an aligned 16-byte block
        Pointer<byte[]> next = allocator.allocateBytes(1);
        assertThat(addr(next)).isEqualTo(FIRST + 32);
        parts.rest().free();
        // rest (FIRST+5, 27 bytes) coalesced with the 5-byte hole: 32 bytes at FIRST again
        assertThat(addr(allocator.allocateBytes(32))).isEqualTo(FIRST);
        assertThat(allocator.bytesInUse()).isEqualTo(48);
    }

    @Test
    @DisplayName("freed neighbours coalesce, in either order, so a larger block fits where they were")
    void reuseWithCoalescing() {
        for (boolean forward : new boolean[] {true, false}) {
            FakeMappings k = new FakeMappings();
            MemoryAllocator alloc = k.newAllocator();
            Pointer<byte[]> a = alloc.allocateBytes(16);
            Pointer<byte[]> b = alloc.allocateBytes(16);
            Pointer<byte[]> c = alloc.allocateBytes(16);
            if (forward) {
                a.free();
                b.free();
            } else {
                b.free();
                a.free();
            }
            assertThat(alloc.bytesInUse()).as("forward=%s", forward).isEqualTo(16);
            assertThat(addr(alloc.allocateBytes(32))).as("forward=%s", forward).isEqualTo(FIRST);
            assertThat(addr(c)).isEqualTo(FIRST + 32);
            assertThat(k.mmapCalls).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("the first fit is reused after a free instead of growing")
    void firstFit() {
        Pointer<byte[]> a = allocator.allocateBytes(48);
        allocator.allocateBytes(16);
        a.free();
        assertThat(addr(allocator.allocateBytes(16))).isEqualTo(FIRST);
        assertThat(addr(allocator.allocateBytes(32))).isEqualTo(FIRST + 16);
        assertThat(addr(allocator.allocateBytes(16))).isEqualTo(FIRST + 64);
    }

    @Test
    @DisplayName("a full arena makes the allocator map a second one; freeing does not unmap 64 KiB arenas")
    void secondArena() {
        List<Pointer<byte[]>> all = new ArrayList<>();
        for (int i = 0; i < ARENA / 16; i++) {
            all.add(allocator.allocateBytes(16));
        }
        assertThat(kernel.mmapCalls).isEqualTo(1);
        assertThat(allocator.bytesInUse()).isEqualTo(ARENA);
        Pointer<byte[]> overflow = allocator.allocateBytes(16);
        assertThat(addr(overflow)).isEqualTo(FIRST + ARENA);
        assertThat(kernel.mmapCalls).isEqualTo(2);
        all.forEach(Pointer::free);
        overflow.free();
        assertThat(allocator.bytesInUse()).isZero();
        assertThat(kernel.munmapCalls).isZero();
        assertThat(kernel.live()).hasSize(2);
    }

    @Test
    @DisplayName("a request of exactly 64 KiB fills an ordinary arena")
    void exactlyOneArena() {
        Pointer<byte[]> p = allocator.allocateBytes(ARENA);
        assertThat(kernel.live()).isEqualTo(Map.of(FIRST, (int) ARENA));
        p.free();
        assertThat(kernel.munmapCalls).isZero();
    }

    @Test
    @DisplayName("a large allocation gets its own page-rounded mapping, unmapped as soon as it is freed")
    void largeAllocation() {
        Pointer<byte[]> small = allocator.allocateBytes(16);
        Pointer<byte[]> big = allocator.allocateBytes(ARENA + 1);
        long bigLength = ARENA + PAGE;
        assertThat(addr(big)).isEqualTo(FIRST + ARENA);
        assertThat(kernel.mmaps).extracting(m -> m[1]).containsExactly(ARENA, bigLength);
        assertThat(allocator.bytesInUse()).isEqualTo(16 + ARENA + 16);
        big.free();
        assertThat(kernel.munmaps).hasSize(1);
        assertThat(kernel.munmaps.get(0)).containsExactly(FIRST + ARENA, bigLength);
        assertThat(kernel.live()).isEqualTo(Map.of(FIRST, (int) ARENA));
        assertThat(allocator.bytesInUse()).isEqualTo(16);
        small.free();
        assertThat(kernel.munmapCalls).isEqualTo(1);
    }

    @Test
    @DisplayName("a large allocation's mapping is its own: small allocations never use its page-rounding slack")
    void largeMappingIsNotShared() {
        Pointer<byte[]> big = allocator.allocateBytes(ARENA + 1);
        Pointer<byte[]> small = allocator.allocateBytes(16);
        assertThat(addr(small)).as("small allocation lands in an ordinary arena")
                .isEqualTo(FIRST + ARENA + PAGE);
        big.free();
        assertThat(kernel.munmaps).hasSize(1);
        assertThat(kernel.munmaps.get(0)).containsExactly(FIRST, ARENA + PAGE);
        small.free();
        assertThat(kernel.munmaps).hasSize(1);
    }

    @Test
    @DisplayName("the two halves of a split large allocation unmap it once both are freed")
    void largeSplitThenFreed() {
        Pointer.Split<byte[]> parts = allocator.allocateBytes(3 * ARENA).split(ARENA);
        parts.rest().free();
        assertThat(kernel.munmapCalls).isZero();
        parts.first().free();
        assertThat(kernel.munmaps).hasSize(1);
        assertThat(kernel.munmaps.get(0)).containsExactly(FIRST, 3 * ARENA);
        assertThat(allocator.bytesInUse()).isZero();
    }

    @Test
    @DisplayName("bytesInUse counts rounded allocations until they are freed")
    void bytesInUse() {
        Pointer<Long> a = allocator.allocate(Bytes.LONG);
        WrittenPointer<Timespec> b = allocator.write(Timespec.CODEC, new Timespec(1, 2));
        Pointer<byte[]> c = allocator.allocateBytes(100);
        assertThat(allocator.bytesInUse()).isEqualTo(16 + 16 + 112);
        b.free();
        assertThat(allocator.bytesInUse()).isEqualTo(16 + 112);
        a.free();
        c.free();
        assertThat(allocator.bytesInUse()).isZero();
    }

    @Test
    @DisplayName("write allocates exactly the value's size and stores its encoding")
    void writeAllocates() {
        WrittenPointer<Timespec> p = allocator.write(Timespec.CODEC, new Timespec(7, 9));
        assertThat(p.size()).isEqualTo(Timespec.SIZE);
        assertThat(p.value()).isEqualTo(new Timespec(7, 9));
        assertThat(kernel.peek(addr(p), 16)).containsExactly(7, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    @DisplayName("a non-positive size is refused before any mmap")
    void nonPositiveSize() {
        assertThatThrownBy(() -> allocator.allocateBytes(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("allocation size must be positive, was 0");
        assertThatThrownBy(() -> allocator.allocate(Bytes.RAW, -5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("allocation size must be positive, was -5");
        assertThat(kernel.mmapCalls).isZero();
    }

    @Test
    @DisplayName("an mmap failure surfaces as ENOMEM from mmap and leaves the allocator usable")
    void mmapFailure() {
        kernel.failMmap(true);
        assertThatThrownBy(() -> allocator.allocateBytes(16)).isInstanceOfSatisfying(ErrnoException.class, e -> {
            assertThat(e.errno()).isEqualTo(Errno.ENOMEM);
            assertThat(e.syscall()).isEqualTo("mmap");
        }).hasMessage("ENOMEM (Cannot allocate memory) from mmap(length=65536, PROT_READ|PROT_WRITE,"
                + " MAP_PRIVATE|MAP_ANONYMOUS)");
        assertThatThrownBy(() -> allocator.allocateBytes(ARENA + 1)).isInstanceOf(ErrnoException.class)
                .hasMessageStartingWith("ENOMEM (Cannot allocate memory) from mmap(length=" + (ARENA + PAGE) + ",");
        assertThat(allocator.bytesInUse()).isZero();
        kernel.failMmap(false);
        assertThat(addr(allocator.allocateBytes(16))).isEqualTo(FIRST);
        assertThat(kernel.mmapCalls).isEqualTo(3);
    }

    @Test
    @DisplayName("close unmaps every arena once, and allocation afterwards fails without an mmap")
    void close() {
        for (int i = 0; i <= ARENA / 16; i++) {
            allocator.allocateBytes(16);   // fills the first arena and starts a second
        }
        allocator.allocateBytes(2 * ARENA);
        assertThat(kernel.live()).hasSize(3);
        allocator.close();
        assertThat(kernel.munmaps).extracting(m -> List.of(m[0], m[1])).containsExactly(
                List.of(FIRST, ARENA), List.of(FIRST + ARENA, ARENA), List.of(FIRST + 2 * ARENA, 2 * ARENA));
        assertThat(kernel.live()).isEmpty();
        assertThat(allocator.bytesInUse()).isZero();
        allocator.close();
        assertThat(kernel.munmapCalls).isEqualTo(3);
        assertThatThrownBy(() -> allocator.allocateBytes(16)).isInstanceOf(PointerStateException.class)
                .hasMessage("allocator for " + kernel.space + " is closed");
        assertThat(kernel.mmapCalls).isEqualTo(3);
    }

    @Test
    @DisplayName("a pointer whose allocator was closed refuses to touch the unmapped memory")
    void pointerAfterClose() {
        Pointer<Long> p = allocator.allocate(Bytes.LONG);
        long a = addr(p);
        allocator.close();
        String gone = ": its allocator was closed";
        assertThatThrownBy(p::read).isInstanceOf(PointerStateException.class)
                .hasMessage("cannot read pointer 0x" + Long.toHexString(a) + gone);
        assertThatThrownBy(() -> p.write(1L)).isInstanceOf(PointerStateException.class)
                .hasMessage("cannot write pointer 0x" + Long.toHexString(a) + gone);
        assertThatThrownBy(p::free).isInstanceOf(PointerStateException.class)
                .hasMessage("cannot free pointer 0x" + Long.toHexString(a) + gone);
        assertThatThrownBy(() -> p.borrow(kernel.task)).isInstanceOf(PointerStateException.class)
                .hasMessage("cannot borrow pointer 0x" + Long.toHexString(a) + gone);
        assertThat(p.valid()).isFalse();
    }
}
