// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.far.AddressSpace;
import dev.jsyscall.far.AddressSpaceMismatchException;
import dev.jsyscall.far.FdTable;
import dev.jsyscall.far.NamespaceMismatchException;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.time.Timespec;
import dev.jsyscall.near.Address;
import dev.jsyscall.near.Pid;
import dev.jsyscall.struct.Bytes;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PointerTest {
    private static final long FIRST = FakeMappings.FIRST;

    private final FakeMappings kernel = new FakeMappings();
    private final MemoryAllocator allocator = kernel.newAllocator();

    private static String hex(long a) {
        return "0x" + Long.toHexString(a);
    }

    @Nested
    class Values {
        @Test
        @DisplayName("write stores the little-endian encoding and read decodes it back")
        void roundTrip() {
            Pointer<Long> p = allocator.allocate(Bytes.LONG);
            assertThat(p.near()).isEqualTo(new Address(FIRST));
            assertThat(p.size()).isEqualTo(8);
            assertThat(p.addressSpace()).isSameAs(kernel.space);
            assertThat(p.codec()).isSameAs(Bytes.LONG);
            WrittenPointer<Long> w = p.write(0x0102030405060708L);
            assertThat(kernel.peek(FIRST, 8)).containsExactly(8, 7, 6, 5, 4, 3, 2, 1);
            assertThat(w.read()).isEqualTo(0x0102030405060708L);
            assertThat(w.near()).isEqualTo(p.near());
            assertThat(w.size()).isEqualTo(8);
        }

        @Test
        @DisplayName("a written pointer remembers the value it wrote without reading memory")
        void writtenValue() {
            WrittenPointer<Timespec> w = allocator.allocate(Timespec.CODEC).write(new Timespec(3, 4));
            assertThat(w.value()).isEqualTo(new Timespec(3, 4));
            kernel.write(FIRST, new byte[] {9}, 0, 1);
            assertThat(w.value()).isEqualTo(new Timespec(3, 4));
            assertThat(w.read()).isEqualTo(new Timespec(9, 4));
        }

        @Test
        @DisplayName("a written pointer can be written again, consuming it in turn")
        void rewrite() {
            WrittenPointer<Long> first = allocator.allocate(Bytes.LONG).write(1L);
            WrittenPointer<Long> second = first.write(2L);
            assertThat(second.read()).isEqualTo(2L);
            assertThatThrownBy(first::read).isInstanceOf(PointerStateException.class)
                    .hasMessage("cannot read pointer " + hex(FIRST) + ": it was consumed by write()");
        }

        @Test
        @DisplayName("a value larger than the pointer is refused and nothing is written")
        void valueTooLarge() {
            Pointer<byte[]> p = allocator.allocateBytes(4);
            assertThatThrownBy(() -> p.write(new byte[5])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("value needs 5 bytes but the pointer at " + hex(FIRST) + " holds 4");
            assertThat(p.valid()).isTrue();
        }

        @Test
        @DisplayName("as views the same memory through another codec")
        void as() {
            WrittenPointer<Long> w = allocator.allocate(Bytes.LONG).write(-1L);
            Pointer<Integer> i = w.as(Bytes.INT);
            assertThat(i.near()).isEqualTo(w.near());
            assertThat(i.size()).isEqualTo(8);
            assertThat(i.read()).isEqualTo(-1);
        }

        @Test
        @DisplayName("toString names the address, the size and why a pointer is gone")
        void string() {
            Pointer<Long> p = allocator.allocate(Bytes.LONG);
            assertThat(p).hasToString("Pointer(" + hex(FIRST) + ", 8 bytes)");
            WrittenPointer<Long> w = p.write(5L);
            assertThat(p).hasToString("Pointer(" + hex(FIRST) + ", 8 bytes, consumed by write())");
            w.free();
            assertThat(w).hasToString("WrittenPointer(" + hex(FIRST) + ", 8 bytes, freed)");
        }
    }

    @Nested
    class Consumption {
        private void assertConsumedBy(Pointer<?> p, String how) {
            assertThat(p.valid()).isFalse();
            String prefix = "pointer " + hex(p.near().value()) + ": it was consumed by " + how;
            assertThatThrownBy(p::read).isInstanceOf(PointerStateException.class)
                    .hasMessage("cannot read " + prefix);
            assertThatThrownBy(p::free).isInstanceOf(PointerStateException.class)
                    .hasMessage("cannot free " + prefix);
            assertThatThrownBy(() -> p.borrow(kernel.task)).isInstanceOf(PointerStateException.class)
                    .hasMessage("cannot borrow " + prefix);
            assertThatThrownBy(() -> p.split(1)).isInstanceOf(PointerStateException.class)
                    .hasMessage("cannot split " + prefix);
            assertThatThrownBy(() -> p.as(Bytes.RAW)).isInstanceOf(PointerStateException.class)
                    .hasMessage("cannot as " + prefix);
        }

        @Test
        @DisplayName("write consumes the pointer")
        void write() {
            Pointer<Long> p = allocator.allocate(Bytes.LONG);
            p.write(1L);
            assertConsumedBy(p, "write()");
            assertThatThrownBy(() -> p.write(2L)).isInstanceOf(PointerStateException.class)
                    .hasMessage("cannot write pointer " + hex(FIRST) + ": it was consumed by write()");
        }

        @Test
        @DisplayName("split consumes the pointer")
        void split() {
            Pointer<Long> p = allocator.allocate(Bytes.LONG);
            p.split(4);
            assertConsumedBy(p, "split()");
        }

        @Test
        @DisplayName("merge consumes both pointers")
        void merge() {
            Pointer.Split<Long> s = allocator.allocate(Bytes.LONG).split(4);
            s.first().merge(s.rest());
            assertConsumedBy(s.first(), "merge()");
            assertConsumedBy(s.rest(), "merge()");
        }

        @Test
        @DisplayName("as consumes the pointer")
        void as() {
            Pointer<Long> p = allocator.allocate(Bytes.LONG);
            p.as(Bytes.INT);
            assertConsumedBy(p, "as()");
        }

        @Test
        @DisplayName("the memory of a consumed pointer is freed once, through its successor")
        void successorFrees() {
            Pointer<Long> p = allocator.allocate(Bytes.LONG);
            p.write(1L).as(Bytes.INT).free();
            assertThat(allocator.bytesInUse()).isZero();
        }
    }

    @Nested
    class Freeing {
        @Test
        @DisplayName("use after free throws and says the pointer was freed")
        void useAfterFree() {
            Pointer<Long> p = allocator.allocate(Bytes.LONG);
            p.free();
            assertThat(p.valid()).isFalse();
            assertThatThrownBy(p::read).isInstanceOf(PointerStateException.class)
                    .hasMessage("cannot read pointer " + hex(FIRST) + ": it was freed");
            assertThatThrownBy(() -> p.write(1L)).isInstanceOf(PointerStateException.class)
                    .hasMessage("cannot write pointer " + hex(FIRST) + ": it was freed");
            assertThatThrownBy(() -> p.borrow(kernel.task)).isInstanceOf(PointerStateException.class)
                    .hasMessage("cannot borrow pointer " + hex(FIRST) + ": it was freed");
        }

        @Test
        @DisplayName("a double free throws and returns nothing twice to the allocator")
        void doubleFree() {
            Pointer<Long> p = allocator.allocate(Bytes.LONG);
            Pointer<Long> other = allocator.allocate(Bytes.LONG);
            p.free();
            assertThatThrownBy(p::free).isInstanceOf(PointerStateException.class)
                    .hasMessage("cannot free pointer " + hex(FIRST) + ": it was freed");
            assertThat(allocator.bytesInUse()).isEqualTo(16);
            assertThat(other.valid()).isTrue();
        }

        @Test
        @DisplayName("free while borrowed throws; after the borrow is closed it succeeds")
        void freeWhileBorrowed() {
            Pointer<Long> p = allocator.allocate(Bytes.LONG);
            Pointer<Long>.Borrow b = p.borrow(kernel.task);
            assertThat(b.address()).isEqualTo(FIRST);
            assertThatThrownBy(p::free).isInstanceOf(PointerStateException.class)
                    .hasMessage("pointer " + hex(FIRST) + " is in use by a syscall and cannot be freed");
            assertThat(p.valid()).isTrue();
            b.close();
            b.close();   // closing twice returns the borrow once
            p.free();
            assertThat(allocator.bytesInUse()).isZero();
        }

        @Test
        @DisplayName("two borrows must both be returned before free")
        void nestedBorrows() {
            Pointer<Long> p = allocator.allocate(Bytes.LONG);
            Pointer<Long>.Borrow a = p.borrow(kernel.task);
            Pointer<Long>.Borrow b = p.borrow(kernel.task);
            a.close();
            assertThatThrownBy(p::free).isInstanceOf(PointerStateException.class);
            b.close();
            p.free();
            assertThat(p.valid()).isFalse();
        }

        @Test
        @DisplayName("write, split, as and merge of a borrowed pointer throw and change nothing")
        void consumeWhileBorrowed() {
            Pointer<Long> p = allocator.allocate(Bytes.LONG).write(7L);
            String inUse = "pointer " + hex(FIRST) + " is in use by a syscall";
            try (Pointer<Long>.Borrow b = p.borrow(kernel.task)) {
                for (Consumer<Pointer<Long>> op : List.<Consumer<Pointer<Long>>>of(
                        x -> x.write(8L), x -> x.split(4), x -> x.as(Bytes.INT))) {
                    assertThatThrownBy(() -> op.accept(p)).isInstanceOf(PointerStateException.class)
                            .hasMessage(inUse);
                    assertThat(p.valid()).isTrue();
                }
                assertThat(p.read()).as("memory the syscall is using is left alone").isEqualTo(7L);
                assertThat(b.address()).isEqualTo(FIRST);
            }
            // a merge whose second pointer is borrowed must not consume the first one either
            Pointer.Split<Long> s = allocator.allocate(Bytes.LONG).split(4);
            try (Pointer<Long>.Borrow b = s.rest().borrow(kernel.task)) {
                assertThatThrownBy(() -> s.first().merge(s.rest())).isInstanceOf(PointerStateException.class)
                        .hasMessage("pointer " + hex(s.rest().near().value()) + " is in use by a syscall");
                assertThat(s.first().valid()).isTrue();
                assertThat(s.rest().valid()).isTrue();
                assertThat(b.address()).isEqualTo(FIRST + 16 + 4);   // second block, after 4 bytes
            }
            s.first().merge(s.rest()).free();
            p.free();
            assertThat(allocator.bytesInUse()).isZero();
        }
    }

    @Nested
    class Borrowing {
        @Test
        @DisplayName("borrowing with a task in another address space throws before any syscall")
        void otherAddressSpace() {
            Pointer<Long> p = allocator.allocate(Bytes.LONG);
            AddressSpace elsewhere = new AddressSpace("elsewhere", kernel);
            Task stranger = new Task(kernel, new Pid(7), new FdTable("t"), elsewhere, kernel.task.pidNamespace(),
                    Arch.X86_64, new MemoryAllocator(kernel, Arch.X86_64, elsewhere));
            int calls = kernel.mmapCalls + kernel.munmapCalls;
            assertThatThrownBy(() -> p.borrow(stranger)).isInstanceOf(AddressSpaceMismatchException.class)
                    .isInstanceOf(NamespaceMismatchException.class)
                    .hasMessage("pointer " + hex(FIRST) + " (8 bytes) lives in " + kernel.space
                            + " but was used with Task(7, fake mappings) in " + elsewhere);
            assertThat(kernel.mmapCalls + kernel.munmapCalls).isEqualTo(calls);
            p.free();   // not left borrowed by the refused attempt
        }

        @Test
        @DisplayName("a task in the same address space may borrow, whatever its fd table")
        void sameAddressSpace() {
            Pointer<Long> p = allocator.allocate(Bytes.LONG);
            Task sibling = new Task(kernel, new Pid(8), new FdTable("own"), kernel.space, kernel.task.pidNamespace(),
                    Arch.X86_64, kernel.newAllocator());
            try (Pointer<Long>.Borrow b = p.borrow(sibling)) {
                assertThat(b.address()).isEqualTo(FIRST);
            }
            p.free();
        }
    }

    @Nested
    class SplitAndMerge {
        @Test
        @DisplayName("split gives two pointers covering the memory; each reads its own bytes")
        void split() {
            Pointer<byte[]> p = allocator.write(Bytes.RAW, new byte[] {1, 2, 3, 4, 5, 6});
            Pointer.Split<byte[]> s = p.split(2);
            assertThat(s.first().near()).isEqualTo(new Address(FIRST));
            assertThat(s.first().size()).isEqualTo(2);
            assertThat(s.rest().near()).isEqualTo(new Address(FIRST + 2));
            assertThat(s.rest().size()).isEqualTo(4);
            assertThat(s.first().read()).containsExactly(1, 2);
            assertThat(s.rest().read()).containsExactly(3, 4, 5, 6);
        }

        @Test
        @DisplayName("split points outside 1..size-1 are refused and leave the pointer valid")
        void splitBounds() {
            Pointer<Long> p = allocator.allocate(Bytes.LONG);
            for (long at : new long[] {0, 8, -1, 9}) {
                assertThatThrownBy(() -> p.split(at)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("split point must be inside the pointer: 0 < " + at + " < 8");
            }
            assertThat(p.valid()).isTrue();
            assertThat(p.split(7).rest().size()).isEqualTo(1);
        }

        @Test
        @DisplayName("merging the two halves of a split restores the whole, freed in one piece")
        void mergeHalves() {
            Pointer<byte[]> p = allocator.write(Bytes.RAW, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
            Pointer.Split<byte[]> s = p.split(3);
            Pointer<byte[]> whole = s.first().merge(s.rest());
            assertThat(whole.near()).isEqualTo(new Address(FIRST));
            assertThat(whole.size()).isEqualTo(10);
            assertThat(whole.read()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            whole.free();
            assertThat(allocator.bytesInUse()).isZero();
            assertThat(allocator.allocateBytes(16).near()).isEqualTo(new Address(FIRST));
        }

        @Test
        @DisplayName("two adjacent allocations of whole 16-byte blocks merge")
        void mergeAdjacentAllocations() {
            Pointer<byte[]> a = allocator.allocateBytes(16);
            Pointer<byte[]> b = allocator.allocateBytes(32);
            Pointer<byte[]> ab = a.merge(b);
            assertThat(ab.size()).isEqualTo(48);
            ab.free();
            assertThat(allocator.bytesInUse()).isZero();
        }

        @Test
        @DisplayName("merging pointers that are not adjacent is refused and consumes neither")
        void mergeNotAdjacent() {
            Pointer<Long> a = allocator.allocate(Bytes.LONG);   // 8 bytes at FIRST, 16 reserved
            Pointer<Long> b = allocator.allocate(Bytes.LONG);   // at FIRST + 16
            assertThatThrownBy(() -> a.merge(b)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot merge: this pointer ends at " + hex(FIRST + 8) + " but the next begins at "
                            + hex(FIRST + 16));
            assertThatThrownBy(() -> b.merge(a)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot merge: this pointer ends at " + hex(FIRST + 24) + " but the next begins at "
                            + hex(FIRST));
            assertThat(a.valid()).isTrue();
            assertThat(b.valid()).isTrue();
        }

        @Test
        @DisplayName("merging pointers from different allocators is refused")
        void mergeDifferentAllocators() {
            FakeMappings otherKernel = new FakeMappings();
            MemoryAllocator other = otherKernel.newAllocator();
            Pointer<Long> a = allocator.allocate(Bytes.LONG);
            Pointer<Long> b = other.allocate(Bytes.LONG);
            assertThatThrownBy(() -> a.merge(b)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot merge pointers from different allocators: " + hex(FIRST) + " in "
                            + kernel.space + " and " + hex(FIRST) + " in " + otherKernel.space);
            assertThat(a.valid()).isTrue();
            assertThat(b.valid()).isTrue();
        }

        @Test
        @DisplayName("pointers in two mappings that happen to be adjacent are not merged")
        void mergeAcrossMappings() {
            Pointer<byte[]> end = allocator.allocateBytes(MemoryAllocator.ARENA);   // fills the first mapping
            Pointer<byte[]> start = allocator.allocateBytes(16);                    // first block of the next
            assertThat(start.near()).isEqualTo(end.near().add(end.size()));
            assertThatThrownBy(() -> end.merge(start)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot merge: " + hex(FIRST) + " and " + hex(FIRST + MemoryAllocator.ARENA)
                            + " are adjacent but in different mappings");
            assertThat(end.valid()).isTrue();
            assertThat(start.valid()).isTrue();
        }

        @Test
        @DisplayName("merge of a consumed pointer throws the state error")
        void mergeConsumed() {
            Pointer.Split<Long> s = allocator.allocate(Bytes.LONG).split(4);
            s.rest().as(Bytes.INT);
            assertThatThrownBy(() -> s.first().merge(s.rest())).isInstanceOf(PointerStateException.class)
                    .hasMessage("cannot merge pointer " + hex(FIRST + 4) + ": it was consumed by as()");
            assertThat(s.first().valid()).isTrue();
        }
    }
}
