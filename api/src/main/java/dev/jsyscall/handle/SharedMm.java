// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.linux.capability.Capabilities;

/**
 * Keeps the JVM's dumpable flag from being changed for good by its driven children.
 *
 * <p>The flag lives in the mm (prctl(2)), and a {@code CLONE_VM} child shares the JVM's mm until it execs: a
 * child's {@code setresuid} away from root (the kernel's {@code commit_creds} sets it to {@code suid_dumpable}, 0
 * by default) or its {@code PR_SET_DUMPABLE} clears it for the JVM too, which then loses its core dumps, its
 * ptrace-ability and the ownership of its {@code /proc/self} files. The JVM's value is read when the first child
 * starts sharing the mm and written back once the last one has exec'd or died. One per process, not per
 * {@code LocalTask}: every real kernel's local task is the same process and the same mm. While children share it
 * the flag is theirs as much as the JVM's, so a change the JVM makes to it meanwhile is undone too.
 */
final class SharedMm {
    private static final Object LOCK = new Object();
    /** Children cloned with CLONE_VM that have neither exec'd nor died. */
    private static int sharers;
    /** The JVM's flag before the first of them, or -1 when it cannot be written back (2, or unknown). */
    private static int dumpable = -1;

    private SharedMm() {
    }

    /** Before a clone: counts the child in, and reads the flag if it is the first. */
    static void enter(LocalTask task) {
        synchronized (LOCK) {
            if (sharers == 0) {
                // PR_SET_DUMPABLE takes only 0 and 1: a 2 (suid_dumpable) cannot be written back
                int now = task.call(Capabilities.getDumpable());
                dumpable = now == 0 || now == 1 ? now : -1;
            }
            sharers++;
        }
    }

    /** Once a child no longer shares the mm (exec'd, died, or was never cloned): the last one restores the flag. */
    static void leave(LocalTask task) {
        synchronized (LOCK) {
            if (sharers == 0) {
                throw new IllegalStateException("a child left the JVM's mm more often than it entered");
            }
            if (--sharers == 0 && dumpable >= 0 && task.call(Capabilities.getDumpable()) != dumpable) {
                task.call(Capabilities.setDumpable(dumpable == 1));
            }
        }
    }
}
