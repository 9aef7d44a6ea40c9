// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static dev.jsyscall.linux.SyscallRequest.in;
import static dev.jsyscall.linux.SyscallRequest.out;
import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.handle.FileDescriptor;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.CString;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.linux.fcntl.Fcntl;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Files for the kit's tests, made through the task under test so that they exist in the fake's file system as
 * well as on Linux; deleted by {@link #close} in reverse order.
 */
final class KitFiles implements AutoCloseable {
    private static final int AT_REMOVEDIR = 0x200;
    private final LocalTask task;
    private final List<String> made = new ArrayList<>();
    /** A fresh directory for this test. */
    final String dir;

    KitFiles(LocalTask task, String name) {
        this.task = task;
        this.dir = mkdir("/tmp/jsyscall-" + name + "-" + task.pid().id() + "-" + System.nanoTime());
    }

    String mkdir(String path) {
        task.call(SyscallRequest.of(Syscall.MKDIRAT, List.of(word(Fcntl.AT_FDCWD), in(CString.of(path, "path")),
                word(0755)), (r, o) -> null, "path=" + path));
        made.add(path);
        return path;
    }

    /** Writes {@code path} with exactly {@code mode} (whatever the umask). */
    String write(String path, String content, int mode) {
        int fd = (int) (long) task.call(Fcntl.openat(path, Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_TRUNC
                | Fcntl.O_CLOEXEC, mode));
        made.add(path);
        try (FileDescriptor f = task.fd(fd)) {
            f.write(content.getBytes(StandardCharsets.UTF_8));
        }
        task.call(SyscallRequest.of(Syscall.FCHMODAT, List.of(word(Fcntl.AT_FDCWD), in(CString.of(path, "path")),
                word(mode)), (r, o) -> null, "path=" + path));
        return path;
    }

    /** Notes a file a test's program creates, for deletion. */
    String expect(String path) {
        made.add(path);
        return path;
    }

    String read(String path) {
        int fd = (int) (long) task.call(Fcntl.openat(path, Fcntl.O_RDONLY | Fcntl.O_CLOEXEC, 0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FileDescriptor f = task.fd(fd)) {
            for (byte[] b = f.read(4096); b.length > 0; b = f.read(4096)) {
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** {@code st_mode} of {@code path}, type bits included. */
    int mode(String path) {
        byte[] st = task.call(SyscallRequest.of(Syscall.NEWFSTATAT, List.of(word(Fcntl.AT_FDCWD),
                in(CString.of(path, "path")), out(144), word(0)), (r, o) -> o.get(0), "path=" + path));
        // struct stat: st_mode follows st_dev, st_ino and (on x86_64 only) st_nlink
        int at = task.arch() == Arch.X86_64 ? 24 : 16;
        return ByteBuffer.wrap(st).order(ByteOrder.LITTLE_ENDIAN).getInt(at);
    }

    @Override
    public void close() {
        for (int i = made.size() - 1; i >= 0; i--) {
            String p = made.get(i);
            try {
                task.call(SyscallRequest.of(Syscall.UNLINKAT, List.of(word(Fcntl.AT_FDCWD), in(CString.of(p, "path")),
                        word(isDir(p) ? AT_REMOVEDIR : 0)), (x, o) -> null, "path=" + p));
            } catch (ErrnoException e) {
                if (e.errno() != Errno.ENOENT) {
                    throw e;
                }
            }
        }
    }

    private boolean isDir(String p) {
        try {
            return (mode(p) & 0170000) == 0040000;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
