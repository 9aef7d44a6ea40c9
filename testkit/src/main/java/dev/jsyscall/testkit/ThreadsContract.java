// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.spi.Capability;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Blocking calls and threads: virtual threads blocked on pipes or on driven children leave the carriers free, and
 * a blocked read ends on interrupt or on a close from another thread. Composed into a backend's suite with one
 * nested class, as {@link MisuseContract} is.
 *
 * @since 0.2
 */
public interface ThreadsContract extends ConformanceArea {
    /**
     * The kernel under test.
     *
     * @return the kernel, opened by the backend's test
     */
    Kernel kernel();




    @Test
    @RuleId("TH1")
    @DisplayName("virtual threads blocked reading their children's pipes leave the carriers free for the writers")
    default void virtualReadersDoNotPinCarriers() throws Exception {
        requires(Capability.REAL_KERNEL, KitThreads.SIMULATED);
        ExecutorService pool = KitThreads.virtualThreads();
        int n = KitThreads.moreThanCarriers();
        List<Spawned> spawned = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean abandoned = new AtomicBoolean();
        CountDownLatch reading = new CountDownLatch(n);
        try {
            List<CompletableFuture<String>> outs = new ArrayList<>();
            List<CompletableFuture<Spawned>> started = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                CompletableFuture<Spawned> s = new CompletableFuture<>();
                started.add(s);
                outs.add(CompletableFuture.supplyAsync(() -> {
                    Spawned sp = Spawn.of(Command.of("/bin/sh", "-c", "read x; echo $x")).stdin(Redirect.pipe()).stdout(Redirect.pipe())
                            .start(local());
                    spawned.add(sp);
                    if (abandoned.get()) {
                        sp.close(); // started after the test gave up: the clean-up below has run
                    }
                    s.complete(sp);
                    reading.countDown();
                    try {
                        return new String(sp.stdout().readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, pool));
            }
            assertThat(reading.await(20, TimeUnit.SECONDS)).as("all readers started").isTrue();
            Thread.sleep(200); // the readers are now in their reads
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String line = "line " + i + "\n";
                CompletableFuture<Spawned> s = started.get(i);
                writes.add(CompletableFuture.runAsync(() -> {
                    try (OutputStream in = s.join().stdin()) {
                        in.write(line.getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(outs.toArray(new CompletableFuture<?>[0]))
                    .get(20, TimeUnit.SECONDS);
            for (int i = 0; i < n; i++) {
                assertThat(outs.get(i).join()).isEqualTo("line " + i + "\n");
                writes.get(i).join();
            }
        } finally {
            // on a failure, killing the programs ends the reads (EOF) and lets the pinned threads go
            abandoned.set(true);
            synchronized (spawned) {
                spawned.forEach(Spawned::close);
            }
            KitThreads.stop(pool);
        }
    }

    @Test
    @RuleId("TH2")
    @DisplayName("virtual threads waiting for driven children blocked in a syscall leave the carriers free")
    default void virtualDriversDoNotPinCarriers() throws Exception {
        requires(Capability.REAL_KERNEL, KitThreads.SIMULATED);
        ExecutorService pool = KitThreads.virtualThreads();
        int n = KitThreads.moreThanCarriers();
        // not Files.createTempDirectory: its SecureRandom keeps /dev/urandom open, which the leak check reports
        Path dir = Files.createDirectory(Path.of(System.getProperty("java.io.tmpdir"), "jsyscall-fifos-"
                + ProcessHandle.current().pid() + "-" + System.nanoTime()));
        List<ChildTask> children = new ArrayList<>();
        try {
            List<String> fifos = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                fifos.add(dir.resolve("f" + i).toString());
                children.add(local().cloneChild());
            }
            assertThat(Spawn.of(Command.of("/usr/bin/mkfifo", fifos.toArray(new String[0]))).run(local())
                    .isCleanExit()).isTrue();
            CountDownLatch opening = new CountDownLatch(n);
            List<CompletableFuture<Void>> opens = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ChildTask c = children.get(i);
                String fifo = fifos.get(i);
                opens.add(CompletableFuture.runAsync(() -> {
                    opening.countDown();
                    // the child blocks in openat until a writer opens the fifo; we wait for its reply
                    c.open(fifo, Fcntl.O_RDONLY | Fcntl.O_CLOEXEC, 0).close();
                }, pool));
            }
            assertThat(opening.await(20, TimeUnit.SECONDS)).as("every driving thread started").isTrue();
            Thread.sleep(200); // the children are now in their opens
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (String fifo : fifos) {
                writers.add(CompletableFuture.runAsync(() -> {
                    try {
                        new FileOutputStream(fifo).close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(opens.toArray(new CompletableFuture<?>[0]))
                    .get(20, TimeUnit.SECONDS);
            writers.forEach(CompletableFuture::join);
            for (ChildTask c : children) {
                c.exitGroup(0);
                assertThat(c.childProcess().waitForExit().isCleanExit()).isTrue();
            }
        } finally {
            // on a failure, killing the children ends the reads of their replies (EOF)
            for (ChildTask c : children) {
                c.close();   // kills and reaps a child not yet ended; ends a blocked reply read (EOF)
            }
            KitThreads.stop(pool);
            for (String f : dir.toFile().list()) {
                Files.delete(dir.resolve(f));
            }
            Files.delete(dir);
        }
    }

    @Test
    @RuleId("TH3")
    @DisplayName("a read blocked on an empty pipe ends with InterruptedIOException when its thread is interrupted")
    default void interruptedRead() throws Exception {
        requires(Capability.REAL_KERNEL, KitThreads.SIMULATED);
        assertInterruptEndsRead(Executors.newSingleThreadExecutor());
    }

    @Test
    @RuleId("TH4")
    @DisplayName("a virtual thread's read blocked on an empty pipe ends with InterruptedIOException on interrupt")
    default void interruptedVirtualRead() throws Exception {
        requires(Capability.REAL_KERNEL, KitThreads.SIMULATED);
        assertInterruptEndsRead(KitThreads.virtualThreads());
    }

    private void assertInterruptEndsRead(ExecutorService pool) throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        AtomicBoolean flag = new AtomicBoolean();
        try (Spawned s = Spawn.of(Command.of("/bin/sleep", "1000")).stdout(Redirect.pipe()).start(local())) {
            try {
                CompletableFuture<Throwable> ended = KitThreads.blockedRead(pool, s.stdout(), reading, flag);
                reading.await();
                Thread.sleep(200); // in the read by now
                long start = System.nanoTime();
                pool.shutdownNow(); // interrupts the reader
                Throwable t = ended.get(2, TimeUnit.SECONDS);
                assertThat(t).isInstanceOf(InterruptedIOException.class);
                assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
                assertThat(flag.get()).as("the interrupt flag is still set").isTrue();
                assertThat(s.process().deathState()).as("the program still runs").isEmpty();
            } finally {
                // without the interrupt working, killing the program ends the read (EOF)
                s.process().kill(Signal.SIGKILL);
                KitThreads.stop(pool);
            }
        }
    }

    @Test
    @RuleId("TH5")
    @DisplayName("closing a stream from another thread wakes its blocked reader with an IOException")
    default void closeWakesReader() throws Exception {
        requires(Capability.REAL_KERNEL, KitThreads.SIMULATED);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        CountDownLatch reading = new CountDownLatch(1);
        try (Spawned s = Spawn.of(Command.of("/bin/sleep", "1000")).stdout(Redirect.pipe()).start(local())) {
            try {
                CompletableFuture<Throwable> ended = KitThreads.blockedRead(pool, s.stdout(), reading,
                        new AtomicBoolean());
                reading.await();
                Thread.sleep(200); // in the read by now
                s.stdout().close();
                Throwable t = ended.get(2, TimeUnit.SECONDS);
                assertThat(t).isInstanceOf(IOException.class)
                        .isNotInstanceOf(InterruptedIOException.class).hasMessageContaining("closed");
                assertThatThrownBy(() -> s.stdout().read()).isInstanceOf(IOException.class)
                        .hasMessageContaining("closed");
            } finally {
                s.process().kill(Signal.SIGKILL);
                KitThreads.stop(pool);
            }
        }
    }

    @Test
    @RuleId("TH6")
    @DisplayName("the backend's application executor runs tasks that spawn and wait, answers their futures and"
            + " terminates on shutdown")
    default void applicationExecutorRunsSpawningTasks() throws Exception {
        ExecutorService pool = kernel().backend().newApplicationExecutor();
        try {
            List<Future<Integer>> statuses = pool.invokeAll(List.of(() -> exitStatusOf(3), () -> exitStatusOf(4)));
            Future<Integer> third = pool.submit(() -> exitStatusOf(5));
            assertThat(statuses.get(0).get()).isEqualTo(3);
            assertThat(statuses.get(1).get()).isEqualTo(4);
            assertThat(third.get()).isEqualTo(5);
        } finally {
            pool.shutdown();
        }
        // on a simulated kernel this wait is a point of its schedule; on a real one the pool's threads end
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).as("terminated after shutdown").isTrue();
    }

    @Test
    @RuleId("TH7")
    @DisplayName("platform and virtual threads waiting for one child, a timed wait and onExit all get the state of"
            + " the one reap, and a timed wait that runs out leaves the child alive")
    default void platformAndVirtualWaitersShareOneReap() throws Exception {
        requires(Capability.REAL_KERNEL, KitThreads.SIMULATED);
        ExecutorService virtuals = KitThreads.virtualThreads();
        ExecutorService platforms = Executors.newFixedThreadPool(2);
        try (Spawned s = Spawn.of(Command.of("/bin/sh", "-c", "read x; exit 7")).stdin(Redirect.pipe())
                .start(local())) {
            dev.jsyscall.handle.ChildProcess p = s.process();
            CompletableFuture<dev.jsyscall.linux.wait.ChildState> onExit = p.onExit();
            List<Future<dev.jsyscall.linux.wait.ChildState>> waits = new ArrayList<>();
            waits.add(platforms.submit(() -> p.waitForExit()));
            waits.add(platforms.submit(() -> p.waitForExit(java.time.Duration.ofSeconds(30)).orElseThrow()));
            waits.add(virtuals.submit(() -> p.waitForExit()));
            // both platform threads are blocked (or about to be) while the child reads: a short wait times out
            assertThat(p.waitForExit(java.time.Duration.ofMillis(50))).isEmpty();
            assertThat(p.deathState()).isEmpty();
            s.stdin().write('\n');
            s.stdin().flush();
            dev.jsyscall.linux.wait.ChildState state = p.waitForExit();
            assertThat(state.exitStatus()).isEqualTo(7);
            for (Future<dev.jsyscall.linux.wait.ChildState> w : waits) {
                assertThat(w.get(10, TimeUnit.SECONDS)).isSameAs(state);
            }
            assertThat(onExit.get(10, TimeUnit.SECONDS)).isSameAs(state);
        } finally {
            platforms.shutdownNow();
            KitThreads.stop(virtuals);
        }
    }

    @Test
    @RuleId("TH8")
    @DisplayName("a platform thread interrupted before it waits for a live child throws at once, keeps its interrupt,"
            + " and the child can be waited for again")
    default void interruptedBeforeWaiting() throws Exception {
        requires(Capability.REAL_KERNEL, "the simulated kernel runs a wait on the caller's thread, which it schedules");
        try (Spawned s = Spawn.of(Command.of("/bin/sh", "-c", "read x; exit 5")).stdin(Redirect.pipe()).start(local())) {
            dev.jsyscall.handle.ChildProcess p = s.process();
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            Thread waiter = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    p.waitForExit();
                    failure.complete(null);
                } catch (RuntimeException e) {
                    failure.complete(Thread.currentThread().isInterrupted() ? e : new AssertionError("flag lost", e));
                }
            });
            waiter.start();
            assertThat(failure.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(dev.jsyscall.handle.WaitInterruptedException.class);
            waiter.join();
            assertThat(p.deathState()).isEmpty();
            s.stdin().close();
            assertThat(p.waitForExit().exitStatus()).isEqualTo(5);
        }
    }

    @Test
    @RuleId("TH9")
    @DisplayName("closing the kernel ends a platform thread's wait for a live child with MisuseException, as it"
            + " fails every onExit future, instead of leaving the thread blocked until the child exits")
    default void kernelCloseEndsAPlatformWait() throws Exception {
        requires(Capability.REAL_KERNEL, "a simulated kernel's waits are syscalls that its close answers itself");
        int pid;
        int pidfd;
        Kernel own = Kernel.open(kernel().backendId());
        try {
            Spawned s = Spawn.of(Command.of("/bin/sleep", "1000")).start(own.localTask());
            pid = s.process().near().id();
            pidfd = s.process().pidfd().orElseThrow().near().number();
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            CountDownLatch waiting = new CountDownLatch(1);
            Thread waiter = new Thread(() -> {
                waiting.countDown();
                try {
                    ended.complete(new AssertionError("returned " + s.process().waitForExit()));
                } catch (RuntimeException e) {
                    ended.complete(e);
                }
            });
            waiter.start();
            waiting.await();
            Thread.sleep(200);   // into its blocking wait (a close before it is refused the same way)
            own.close();
            own = null;
            assertThat(ended.get(10, TimeUnit.SECONDS)).isInstanceOf(dev.jsyscall.MisuseException.class)
                    .hasMessageContaining("closed");
            waiter.join(10_000);
            assertThat(waiter.isAlive()).isFalse();
        } finally {
            if (own != null) {
                own.close();
            }
        }
        endOutlivedChild(pid, pidfd);   // the child and its pidfd outlive their kernel's handles
    }

    @Test
    @RuleId("TH10")
    @DisplayName("a platform thread's read that must wait blocks in the kernel itself: reading a program's output"
            + " to its end and waiting for it start no readiness loop")
    default void platformReadStartsNoLoop() throws Exception {
        requires(Capability.REAL_KERNEL, "only a real kernel has a readiness loop");
        try (Kernel own = Kernel.open(kernel().backendId())) {
            LocalTask task = own.localTask();
            try (Spawned s = Spawn.of(Command.of("/bin/sh", "-c", "sleep 0.2; echo late")).stdout(Redirect.pipe())
                    .start(task)) {
                // the program writes after a pause, so the first read finds the pipe empty and must wait
                assertThat(new String(s.stdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("late\n");
                assertThat(s.process().waitForExit().isCleanExit()).isTrue();
            }
            assertThat(task.ownFds()).as("the fds of a readiness loop, had one started").isEmpty();
        }
    }

    @Test
    @RuleId("TH11")
    @DisplayName("a platform thread's write blocked on a full pipe ends with InterruptedIOException on interrupt,"
            + " keeps the flag and counts the bytes written")
    default void interruptedPlatformWrite() throws Exception {
        requires(Capability.REAL_KERNEL, KitThreads.SIMULATED);
        dev.jsyscall.handle.Pipe p = local().pipe2(Fcntl.O_CLOEXEC);
        try (OutputStream out = local().outputStream(p.write())) {
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            AtomicBoolean flag = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                try {
                    out.write(new byte[1 << 20]);   // more than a pipe holds: blocks once it is full
                    ended.complete(new AssertionError("the write returned"));
                } catch (Throwable t) {
                    flag.set(Thread.currentThread().isInterrupted());
                    ended.complete(t);
                }
            });
            writer.start();
            Thread.sleep(200);   // blocked by now
            writer.interrupt();
            Throwable t = ended.get(2, TimeUnit.SECONDS);
            assertThat(t).isInstanceOf(InterruptedIOException.class);
            assertThat(((InterruptedIOException) t).bytesTransferred).as("bytes written before it blocked")
                    .isPositive().isLessThan(1 << 20);
            assertThat(flag.get()).as("the interrupt flag is still set").isTrue();
            writer.join(10_000);
        } finally {
            p.read().close();
        }
    }

    @Test
    @RuleId("TH12")
    @DisplayName("closing a stream from another thread wakes its platform writer blocked on a full pipe with an"
            + " IOException, and the stream stays closed")
    default void closeWakesPlatformWriter() throws Exception {
        requires(Capability.REAL_KERNEL, KitThreads.SIMULATED);
        dev.jsyscall.handle.Pipe p = local().pipe2(Fcntl.O_CLOEXEC);
        OutputStream out = local().outputStream(p.write());
        try {
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            Thread writer = new Thread(() -> {
                try {
                    out.write(new byte[1 << 20]);
                    ended.complete(new AssertionError("the write returned"));
                } catch (Throwable t) {
                    ended.complete(t);
                }
            });
            writer.start();
            Thread.sleep(200);   // blocked by now
            out.close();
            assertThat(ended.get(2, TimeUnit.SECONDS)).isInstanceOf(IOException.class)
                    .isNotInstanceOf(InterruptedIOException.class).hasMessageContaining("closed");
            assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class).hasMessageContaining("closed");
            writer.join(10_000);
        } finally {
            out.close();
            p.read().close();
        }
    }

    @Test
    @RuleId("TH13")
    @DisplayName("closing the kernel ends a platform thread's read blocked on an empty pipe with an IOException,"
            + " and the close returns after the reader left its syscall")
    default void kernelCloseEndsAPlatformRead() throws Exception {
        requires(Capability.REAL_KERNEL, "a simulated kernel's reads are syscalls that its close answers itself");
        int readFd;
        int writeFd;
        Kernel own = Kernel.open(kernel().backendId());
        try {
            dev.jsyscall.handle.Pipe p = own.localTask().pipe2(Fcntl.O_CLOEXEC);
            readFd = p.read().near().number();
            writeFd = p.write().near().number();
            java.io.InputStream in = own.localTask().inputStream(p.read());
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    ended.complete(new AssertionError("the read returned " + in.read()));
                } catch (Throwable t) {
                    ended.complete(t);
                }
            });
            reader.start();
            Thread.sleep(200);   // blocked by now
            own.close();
            own = null;
            // the close waited for the reader to leave ppoll: it has ended (or is ending) without being woken again
            assertThat(ended.get(2, TimeUnit.SECONDS)).isInstanceOf(IOException.class)
                    .isNotInstanceOf(InterruptedIOException.class).hasMessageContaining("closed");
            reader.join(10_000);
            assertThat(reader.isAlive()).isFalse();
        } finally {
            if (own != null) {
                own.close();
            }
        }
        // the pipe outlives its kernel's handles: close it through the suite's
        local().call(dev.jsyscall.linux.unistd.Unistd.close(readFd));
        local().call(dev.jsyscall.linux.unistd.Unistd.close(writeFd));
    }

    private int exitStatusOf(int status) {
        try (Spawned s = Spawn.of(Command.of("/bin/sh", "-c", "exit " + status)).start(local())) {
            return s.process().onExit().join().exitStatus();
        }
    }
}
