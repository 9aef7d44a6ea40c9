// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.unistd;

import static dev.jsyscall.linux.SyscallRequest.in;
import static dev.jsyscall.linux.SyscallRequest.named;
import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.CString;
import dev.jsyscall.linux.SetupOption;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.struct.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * The syscalls of {@code <unistd.h>} that jsyscall makes, each defined once as a {@link SyscallRequest}: run it
 * at once ({@code task.call(...)}), queue it in a set-up batch, or use it as a {@code Spawn} step.
 *
 * <pre>{@code
 * child.call(Unistd.chdir("/tmp"));
 * }</pre>
 *
 * @since 0.2
 */
public final class Unistd {
    private Unistd() {
    }

    /**
     * {@code chdir(path)}.
     *
     * @param path the directory, relative to the caller's cwd or absolute; not null, no NUL
     * @return the request
     */
    @SetupOption(name = "--cwd", paramLabel = "DIR", description = "chdir(DIR); a relative DIR follows the previous"
            + " --cwd.")
    public static SyscallRequest<Void> chdir(String path) {
        Objects.requireNonNull(path, "path");
        return SyscallRequest.of(Syscall.CHDIR, List.of(in(CString.of(path, "path"))), (r, o) -> null,
                "path=" + path);
    }

    /**
     * {@code chroot(path)}: {@code path} becomes the root for path lookups of the caller and what it execs. The
     * working directory stays where it was, possibly outside the new root: follow it with {@code chdir("/")}, as
     * chroot(1) and {@code Spawn.chroot} do. Needs CAP_SYS_CHROOT.
     *
     * <pre>{@code
     * child.call(Unistd.chroot("/srv/root"));
     * }</pre>
     *
     * @param path the new root, relative to the cwd or absolute
     * @return the request
     * @throws IllegalArgumentException if {@code path} is empty or holds a NUL
     * @since 0.2
     */
    public static SyscallRequest<Void> chroot(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("chroot path must not be empty");
        }
        return SyscallRequest.of(Syscall.CHROOT, List.of(in(CString.of(path, "path"))), (r, o) -> null,
                "path=" + path);
    }

    /**
     * {@code setsid()}: a new session and process group led by the caller; the result is the session id.
     *
     * @return the request
     */
    @SetupOption(name = "--setsid", description = "setsid(): a new session and process group, led by the program.")
    public static SyscallRequest<Long> setsid() {
        return SyscallRequest.of(Syscall.SETSID, List.of(), SyscallRequest.rawResult());
    }

    /**
     * {@code setpgid(pid, pgid)}; {@code setpgid(0, 0)} makes the caller lead a new process group.
     *
     * @param pid the process to move, 0 for the caller
     * @param pgid the group to join, 0 for a new group led by {@code pid}
     * @return the request
     */
    public static SyscallRequest<Void> setpgid(int pid, int pgid) {
        return SyscallRequest.of(Syscall.SETPGID, List.of(word(pid), word(pgid)), (r, o) -> null, "pid=" + pid,
                "pgid=" + pgid);
    }

    /**
     * {@code setpgid(0, 0)}: the caller leads a new process group (in its session).
     *
     * @return the request
     * @since 0.2
     */
    @SetupOption(name = "--pgid-new", description = "setpgid(0, 0): a new process group, led by the program (in the"
            + " JVM's session).")
    public static SyscallRequest<Void> newProcessGroup() {
        return setpgid(0, 0);
    }

    /**
     * {@code dup3(oldfd, newfd, flags)}: {@code newfd} refers to {@code oldfd}'s file (what was there is closed).
     *
     * @param flags 0 or {@code O_CLOEXEC}
     * @param oldfd the fd to copy
     * @param newfd the number the copy gets
     * @return the request
     */
    public static SyscallRequest<Void> dup3(int oldfd, int newfd, int flags) {
        if (oldfd < 0 || newfd < 0) {
            throw new IllegalArgumentException("dup3 needs fds >= 0, got oldfd=" + oldfd + ", newfd=" + newfd);
        }
        return SyscallRequest.of(Syscall.DUP3, List.of(word(oldfd), word(newfd), word(flags)), (r, o) -> null,
                "oldfd=" + oldfd, "newfd=" + newfd, "flags=0" + Integer.toOctalString(flags));
    }

    /**
     * {@code close_range(first, last, flags)}; flags {@code CLOSE_RANGE_CLOEXEC}, {@code CLOSE_RANGE_UNSHARE}.
     *
     * @param first the lowest fd
     * @param last the highest fd (inclusive)
     * @param flags 0 or {@code CLOSE_RANGE_*} bits
     * @return the request
     * @throws IllegalArgumentException unless {@code 0 <= first <= last} (unsigned: -1 is {@code ~0U})
     */
    public static SyscallRequest<Void> closeRange(int first, int last, int flags) {
        if (first < 0 || Integer.compareUnsigned(first, last) > 0) {
            throw new IllegalArgumentException("close_range needs 0 <= first <= last (unsigned), got first=" + first
                    + ", last=" + Integer.toUnsignedString(last));
        }
        return SyscallRequest.of(Syscall.CLOSE_RANGE, List.of(word(first), word(Integer.toUnsignedLong(last)),
                word(flags)), (r, o) -> null, named("first", first), named("last", Integer.toUnsignedLong(last)),
                named("flags", flags));
    }

    /**
     * {@code setresuid(ruid, euid, suid)}: the real, effective and saved uid; -1 keeps one. Without
     * {@code CAP_SETUID} each must be one of the three current ids. Once none is 0, a root process has lost its
     * capabilities, so change the groups ({@link #setgroups}) and gid ({@link #setresgid}) first.
     *
     * @param ruid the real uid, or -1
     * @param euid the effective uid, or -1
     * @param suid the saved uid, or -1
     * @return the request
     * @throws IllegalArgumentException for an id below -1
     * @since 0.2
     */
    public static SyscallRequest<Void> setresuid(int ruid, int euid, int suid) {
        checkIds("setresuid", ruid, euid, suid);
        return SyscallRequest.of(Syscall.SETRESUID, List.of(word(ruid), word(euid), word(suid)), (r, o) -> null,
                "ruid=" + ruid, "euid=" + euid, "suid=" + suid);
    }

    /**
     * {@code setresuid(uid, uid, uid)}: every uid of the caller becomes {@code uid}.
     *
     * @param uid the uid, not negative
     * @return the request
     * @throws IllegalArgumentException for a negative uid
     * @since 0.2
     */
    @SetupOption(name = "--uid", paramLabel = "UID", description = "setresuid(UID, UID, UID): the real, effective"
            + " and saved uid. Another uid than yours needs privilege (root, or uid 0 in --unshare user), which is"
            + " lost with it: give --groups and --gid before --uid.")
    public static SyscallRequest<Void> setresuid(int uid) {
        checkId("uid", uid);
        return setresuid(uid, uid, uid);
    }

    /**
     * {@code setresgid(rgid, egid, sgid)}: the real, effective and saved gid; -1 keeps one. Without
     * {@code CAP_SETGID} each must be one of the three current ids.
     *
     * @param rgid the real gid, or -1
     * @param egid the effective gid, or -1
     * @param sgid the saved gid, or -1
     * @return the request
     * @throws IllegalArgumentException for an id below -1
     * @since 0.2
     */
    public static SyscallRequest<Void> setresgid(int rgid, int egid, int sgid) {
        checkIds("setresgid", rgid, egid, sgid);
        return SyscallRequest.of(Syscall.SETRESGID, List.of(word(rgid), word(egid), word(sgid)), (r, o) -> null,
                "rgid=" + rgid, "egid=" + egid, "sgid=" + sgid);
    }

    /**
     * {@code setresgid(gid, gid, gid)}: every gid of the caller becomes {@code gid}.
     *
     * @param gid the gid, not negative
     * @return the request
     * @throws IllegalArgumentException for a negative gid
     * @since 0.2
     */
    @SetupOption(name = "--gid", paramLabel = "GID", description = "setresgid(GID, GID, GID): the real, effective"
            + " and saved gid; another gid than yours needs privilege. Give it before --uid.")
    public static SyscallRequest<Void> setresgid(int gid) {
        checkId("gid", gid);
        return setresgid(gid, gid, gid);
    }

    /**
     * {@code setgroups(size, list)}: the supplementary groups (none: no argument). It needs {@code CAP_SETGID}
     * (root, before the uid changes) and is refused (EPERM) in a user namespace whose {@code setgroups} file says
     * {@code deny}, as the one a {@code Spawn.userNamespace} makes.
     *
     * @param gids the groups, none to clear them
     * @return the request
     * @throws IllegalArgumentException for a negative gid or more than 65536
     * @since 0.2
     */
    @SetupOption(name = "--groups", paramLabel = "GID[,GID...]", description = "setgroups(): the supplementary"
            + " groups, '' for none. Needs privilege (root; refused in --unshare user): give it before --gid"
            + " and --uid.")
    public static SyscallRequest<Void> setgroups(int... gids) {
        Objects.requireNonNull(gids, "gids");
        if (gids.length > 65536) {
            throw new IllegalArgumentException("setgroups takes at most 65536 groups (NGROUPS_MAX), got "
                    + gids.length);
        }
        byte[] list = new byte[4 * gids.length];
        StringBuilder shown = new StringBuilder("[");
        for (int i = 0; i < gids.length; i++) {
            checkId("gid", gids[i]);
            Bytes.le(list).putInt(4 * i, gids[i]);
            shown.append(i == 0 ? "" : ",").append(gids[i]);
        }
        return SyscallRequest.of(Syscall.SETGROUPS, List.of(word(gids.length),
                gids.length == 0 ? word(0) : in(list)), (r, o) -> null, "size=" + gids.length,
                shown.append(']').toString());
    }

    private static void checkId(String what, int id) {
        if (id < 0) {
            // no value in the message: the CLI quotes the value it parsed
            throw new IllegalArgumentException("a " + what + " is a number >= 0");
        }
    }

    private static void checkIds(String call, int... ids) {
        for (int id : ids) {
            if (id < -1) {
                throw new IllegalArgumentException(call + " takes ids >= 0, or -1 to keep one; got " + id);
            }
        }
    }

    /**
     * {@code getpid()}.
     *
     * @return the request; its result is the pid
     */
    public static SyscallRequest<Integer> getpid() {
        return SyscallRequest.of(Syscall.GETPID, List.of(), (r, o) -> (int) r);
    }

    /**
     * {@code getppid()}.
     *
     * @return the request; its result is the parent's pid
     */
    public static SyscallRequest<Integer> getppid() {
        return SyscallRequest.of(Syscall.GETPPID, List.of(), (r, o) -> (int) r);
    }

    /**
     * {@code getsid(pid)}: the session of {@code pid} (0: the caller).
     *
     * @param pid the process, 0 for the caller
     * @return the request; its result is the session id, or 0 when the session's leader is in an ancestor pid
     *     namespace (never a number to pass on: {@code kill(0, ...)} means the caller's own group)
     */
    public static SyscallRequest<Integer> getsid(int pid) {
        return SyscallRequest.of(Syscall.GETSID, List.of(word(pid)), (r, o) -> (int) r, "pid=" + pid);
    }

    /**
     * {@code getuid()}.
     *
     * @return the request; its result is the real uid
     */
    public static SyscallRequest<Integer> getuid() {
        return SyscallRequest.of(Syscall.GETUID, List.of(), (r, o) -> (int) r);
    }

    /**
     * {@code getgid()}.
     *
     * @return the request; its result is the real gid
     */
    public static SyscallRequest<Integer> getgid() {
        return SyscallRequest.of(Syscall.GETGID, List.of(), (r, o) -> (int) r);
    }

    /**
     * {@code pipe2(fds, flags)}: the read and the write end, in that order; flags 0, {@code O_CLOEXEC},
     * {@code O_NONBLOCK}, {@code O_DIRECT}.
     *
     * @param flags the flags
     * @return the request; its result is the two fd numbers
     */
    public static SyscallRequest<int[]> pipe2(int flags) {
        return SyscallRequest.of(Syscall.PIPE2, List.of(SyscallRequest.out(8), word(flags)), (r, o) -> {
            java.nio.ByteBuffer b = dev.jsyscall.struct.Bytes.le(o.get(0));
            return new int[] {b.getInt(0), b.getInt(4)};
        }, "flags=0" + Integer.toOctalString(flags));
    }

    /**
     * {@code getcwd(buf, size)}: the working directory (the raw result counts the terminating NUL).
     *
     * @param size the buffer size, in bytes
     * @return the request; its result is the path
     */
    public static SyscallRequest<String> getcwd(int size) {
        return SyscallRequest.of(Syscall.GETCWD, List.of(SyscallRequest.out(size), word(size)),
                (r, o) -> new String(o.get(0), 0, (int) r - 1, java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * {@code getpgid(pid)}: the process group of {@code pid}.
     *
     * @param pid the process, 0 for the caller
     * @return the request; its result is the group id, or 0 when the group's leader is in an ancestor pid namespace
     *     (never a number to pass on: {@code setpgid(pid, 0)} means "pid's own group")
     */
    public static SyscallRequest<Integer> getpgid(int pid) {
        return SyscallRequest.of(Syscall.GETPGID, List.of(word(pid)), (r, o) -> (int) r, "pid=" + pid);
    }

    /**
     * {@code close(fd)}.
     *
     * @param fd the fd
     * @return the request
     */
    public static SyscallRequest<Void> close(int fd) {
        return SyscallRequest.of(Syscall.CLOSE, List.of(word(fd)), (r, o) -> null, named("fd", fd));
    }

    /**
     * {@code read(fd, buf, count)} into memory the caller lends ({@code buf}); the result is the count read.
     *
     * @param fd the fd
     * @param buf the address of the buffer
     * @param count the most bytes to read
     * @return the request
     */
    public static SyscallRequest<Long> read(int fd, long buf, long count) {
        return SyscallRequest.of(Syscall.READ, List.of(word(fd), word(buf), word(count)), SyscallRequest.rawResult(),
                named("fd", fd), named("count", count));
    }

    /**
     * {@code write(fd, buf, count)} from memory the caller lends; the result is the count written.
     *
     * @param fd the fd
     * @param buf the address of the data
     * @param count the number of bytes to write
     * @return the request
     */
    public static SyscallRequest<Long> write(int fd, long buf, long count) {
        return SyscallRequest.of(Syscall.WRITE, List.of(word(fd), word(buf), word(count)),
                SyscallRequest.rawResult(), named("fd", fd), named("count", count));
    }
}
