// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import java.nio.charset.StandardCharsets;

/** Argument decoding that the file-system handler units share (internal). */
final class FileArgs {
    private FileArgs() {}

    /** The directory a *at() path is relative to; EBADF or ENOTDIR end the syscall. */
    static Vfs.DirInode dirFor(Proc p, int dirfd, String path) {
        if (path.startsWith("/") || dirfd == AT_FDCWD) {
            return p.fs.cwd;
        }
        Files.OpenFile f = p.files.file(dirfd);
        if (f == null) {
            throw new SyscallError(EBADF);
        }
        Vfs.Inode n = f.inode();
        if (!(n instanceof Vfs.DirInode)) {
            throw new SyscallError(ENOTDIR);
        }
        return (Vfs.DirInode) n;
    }

    /** A path argument; EFAULT or ENAMETOOLONG end the syscall. */
    static String pathArg(Proc p, long addr) {
        byte[] b = p.mm.copyString(addr, PATH_MAX);
        if (b == null) {
            throw new SyscallError(EFAULT);
        }
        if (b.length >= PATH_MAX) {
            throw new SyscallError(ENAMETOOLONG);
        }
        return new String(b, StandardCharsets.UTF_8);
    }
}
