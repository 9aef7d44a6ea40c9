// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.MisuseException;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.ChildDiedException;
import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.ChildProcessException;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.FileDescriptor;
import dev.jsyscall.handle.FileDescriptorClosedException;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.NotDrivenException;
import dev.jsyscall.handle.PidfdProcess;
import dev.jsyscall.handle.Pipe;
import dev.jsyscall.handle.WaitInterruptedException;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.resource.Resource;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.wait.ChildState;
import dev.jsyscall.spi.Capability;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Misuse is part of the contract: handles used after close or after the operation that consumed them, from
 * several threads, with kills racing waits and set-up. Every refusal happens before a syscall, and nothing a
 * handle no longer owns is touched. A backend's suite composes this area with one nested class:
 *
 * <pre>{@code
 * @Nested class Misuse implements MisuseContract {
 *     public Kernel kernel() { return MySuite.this.kernel(); }
 * }
 * }</pre>
 *
 * <p>The suite's after-each check (no fd, child, zombie or allocator byte left) runs after every test here too.
 *
 * @since 0.1
 */
public interface MisuseContract extends ConformanceArea {
    /**
     * The kernel under test.
     *
     * @return the kernel, opened by the backend's test
     */
    Kernel kernel();



    /** Fresh non-blocking pipes, so that the lowest fd numbers (just freed by a close) are taken by them. */
    private List<Pipe> fillLowestFds(int pipes) {
        List<Pipe> out = new ArrayList<>();
        for (int i = 0; i < pipes; i++) {
            out.add(local().pipe2(Fcntl.O_CLOEXEC | Fcntl.O_NONBLOCK));
        }
        return out;
    }

    /** Asserts that no byte was written into any of {@code pipes} (a read finds them empty), then closes them. */
    private static void assertEmptyAndClose(List<Pipe> pipes) {
        for (Pipe p : pipes) {
            assertThatThrownBy(() -> p.read().read(64)).as("pipe %s must be empty", p)
                    .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EAGAIN));
            p.close();
        }
    }

    private static <T> T within(long seconds, java.util.concurrent.Callable<T> call) throws Exception {
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            return one.submit(call).get(seconds, TimeUnit.SECONDS);
        } finally {
            one.shutdownNow();
        }
    }

    @Test
    @RuleId("MU1")
    @DisplayName("a ChildTask used after close fails at once and writes nothing to the fds that reuse its channel's numbers")
    default void childTaskUseAfterClose() {
        ChildTask c = local().cloneChild();
        ChildProcess p = c.childProcess();
        c.close();
        List<Pipe> pipes = fillLowestFds(4);
        try {
            assertThatThrownBy(() -> c.chdir("/tmp")).isInstanceOf(NotDrivenException.class)
                    .hasMessageContaining("was closed");
            assertThatThrownBy(c::getpid).isInstanceOf(NotDrivenException.class);
            assertThatThrownBy(() -> c.batch().setsid().run()).isInstanceOf(NotDrivenException.class);
            assertThat(c.isDriven()).isFalse();
        } finally {
            assertEmptyAndClose(pipes);
        }
        assertThat(p.deathState()).as("closing the task reaped its child").isPresent();
        assertThat(p.pidfd()).isEmpty();
        c.close();
    }

    @Test
    @RuleId("MU2")
    @DisplayName("a ChildTask used after exec fails at once instead of waiting for the program")
    default void childTaskUseAfterExec() throws Exception {
        ChildProcess p;
        try (ChildTask c = local().cloneChild()) {
            p = c.exec(Command.of("/bin/sleep", "1000"));
            Throwable t = within(10, () -> {
                try {
                    c.getpid();
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            assertThat(t).isInstanceOf(NotDrivenException.class).hasMessageContaining("has exec'd")
                    .hasMessageContaining("/bin/sleep");
        }
        assertThat(p.deathState()).as("closing the task after exec leaves the program alone").isEmpty();
        p.close();
    }

    @Test
    @RuleId("MU3")
    @DisplayName("try-with-resources on a ChildTask whose set-up call fails leaves no zombie, pidfd or memory")
    default void childTaskFailureLeavesNothing() {
        long bytes = local().allocator().bytesInUse();
        ChildProcess p = null;
        for (int i = 0; i < 50; i++) {
            try (ChildTask c = local().cloneChild()) {
                p = c.childProcess();
                c.chdir("/nonexistent/dir");
            } catch (ErrnoException e) {
                assertThat(e.errno()).isEqualTo(Errno.ENOENT);
            }
            assertThat(p.deathState()).isPresent();
            assertThat(p.pidfd()).isEmpty();
        }
        assertThat(local().allocator().bytesInUse()).isEqualTo(bytes);
    }

    @Test
    @RuleId("MU4")
    @DisplayName("a FileDescriptor used after close is refused, and a close racing a read waits for it")
    default void fileDescriptorUseAfterClose() throws Exception {
        Pipe pipe = local().pipe2(Fcntl.O_CLOEXEC);
        FileDescriptor r = pipe.read();
        r.close();
        assertThatThrownBy(() -> r.read(1)).isInstanceOf(FileDescriptorClosedException.class);
        assertThatThrownBy(() -> r.dup3(100, 0)).isInstanceOf(FileDescriptorClosedException.class);
        r.close();
        pipe.write().close();
        requires(Capability.REAL_KERNEL, "a JVM thread blocked in a read of the simulated kernel is scheduled by it");
        Pipe q = local().pipe2(Fcntl.O_CLOEXEC);
        int number = q.read().near().number();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            Future<byte[]> got = reader.submit(() -> q.read().read(16));
            Thread.sleep(100);   // let the reader block in read(2)
            q.read().close();    // deferred: the read holds the number
            Pipe other = local().pipe2(Fcntl.O_CLOEXEC);
            assertThat(List.of(other.read().near().number(), other.write().near().number()))
                    .as("the number of an fd in use is not handed out again").doesNotContain(number);
            q.write().write(new byte[] {42});
            assertThat(got.get(10, TimeUnit.SECONDS)).containsExactly(42);
            other.close();
            q.write().close();
        } finally {
            reader.shutdownNow();
        }
    }

    @Test
    @RuleId("MU5")
    @DisplayName("every call on a reaped child is refused instead of reaching the pid's next owner")
    default void reapedChildRefusesEverything() {
        ChildProcess p;
        try (ChildTask c = local().cloneChild()) {
            p = c.exec(Command.of("/bin/sleep", "1000"));
        }
        p.kill(Signal.SIGKILL);
        p.waitForExit();
        List<ThrowingConsumer<ChildProcess>> calls = List.of(
                x -> x.kill(Signal.SIGTERM), x -> x.killpg(Signal.SIGTERM), ChildProcess::getpgid,
                ChildProcess::getsid, x -> x.getrlimit(Resource.RLIMIT_NOFILE), x -> x.setpriority(19),
                ChildProcess::getpriority, x -> x.setpgid(null), x -> x.killSession(Signal.SIGTERM));
        for (ThrowingConsumer<ChildProcess> call : calls) {
            assertThatThrownBy(() -> call.accept(p)).isInstanceOf(ChildProcessException.NotAlive.class)
                    .hasMessageContaining("no longer alive");
        }
    }

    @Test
    @RuleId("MU6")
    @DisplayName("a pidfd-backed process refuses every call once its process is gone")
    default void pidfdProcessRefusesWhenGone() {
        requires(Capability.PIDFD, "the calls are checked through the pidfd");
        ChildProcess child;
        try (ChildTask c = local().cloneChild()) {
            child = c.exec(Command.of("/bin/sleep", "1000"));
        }
        try (PidfdProcess p = local().pidfdOpen(child.near().id())) {
            assertThat(p.getpriority()).isBetween(-20, 19);
            child.close();
            List<ThrowingConsumer<PidfdProcess>> calls = List.of(x -> x.kill(Signal.SIGTERM),
                    x -> x.killpg(Signal.SIGTERM), PidfdProcess::getpgid, PidfdProcess::getsid,
                    x -> x.getrlimit(Resource.RLIMIT_NOFILE), x -> x.setpriority(19), PidfdProcess::getpriority);
            for (ThrowingConsumer<PidfdProcess> call : calls) {
                assertThatThrownBy(() -> call.accept(p)).isInstanceOfSatisfying(ErrnoException.class,
                        e -> assertThat(e.errno()).isEqualTo(Errno.ESRCH));
            }
        }
    }

    @Test
    @RuleId("MU7")
    @DisplayName("any number of threads wait for one child and get the same state, and a waiter never holds off kill")
    default void manyWaitersAndKill() throws Exception {
        requires(Capability.REAL_KERNEL, "virtual time ends a sleeping child as soon as every thread waits, before"
                + " the kill can be sent");
        ChildProcess p;
        try (ChildTask c = local().cloneChild()) {
            p = c.exec(Command.of("/bin/sleep", "1000"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ChildState>> waits = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                waits.add(pool.submit(() -> p.waitForExit()));
            }
            Thread.sleep(100);   // the waiters are blocked now
            assertThat(p.getpriority()).isBetween(-20, 19);
            p.kill(Signal.SIGTERM);
            ChildState first = waits.get(0).get(20, TimeUnit.SECONDS);
            assertThat(first.signal()).isEqualTo(Signal.SIGTERM);
            for (Future<ChildState> w : waits) {
                assertThat(w.get(20, TimeUnit.SECONDS)).isEqualTo(first);
            }
            assertThat(p.waitForExit()).isEqualTo(first);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @RuleId("MU8")
    @DisplayName("virtual threads that spawn and wait never deadlock, even when their children need other virtual threads")
    default void virtualThreadsSpawnAndWait() throws Exception {
        requires(Capability.REAL_KERNEL, "the simulated kernel schedules the threads that enter it itself");
        int n = 4 * Runtime.getRuntime().availableProcessors();
        ExecutorService vts = KitThreads.virtualThreads();
        try {
            List<dev.jsyscall.Spawned> started = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.CountDownLatch allStarted = new java.util.concurrent.CountDownLatch(n);
            List<Future<ChildState>> waits = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                waits.add(vts.submit(() -> {
                    dev.jsyscall.Spawned s = dev.jsyscall.Spawn.of(Command.of("/bin/sh", "-c", "read x; exit 3"))
                            .stdin(dev.jsyscall.Redirect.pipe()).start(local());
                    started.add(s);
                    allStarted.countDown();
                    return s.waitForExit();   // waiters first: every child needs a writer that runs later
                }));
            }
            try {
                assertThat(allStarted.await(30, TimeUnit.SECONDS)).as("all spawned").isTrue();
                Thread.sleep(200);
                List<Future<?>> writes = new ArrayList<>();
                for (dev.jsyscall.Spawned s : List.copyOf(started)) {
                    writes.add(vts.submit(() -> {
                        s.stdin().write("x\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        s.stdin().close();
                        return null;
                    }));
                }
                for (Future<?> w : writes) {
                    w.get(30, TimeUnit.SECONDS);
                }
                for (Future<ChildState> w : waits) {
                    assertThat(w.get(30, TimeUnit.SECONDS).exitStatus()).isEqualTo(3);
                }
            } finally {
                for (dev.jsyscall.Spawned s : List.copyOf(started)) {
                    s.close();
                }
            }
        } finally {
            vts.shutdownNow();
        }
    }

    @Test
    @RuleId("MU9")
    @DisplayName("an interrupted waiter stops waiting, keeps its interrupt, and the child can be waited for again")
    default void interruptedWait() throws Exception {
        requires(Capability.REAL_KERNEL, "the simulated kernel runs a wait on the caller's thread, which it schedules");
        ChildProcess p;
        try (ChildTask c = local().cloneChild()) {
            p = c.exec(Command.of("/bin/sleep", "1000"));
        }
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                p.waitForExit();
                failure.complete(null);
            } catch (RuntimeException e) {
                failure.complete(Thread.currentThread().isInterrupted() ? e : new AssertionError("flag lost", e));
            }
        });
        waiter.start();
        Thread.sleep(100);
        waiter.interrupt();
        assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(WaitInterruptedException.class);
        assertThat(p.deathState()).isEmpty();
        p.kill(Signal.SIGKILL);
        assertThat(p.waitForExit().signal()).isEqualTo(Signal.SIGKILL);
    }

    @Test
    @RuleId("MU10")
    @DisplayName("a kill from another thread racing set-up ends the set-up with the child's death and leaves nothing")
    default void killRacingSetup() throws Exception {
        ExecutorService killer = Executors.newSingleThreadExecutor();
        int died = 0;
        try {
            for (int i = 0; i < 100; i++) {
                ChildTask c = local().cloneChild();
                ChildProcess p = c.childProcess();
                long delay = ThreadLocalRandom.current().nextLong(0, 300_000);
                Future<?> kill = killer.submit(() -> {
                    java.util.concurrent.locks.LockSupport.parkNanos(delay);
                    p.kill(Signal.SIGKILL);
                    return null;
                });
                try {
                    for (int k = 0; k < 200; k++) {
                        c.getpid();
                    }
                } catch (ChildDiedException e) {
                    assertThat(e.state().signal()).isEqualTo(Signal.SIGKILL);
                    died++;
                } finally {
                    try {
                        kill.get(10, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException e) {
                        // the child was reaped before the kill: refused, as it must be
                        assertThat(e.getCause()).isInstanceOf(ChildProcessException.NotAlive.class);
                    }
                    c.close();
                }
                assertThat(p.deathState()).isPresent();
                assertThat(p.pidfd()).isEmpty();
            }
        } finally {
            killer.shutdownNow();
        }
        assertThat(died).as("some kills landed during set-up").isPositive();
    }

    @Test
    @RuleId("MU11")
    @DisplayName("a stream asked of a spawned program whose fd is not a pipe is refused with MisuseException, and the"
            + " program is untouched")
    default void streamOfANonPipeIsMisuse() {
        LocalTask local = kernel().localTask();
        try (Spawned s = Spawn.of(Command.of("/bin/cat")).stdin(Redirect.pipe()).start(local)) {
            assertThatThrownBy(s::stdout).isInstanceOf(MisuseException.class)
                    .hasMessageContaining("stdout was not redirected to a pipe");
            assertThatThrownBy(s::stderr).isInstanceOf(MisuseException.class);
            assertThat(s.state()).as("still running").isEmpty();
            s.stdin().close();
            assertThat(s.waitForExit().isCleanExit()).isTrue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
