package dev.jsyscall.linux.sched;

/**
 * Flags of the {@code clone} syscall (the exit signal, in the low byte, is separate: see {@link CloneFlags}).
 *
 * @since 0.1
 */
public enum CloneFlag {
    VM(0x00000100L),
    FS(0x00000200L),
    FILES(0x00000400L),
    SIGHAND(0x00000800L),
    PIDFD(0x00001000L),
    PTRACE(0x00002000L),
    VFORK(0x00004000L),
    PARENT(0x00008000L),
    THREAD(0x00010000L),
    NEWNS(0x00020000L),
    SYSVSEM(0x00040000L),
    SETTLS(0x00080000L),
    PARENT_SETTID(0x00100000L),
    CHILD_CLEARTID(0x00200000L),
    UNTRACED(0x00800000L),
    CHILD_SETTID(0x01000000L),
    NEWCGROUP(0x02000000L),
    NEWUTS(0x04000000L),
    NEWIPC(0x08000000L),
    NEWUSER(0x10000000L),
    NEWPID(0x20000000L),
    NEWNET(0x40000000L),
    IO(0x80000000L);

    private final long bit;

    CloneFlag(long bit) {
        this.bit = bit;
    }

    public long bit() {
        return bit;
    }

    /** The flags' bits OR-ed together, as clone and unshare take them. */
    public static long bits(java.util.Set<CloneFlag> flags) {
        long bits = 0;
        for (CloneFlag f : java.util.Objects.requireNonNull(flags, "flags")) {
            bits |= java.util.Objects.requireNonNull(f, "flag").bit;
        }
        return bits;
    }
}
