// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.eventfd.EventFd;
import dev.jsyscall.linux.poll.Poll;
import dev.jsyscall.linux.unistd.Unistd;
import java.nio.channels.ClosedByInterruptException;

/**
 * One wait of a platform thread in {@code ppoll} on an fd of the local task itself (a child's pidfd, the JVM's end
 * of a pipe), instead of parking until the readiness loop ({@link Poller}) sees the fd ready: readiness then wakes
 * this thread once, not the loop first and this thread after it, and the loop is left free for the fds of virtual
 * threads. A virtual thread must not come here: the blocking call would pin its carrier.
 *
 * <p>A thread blocked in a syscall sees no Java interrupt and no close of a kernel or a stream, so the {@code ppoll}
 * also waits for an eventfd of its own, written by three things: {@link Thread#interrupt()}, through the JDK's hook
 * for interruptible I/O ({@code begin}/{@code end}, the only way an interrupt runs code of ours); the kernel's close
 * ({@link ExitWatcher#stop} runs {@link #wake} and waits until the thread has {@link #leave left}, since the close
 * frees the memory requests are made in next); and the fd's owner, which calls {@link #wake} before closing it. One
 * per wait: the JDK closes the channel on an interrupt, and a closed one cannot be begun again.
 */
final class BlockingPoll extends java.nio.channels.spi.AbstractInterruptibleChannel {
    private final LocalTask task;
    private final int wakeFd;
    private final Runnable closeWake = this::wake;
    private boolean left;

    private BlockingPoll(LocalTask task, int wakeFd) {
        this.task = task;
        this.wakeFd = wakeFd;
    }

    /**
     * Opens the eventfd and counts the wait among those that closing {@code task}'s kernel ends; the caller must
     * {@link #leave} it.
     *
     * @param what the wait, for the message if the kernel is closed already (its text is made only then)
     * @throws dev.jsyscall.MisuseException if the kernel is closed already
     */
    static BlockingPoll enter(LocalTask task, WaitDescription what) {
        int wakeFd = task.call(EventFd.eventfd2(0, EventFd.EFD_CLOEXEC));
        BlockingPoll p = new BlockingPoll(task, wakeFd);
        try {
            task.exitWatcher().enterBlockingWait(what, p.closeWake);
        } catch (RuntimeException e) {
            Task.callRaw(task, Unistd.close(wakeFd));
            throw e;
        }
        p.begin();   // an interrupt already pending writes the eventfd at once
        return p;
    }

    /**
     * One {@code ppoll} of {@code fd} for {@code events} beside the eventfd.
     *
     * @param timeoutNanos negative to wait without a limit
     * @return how many fds are ready (the eventfd among them after a wake), 0 on timeout, or -EINTR
     * @throws FileDescriptorClosedException if {@code fd} was closed before the call
     */
    long poll(FileDescriptor fd, int events, long timeoutNanos) {
        try (FileDescriptor.Use u = fd.use(task)) {
            // the eventfd for POLLIN whatever events are: it is writable (POLLOUT) nearly always
            return task.call(Poll.ppoll(new int[] {u.number(), wakeFd}, new int[] {events, Poll.POLLIN},
                    timeoutNanos));
        } catch (ErrnoException e) {
            if (e.errno() != Errno.EINTR) {
                throw e;
            }
            return -Errno.EINTR.number();
        }
    }

    /** Wakes the {@code ppoll} unless the waiter has left it (its eventfd may be closed and the number reused). */
    synchronized void wake() {
        if (!left) {
            // an open eventfd cannot refuse 1
            task.call(EventFd.eventfdWrite(wakeFd, 1));
        }
    }

    /** Whether the kernel was closed: a waiter woken for it gives up. */
    boolean kernelClosed() {
        return task.exitWatcher().stopped();
    }

    /**
     * Ends the wait and closes the eventfd; after it, neither a late interrupt nor a close writes to it.
     *
     * @return whether an interrupt ended it (the thread's flag stays set, as the JDK's channels leave it)
     */
    boolean leave() {
        boolean interrupted = false;
        try {
            end(true);
        } catch (ClosedByInterruptException e) {
            interrupted = true;
        } catch (java.nio.channels.AsynchronousCloseException e) {
            // end(true) reports only an interrupt: completed calls are not asynchronously closed
            throw new AssertionError(e);
        } finally {
            synchronized (this) {
                left = true;
            }
            task.exitWatcher().leaveBlockingWait(closeWake);
            Task.callRaw(task, Unistd.close(wakeFd));
        }
        return interrupted;
    }

    @Override
    protected void implCloseChannel() {
        // runs on the interrupting thread; newer JDKs run it after the interrupt's lock is released, so it may come
        // after end(): wake() then writes nothing
        wake();
    }
}
