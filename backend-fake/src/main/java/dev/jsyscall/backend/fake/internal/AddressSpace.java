// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.backend.fake.FakeMemoryAccessException;
import dev.jsyscall.spi.Memory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A simulated address space: mappings (VMAs) with protections over sparse, lazily zero-filled 4 KiB pages
 * (internal). Shared by processes cloned with CLONE_VM.
 *
 * <p>Two kinds of access: {@link Memory} (what Java code standing for user-mode code does; a fault throws
 * {@link FakeMemoryAccessException}) and the kernel's copy-in/copy-out (a fault is {@code -EFAULT}).
 */
public final class AddressSpace implements Memory {
    /** Where top-down mmap allocation starts, as on x86_64 without ASLR. */
    static final long MMAP_TOP = 0x7ffff7fff000L;
    static final long STACK_TOP = 0x7ffffffff000L;
    static final long STACK_SIZE = 8L * 1024 * 1024;
    /** The syscall-server "blob": one r-x page, the fake's counterpart of the api's machine-code blob. */
    static final long BLOB_BASE = 0x7ffff7fc1000L;
    static final long SERVER_ENTRY = BLOB_BASE + 0x100;

    static final class Vma {
        long start;
        long end;
        int prot;
        final int flags;
        final String name;

        Vma(long start, long end, int prot, int flags, String name) {
            this.start = start;
            this.end = end;
            this.prot = prot;
            this.flags = flags;
            this.name = name;
        }

        Vma copy() {
            return new Vma(start, end, prot, flags, name);
        }

        @Override
        public String toString() {
            return String.format("%012x-%012x %s%s%s %s", start, end, (prot & PROT_READ) != 0 ? "r" : "-",
                    (prot & PROT_WRITE) != 0 ? "w" : "-", (prot & PROT_EXEC) != 0 ? "x" : "-", name);
        }
    }

    private static int nextId = 1;

    final int id;
    private final TreeMap<Long, Vma> vmas = new TreeMap<>();
    /** Ordered, so that dropping a range costs what is in it, not the range's length in pages. */
    private final TreeMap<Long, byte[]> pages = new TreeMap<>();
    /** Processes using this address space (CLONE_VM shares it); the last one out releases it. */
    int users;

    AddressSpace() {
        synchronized (AddressSpace.class) {
            this.id = nextId++;
        }
    }

    /**
     * The blob's page as every execve maps it, with recognisable bytes (a tool dumping the mapping sees what it
     * is, not zeros). Shared by every address space until one writes to it ({@link #copy} copies it first), as
     * execve would otherwise fill a fresh page for every program.
     */
    private static final byte[] BLOB_PAGE = blobPage();

    private static byte[] blobPage() {
        byte[] page = new byte[PAGE_SIZE];
        byte[] marker = "jsyscall fake kernel: syscall server entry at +0x100 (not machine code)"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(marker, 0, page, 0, marker.length);
        return page;
    }

    /** A fresh address space as execve leaves it: a stack and the blob. */
    static AddressSpace forExec() {
        AddressSpace as = new AddressSpace();
        as.mapFixed(STACK_TOP - STACK_SIZE, STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                "[stack]");
        as.mapBlob();
        return as;
    }

    void mapBlob() {
        mapFixed(BLOB_BASE, PAGE_SIZE, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, "[jsyscall-fake-blob]");
        pages.put(BLOB_BASE, BLOB_PAGE);
    }

    /** Copy for a clone without CLONE_VM: same mappings, copied pages. */
    synchronized AddressSpace fork() {
        AddressSpace copy = new AddressSpace();
        for (Vma v : vmas.values()) {
            copy.vmas.put(v.start, v.copy());
        }
        for (Map.Entry<Long, byte[]> e : pages.entrySet()) {
            copy.pages.put(e.getKey(), e.getValue().clone());
        }
        return copy;
    }

    // ---------------------------------------------------------------- mappings

    static long pageUp(long len) {
        return (len + PAGE_SIZE - 1) & -PAGE_SIZE;
    }

    /** mmap for anonymous memory; returns the address or -errno. */
    synchronized long mmap(long addr, long len, int prot, int flags, String name) {
        if (len <= 0) {
            return -EINVAL;
        }
        long size = pageUp(len);
        if (size <= 0 || size > TASK_SIZE) {
            return -ENOMEM;
        }
        if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0) {
            if ((addr & (PAGE_SIZE - 1)) != 0) {
                return -EINVAL;
            }
            if (addr + size > TASK_SIZE || addr + size < addr) {
                return -ENOMEM;
            }
            if ((flags & MAP_FIXED) == 0 && overlaps(addr, addr + size)) {
                return -EEXIST;
            }
            unmapRange(addr, addr + size);
            mapFixed(addr, size, prot, flags, name);
            return addr;
        }
        long hint = addr & -PAGE_SIZE;
        if (hint != 0 && hint >= 0x10000 && hint + size <= TASK_SIZE && hint + size > hint
                && !overlaps(hint, hint + size)) {
            mapFixed(hint, size, prot, flags, name);
            return hint;
        }
        long start = findGap(size);
        if (start < 0) {
            return -ENOMEM;
        }
        mapFixed(start, size, prot, flags, name);
        return start;
    }

    private long findGap(long size) {
        long top = MMAP_TOP;
        // walk the mappings below top from the highest down, like the kernel's top-down allocator
        for (Vma v : vmas.headMap(top, false).descendingMap().values()) {
            if (v.end <= top && top - v.end >= size) {
                return top - size;
            }
            top = Math.min(top, v.start);
        }
        return top - size >= 0x10000 ? top - size : -1;
    }

    private boolean overlaps(long start, long end) {
        Map.Entry<Long, Vma> below = vmas.lowerEntry(end);
        return below != null && below.getValue().end > start;
    }

    private void mapFixed(long start, long size, int prot, int flags, String name) {
        vmas.put(start, new Vma(start, start + size, prot, flags, name));
        mergeAround(start);
    }

    /** Keeps the mapping list compact: anonymous neighbours with equal protections become one. */
    private void mergeAround(long start) {
        Vma v = vmas.get(start);
        Map.Entry<Long, Vma> lo = vmas.lowerEntry(start);
        if (lo != null && lo.getValue().end == v.start && lo.getValue().prot == v.prot
                && lo.getValue().name.equals(v.name) && lo.getValue().flags == v.flags) {
            lo.getValue().end = v.end;
            vmas.remove(start);
            v = lo.getValue();
        }
        Vma hi = vmas.get(v.end);
        if (hi != null && hi.prot == v.prot && hi.name.equals(v.name) && hi.flags == v.flags) {
            v.end = hi.end;
            vmas.remove(hi.start);
        }
    }

    synchronized long munmap(long addr, long len) {
        if ((addr & (PAGE_SIZE - 1)) != 0 || len <= 0) {
            return -EINVAL;
        }
        long end = addr + pageUp(len);
        if (end > TASK_SIZE || end < addr) {
            return -EINVAL;
        }
        unmapRange(addr, end);
        return 0;
    }

    private void unmapRange(long start, long end) {
        splitAt(start);
        splitAt(end);
        List<Long> doomed = new ArrayList<>(vmas.subMap(start, true, end, false).keySet());
        for (Long k : doomed) {
            vmas.remove(k);
        }
        pages.subMap(start, end).clear();
    }

    private void splitAt(long addr) {
        Map.Entry<Long, Vma> e = vmas.lowerEntry(addr);
        if (e != null && e.getValue().end > addr) {
            Vma v = e.getValue();
            Vma hi = new Vma(addr, v.end, v.prot, v.flags, v.name);
            v.end = addr;
            vmas.put(addr, hi);
        }
    }

    synchronized long mprotect(long addr, long len, int prot) {
        if ((addr & (PAGE_SIZE - 1)) != 0) {
            return -EINVAL;
        }
        if ((prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | 0x01000000 | 0x02000000)) != 0) {
            return -EINVAL;
        }
        if (len == 0) {
            return 0;
        }
        long end = addr + pageUp(len);
        if (end < addr || end > TASK_SIZE) {
            return -ENOMEM;
        }
        if (!fullyMapped(addr, end)) {
            return -ENOMEM;
        }
        splitAt(addr);
        splitAt(end);
        for (Vma v : vmas.subMap(addr, true, end, false).values()) {
            v.prot = prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
        }
        return 0;
    }

    /** madvise(MADV_DONTNEED) on private anonymous memory reads back as zeros. */
    synchronized long dontneed(long addr, long len) {
        if ((addr & (PAGE_SIZE - 1)) != 0) {
            return -EINVAL;
        }
        // mm/madvise.c: a length that rounds up to 0, or a range that wraps, is EINVAL; a hole is ENOMEM
        long size = pageUp(len);
        long end = addr + size;
        if ((len != 0 && size == 0) || Long.compareUnsigned(end, addr) < 0) {
            return -EINVAL;
        }
        if (Long.compareUnsigned(end, TASK_SIZE) > 0 || !fullyMapped(addr, end)) {
            return -ENOMEM;
        }
        pages.subMap(addr, end).clear();
        return 0;
    }

    private boolean fullyMapped(long start, long end) {
        long at = start;
        while (at < end) {
            Vma v = vmaAt(at);
            if (v == null) {
                return false;
            }
            at = v.end;
        }
        return true;
    }

    private Vma vmaAt(long addr) {
        Map.Entry<Long, Vma> e = vmas.floorEntry(addr);
        return e != null && e.getValue().end > addr ? e.getValue() : null;
    }

    /**
     * The kernel's {@code access_ok}: whether {@code [addr, addr+len)} lies in user space, without looking at the
     * mappings. Checked on {@code len} as the caller gave it (a length of 2^63 fails), before any copy.
     */
    static boolean accessOk(long addr, long len) {
        return Long.compareUnsigned(addr, TASK_SIZE) <= 0 && Long.compareUnsigned(len, TASK_SIZE - addr) <= 0;
    }

    /** How many bytes from {@code addr} on, up to {@code len}, are mapped with all of {@code prot}. */
    synchronized long accessiblePrefix(long addr, long len, int prot) {
        if (!accessOk(addr, len)) {
            return 0;
        }
        long at = addr;
        long end = addr + len;
        while (at < end) {
            Vma v = vmaAt(at);
            if (v == null || (v.prot & prot) != prot) {
                break;
            }
            at = v.end;
        }
        return Math.min(at, end) - addr;
    }

    /** Whether every byte of {@code [addr, addr+len)} is mapped with all of {@code prot}. */
    synchronized boolean accessible(long addr, long len, int prot) {
        if (len == 0) {
            return true;
        }
        if (addr < 0 || len < 0 || addr + len < addr || addr + len > TASK_SIZE) {
            return false;
        }
        long at = addr;
        long end = addr + len;
        while (at < end) {
            Vma v = vmaAt(at);
            if (v == null || (v.prot & prot) != prot) {
                return false;
            }
            at = v.end;
        }
        return true;
    }

    synchronized List<String> describeMappings() {
        List<String> out = new ArrayList<>();
        for (Vma v : vmas.values()) {
            out.add(v.toString());
        }
        return out;
    }

    // ---------------------------------------------------------------- bytes

    private void copy(long addr, byte[] buf, int off, int len, boolean toMemory) {
        long at = addr;
        int done = 0;
        while (done < len) {
            long page = at & -PAGE_SIZE;
            int inPage = (int) (at - page);
            int n = Math.min(len - done, PAGE_SIZE - inPage);
            byte[] p = pages.get(page);
            if (toMemory) {
                if (p == null) {
                    p = new byte[PAGE_SIZE];
                    pages.put(page, p);
                } else if (p == BLOB_PAGE) {
                    p = p.clone();
                    pages.put(page, p);
                }
                System.arraycopy(buf, off + done, p, inPage, n);
            } else if (p == null) {
                java.util.Arrays.fill(buf, off + done, off + done + n, (byte) 0);
            } else {
                System.arraycopy(p, inPage, buf, off + done, n);
            }
            done += n;
            at += n;
        }
    }

    /** Kernel copy_from_user: null if any byte is not readable (the caller returns -EFAULT). */
    synchronized byte[] copyIn(long addr, long len) {
        if (len < 0 || len > Integer.MAX_VALUE - 16 || !accessible(addr, len, PROT_READ)) {
            return null;
        }
        byte[] b = new byte[(int) len];
        copy(addr, b, 0, b.length, false);
        return b;
    }

    /** Kernel copy_to_user: false if any byte is not writable (the caller returns -EFAULT). */
    synchronized boolean copyOut(long addr, byte[] data) {
        return copyOut(addr, data, 0, data.length);
    }

    synchronized boolean copyOut(long addr, byte[] data, int off, int len) {
        if (!accessible(addr, len, PROT_WRITE)) {
            return false;
        }
        copy(addr, data, off, len, true);
        return true;
    }

    private void kernelWriteUnchecked(long addr, byte[] data) {
        copy(addr, data, 0, data.length, true);
    }

    /** strncpy_from_user: the NUL-terminated string at addr, or null on a fault, or a longer marker. */
    synchronized byte[] copyString(long addr, int max) {
        // a page at a time (exec copies every argv and envp string; byte by byte was most of its cost)
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long at = addr;
        long end = addr + max + 1; // max+1 bytes without a NUL: "too long"
        while (at < end) {
            if (at < 0 || at >= TASK_SIZE) {
                return null;
            }
            Vma v = vmaAt(at);
            if (v == null || (v.prot & PROT_READ) == 0) {
                return null;
            }
            long page = at & -PAGE_SIZE;
            int inPage = (int) (at - page);
            int n = (int) (Math.min(Math.min(end, v.end), page + PAGE_SIZE) - at);
            byte[] p = pages.get(page);
            if (p == null) {
                return out.toByteArray(); // a page never written reads as zeros: the NUL is here
            }
            for (int i = 0; i < n; i++) {
                if (p[inPage + i] == 0) {
                    out.write(p, inPage, i);
                    return out.toByteArray();
                }
            }
            out.write(p, inPage, n);
            at += n;
        }
        return out.toByteArray();
    }

    /** The 64-bit little-endian word at addr, or null on a fault. */
    synchronized Long readLong(long addr) {
        byte[] b = copyIn(addr, 8);
        return b == null ? null : Bytes.getLong(b, 0);
    }

    synchronized Integer readInt(long addr) {
        byte[] b = copyIn(addr, 4);
        return b == null ? null : Bytes.getInt(b, 0);
    }

    synchronized boolean writeInt(long addr, int v) {
        byte[] b = new byte[4];
        Bytes.putInt(b, 0, v);
        return copyOut(addr, b);
    }

    synchronized boolean writeLong(long addr, long v) {
        byte[] b = new byte[8];
        Bytes.putLong(b, 0, v);
        return copyOut(addr, b);
    }

    // ---------------------------------------------------------------- Memory (user-mode access)

    @Override
    public synchronized void read(long address, byte[] dst, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, dst.length);
        checkUser(address, len, PROT_READ, "read");
        copy(address, dst, off, len, false);
    }

    @Override
    public synchronized void write(long address, byte[] src, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, src.length);
        checkUser(address, len, PROT_WRITE, "write");
        copy(address, src, off, len, true);
    }

    private void checkUser(long address, int len, int prot, String what) {
        if (accessible(address, len, prot)) {
            return;
        }
        long bad = address;
        while (bad < address + len && accessible(bad, 1, prot)) {
            bad++;
        }
        Vma v = vmaAt(bad);
        String why = v == null ? "nothing is mapped there" : "the mapping " + v + " does not allow it";
        throw new FakeMemoryAccessException(String.format(
                "SIGSEGV in the simulated process: %s of %d bytes at 0x%x faults at 0x%x: %s (address space %d)",
                what, len, address, bad, why, id), bad);
    }

    @Override
    public String toString() {
        return "AddressSpace#" + id;
    }
}
