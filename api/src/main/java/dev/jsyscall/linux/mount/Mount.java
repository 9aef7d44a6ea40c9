// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.mount;

import static dev.jsyscall.linux.SyscallRequest.in;
import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.CString;
import dev.jsyscall.linux.SetupOption;
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

    /**
     * {@code mount(source, target, NULL, MS_BIND|MS_REC, NULL)}: {@code source} and every mount below it appear at
     * {@code target} too, writable as they are; in a new mount namespace the program then sees them where the
     * sandbox puts them.
     *
     * <pre>{@code
     * Spawn.of(cmd).unshare(CloneFlag.NEWNS).step(Mount.bind("/srv/data", "/mnt"));
     * }</pre>
     *
     * @param source the directory or file to show
     * @param target where it appears
     * @return the request
     * @throws IllegalArgumentException if a path is empty or holds a NUL
     * @since 0.2
     */
    @SetupOption(name = "--bind", paramLabel = "SRC:DST", description = "mount(SRC, DST, MS_BIND|MS_REC): SRC"
            + " and the mounts below it also at DST, as bwrap's --bind. Needs a mount namespace (--unshare mount).")
    public static SyscallRequest<Void> bind(String source, String target) {
        return mount(path(source, "source"), path(target, "target"), null, MS_BIND | MS_REC, null);
    }

    /**
     * {@code mount(NULL, target, NULL, MS_BIND|MS_REMOUNT|MS_RDONLY|MS_NOSUID|MS_NODEV, NULL)}: makes the bind
     * mount at {@code target} read-only (a bind mount ignores {@code MS_RDONLY} when it is made; only a remount
     * sets it). A bind remount replaces the mount's per-mount flags, so nosuid and nodev are set too, as bwrap
     * does, and noexec or noatime of the original are not kept; where the original's flags are locked (a mount
     * namespace owned by a new user namespace) dropping one is refused with EPERM. Only {@code target} itself
     * becomes read-only, not the mounts below it.
     *
     * <pre>{@code
     * task.call(Mount.bind("/usr", "/sandbox/usr"));
     * task.call(Mount.remountReadOnly("/sandbox/usr"));
     * }</pre>
     *
     * @param target the mount to make read-only
     * @return the request
     * @throws IllegalArgumentException if {@code target} is empty or holds a NUL
     * @since 0.2
     */
    public static SyscallRequest<Void> remountReadOnly(String target) {
        return mount(null, path(target, "target"), null, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV,
                null);
    }

    /**
     * {@code mount("tmpfs", target, "tmpfs", MS_NOSUID|MS_NODEV, "mode=0755")}: an empty file system in memory at
     * {@code target}, private to the mount namespace and gone with it.
     *
     * <pre>{@code
     * Spawn.of(cmd).unshare(CloneFlag.NEWNS).step(Mount.tmpfs("/tmp"));
     * }</pre>
     *
     * @param target where the tmpfs is mounted
     * @return the request
     * @throws IllegalArgumentException if {@code target} is empty or holds a NUL
     * @since 0.2
     */
    @SetupOption(name = "--tmpfs", paramLabel = "DST", description = "mount(\"tmpfs\", DST, \"tmpfs\","
            + " MS_NOSUID|MS_NODEV, \"mode=0755\"): an empty file system in memory at DST, as bwrap's --tmpfs."
            + " Needs a mount namespace (--unshare mount).")
    public static SyscallRequest<Void> tmpfs(String target) {
        return mount("tmpfs", path(target, "target"), "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755");
    }

    /**
     * {@code mount("proc", target, "proc", MS_NOSUID|MS_NODEV|MS_NOEXEC, NULL)}: a new proc instance at
     * {@code target}. It shows the pid namespace the calling process is <em>in</em>: after
     * {@code unshare(CLONE_NEWPID)} that is still the old one (only the program's children enter the new one), so
     * a {@code /proc} that lists only the sandbox's processes needs the program to be the init of a new pid
     * namespace. Mounting proc also needs the caller's user namespace to own its pid namespace and a proc already
     * visible in full (not over-mounted) in the mount namespace.
     *
     * <pre>{@code
     * Spawn.of(cmd).unshare(CloneFlag.NEWNS).step(Mount.proc("/proc"));
     * }</pre>
     *
     * @param target where proc is mounted
     * @return the request
     * @throws IllegalArgumentException if {@code target} is empty or holds a NUL
     * @since 0.2
     */
    @SetupOption(name = "--proc", paramLabel = "DST", description = "mount(\"proc\", DST, \"proc\","
            + " MS_NOSUID|MS_NODEV|MS_NOEXEC): a fresh proc at DST, as bwrap's --proc. It shows the pid namespace"
            + " the program is in (with --unshare pid, the one it was started in: only its children are in the new"
            + " one). Needs a mount namespace (--unshare mount).")
    public static SyscallRequest<Void> proc(String target) {
        return mount("proc", path(target, "target"), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, null);
    }

    /**
     * {@code pivot_root(newRoot, putOld)}: {@code newRoot} (a mount point) becomes the root of the mount namespace
     * and the old root moves to {@code putOld} (at or under {@code newRoot}). With both {@code "."} after a
     * {@code chdir(newRoot)}, the old root is stacked on the new one and a {@code umount2(".", MNT_DETACH)} takes it
     * away, so no directory is needed for it; {@code Spawn.pivotRoot} makes that sequence.
     *
     * <pre>{@code
     * task.call(Mount.pivotRoot(".", "."));
     * }</pre>
     *
     * @param newRoot the new root, a mount point
     * @param putOld where the old root goes, at or under {@code newRoot}
     * @return the request
     * @throws IllegalArgumentException if a path is empty or holds a NUL
     * @since 0.2
     */
    public static SyscallRequest<Void> pivotRoot(String newRoot, String putOld) {
        return SyscallRequest.of(Syscall.PIVOT_ROOT, List.of(in(CString.of(path(newRoot, "newRoot"), "newRoot")),
                in(CString.of(path(putOld, "putOld"), "putOld"))), (r, o) -> null, "new_root=" + newRoot,
                "put_old=" + putOld);
    }

    private static String path(String p, String what) {
        java.util.Objects.requireNonNull(p, what);
        if (p.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return p;
    }

    private static SyscallRequest.Arg string(String s, String what) {
        return s == null ? word(0) : in(CString.of(s, what));
    }

    private static String shown(String s) {
        return s == null ? "NULL" : s;
    }
}
