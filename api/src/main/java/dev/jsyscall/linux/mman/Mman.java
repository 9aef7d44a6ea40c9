// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.mman;

import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.near.Address;
import dev.jsyscall.near.MemoryMapping;
import java.util.List;
import java.util.Objects;

/**
 * Constants of {@code mmap}, {@code mprotect} and {@code munmap} ({@code <sys/mman.h>}; same on x86_64 and
 * aarch64), and those syscalls, each defined once as a {@link SyscallRequest}.
 *
 * @since 0.1
 */
public final class Mman {
    private Mman() {
    }

    /** Pages cannot be accessed. */
    public static final int PROT_NONE = 0x0;
    /** Pages can be read. */
    public static final int PROT_READ = 0x1;
    /** Pages can be written. */
    public static final int PROT_WRITE = 0x2;
    /** Pages can be executed. */
    public static final int PROT_EXEC = 0x4;

    /** Changes are visible to other mappings of the same memory and survive a fork as shared. */
    public static final int MAP_SHARED = 0x01;
    /** A private copy-on-write mapping. */
    public static final int MAP_PRIVATE = 0x02;
    /** Map exactly at the given address, replacing what was there. */
    public static final int MAP_FIXED = 0x10;
    /** Memory not backed by a file, filled with zeros. */
    public static final int MAP_ANONYMOUS = 0x20;
    /** Reserve no swap space for the mapping. */
    public static final int MAP_NORESERVE = 0x4000;
    /** A hint that the mapping is a thread stack. */
    public static final int MAP_STACK = 0x20000;

    /** The page size jsyscall assumes for alignment checks (4 KiB on x86_64; aarch64 may use more). */
    public static final long PAGE_SIZE = 4096;

    /**
     * {@code mmap(NULL, length, prot, flags, -1, 0)}: anonymous memory.
     *
     * @param length bytes to map, positive; the kernel rounds it up to a page
     * @param prot {@code PROT_*} bits
     * @param flags {@code MAP_*} bits ({@link #MAP_ANONYMOUS} is expected among them)
     * @return the request; its result is the new mapping
     * @throws IllegalArgumentException unless {@code length} is positive
     */
    public static SyscallRequest<MemoryMapping> mmapAnonymous(long length, int prot, int flags) {
        if (length <= 0) {
            throw new IllegalArgumentException("mmap length must be positive, was " + length);
        }
        return SyscallRequest.of(Syscall.MMAP, List.of(word(0), word(length), word(prot), word(flags), word(-1),
                word(0)), (r, o) -> new MemoryMapping(new Address(r), length), "length=" + length, protNames(prot),
                mapNames(flags));
    }

    /**
     * {@code munmap(addr, length)}.
     *
     * @param mapping the mapping to remove, not null
     * @return the request
     */
    public static SyscallRequest<Void> munmap(MemoryMapping mapping) {
        Objects.requireNonNull(mapping, "mapping");
        return SyscallRequest.of(Syscall.MUNMAP, List.of(word(mapping.address().value()), word(mapping.length())),
                (r, o) -> null, mapping);
    }

    /**
     * {@code mprotect(addr, length, prot)}.
     *
     * @param mapping the mapping to change, not null
     * @param prot the new {@code PROT_*} bits
     * @return the request
     */
    public static SyscallRequest<Void> mprotect(MemoryMapping mapping, int prot) {
        Objects.requireNonNull(mapping, "mapping");
        return SyscallRequest.of(Syscall.MPROTECT, List.of(word(mapping.address().value()),
                word(mapping.length()), word(prot)), (r, o) -> null, mapping, protNames(prot));
    }

    /**
     * {@code PROT_READ|PROT_WRITE}, for messages.
     *
     * @param prot {@code PROT_*} bits
     * @return the names joined with {@code |}, or {@code PROT_NONE}
     */
    public static String protNames(int prot) {
        return names(prot, new int[] {PROT_READ, PROT_WRITE, PROT_EXEC},
                new String[] {"PROT_READ", "PROT_WRITE", "PROT_EXEC"}, "PROT_NONE");
    }

    /**
     * {@code MAP_PRIVATE|MAP_ANONYMOUS}, for messages.
     *
     * @param flags {@code MAP_*} bits
     * @return the names joined with {@code |}, or {@code 0}
     */
    public static String mapNames(int flags) {
        return names(flags, new int[] {MAP_SHARED, MAP_PRIVATE, MAP_FIXED, MAP_ANONYMOUS, MAP_NORESERVE, MAP_STACK},
                new String[] {"MAP_SHARED", "MAP_PRIVATE", "MAP_FIXED", "MAP_ANONYMOUS", "MAP_NORESERVE",
                    "MAP_STACK"}, "0");
    }

    private static String names(int bits, int[] values, String[] names, String none) {
        StringBuilder sb = new StringBuilder();
        int rest = bits;
        for (int i = 0; i < values.length; i++) {
            if ((bits & values[i]) != 0) {
                sb.append(sb.length() == 0 ? "" : "|").append(names[i]);
                rest &= ~values[i];
            }
        }
        if (rest != 0) {
            sb.append(sb.length() == 0 ? "" : "|").append("0x").append(Integer.toHexString(rest));
        }
        return sb.length() == 0 ? none : sb.toString();
    }
}
