// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.cgroup;

import static dev.jsyscall.linux.SyscallRequest.in;
import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.CString;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.linux.fcntl.Fcntl;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The cgroup v2 interface: its file names, and the syscalls that create, remove and enter a cgroup, each defined
 * once as a {@link SyscallRequest}. A cgroup is a directory of the {@code cgroup2} file system; everything else
 * is reading and writing its files.
 *
 * <pre>{@code
 * task.call(Cgroups.mkdir("/sys/fs/cgroup/build"));
 * task.call(Cgroups.enter(procsFd, "/sys/fs/cgroup/build"));   // the caller moves itself in
 * }</pre>
 *
 * @since 0.2
 */
public final class Cgroups {
    private Cgroups() {
    }

    /** The file system type of the unified hierarchy in {@code /proc/self/mountinfo}. */
    public static final String FS_TYPE = "cgroup2";
    /** Lists the processes of a cgroup; writing a pid moves that process in, {@code 0} the writer itself. */
    public static final String PROCS = "cgroup.procs";
    /** Writing {@code 1} kills every process in the cgroup and its descendants (Linux 5.14+). */
    public static final String KILL = "cgroup.kill";
    /** Writing {@code 1} freezes the cgroup, {@code 0} thaws it (Linux 5.2+). */
    public static final String FREEZE = "cgroup.freeze";
    /** {@code populated 0|1} and {@code frozen 0|1}. */
    public static final String EVENTS = "cgroup.events";
    /** The controllers this cgroup can use. */
    public static final String CONTROLLERS = "cgroup.controllers";
    /** The controllers enabled for this cgroup's children ({@code +pids -memory}). */
    public static final String SUBTREE_CONTROL = "cgroup.subtree_control";

    /** The pid that, written to {@code cgroup.procs}, names the writing process itself. */
    private static final byte[] SELF = "0".getBytes(StandardCharsets.US_ASCII);
    /** {@code mkdir(2)}'s mode for a cgroup: the kernel ignores the permission bits of a cgroup directory. */
    private static final int DIR_MODE = 0755;
    private static final int AT_REMOVEDIR = 0x200;

    /**
     * {@code mkdirat(AT_FDCWD, path, 0755)}: a new cgroup, a child of the one {@code path}'s parent names.
     *
     * @param path the new cgroup's directory, absolute
     * @return the request
     * @throws IllegalArgumentException for an empty path, one with a NUL, or one that is not absolute
     */
    public static SyscallRequest<Void> mkdir(String path) {
        checkPath(path);
        return SyscallRequest.of(Syscall.MKDIRAT, List.of(word(Fcntl.AT_FDCWD), in(CString.of(path, "path")),
                word(DIR_MODE)), (r, o) -> null, "cgroup=" + path);
    }

    /**
     * {@code unlinkat(AT_FDCWD, path, AT_REMOVEDIR)}: removes an empty cgroup; EBUSY while it holds a process or
     * a child cgroup.
     *
     * @param path the cgroup's directory, absolute
     * @return the request
     * @throws IllegalArgumentException for an empty path, one with a NUL, or one that is not absolute
     */
    public static SyscallRequest<Void> rmdir(String path) {
        checkPath(path);
        return SyscallRequest.of(Syscall.UNLINKAT, List.of(word(Fcntl.AT_FDCWD), in(CString.of(path, "path")),
                word(AT_REMOVEDIR)), (r, o) -> null, "cgroup=" + path);
    }

    /**
     * {@code write(procsFd, "0", 1)} on an open {@code cgroup.procs}: the calling process moves itself into that
     * cgroup (with all its threads). This is how a driven child enters its cgroup before {@code execve} where
     * {@code clone3(CLONE_INTO_CGROUP)} is not used; {@code cgroup} only names it in errors.
     *
     * @param procsFd an fd open for writing on the cgroup's {@code cgroup.procs}
     * @param cgroup the cgroup's path, for messages
     * @return the request; its result is the count written
     * @throws IllegalArgumentException for a negative fd
     */
    public static SyscallRequest<Long> enter(int procsFd, String cgroup) {
        if (procsFd < 0) {
            throw new IllegalArgumentException("procsFd must be >= 0, was " + procsFd);
        }
        Objects.requireNonNull(cgroup, "cgroup");
        return SyscallRequest.of(Syscall.WRITE, List.of(word(procsFd), in(SELF), word(SELF.length)),
                SyscallRequest.rawResult(), "fd=" + procsFd, "cgroup.procs of " + cgroup, "\"0\" (the caller)");
    }

    private static void checkPath(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must be an absolute cgroup directory, was '" + path + "'");
        }
    }
}
