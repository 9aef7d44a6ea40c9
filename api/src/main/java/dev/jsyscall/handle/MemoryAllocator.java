// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.far.AddressSpace;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.mman.Mman;
import dev.jsyscall.spi.SyscallInterface;
import dev.jsyscall.struct.Bytes;
import dev.jsyscall.struct.Codec;
import dev.jsyscall.struct.FixedCodec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Hands out {@link Pointer}s over memory mapped with {@code mmap} in one address space.
 *
 * <p>Memory comes in 64 KiB arenas (larger requests get an arena of their own, unmapped again once free); inside
 * an arena a first-fit free list with coalescing serves 16-byte aligned blocks. The mapping syscalls are made by
 * one long-lived task of the address space (for the JVM's address space: the local task), so children sharing
 * it with {@code CLONE_VM} can use the pointers without owning the mappings.
 *
 * <pre>{@code
 * WrittenPointer<Timespec> ts = allocator.write(Timespec.CODEC, new Timespec(1, 0));
 * }</pre>
 *
 * @since 0.1
 */
public final class MemoryAllocator implements AutoCloseable {
    static final long ARENA = 64 * 1024;
    private static final long ALIGN = 16;

    // the allocator maps through the raw interface, not a Task: a Task needs its allocator to exist first
    private final SyscallInterface sysif;
    private final Arch arch;
    private final AddressSpace addressSpace;
    private final List<Arena> arenas = new ArrayList<>();
    private volatile boolean closed;   // read without the lock by every pointer operation

    /** @param sysif makes the mmap/munmap calls that create and remove the arenas, in {@code addressSpace} */
    MemoryAllocator(SyscallInterface sysif, Arch arch, AddressSpace addressSpace) {
        this.sysif = Objects.requireNonNull(sysif, "sysif");
        this.arch = Objects.requireNonNull(arch, "arch");
        this.addressSpace = Objects.requireNonNull(addressSpace, "addressSpace");
    }

    /**
     * The address space this allocator's memory is in.
     *
     * @return the address space
     */
    public AddressSpace addressSpace() {
        return addressSpace;
    }

    /**
     * Memory for one {@code T} of fixed size (contents unspecified: arenas are reused).
     *
     * @param <T> the type
     * @param codec the codec, not null
     * @return the pointer
     */
    public <T> Pointer<T> allocate(FixedCodec<T> codec) {
        return allocate(codec, codec.size());
    }

    /**
     * {@code size} bytes for a {@code T}.
     *
     * @param <T> the type
     * @param codec the codec, not null
     * @param size the size in bytes, positive
     * @return the pointer
     */
    public <T> Pointer<T> allocate(Codec<T> codec, long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("allocation size must be positive, was " + size);
        }
        long rounded = (size + ALIGN - 1) & -ALIGN;
        return new Pointer<>(this, take(rounded), size, rounded, codec);
    }

    /**
     * {@code size} raw bytes.
     *
     * @param size the size in bytes, positive
     * @return the pointer
     */
    public Pointer<byte[]> allocateBytes(long size) {
        return allocate(Bytes.RAW, size);
    }

    /**
     * Allocates room for {@code value} and writes it.
     *
     * @param <T> the type
     * @param codec the codec, not null
     * @param value the value, not null
     * @return the pointer to the written value
     */
    public <T> WrittenPointer<T> write(Codec<T> codec, T value) {
        return allocate(codec, codec.size(value)).write(value);
    }

    private synchronized long take(long size) {
        if (closed) {
            throw new PointerStateException("allocator for " + addressSpace() + " is closed");
        }
        for (Arena a : arenas) {
            // a large request's arena serves only it: a small block left in its page-rounding slack would keep
            // the whole mapping alive after the large one is freed
            if (a.length > ARENA) {
                continue;
            }
            long addr = a.take(size);
            if (addr != 0) {
                return addr;
            }
        }
        long length = size <= ARENA ? ARENA : (size + Mman.PAGE_SIZE - 1) & -Mman.PAGE_SIZE;
        long base = mmap(length);
        Arena a = new Arena(base, length);
        arenas.add(a);
        return a.take(size);
    }

    synchronized void release(long address, long size) {
        for (Iterator<Arena> it = arenas.iterator(); it.hasNext();) {
            Arena a = it.next();
            if (address >= a.base && address < a.base + a.length) {
                a.give(address, size);
                // big one-off arenas go back to the kernel as soon as they are free; the common 64 KiB ones stay
                if (a.length > ARENA && a.isEmpty()) {
                    munmap(a.base, a.length);
                    it.remove();
                }
                return;
            }
        }
        throw new PointerStateException("address 0x" + Long.toHexString(address) + " was not allocated here");
    }

    /** Whether {@link #close} was called: the memory of every pointer from here is unmapped. */
    boolean isClosed() {
        return closed;
    }

    /** Whether {@code [start, end)} lies inside a single mapping, so that it can be freed into one arena. */
    synchronized boolean inOneMapping(long start, long end) {
        for (Arena a : arenas) {
            if (start >= a.base && end <= a.base + a.length) {
                return true;
            }
        }
        return false;
    }

    /**
     * Bytes handed out and not yet freed (for leak checks).
     *
     * @return the number of bytes
     */
    public synchronized long bytesInUse() {
        long n = 0;
        for (Arena a : arenas) {
            n += a.length - a.freeBytes();
        }
        return n;
    }

    /** Unmaps every arena. Pointers from this allocator must no longer be used. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Arena a : arenas) {
            munmap(a.base, a.length);
        }
        arenas.clear();
    }

    private long mmap(long length) {
        return Task.callWords(sysif, arch, Mman.mmapAnonymous(length, Mman.PROT_READ | Mman.PROT_WRITE,
                Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS)).address().value();
    }

    private void munmap(long base, long length) {
        Task.callWords(sysif, arch, Mman.munmap(new dev.jsyscall.near.MemoryMapping(new dev.jsyscall.near.Address(base),
                length)));
    }

    private static final class Arena {
        final long base;
        final long length;
        final TreeMap<Long, Long> free = new TreeMap<>();

        Arena(long base, long length) {
            this.base = base;
            this.length = length;
            free.put(base, length);
        }

        long take(long size) {
            // blocks freed after a split may start unaligned: align inside the block, keep the slack free
            for (Map.Entry<Long, Long> e : free.entrySet()) {
                long start = e.getKey();
                long end = start + e.getValue();
                long addr = (start + ALIGN - 1) & -ALIGN;
                if (addr + size <= end) {
                    free.remove(start);
                    if (addr > start) {
                        free.put(start, addr - start);
                    }
                    if (addr + size < end) {
                        free.put(addr + size, end - addr - size);
                    }
                    return addr;
                }
            }
            return 0;
        }

        void give(long address, long size) {
            long start = address;
            long len = size;
            Map.Entry<Long, Long> before = free.floorEntry(address);
            if (before != null && before.getKey() + before.getValue() > address) {
                throw new PointerStateException("double free at 0x" + Long.toHexString(address));
            }
            if (before != null && before.getKey() + before.getValue() == address) {
                start = before.getKey();
                len += before.getValue();
                free.remove(before.getKey());
            }
            Long after = free.get(address + size);
            if (after != null) {
                len += after;
                free.remove(address + size);
            }
            free.put(start, len);
        }

        long freeBytes() {
            long n = 0;
            for (long v : free.values()) {
                n += v;
            }
            return n;
        }

        boolean isEmpty() {
            return free.size() == 1 && free.firstEntry().getValue() == length;
        }
    }
}
