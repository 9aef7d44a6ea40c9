// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.far.AddressSpace;
import dev.jsyscall.far.FdTable;
import dev.jsyscall.far.PidNamespace;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.mman.Mman;
import dev.jsyscall.near.Pid;
import dev.jsyscall.spi.Memory;
import dev.jsyscall.spi.SyscallInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A test double for the allocator: a syscall interface that knows only anonymous {@code mmap} and {@code munmap}
 * (x86_64 numbers), and a {@link Memory} over byte arrays standing for the mappings. Mappings are handed out at
 * ascending, adjacent, page-aligned addresses; any access outside a live mapping fails the test, as it would crash
 * the JVM on a native backend.
 */
final class FakeMappings implements SyscallInterface, Memory {
    static final long FIRST = 0x7f00_0000_0000L;
    private static final int MMAP = Syscall.MMAP.number(Arch.X86_64);
    private static final int MUNMAP = Syscall.MUNMAP.number(Arch.X86_64);

    private final TreeMap<Long, byte[]> mappings = new TreeMap<>();
    private long next = FIRST;
    private boolean failMmap;

    /** Every successful mmap as {address, length}, in order. */
    final List<long[]> mmaps = new ArrayList<>();
    /** Every successful munmap as {address, length}, in order. */
    final List<long[]> munmaps = new ArrayList<>();
    int mmapCalls;
    int munmapCalls;

    final AddressSpace space = new AddressSpace("fake", this);
    final Task task = new Task(this, new Pid(4242), new FdTable("fake"), space, new PidNamespace("fake"),
            Arch.X86_64, newAllocator());

    /** A fresh allocator over these mappings. */
    MemoryAllocator newAllocator() {
        return new MemoryAllocator(this, Arch.X86_64, space);
    }

    /** Makes every later mmap fail with ENOMEM (or succeed again). */
    void failMmap(boolean fail) {
        failMmap = fail;
    }

    /** The live mappings: address to length. */
    Map<Long, Integer> live() {
        Map<Long, Integer> out = new TreeMap<>();
        mappings.forEach((a, b) -> out.put(a, b.length));
        return out;
    }

    @Override
    public long syscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        if (nr == MMAP) {
            mmapCalls++;
            if (a0 != 0 || a2 != (Mman.PROT_READ | Mman.PROT_WRITE)
                    || a3 != (Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS) || a4 != -1 || a5 != 0) {
                throw new AssertionError("unexpected mmap arguments: " + List.of(a0, a1, a2, a3, a4, a5));
            }
            if (failMmap) {
                return -Errno.ENOMEM.number();
            }
            if (a1 <= 0 || a1 % Mman.PAGE_SIZE != 0) {
                // the kernel rounds up; the allocator is expected to ask for whole pages
                throw new AssertionError("mmap of a length that is not whole pages: " + a1);
            }
            long address = next;
            next += a1;
            mappings.put(address, new byte[Math.toIntExact(a1)]);
            mmaps.add(new long[] {address, a1});
            return address;
        }
        if (nr == MUNMAP) {
            munmapCalls++;
            byte[] m = mappings.get(a0);
            if (m == null || m.length != a1) {
                // the allocator only ever unmaps whole mappings it made
                return -Errno.EINVAL.number();
            }
            mappings.remove(a0);
            munmaps.add(new long[] {a0, a1});
            return 0;
        }
        throw new AssertionError("the allocator made syscall " + nr + ", expected only mmap/munmap");
    }

    @Override
    public String describe() {
        return "fake mappings";
    }

    @Override
    public void read(long address, byte[] dst, int off, int len) {
        Map.Entry<Long, byte[]> m = mapping(address, len);
        System.arraycopy(m.getValue(), (int) (address - m.getKey()), dst, off, len);
    }

    @Override
    public void write(long address, byte[] src, int off, int len) {
        Map.Entry<Long, byte[]> m = mapping(address, len);
        System.arraycopy(src, off, m.getValue(), (int) (address - m.getKey()), len);
    }

    /** The raw bytes at an address, bypassing any pointer. */
    byte[] peek(long address, int len) {
        byte[] out = new byte[len];
        read(address, out, 0, len);
        return out;
    }

    private Map.Entry<Long, byte[]> mapping(long address, int len) {
        Map.Entry<Long, byte[]> m = mappings.floorEntry(address);
        if (m == null || address + len > m.getKey() + m.getValue().length) {
            throw new AssertionError("access to unmapped memory: " + len + " bytes at 0x"
                    + Long.toHexString(address));
        }
        return m;
    }
}
