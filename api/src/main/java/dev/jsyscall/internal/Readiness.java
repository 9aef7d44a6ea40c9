// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.internal;

import dev.jsyscall.linux.epoll.Epoll;

/**
 * Internal, unstable: waits for an fd of the local process to become ready through the kernel's one epoll thread,
 * so that the waiting thread parks instead of sitting in a blocking syscall (a virtual thread in a downcall pins
 * its carrier; when every carrier is pinned, nothing else runs).
 */
public interface Readiness {
    /** {@code EPOLLIN}: readable, or end of file / hang-up. */
    int READABLE = Epoll.EPOLLIN;
    /** {@code EPOLLOUT}: writable, or the reader is gone. */
    int WRITABLE = Epoll.EPOLLOUT;

    /**
     * Registers {@code fd} for one readiness event ({@code EPOLLONESHOT}); the caller then parks on the returned
     * wait. The fd must stay open until the wait is over or {@link Wait#cancel cancelled}.
     *
     * @param events {@link #READABLE} or {@link #WRITABLE}
     * @throws IllegalStateException if the loop is stopped (its kernel was closed)
     */
    Wait register(int fd, int events);

    /** One registration. */
    interface Wait {
        /**
         * Parks until the fd is ready or the wait is cancelled.
         *
         * @return true when ready, false when cancelled
         * @throws InterruptedException if the thread is interrupted first; the registration stays until
         *     {@link #cancel}
         * @throws IllegalStateException if the loop stopped meanwhile (its kernel was closed)
         */
        boolean await() throws InterruptedException;

        /** Like {@link #await} but keeps waiting through interrupts, and sets the interrupt flag again after. */
        boolean awaitUninterruptibly();

        /**
         * A future completed as {@link #await} would return (or failed as it would throw), for a thread that waits
         * for any of several fds at once ({@code CompletableFuture.anyOf}); completing it does not affect the wait.
         */
        java.util.concurrent.CompletableFuture<Boolean> future();

        /**
         * Removes the registration (before the fd is closed: epoll would otherwise keep it for as long as another
         * process holds a copy of the file) and wakes the waiter with false, unless the fd was ready first.
         */
        void cancel();
    }
}
