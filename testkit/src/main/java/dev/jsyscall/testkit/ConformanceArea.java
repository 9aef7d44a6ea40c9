// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.Task;
import dev.jsyscall.spi.Capability;

/**
 * What every area of the kit stands on: the kernel under test and the few helpers its tests share. An area is an
 * interface extending this one whose {@code default} methods are the tests; {@link SyscallConformanceSuite} composes
 * them all, one nested class each, and a suite of one's own may compose just some:
 *
 * <pre>{@code
 * @Nested class Processes implements ProcessContract {
 *     public Kernel kernel() { return MySuite.this.kernel(); }
 * }
 * }</pre>
 *
 * <p>Outside {@link SyscallConformanceSuite} nothing kills what a failing test left behind: override
 * {@link #child()} and {@link #track(ChildTask)} to do it.
 *
 * @since 0.2
 */
public interface ConformanceArea {
    /** The kernel under test. */
    Kernel kernel();

    /** Its local task. */
    default LocalTask local() {
        return kernel().localTask();
    }

    /** Skips the current test, naming the capability, unless the backend has it. */
    default void requires(Capability capability) {
        requires(capability, null);
    }

    /** Skips the current test, naming the capability and why the test needs it, unless the backend has it. */
    default void requires(Capability capability, String why) {
        assumeTrue(kernel().capabilities().contains(capability), () -> "backend '" + kernel().backendId()
                + "' lacks " + capability + (why == null ? "" : ": " + why));
    }

    /** A driven child of the local task; the suite kills and reaps it after the test if the test did not. */
    default ChildTask child() {
        return track(local().cloneChild());
    }

    /** Hands a child cloned by the test itself to the after-test clean-up, and returns it. */
    default ChildTask track(ChildTask child) {
        return child;
    }

    /** A child that has exec'd {@code /bin/sleep 1000}: alive, unblocked signals, default dispositions. */
    default ChildProcess sleeper() {
        try (ChildTask c = child()) {
            return c.exec(Command.of("/bin/sleep", "1000"));
        }
    }

    /** A task over the local process whose syscalls are counted, to prove refusals happen before any syscall. */
    default Task countingTask(CountingSyscallInterface counting) {
        return local().viewThrough(counting);
    }

    /**
     * Ends a child whose kernel the test closed (its handles are dead, the process and its pidfd are not): closes
     * the pidfd, kills and reaps the pid through the suite's kernel, so that the after-test census finds nothing.
     * A negative pid or pidfd (the test failed before it had them) is skipped.
     */
    default void endOutlivedChild(int pid, int pidfd) {
        LocalTask local = local();
        if (pidfd >= 0) {
            local.call(dev.jsyscall.linux.unistd.Unistd.close(pidfd));
        }
        if (pid > 0) {
            local.call(dev.jsyscall.linux.signal.Signals.kill(pid, dev.jsyscall.linux.signal.Signal.SIGKILL));
            local.call(dev.jsyscall.linux.wait.Wait.waitid(dev.jsyscall.linux.wait.IdType.P_PID, pid, 0,
                    dev.jsyscall.linux.wait.WaitOption.WEXITED.value(), 0));
        }
    }

    /** How many readiness-loop threads ({@code jsyscall-poller}) this JVM has, of every kernel. */
    static long pollerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("jsyscall-poller"))
                .count();
    }

    /** Waits up to 10 s until at most {@code most} readiness-loop threads are left (a closed kernel's end). */
    static long awaitPollerThreadsAtMost(long most) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (pollerThreads() > most && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return pollerThreads();
    }
}
