package dev.jsyscall.handle;

import dev.jsyscall.far.Task;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.near.Pid;
import java.util.Objects;

/**
 * A process pinned by a pidfd (Linux 5.3+): signals go through {@code pidfd_send_signal}, which the kernel
 * delivers only to the process the pidfd was opened for — never to a later owner of the same pid. This makes
 * signalling a process that is not our child safe. Close it to release the pidfd.
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

    /** The pidfd. */
    public FileDescriptor pidfd() {
        return pidfd;
    }

    /** {@code pidfd_send_signal(pidfd, sig, NULL, 0)}: ESRCH once the process has exited. */
    @Override
    public void kill(Signal sig) {
        pidfdSendSignal(pidfd, sig);
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
