package dev.jsyscall.linux.mman;

/**
 * Constants of {@code mmap}, {@code mprotect} and {@code munmap} ({@code <sys/mman.h>}; same on x86_64 and
 * aarch64).
 *
 * @since 0.1
 */
public final class Mman {
    private Mman() {
    }

    public static final int PROT_NONE = 0x0;
    public static final int PROT_READ = 0x1;
    public static final int PROT_WRITE = 0x2;
    public static final int PROT_EXEC = 0x4;

    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_FIXED = 0x10;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_NORESERVE = 0x4000;
    public static final int MAP_STACK = 0x20000;

    /** The page size jsyscall assumes for alignment checks (4 KiB on x86_64; aarch64 may use more). */
    public static final long PAGE_SIZE = 4096;
}
