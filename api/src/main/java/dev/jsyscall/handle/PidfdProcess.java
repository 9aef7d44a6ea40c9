// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.signal.Signals;
import dev.jsyscall.near.Pid;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A process pinned by a pidfd (Linux 5.3+): signals go through {@code pidfd_send_signal}, which the kernel
 * delivers only to the process the pidfd was opened for — never to a later owner of the same pid. This makes
 * signalling a process that is not our child safe. Close it to release the pidfd.
 *
 * <p>Linux has pidfd variants of signalling and waiting only. The other calls ({@link #getpgid}, {@link #getsid},
 * {@link #getrlimit}, {@link #setpriority}, {@link #getpriority}, {@link #killpg}) name the pid, so this handle
 * checks through the pidfd that the process is alive just before and just after the call, and fails with ESRCH
 * when it is not. What remains: a query's answer is returned only if the process was alive after it, so it is
 * this process's; a change ({@code setpriority}, {@code killpg}) is refused if the process had exited before the
 * call, but if it exits and its pid is reused <em>during</em> the call (a window of one syscall), the change may
 * reach the new owner — the ESRCH then says so.
 *
 * <pre>{@code
 * try (PidfdProcess p = task.pidfdOpen(4242)) {
 *     p.kill(Signal.SIGTERM);   // ESRCH if 4242 has exited, even if the pid was reused since
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class PidfdProcess extends Process implements AutoCloseable {
    private final FileDescriptor pidfd;

    PidfdProcess(Task task, Pid pid, FileDescriptor pidfd) {
        super(task, pid);
        this.pidfd = Objects.requireNonNull(pidfd, "pidfd");
    }

    /**
     * The pidfd.
     *
     * @return the pidfd, owned by this handle
     */
    public FileDescriptor pidfd() {
        return pidfd;
    }

    /** {@code pidfd_send_signal(pidfd, sig, NULL, 0)}: ESRCH once the process has exited. */
    @Override
    public void kill(Signal sig) {
        pidfdSendSignal(pidfd, sig);
    }

    @Override
    protected <T> T pinned(String what, Supplier<T> call) {
        checkAlive(what, "before");
        T result = call.get();
        checkAlive(what, "during");
        return result;
    }

    /** {@code pidfd_send_signal(pidfd, 0)}: signal 0 checks that the process exists without signalling it. */
    private void checkAlive(String what, String when) {
        try (FileDescriptor.Use u = pidfd.use(task())) {
            task().call(Signals.pidfdAlive(u.number(), near().id()));
        } catch (ErrnoException e) {
            if (e.errno() != Errno.ESRCH) {
                throw e;
            }
            throw new ErrnoException(Errno.ESRCH, what, "pid=" + near().id() + " (its pidfd says the process exited "
                    + when + " the call; " + (when.equals("before") ? "nothing was done"
                    : "the call may have reached the pid's next owner") + ")");
        }
    }

    @Override
    public void close() {
        pidfd.close();
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
