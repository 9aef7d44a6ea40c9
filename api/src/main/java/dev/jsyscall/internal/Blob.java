// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.internal;

import dev.jsyscall.linux.Arch;
import dev.jsyscall.spi.DrivenProtocol;
import java.util.Objects;

/**
 * Internal, not API: the position-independent machine code that makes raw syscalls, clones driven children and
 * runs their syscall server.
 *
 * <p>The sources are {@code api/src/main/asm/<arch>/blob.S}; their comments are the specification of the four
 * entry points. A backend copies {@link #code()} into an anonymous mapping, makes it read+exec and calls
 * {@code base + rawSyscallOffset()} and {@code base + cloneOffset()} with the C signatures
 * {@code long (long nr, long a0, long a1, long a2, long a3, long a4, long a5)} and
 * {@code long (long a0, long a1, long a2, long a3, long a4)}, the raw clone arguments in the architecture's own
 * order (x86_64: flags, stack, ptid, ctid, tls; aarch64: flags, stack, ptid, tls, ctid), so the clone stub is a
 * drop-in for {@code clone} through the raw stub. A cloned child starts at the address written at the top of
 * its new stack:
 *
 * <pre>{@code
 * Blob blob = Blob.forArch(Arch.current());
 * long stackData = (stackBase + stackSize - DrivenProtocol.START_DATA_SIZE) & -16L;
 * long[] words = DrivenProtocol.startData(base + blob.serverOffset(), requestReadFd, responseWriteFd,
 *         requestWriteFd, responseReadFd);   // the driver's ends, which the child closes first
 * // write words at stackData (little-endian), then clone(flags, stackData, ...) through base + cloneOffset()
 * }</pre>
 *
 * <p>The server speaks {@link DrivenProtocol}: requests of a syscall number and six arguments, 8-byte raw
 * results, the {@code CHAINED} and {@code DEFER} bits; the blob's sources implement what that class defines.
 */
public final class Blob {

    private static final Blob X86_64 = new Blob(Arch.X86_64, BlobCode.X86_64_HEX,
            BlobCode.X86_64_RAW_SYSCALL, BlobCode.X86_64_RAW_SYSCALL5, BlobCode.X86_64_CLONE,
            BlobCode.X86_64_CLONE3, BlobCode.X86_64_SERVER);
    private static final Blob AARCH64 = new Blob(Arch.AARCH64, BlobCode.AARCH64_HEX,
            BlobCode.AARCH64_RAW_SYSCALL, BlobCode.AARCH64_RAW_SYSCALL5, BlobCode.AARCH64_CLONE,
            BlobCode.AARCH64_CLONE3, BlobCode.AARCH64_SERVER);

    private final Arch arch;
    private final byte[] code;
    private final int rawSyscallOffset;
    private final int rawSyscall5Offset;
    private final int cloneOffset;
    private final int clone3Offset;
    private final int serverOffset;

    private Blob(Arch arch, String hex, int rawSyscallOffset, int rawSyscall5Offset, int cloneOffset,
                 int clone3Offset, int serverOffset) {
        this.arch = arch;
        this.code = decodeHex(hex);
        this.rawSyscallOffset = rawSyscallOffset;
        this.rawSyscall5Offset = rawSyscall5Offset;
        this.cloneOffset = cloneOffset;
        this.clone3Offset = clone3Offset;
        this.serverOffset = serverOffset;
    }

    /**
     * The blob for {@code arch}.
     *
     * @throws NullPointerException naming {@code arch} if it is null
     */
    public static Blob forArch(Arch arch) {
        Objects.requireNonNull(arch, "arch");
        switch (arch) {
            case X86_64:
                return X86_64;
            case AARCH64:
                return AARCH64;
            default:
                // Arch gained a constant that no blob.S exists for yet.
                throw new IllegalArgumentException("no machine-code blob for arch=" + arch);
        }
    }

    /** The architecture this code runs on. */
    public Arch arch() {
        return arch;
    }

    /** A fresh copy of the machine code, to copy into an executable mapping. */
    public byte[] code() {
        return code.clone();
    }

    /** Offset of {@code long jsys_raw_syscall(long nr, long a0, ..., long a5)}. */
    public int rawSyscallOffset() {
        return rawSyscallOffset;
    }

    /**
     * Offset of {@code long jsys_raw_syscall5(long nr, long a0, ..., long a4)}: the raw syscall with a zero sixth
     * argument, for callers that pass six arguments faster than seven.
     */
    public int rawSyscall5Offset() {
        return rawSyscall5Offset;
    }

    /**
     * Offset of {@code long jsys_clone(a0..a4)}: a raw clone (arguments in the arch's order) with every signal
     * blocked around it; the child keeps them blocked.
     */
    public int cloneOffset() {
        return cloneOffset;
    }

    /**
     * Offset of {@code long jsys_clone3(struct clone_args *args, long size)}: {@code clone3} with every signal
     * blocked around it, like {@link #cloneOffset()}; the child starts at {@code args->stack + args->stack_size}.
     */
    public int clone3Offset() {
        return clone3Offset;
    }

    /** Offset of the syscall server a cloned child enters; its address goes in the first stack word. */
    public int serverOffset() {
        return serverOffset;
    }

    private static byte[] decodeHex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex, 2 * i, 2 * i + 2, 16);
        }
        return bytes;
    }
}
