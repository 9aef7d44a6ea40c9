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

    /** Stops the loop; children still watched get their futures completed exceptionally. */
    void stop() {
        synchronized (this) {
            stopping = true;
        }
        task.poller().stop();
    }
}
