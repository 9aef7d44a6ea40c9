// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.MisuseException;
import dev.jsyscall.internal.Readiness;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Waits for the pidfds of every child whose exit is awaited ({@link ChildProcess#onExit()}, waits on real kernels)
 * through the local task's one readiness loop ({@link Poller}: epoll on one platform thread), and has each reaped
 * as its pidfd becomes readable (the child exited). No thread per child, no polling interval.
 */
final class ExitWatcher {
    private final LocalTask task;
    private final Map<ChildProcess, Poller.Registration> watched = new IdentityHashMap<>();
    /** Wake-ups of platform threads blocked in a syscall ({@link BlockingPoll}): run when the kernel closes. */
    private final Set<Runnable> blockedWaiters = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean stopping;

    ExitWatcher(LocalTask task) {
        this.task = task;
    }

    /** The fds the loop keeps open while it runs (its epoll fd and eventfd). */
    Set<Integer> fds() {
        return task.poller().fds();
    }

    synchronized void watch(ChildProcess child) {
        if (stopping) {
            throw new MisuseException("the exit watcher of " + task + " is stopped (its kernel was closed)");
        }
        FileDescriptor pidfd = child.pidfd().orElse(null);
        if (pidfd == null) {
            return;   // reaped meanwhile: its future is complete
        }
        try (FileDescriptor.Use u = pidfd.use(task)) {
            watched.put(child, task.poller().watch(u.number(), Readiness.READABLE, new Poller.Listener() {
                @Override
                public void ready() {
                    forget(child);
                    child.reapForWatcher();
                }

                @Override
                public void abandoned(RuntimeException why) {
                    forget(child);
                    child.abandonWatch(new MisuseException("the readiness loop stopped before " + child
                            + " exited", why));
                }
            }));
        } catch (FileDescriptorClosedException reaped) {
            // reaped meanwhile, as above
        }
    }

    private synchronized void forget(ChildProcess child) {
        watched.remove(child);
    }

    /**
     * Forgets {@code child}, reaped by someone else, before its pidfd is closed: the registration is removed while
     * the fd is open, so that a later fd that gets the same number is not taken for this child.
     */
    synchronized void unwatch(ChildProcess child, FileDescriptor pidfd) {
        Poller.Registration r = watched.remove(child);
        if (r != null) {
            r.cancel();
        }
    }

    /**
     * Counts a platform thread about to block in a syscall of its own ({@link BlockingPoll}: on a child's pidfd, on a
     * pipe) among the waits that the kernel's close ends: {@code wake} is run then, and the thread sees
     * {@link #stopped()}.
     *
     * @param what the wait, for the message
     * @throws MisuseException if the kernel is closed already, as {@link #watch} does
     */
    synchronized void enterBlockingWait(Object what, Runnable wake) {
        if (stopping) {
            throw new MisuseException("the kernel of " + task + " was closed: no thread can " + what + " through it");
        }
        blockedWaiters.add(wake);
    }

    /** The waiter's syscall has returned: it will not touch the kernel's memory again. */
    synchronized void leaveBlockingWait(Runnable wake) {
        blockedWaiters.remove(wake);
        notifyAll();
    }

    /** Whether the kernel was closed: a blocked waiter woken without its child's exit then gives up. */
    synchronized boolean stopped() {
        return stopping;
    }

    /**
     * Stops the loop; children still watched get their futures completed exceptionally, and platform threads blocked
     * on a pidfd or a pipe themselves are woken to fail the same way. Returns once those have left their syscall (or
     * after {@link #WAITERS_LEAVE_MILLIS}), because the kernel's close frees the memory their requests are made in.
     */
    void stop() {
        java.util.List<Runnable> wakes;
        synchronized (this) {
            stopping = true;
            wakes = new java.util.ArrayList<>(blockedWaiters);
        }
        wakes.forEach(Runnable::run);
        boolean interrupted = false;
        synchronized (this) {
            long deadline = System.nanoTime() + WAITERS_LEAVE_MILLIS * 1_000_000L;
            for (long left; !blockedWaiters.isEmpty() && (left = deadline - System.nanoTime()) > 0; ) {
                try {
                    wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    interrupted = true;   // the close goes on; the flag is put back below
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        task.poller().stop();
    }

    /** How long a close waits for woken waiters to leave their syscall: a wake-up, even on a loaded machine. */
    private static final long WAITERS_LEAVE_MILLIS = 5_000;
}
