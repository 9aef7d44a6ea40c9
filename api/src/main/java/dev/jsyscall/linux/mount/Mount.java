package dev.jsyscall.linux.mount;

import static dev.jsyscall.linux.SyscallRequest.in;
import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.CString;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Flags of {@code mount(2)} ({@code MS_*}) and {@code umount2(2)} ({@code MNT_*}, {@code UMOUNT_NOFOLLOW}), as in
 * {@code <sys/mount.h>}.
 *
 * <pre>{@code
 * task.mount(null, "/", null, Mount.MS_REC | Mount.MS_PRIVATE, null);
 * task.umount2("/mnt/scratch", Mount.MNT_DETACH);
 * }</pre>
 *
 * @since 0.1
 */
public final class Mount {
    private Mount() {
    }

    /** Mount read-only. */
    public static final long MS_RDONLY = 1;
    /** Ignore set-user-ID and set-group-ID bits of files on this mount. */
    public static final long MS_NOSUID = 2;
    /** Do not allow access to device files on this mount. */
    public static final long MS_NODEV = 4;
    /** Do not allow programs on this mount to be executed. */
    public static final long MS_NOEXEC = 8;
    /** Change the flags of an existing mount. */
    public static final long MS_REMOUNT = 32;
    /** Do not update access times. */
    public static final long MS_NOATIME = 1024;
    /** Make {@code source} visible at {@code target} as well (a bind mount). */
    public static final long MS_BIND = 4096;
    /** Move the mount at {@code source} to {@code target}. */
    public static final long MS_MOVE = 8192;
    /** With {@code MS_BIND} or a propagation type: applies to every mount below the target too. */
    public static final long MS_REC = 16384;
    /** Propagation type: the mount can no longer be bind-mounted. */
    public static final long MS_UNBINDABLE = 1L << 17;
    /** Propagation type: mount events propagate neither in nor out. */
    public static final long MS_PRIVATE = 1L << 18;
    /** Propagation type: events propagate in from the peers it had, not out. */
    public static final long MS_SLAVE = 1L << 19;
    /** Propagation type: events propagate in and out of the peer group. */
    public static final long MS_SHARED = 1L << 20;

    /** umount2: force the unmount even if busy (network file systems). */
    public static final int MNT_FORCE = 1;
    /** umount2: detach now, free when no longer busy (a lazy unmount). */
    public static final int MNT_DETACH = 2;
    /** umount2: mark for expiry; a second call unmounts if untouched since. */
    public static final int MNT_EXPIRE = 4;
    /** umount2: do not follow a symbolic link at the target. */
    public static final int UMOUNT_NOFOLLOW = 8;

    private static final long[] BITS = {MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_NOATIME, MS_BIND,
        MS_MOVE, MS_REC, MS_UNBINDABLE, MS_PRIVATE, MS_SLAVE, MS_SHARED};
    private static final String[] NAMES = {"MS_RDONLY", "MS_NOSUID", "MS_NODEV", "MS_NOEXEC", "MS_REMOUNT",
        "MS_NOATIME", "MS_BIND", "MS_MOVE", "MS_REC", "MS_UNBINDABLE", "MS_PRIVATE", "MS_SLAVE", "MS_SHARED"};

    /**
     * {@code flags} as C would write them, e.g. {@code MS_REC|MS_PRIVATE}; bits without a name in hex.
     *
     * @param flags {@code MS_*} bits
     * @return the flags' names joined with {@code |}
     */
    public static String describe(long flags) {
        List<String> parts = new ArrayList<>();
        long rest = flags;
        for (int i = 0; i < BITS.length; i++) {
            if ((rest & BITS[i]) != 0) {
                parts.add(NAMES[i]);
                rest &= ~BITS[i];
            }
        }
        if (rest != 0 || parts.isEmpty()) {
            parts.add("0x" + Long.toHexString(rest));
        }
        return String.join("|", parts);
    }

    /**
     * {@code mount(source, target, fstype, flags, data)}; a null string is passed as NULL (a propagation change,
     * e.g. {@code mount(null, "/", null, MS_REC|MS_PRIVATE, null)}, needs only the target).
     *
     * @param source the device, directory or label to mount; null for NULL
     * @param target the mount point, not null or empty
     * @param fstype the file-system type ({@code "tmpfs"}, {@code "proc"}...); null for NULL
     * @param flags {@code MS_*} bits
     * @param data file-system options ({@code "size=1m"}); null for NULL
     * @return the request
     * @throws IllegalArgumentException if {@code target} is empty or a string holds a NUL
     */
    public static SyscallRequest<Void> mount(String source, String target, String fstype, long flags, String data) {
        java.util.Objects.requireNonNull(target, "target");
        if (target.isEmpty()) {
            throw new IllegalArgumentException("mount target must not be empty");
        }
        return SyscallRequest.of(Syscall.MOUNT, List.of(string(source, "source"), string(target, "target"),
                string(fstype, "fstype"), word(flags), string(data, "data")), (r, o) -> null,
                "source=" + shown(source), "target=" + target, "fstype=" + shown(fstype), "flags=" + describe(flags),
                "data=" + shown(data));
    }

    /**
     * {@code umount2(target, flags)}, with {@code MNT_FORCE}, {@code MNT_DETACH}, {@code MNT_EXPIRE},
     * {@code UMOUNT_NOFOLLOW}.
     *
     * @param target the mount point, not null or empty
     * @param flags 0 or {@code MNT_*} and {@code UMOUNT_NOFOLLOW} bits
     * @return the request
     * @throws IllegalArgumentException for an empty target, a NUL in it or an unknown flag
     */
    public static SyscallRequest<Void> umount2(String target, int flags) {
        java.util.Objects.requireNonNull(target, "target");
        if (target.isEmpty()) {
            throw new IllegalArgumentException("umount2 target must not be empty");
        }
        int known = MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW;
        if ((flags & ~known) != 0) {
            throw new IllegalArgumentException("umount2 flags are MNT_FORCE, MNT_DETACH, MNT_EXPIRE and"
                    + " UMOUNT_NOFOLLOW; got 0x" + Integer.toHexString(flags));
        }
        return SyscallRequest.of(Syscall.UMOUNT2, List.of(in(CString.of(target, "target")), word(flags)),
                (r, o) -> null, "target=" + target, "flags=0x" + Integer.toHexString(flags));
    }

    private static SyscallRequest.Arg string(String s, String what) {
        return s == null ? word(0) : in(CString.of(s, what));
    }

    private static String shown(String s) {
        return s == null ? "NULL" : s;
    }
}
