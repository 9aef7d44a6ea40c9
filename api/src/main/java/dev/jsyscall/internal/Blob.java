package dev.jsyscall.internal;

import dev.jsyscall.linux.Arch;

/** Internal, unstable: TEMPORARY placeholder until the assembled blob lands (replaced on merge). */
public final class Blob {
    public static final int STACK_DATA_SIZE = 32;

    private Blob() {
    }

    public static Blob forArch(Arch arch) {
        throw new UnsupportedOperationException("placeholder");
    }

    public byte[] code() {
        return new byte[0];
    }

    public int rawSyscallOffset() {
        return 0;
    }

    public int cloneOffset() {
        return 0;
    }

    public int serverOffset() {
        return 0;
    }

    public static long[] serverStackWords(long serverEntryAddress, int requestFd, int responseFd) {
        return new long[] {serverEntryAddress, requestFd, responseFd, 0};
    }
}
