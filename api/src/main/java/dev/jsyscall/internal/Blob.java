package dev.jsyscall.internal;

import dev.jsyscall.linux.Arch;
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
 * long stackData = (stackBase + stackSize - Blob.STACK_DATA_SIZE) & -16L;
 * long[] words = Blob.serverStackWords(base + blob.serverOffset(), requestReadFd, responseWriteFd,
 *         requestWriteFd, responseReadFd);   // the driver's ends, which the child closes first
 * // write words at stackData (little-endian), then clone(flags, stackData, ...) through base + cloneOffset()
 * }</pre>
 *
 * <p>The server reads 56-byte requests (syscall number and six arguments, 64-bit little-endian), performs each
 * and writes the 8-byte raw result ({@code -errno} on failure). A request whose number word has
 * {@link #CHAINED} set is skipped, with the result {@code -ECANCELED}, when the request before it failed or was
 * skipped: a sequence written at once stops at its first failure; one with {@link #DEFER} set has its result held
 * back and written with the next one's. The server exits 0 on EOF at a request
 * boundary, with the count of bytes received (1..55) on EOF inside a request, and 1 on a read or write error.
 */
public final class Blob {

    /**
     * Bytes at the stack address passed to clone: {entry, request fd, response fd, fd to close, fd to close, 0},
     * 16-byte aligned.
     */
    public static final int STACK_DATA_SIZE = 48;

    /** OR-ed into a request's syscall number: skip it if the request before it failed or was skipped. */
    public static final long CHAINED = 1L << 32;

    /**
     * OR-ed into a request's syscall number: hold its result back and write it with the next request's (at most
     * 32 are held), so that a driver reading a sequence's results is woken once, not once per request.
     */
    public static final long DEFER = 1L << 33;

    private static final Blob X86_64 = new Blob(Arch.X86_64, BlobCode.X86_64_HEX,
            BlobCode.X86_64_RAW_SYSCALL, BlobCode.X86_64_RAW_SYSCALL5, BlobCode.X86_64_CLONE,
            BlobCode.X86_64_SERVER);
    private static final Blob AARCH64 = new Blob(Arch.AARCH64, BlobCode.AARCH64_HEX,
            BlobCode.AARCH64_RAW_SYSCALL, BlobCode.AARCH64_RAW_SYSCALL5, BlobCode.AARCH64_CLONE,
            BlobCode.AARCH64_SERVER);

    private final Arch arch;
    private final byte[] code;
    private final int rawSyscallOffset;
    private final int rawSyscall5Offset;
    private final int cloneOffset;
    private final int serverOffset;

    private Blob(Arch arch, String hex, int rawSyscallOffset, int rawSyscall5Offset, int cloneOffset,
                 int serverOffset) {
        this.arch = arch;
        this.code = decodeHex(hex);
        this.rawSyscallOffset = rawSyscallOffset;
        this.rawSyscall5Offset = rawSyscall5Offset;
        this.cloneOffset = cloneOffset;
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

    /** Offset of the syscall server a cloned child enters; its address goes in the first stack word. */
    public int serverOffset() {
        return serverOffset;
    }

    /** {@link #serverStackWords(long, int, int, int, int)} with nothing for the child to close. */
    public static long[] serverStackWords(long serverEntryAddress, int requestFd, int responseFd) {
        return serverStackWords(serverEntryAddress, requestFd, responseFd, -1, -1);
    }

    /**
     * The {@link #STACK_DATA_SIZE} bytes, as six 64-bit words, to write (little-endian) at the 16-byte aligned
     * stack address given to clone: {@code {serverEntryAddress, requestFd, responseFd, closeFirst, closeSecond, 0}}.
     * The fds are numbers in the child's fd table, which at clone time is a copy of (or, with {@code CLONE_FILES},
     * the same as) the parent's; the child closes {@code closeFirst} and {@code closeSecond} (each -1 for none)
     * before it serves, which is how it drops its copies of the driver's ends of the channel. With
     * {@code CLONE_FILES} they must be -1: the table is the driver's own.
     *
     * @throws IllegalArgumentException naming the argument if the address is 0, the request or response fd is
     *     negative, or a close fd is below -1 or is the request or response fd
     */
    public static long[] serverStackWords(long serverEntryAddress, int requestFd, int responseFd, int closeFirst,
                                          int closeSecond) {
        if (serverEntryAddress == 0) {
            throw new IllegalArgumentException("serverEntryAddress must be the blob's address plus serverOffset(), was 0");
        }
        if (requestFd < 0) {
            throw new IllegalArgumentException("requestFd must be a file descriptor (>= 0), was " + requestFd);
        }
        if (responseFd < 0) {
            throw new IllegalArgumentException("responseFd must be a file descriptor (>= 0), was " + responseFd);
        }
        for (int c : new int[] {closeFirst, closeSecond}) {
            if (c < -1 || (c >= 0 && (c == requestFd || c == responseFd))) {
                throw new IllegalArgumentException("an fd for the child to close must be -1 (none) or an fd other"
                        + " than its channel's " + requestFd + " and " + responseFd + ", was " + c);
            }
        }
        return new long[] {serverEntryAddress, requestFd, responseFd, closeFirst, closeSecond, 0L};
    }

    private static byte[] decodeHex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex, 2 * i, 2 * i + 2, 16);
        }
        return bytes;
    }
}
