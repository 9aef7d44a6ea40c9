// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Tells the api that a child of the local process changed state (internal): see
 * {@code SyscallBackend.notifyChildChanges}. The listener runs on the thread of a local syscall, outside the
 * kernel's lock and before the caller sees the result: a point the seed decides.
 */
final class ChildChanges {
    private final ReentrantLock lock;
    private volatile BooleanSupplier listener;
    /** The listener asked to run again at the next local syscall (it was inside a section it must not reap in). */
    private volatile boolean retry;
    /** Children of the local process that exited, counted under the lock; and how many the listener has been told. */
    private volatile long changes;
    private volatile long delivered;

    ChildChanges(ReentrantLock lock) {
        this.lock = lock;
    }

    void listener(BooleanSupplier listener) {
        this.listener = listener;
    }

    /** A child of the local process exited (its pidfd turned readable). */
    void changed() {   // under the lock, so the volatile increment is not lost
        changes = changes + 1;
    }

    /** After a local syscall, without the lock: tells the listener if a child changed since it was last told. */
    void afterSyscall() {
        BooleanSupplier notify = listener;
        if (notify != null && take()) {
            if (notify.getAsBoolean()) {
                retry = true;
            }
        }
    }

    /** Whether a child of the local process changed state since the last call (which then sees none). */
    private boolean take() {
        if (retry) {
            retry = false;
            return true;
        }
        if (changes == delivered) {
            return false;   // the common case, without the lock
        }
        lock.lock();
        try {
            boolean changed = changes != delivered;
            delivered = changes;
            return changed;
        } finally {
            lock.unlock();
        }
    }
}
