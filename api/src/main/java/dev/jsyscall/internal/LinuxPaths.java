// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.internal;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Objects;

/** Internal, not API: a {@link Path} as the path string a syscall gets. */
public final class LinuxPaths {
    private LinuxPaths() {
    }

    /**
     * {@code path} as the string the kernel resolves, relative paths kept relative (they then follow the cwd of
     * the task that makes the call, which for a spawn's step is the child's at that point, not the JVM's).
     *
     * @param what the argument's name, for the message
     * @throws IllegalArgumentException for a path of another file system (a zip file's entries are no Linux path)
     *     or an empty one (to Java the current directory, to the kernel ENOENT)
     */
    public static String of(Path path, String what) {
        Objects.requireNonNull(path, what);
        if (path.getFileSystem() != FileSystems.getDefault()) {
            throw new IllegalArgumentException(what + " must be a path of the default file system, was " + path
                    + " of " + path.getFileSystem());
        }
        String s = path.toString();
        if (s.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be the empty path (for the current directory use"
                    + " Path.of(\".\"))");
        }
        return s;
    }
}
