// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.linux.resource.Resources;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.signal.Signals;
import dev.jsyscall.linux.unistd.Unistd;
import dev.jsyscall.near.Pid;
import dev.jsyscall.near.ProcessGroup;
import dev.jsyscall.spi.Capability;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Any process, named by its pid as seen from a task — not necessarily our child.
 *
 * <p><b>Signalling an arbitrary pid is unsafe:</b> if the process exits and its pid is reused, {@link #kill}
 * signals whoever owns the pid now. Signal your own children through {@link ChildProcess}, which refuses once
 * the child has been reaped; for a process that is not your child, use a pidfd-backed {@link PidfdProcess}
 * ({@link dev.jsyscall.handle.Task#pidfdOpen}), which the kernel ties to that one process.
 *
 * <pre>{@code
 * Process p = task.makeProcess(4242);
 * p.kill(Signal.SIGTERM);
 * }</pre>
 *
 * <p>Two {@code Process} handles are equal when they are of the same class and name the same pid through the
 * same task.
 *
 * @since 0.1
 */
public class Process {
    private final Task task;
    private final Pid pid;

    Process(Task task, Pid pid) {
        this.task = Objects.requireNonNull(task, "task");
        this.pid = Objects.requireNonNull(pid, "pid");
    }

    /**
     * The task through whose syscall interface this process is signalled and queried.
     *
     * @return the task
     */
    public Task task() {
        return task;
    }

    /**
     * The pid, in {@link #task()}'s pid namespace.
     *
     * @return the pid
     */
    public Pid near() {
        return pid;
    }

    /**
     * The pid as a plain number, in {@link #task()}'s pid namespace: the same value and type as
     * {@link java.lang.Process#pid()} and {@link ProcessHandle#pid()}, so code moving from {@code ProcessBuilder}
     * keeps its types.
     *
     * <pre>{@code
     * long pid = spawned.process().pid();
     * }</pre>
     *
     * @return the pid
     * @since 0.2
     */
    public final long pid() {
        return pid.id();
    }

    /**
     * This process as a {@link ProcessHandle} of the JVM, for code that takes one ({@code info()}, {@code parent()},
     * {@code descendants()}).
     *
     * <p>A {@code ProcessHandle} names the process by its pid alone. The JDK compares the start time it recorded
     * to notice a reused pid in {@code isAlive()}, but {@code destroy()} of a handle kept after the process was
     * reaped may reach a later owner of the pid. For a {@link ChildProcess} the pid stays ours until the child is
     * reaped (it waits as a zombie), so the handle is exact while {@code deathState()} is empty; signal through
     * the {@code ChildProcess} itself to stay safe after that.
     *
     * <pre>{@code
     * ProcessHandle h = spawned.process().toHandle();
     * h.info().command().ifPresent(System.out::println);
     * }</pre>
     *
     * @return the handle
     * @throws UnsupportedOperationException unless this process is named through the local task of a real kernel
     *     (a simulated pid, or one seen from another pid namespace, would name another process of this machine)
     * @throws ChildProcessException.NotAlive for a child already reaped
     * @throws IllegalStateException when no process has this pid any more
     * @since 0.2
     */
    public ProcessHandle toHandle() {
        if (!(task instanceof LocalTask) || !((LocalTask) task).capabilities().contains(Capability.REAL_KERNEL)) {
            throw new UnsupportedOperationException("toHandle() needs a process named through the local task of a"
                    + " real kernel: " + this + " is named through " + task + (task instanceof LocalTask
                    ? ", whose backend simulates its pids" : ", which may see other pids than the JVM"));
        }
        return pinned("toHandle", () -> ProcessHandle.of(pid.id()).orElseThrow(() -> new IllegalStateException(
                "no process has pid " + pid.id() + " any more: " + this + " has exited")));
    }

    /**
     * Runs {@code call}, a syscall that names this process by its pid, under the guarantee the handle can give
     * that the pid still names this process: none for a plain {@code Process} (see the class comment); a
     * {@link ChildProcess} holds off its reaping for the duration, and refuses once reaped; a
     * {@link PidfdProcess} checks through its pidfd that the process is alive before and after.
     *
     * @param <T> the type of the result
     * @param what the call, for messages
     * @param call the syscall
     * @return what {@code call} returned
     */
    protected <T> T pinned(String what, Supplier<T> call) {
        return call.get();
    }

    /**
     * Sends {@code sig} with {@code kill(pid, sig)}.
     *
     * @param sig the signal, not null
     */
    public void kill(Signal sig) {
        Objects.requireNonNull(sig, "sig");
        pinned("kill", () -> task.call(Signals.kill(pid.id(), sig)));
    }

    /**
     * {@code pidfd_send_signal(pidfd, sig, NULL, 0)}: the kernel delivers only to the process the pidfd was opened
     * for, or fails with ESRCH once it has exited — never to a later owner of the pid.
     *
     * @param pidfd the process's pidfd
     * @param sig the signal, not null
     */
    protected final void pidfdSendSignal(FileDescriptor pidfd, Signal sig) {
        Objects.requireNonNull(sig, "sig");
        try (FileDescriptor.Use u = pidfd.use(task)) {
            task.call(Signals.pidfdSendSignal(u.number(), sig, pid.id()));
        }
    }

    /** The process group whose id equals this pid (meaningful when this process leads a group). */
    private ProcessGroup asProcessGroup() {
        return new ProcessGroup(pid.id());
    }

    /**
     * Sends {@code sig} to the process group whose id is this pid: {@code kill(-pid, sig)}.
     *
     * @param sig the signal, not null
     */
    public void killpg(Signal sig) {
        Objects.requireNonNull(sig, "sig");
        ProcessGroup group = asProcessGroup();
        pinned("killpg", () -> task.call(Signals.killpg(group.id(), sig)));
    }

    /**
     * This process's process group ({@code getpgid(pid)}).
     *
     * @return the group
     * @throws OutsidePidNamespaceException if the group's leader is in an ancestor pid namespace (Linux answers 0)
     */
    public ProcessGroup getpgid() {
        return pinned("getpgid", () -> new ProcessGroup(
                OutsidePidNamespaceException.visible("getpgid", pid.id(), task.call(Unistd.getpgid(pid.id())))));
    }

    /**
     * This process's session id ({@code getsid(pid)}).
     *
     * @return the session id, positive
     * @throws OutsidePidNamespaceException if the session's leader is in an ancestor pid namespace (Linux answers 0)
     */
    public int getsid() {
        return pinned("getsid", () -> OutsidePidNamespaceException.visible("getsid", pid.id(),
                task.call(Unistd.getsid(pid.id()))));
    }

    /**
     * This process's limit for {@code resource} ({@code prlimit64(pid, resource, NULL, &old)}).
     *
     * @param resource the resource, not null
     * @return the soft and hard limits
     */
    public dev.jsyscall.linux.resource.Rlimit getrlimit(dev.jsyscall.linux.resource.Resource resource) {
        Objects.requireNonNull(resource, "resource");
        return pinned("getrlimit", () -> task.call(Resources.getrlimit(pid.id(), resource)));
    }

    /**
     * Sets the nice value ({@code setpriority(PRIO_PROCESS, pid, nice)}). The kernel clamps it to -20..19.
     *
     * @param nice the nice value
     */
    public void setpriority(int nice) {
        pinned("setpriority", () -> task.call(Resources.setpriority(pid.id(), nice)));
    }

    /**
     * The nice value (-20..19). The raw syscall returns {@code 20 - nice} so that no success value is negative;
     * this method converts it back, as the C library does.
     *
     * @return the nice value
     */
    public int getpriority() {
        return pinned("getpriority", () -> task.call(Resources.getpriority(pid.id())));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        Process other = (Process) o;
        return task == other.task && pid.equals(other.pid);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(task) * 31 + pid.hashCode();
    }

    /** Names the type, the pid and the owning task: {@code Process(Pid(42), parent=Task(7, ffm local))}. */
    @Override
    public String toString() {
        return displayName() + "(" + pid + ", parent=" + task + ")";
    }

    /**
     * The type name {@link #toString} shows.
     *
     * @return the name, e.g. {@code "ChildProcess"}
     */
    protected String displayName() {
        return getClass().getSimpleName();
    }
}
