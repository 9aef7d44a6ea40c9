// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.fcntl;

import static dev.jsyscall.linux.SyscallRequest.in;
import static dev.jsyscall.linux.SyscallRequest.named;
import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.CString;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import java.util.List;
import java.util.Objects;

/**
 * Constants of {@code open}, {@code pipe2}, {@code dup3}, {@code fcntl} and {@code close_range}
 * (x86_64 and aarch64 share these values), and the {@code <fcntl.h>} syscalls jsyscall makes, each defined once
 * as a {@link SyscallRequest}.
 *
 * @since 0.1
 */
public final class Fcntl {
    private Fcntl() {
    }

    /** Open for reading only (access mode). */
    public static final int O_RDONLY = 0;
    /** Open for writing only (access mode). */
    public static final int O_WRONLY = 1;
    /** Open for reading and writing (access mode). */
    public static final int O_RDWR = 2;
    /** Create the file if it does not exist (then {@code mode} applies). */
    public static final int O_CREAT = 0100;
    /** With {@link #O_CREAT}: fail with {@code EEXIST} if the file exists. */
    public static final int O_EXCL = 0200;
    /** Opening a terminal does not make it the controlling terminal. */
    public static final int O_NOCTTY = 0400;
    /** Truncate a regular file opened for writing to length 0. */
    public static final int O_TRUNC = 01000;
    /** Every write goes to the end of the file. */
    public static final int O_APPEND = 02000;
    /** Reads and writes that would block fail with {@code EAGAIN} instead. */
    public static final int O_NONBLOCK = 04000;
    /** Close-on-exec for the new fd, set atomically with the open. */
    public static final int O_CLOEXEC = 02000000;
    /**
     * Direct I/O; on a pipe, packet mode.
     *
     * @since 0.2
     */
    public static final int O_DIRECT = 040000;
    /**
     * Fail with ENOTDIR unless the path is a directory.
     *
     * @since 0.2
     */
    public static final int O_DIRECTORY = 0200000;
    /**
     * Fail with ELOOP if the path's last component is a symbolic link (with {@link #O_PATH}: open the link itself).
     *
     * <p>{@code O_DIRECT}, {@code O_DIRECTORY} and {@code O_NOFOLLOW} are the x86_64 values; arm64 numbers these
     * three differently (040000, 0100000 and 0200000 there are O_DIRECTORY, O_NOFOLLOW and O_DIRECT).
     *
     * @since 0.2
     */
    public static final int O_NOFOLLOW = 0400000;
    /**
     * A handle on the path only: no reading, writing or seeking through it.
     *
     * @since 0.2
     */
    public static final int O_PATH = 010000000;

    /** The {@code dirfd} that makes an {@code *at} call resolve a relative path from the working directory. */
    public static final int AT_FDCWD = -100;

    /** {@code fcntl} command: duplicate to the lowest free fd at or above the argument. */
    public static final int F_DUPFD = 0;
    /** {@code fcntl} command: read the fd flags ({@link #FD_CLOEXEC}). */
    public static final int F_GETFD = 1;
    /** {@code fcntl} command: set the fd flags. */
    public static final int F_SETFD = 2;
    /** {@code fcntl} command: read the access mode and file status flags. */
    public static final int F_GETFL = 3;
    /** {@code fcntl} command: set the file status flags ({@code O_APPEND}, {@code O_NONBLOCK}...). */
    public static final int F_SETFL = 4;
    /** {@code fcntl} command: as {@link #F_DUPFD}, with close-on-exec set on the copy. */
    public static final int F_DUPFD_CLOEXEC = 1030;
    /**
     * The pid (or negated group) that receives SIGIO for the fd.
     *
     * @since 0.2
     */
    public static final int F_GETOWN = 9;
    /**
     * The signal sent when I/O is possible (0: SIGIO).
     *
     * @since 0.2
     */
    public static final int F_GETSIG = 11;
    /**
     * The seals of a memfd.
     *
     * @since 0.2
     */
    public static final int F_GET_SEALS = 1034;
    /** The fd flag that closes the fd on a successful {@code execve}. */
    public static final int FD_CLOEXEC = 1;

    /** {@code close_range} flag: unshare the fd table first. */
    public static final int CLOSE_RANGE_UNSHARE = 1 << 1;
    /** {@code close_range} flag: set close-on-exec instead of closing. */
    public static final int CLOSE_RANGE_CLOEXEC = 1 << 2;

    /**
     * {@code openat(AT_FDCWD, path, flags, mode)}: the result is the new fd.
     *
     * @param flags {@code O_*} flags
     * @param path the path, relative to the working directory or absolute; not null, no NUL
     * @param mode permission bits for a created file, before the umask
     * @return the request; its result is the new fd number
     */
    public static SyscallRequest<Long> openat(String path, int flags, int mode) {
        Objects.requireNonNull(path, "path");
        return SyscallRequest.of(Syscall.OPENAT, List.of(word(AT_FDCWD), in(CString.of(path, "path")), word(flags),
                word(mode)), SyscallRequest.rawResult(), "path=" + path, "flags=0" + Integer.toOctalString(flags),
                "mode=0" + Integer.toOctalString(mode));
    }

    /**
     * {@code fcntl(fd, F_SETFD, flags)}: e.g. 0 to clear close-on-exec.
     *
     * @param fd the fd, not negative
     * @param flags the new fd flags ({@link #FD_CLOEXEC} or 0)
     * @return the request
     * @throws IllegalArgumentException if {@code fd} is negative
     */
    public static SyscallRequest<Void> setFdFlags(int fd, int flags) {
        if (fd < 0) {
            throw new IllegalArgumentException("fd must be >= 0, was " + fd);
        }
        return SyscallRequest.of(Syscall.FCNTL, List.of(word(fd), word(F_SETFD), word(flags)), (r, o) -> null,
                named("fd", fd), "F_SETFD", flags);
    }

    /**
     * {@code fcntl(fd, F_GETFD)}: the fd flags ({@code FD_CLOEXEC}).
     *
     * @param fd the fd
     * @return the request; its result is the fd flags
     */
    public static SyscallRequest<Integer> getFdFlags(int fd) {
        return SyscallRequest.of(Syscall.FCNTL, List.of(word(fd), word(F_GETFD)), (r, o) -> (int) r, named("fd", fd),
                "F_GETFD");
    }

    /**
     * {@code fcntl(fd, F_DUPFD_CLOEXEC, floor)}: a close-on-exec copy of {@code fd} numbered {@code floor} or above.
     *
     * @param fd the fd to copy
     * @param floor the lowest number the copy may take
     * @return the request; its result is the copy's number
     */
    public static SyscallRequest<Integer> dupCloexecAbove(int fd, int floor) {
        return SyscallRequest.of(Syscall.FCNTL, List.of(word(fd), word(F_DUPFD_CLOEXEC), word(floor)),
                (r, o) -> (int) r, named("fd", fd), "F_DUPFD_CLOEXEC", floor);
    }

    /**
     * {@code fcntl(fd, F_GETFL)}: the file status flags ({@code O_NONBLOCK}, {@code O_APPEND}, access mode...).
     *
     * @param fd the fd
     * @return the request; its result is the access mode and status flags
     */
    public static SyscallRequest<Integer> getFlags(int fd) {
        return SyscallRequest.of(Syscall.FCNTL, List.of(word(fd), word(F_GETFL)), (r, o) -> (int) r, named("fd", fd),
                "F_GETFL");
    }

    /**
     * {@code fcntl(fd, F_SETFL, flags)}: the file status flags that can change ({@code O_NONBLOCK}...).
     *
     * @param fd the fd
     * @param flags the status flags; the kernel ignores the access mode and creation flags
     * @return the request
     */
    public static SyscallRequest<Void> setFlags(int fd, int flags) {
        return SyscallRequest.of(Syscall.FCNTL, List.of(word(fd), word(F_SETFL), word(flags)), (r, o) -> null,
                "fd=" + fd, "F_SETFL", "0" + Integer.toOctalString(flags));
    }
}
