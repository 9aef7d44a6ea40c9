// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.reliability;

import dev.jsyscall.Kernel;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.SpawnFailedException;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.ChildDiedException;
import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.ChildProcessException;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.ExecFailedException;
import dev.jsyscall.handle.FileDescriptor;
import dev.jsyscall.handle.FileDescriptorClosedException;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.NotDrivenException;
import dev.jsyscall.handle.PidfdProcess;
import dev.jsyscall.handle.Pipe;
import dev.jsyscall.handle.Pointer;
import dev.jsyscall.handle.PointerStateException;
import dev.jsyscall.handle.ProcessFailedException;
import dev.jsyscall.handle.WrittenPointer;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.resource.Resource;
import dev.jsyscall.linux.resource.Rlimit;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.wait.ChildState;
import dev.jsyscall.linux.wait.WaitOption;
import dev.jsyscall.struct.Bytes;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The reliability suite: every scenario on ffm and on jnr, each judged by a {@link Census} before and after (see
 * {@link Scenario}). Short by default; {@code -Dreliability.long=true} multiplies the iterations. The figures go to
 * {@code target/reliability-report.md}; docs/reliability.md says which guarantee each scenario checks.
 */
@DisplayName("reliability")
class ReliabilityTest {
    private static final Map<String, Kernel> KERNELS = new ConcurrentHashMap<>();
    private static final Duration SHORT = Duration.ofSeconds(3);

    static Kernel kernel(String id) {
        return KERNELS.computeIfAbsent(id, Kernel::open);
    }

    @AfterAll
    static void closeKernels() {
        Report.print();
        KERNELS.values().forEach(Kernel::close);
    }

    /** A call whose refusal is being checked. */
    interface Step {
        void run() throws Exception;
    }

    /**
     * Checks that {@code step} throws {@code expected} at once (bounded: a hang is recorded); {@code unblock} runs if
     * it hangs.
     */
    static void refuses(Scenario s, String what, Class<? extends Throwable> expected, Step step, Runnable unblock) {
        Scenario.Outcome<Object> o = s.bounded(what, SHORT, () -> {
            step.run();
            return "normally";
        }, unblock);
        if (o.hung() || o.error() == null || !expected.isInstance(o.error())) {
            s.fail(what + ": expected " + expected.getName() + " at once, but it " + o.describe());
        }
    }

    static void refuses(Scenario s, String what, Class<? extends Throwable> expected, Step step) {
        refuses(s, what, expected, step, () -> { });
    }

    static void checkDecoys(Scenario s, Decoy... decoys) {
        for (Decoy d : decoys) {
            String damage = d.damage();
            if (damage != null) {
                s.fail(damage);
            }
        }
    }

    /** The JVM's fd numbers that {@code after} has and {@code before} had not, whose targets start with a prefix. */
    static List<Integer> newFds(Set<String> before, Set<String> after, String... prefixes) {
        List<Integer> out = new ArrayList<>();
        for (String f : after) {
            if (before.contains(f)) {
                continue;
            }
            String target = f.substring(f.indexOf(" -> ") + 4);
            if (Arrays.stream(prefixes).anyMatch(target::startsWith)) {
                out.add(Integer.parseInt(f.substring(0, f.indexOf(' '))));
            }
        }
        return out;
    }

    static void killByPid(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("use after close or consume")
    class UseAfterClose {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ffm", "jnr"})
        @DisplayName("a closed file descriptor refuses every call and never reaches the file now on its number")
        void fileDescriptor(String backend) {
            Scenario.run("closed FileDescriptor", kernel(backend), Duration.ofSeconds(30), s -> {
                Pipe pipe = s.local.pipe2(Fcntl.O_CLOEXEC);
                FileDescriptor r = pipe.read();
                FileDescriptor w = pipe.write();
                pipe.close();
                try (Decoy dr = Decoy.on(s.local, r.near().number()); Decoy dw = Decoy.on(s.local, w.near().number())) {
                    Pointer<byte[]> buf = s.local.allocator().allocateBytes(16);
                    Class<FileDescriptorClosedException> closed = FileDescriptorClosedException.class;
                    try {
                        refuses(s, "read(16) on a closed fd", closed, () -> r.read(16));
                        refuses(s, "read(Pointer) on a closed fd", closed, () -> r.read(buf, 16));
                        refuses(s, "write(byte[]) on a closed fd", closed,
                                () -> w.write("stale".getBytes(StandardCharsets.UTF_8)));
                        refuses(s, "write(Pointer) on a closed fd", closed, () -> w.write(buf, 16));
                        refuses(s, "getFdFlags() on a closed fd", closed, w::getFdFlags);
                        refuses(s, "dup3(200) on a closed fd", closed,
                                () -> r.dup3(200, Fcntl.O_CLOEXEC));
                        refuses(s, "number() of a closed fd", closed, () -> r.number(s.local));
                        refuses(s, "forTask() of a closed fd", closed, () -> r.forTask(s.local));
                        r.close(); // closing twice is a no-op: the number names the application's file now
                        w.close();
                    } finally {
                        buf.free();
                    }
                    if (Census.fdTarget(200).isPresent()) {
                        s.fail("dup3 of a closed fd opened fd 200: " + Census.fdTarget(200).get());
                    }
                    checkDecoys(s, dr, dw);
                }
            });
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ffm", "jnr"})
        @DisplayName("a freed or consumed pointer refuses every call and never touches the memory's next owner")
        void pointer(String backend) {
            Scenario.run("freed/consumed Pointer", kernel(backend), Duration.ofSeconds(30), s -> {
                Pointer<byte[]> p = s.local.allocator().allocateBytes(64);
                WrittenPointer<byte[]> w = p.write(new byte[64]);
                refuses(s, "read() of a consumed pointer", PointerStateException.class, p::read);
                refuses(s, "write() of a consumed pointer", PointerStateException.class, () -> p.write(new byte[1]));
                refuses(s, "free() of a consumed pointer", PointerStateException.class, p::free);
                refuses(s, "borrow() of a consumed pointer", PointerStateException.class, () -> p.borrow(s.local));
                w.free();
                byte[] mine = new byte[64];
                Arrays.fill(mine, (byte) 0x5a);
                WrittenPointer<byte[]> next = s.local.allocator().write(Bytes.RAW, mine);
                try {
                    refuses(s, "write() of a freed pointer", PointerStateException.class, () -> w.write(new byte[64]));
                    refuses(s, "read() of a freed pointer", PointerStateException.class, w::read);
                    refuses(s, "free() of a freed pointer", PointerStateException.class, w::free);
                    refuses(s, "split() of a freed pointer", PointerStateException.class, () -> w.split(8));
                    refuses(s, "borrow() of a freed pointer", PointerStateException.class, () -> w.borrow(s.local));
                    if (!Arrays.equals(next.read(), mine)) {
                        s.fail("the memory's next owner was changed through a freed pointer");
                    }
                } finally {
                    next.free();
                }
            });
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ffm", "jnr"})
        @DisplayName("a child task closed before exec is killed and reaped, and refuses every call at once")
        void childTaskClosedBeforeExec(String backend) {
            Scenario.run("ChildTask closed before exec", kernel(backend), Duration.ofSeconds(60), s -> {
                Set<String> before = Census.fds();
                ChildTask child = s.local.cloneChild();
                s.track(child.childProcess());
                child.chdir("/");
                List<Integer> channel = newFds(before, Census.fds(), "pipe:", "socket:");
                child.close();
                if (child.childProcess().deathState().isEmpty()) {
                    s.fail("ChildTask.close() before exec left child " + child.childProcess().near().id()
                            + " unreaped (state " + Census.stat(child.childProcess().near().id())
                            .map(st -> String.valueOf(st.state())).orElse("gone") + ")");
                }
                List<Decoy> decoys = new ArrayList<>();
                try {
                    for (int n : channel) {
                        decoys.add(Decoy.on(s.local, n));
                    }
                    refuses(s, "chdir after ChildTask.close()", NotDrivenException.class, () -> child.chdir("/tmp"));
                    refuses(s, "getpid after ChildTask.close()", NotDrivenException.class, child::getpid);
                    refuses(s, "umask after ChildTask.close()", NotDrivenException.class, () -> child.umask(022));
                    refuses(s, "batch().setsid().run() after ChildTask.close()", NotDrivenException.class,
                            () -> child.batch().setsid().run());
                    refuses(s, "exec after ChildTask.close()", NotDrivenException.class,
                            () -> child.exec(s.command("/bin/true")));
                    checkDecoys(s, decoys.toArray(new Decoy[0]));
                } finally {
                    decoys.forEach(Decoy::close);
                }
            });
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ffm", "jnr"})
        @DisplayName("a child task refuses every call at once after its exec")
        void childTaskAfterExec(String backend) {
            Scenario.run("ChildTask after exec", kernel(backend), Duration.ofSeconds(60), s -> {
                ChildTask child = s.local.cloneChild();
                ChildProcess p = child.exec(s.command("/bin/sleep", "1000"));
                s.spawns.incrementAndGet();
                s.track(p);
                Runnable unblock = () -> killByPid(p.near().id());
                try {
                    refuses(s, "chdir after exec", NotDrivenException.class, () -> child.chdir("/tmp"), unblock);
                    refuses(s, "getpid after exec", NotDrivenException.class, child::getpid, unblock);
                    refuses(s, "exec after exec", NotDrivenException.class,
                            () -> child.exec(s.command("/bin/true")), unblock);
                    child.close();
                    refuses(s, "chdir after exec and close", NotDrivenException.class, () -> child.chdir("/"),
                            unblock);
                } finally {
                    child.close();
                    p.close();
                }
            });
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ffm", "jnr"})
        @DisplayName("a reaped child process refuses every call with NotAlive and never reaches its old pidfd number")
        void childProcessAfterReap(String backend) {
            Scenario.run("ChildProcess after reap", kernel(backend), Duration.ofSeconds(60), s -> {
                ChildProcess p;
                try (ChildTask c = s.local.cloneChild()) {
                    p = c.exec(s.command("/bin/sleep", "1000"));
                }
                s.spawns.incrementAndGet();
                s.track(p);
                int pidfdNumber = p.pidfd().map(fd -> fd.near().number()).orElse(-1);
                p.kill(Signal.SIGKILL);
                ChildState state = p.waitForExit();
                Class<ChildProcessException.NotAlive> na = ChildProcessException.NotAlive.class;
                try (Decoy d = pidfdNumber < 0 ? null : Decoy.on(s.local, pidfdNumber)) {
                    refuses(s, "kill(SIGTERM) after reap", na, () -> p.kill(Signal.SIGTERM));
                    refuses(s, "killpg(SIGTERM) after reap", na, () -> p.killpg(Signal.SIGTERM));
                    refuses(s, "killSession(SIGTERM) after reap", na, () -> p.killSession(Signal.SIGTERM));
                    refuses(s, "getpgid() after reap", na, p::getpgid);
                    refuses(s, "setpgid(itself) after reap", na, () -> p.setpgid(p));
                    refuses(s, "getsid() after reap", na, p::getsid);
                    refuses(s, "getrlimit() after reap", na, () -> p.getrlimit(Resource.RLIMIT_NOFILE));
                    refuses(s, "setpriority(5) after reap", na, () -> p.setpriority(5));
                    refuses(s, "getpriority() after reap", na, p::getpriority);
                    refuses(s, "borrow() after reap", na, p::borrow);
                    refuses(s, "waitForStateChange(WNOHANG) after reap", na,
                            () -> p.waitForStateChange(EnumSet.of(WaitOption.WEXITED, WaitOption.WNOHANG)));
                    if (!state.equals(p.waitForExit()) || !state.equals(p.onExit().join())) {
                        s.fail("waitForExit/onExit after reap did not return the reaped state " + state);
                    }
                    p.close();
                    if (d != null) {
                        checkDecoys(s, d);
                    }
                }
            });
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ffm", "jnr"})
        @DisplayName("a closed Spawned and its streams refuse every call and never reach the files now on their numbers")
        void spawnedAfterClose(String backend) {
            Scenario.run("Spawned and streams after close", kernel(backend), Duration.ofSeconds(60), s -> {
                Set<String> before = Census.fds();
                Spawned sp = Spawn.of(s.command("/bin/cat")).stdin(Redirect.pipe()).stdout(Redirect.pipe())
                        .stderr(Redirect.pipe()).start(s.local);
                s.spawns.incrementAndGet();
                s.track(sp.process());
                List<Integer> streams = newFds(before, Census.fds(), "pipe:");
                sp.close();
                List<Decoy> decoys = new ArrayList<>();
                try {
                    for (int n : streams) {
                        decoys.add(Decoy.on(s.local, n));
                    }
                    Class<Exception> closedStream = Exception.class; // IOException or IllegalStateException
                    refuses(s, "stdin().write(int) after close", closedStream, () -> sp.stdin().write('x'));
                    refuses(s, "stdin().write(byte[]) after close", closedStream, () -> sp.stdin().write(new byte[8]));
                    refuses(s, "stdout().read() after close", closedStream, () -> sp.stdout().read());
                    refuses(s, "stderr().read(byte[]) after close", closedStream, () -> sp.stderr().read(new byte[8]));
                    refuses(s, "process().kill(SIGTERM) after close", ChildProcessException.NotAlive.class,
                            () -> sp.process().kill(Signal.SIGTERM));
                    if (sp.state().isEmpty() || !sp.state().get().equals(sp.waitForExit())) {
                        s.fail("after Spawned.close() the state is " + sp.state() + ", not the reaped state");
                    }
                    sp.close();
                    checkDecoys(s, decoys.toArray(new Decoy[0]));
                } finally {
                    decoys.forEach(Decoy::close);
                }
            });
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ffm", "jnr"})
        @DisplayName("a closed pidfd process refuses every call and neither the process nor the file on its number changes")
        void pidfdProcessAfterClose(String backend) {
            Scenario.run("PidfdProcess after close", kernel(backend), Duration.ofSeconds(60), s -> {
                try (Spawned sleeper = Spawn.of(s.command("/bin/sleep", "1000")).start(s.local)) {
                    s.spawns.incrementAndGet();
                    s.track(sleeper.process());
                    long pid = sleeper.process().near().id();
                    Thread.sleep(50); // the program has exec'd: its state no longer changes by itself
                    String stateBefore = Census.stat(pid).map(Object::toString).orElse("gone");
                    PidfdProcess pp = s.local.pidfdOpen((int) pid);
                    int n = pp.pidfd().near().number();
                    pp.close();
                    Class<FileDescriptorClosedException> closed = FileDescriptorClosedException.class;
                    try (Decoy d = Decoy.on(s.local, n)) {
                        refuses(s, "PidfdProcess.kill(SIGTERM) after close", closed,
                                () -> pp.kill(Signal.SIGTERM));
                        refuses(s, "PidfdProcess.killpg(SIGTERM) after close", closed,
                                () -> pp.killpg(Signal.SIGTERM));
                        refuses(s, "PidfdProcess.setpriority(9) after close", closed,
                                () -> pp.setpriority(9));
                        refuses(s, "PidfdProcess.getpriority() after close", closed,
                                pp::getpriority);
                        refuses(s, "PidfdProcess.getsid() after close", closed, pp::getsid);
                        refuses(s, "PidfdProcess.getpgid() after close", closed, pp::getpgid);
                        refuses(s, "PidfdProcess.getrlimit() after close", closed,
                                () -> pp.getrlimit(Resource.RLIMIT_NOFILE));
                        pp.close();
                        checkDecoys(s, d);
                    }
                    String stateAfter = Census.stat(pid).map(Object::toString).orElse("gone");
                    if (!stateAfter.equals(stateBefore)) {
                        s.fail("a closed PidfdProcess changed process " + pid + ": " + stateBefore + " => "
                                + stateAfter);
                    }
                }
            });
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("failure paths")
    class FailurePaths {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ffm", "jnr"})
        @DisplayName("every failing spawn throws its typed exception and leaves nothing behind")
        void spawnFailures(String backend) {
            Scenario.run("Spawn failures", kernel(backend), Duration.ofSeconds(60), s -> {
                Path script = Files.createTempFile("jsyscall-noexec-", ".sh",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
                try {
                    Files.writeString(script, "#!/bin/sh\nexit 0\n");
                    expectSpawn(s, "bad cwd", Spawn.of(s.command("/bin/true")).cwd("/nonexistent-reliability"),
                            SpawnFailedException.class, null);
                    expectSpawn(s, "ENOENT exec", Spawn.of(s.command("/nonexistent-reliability/prog")),
                            ExecFailedException.class, Errno.ENOENT);
                    // root may execute anything with an execute bit, but not a file without one
                    expectSpawn(s, "EACCES exec (no execute bit)", Spawn.of(s.command(script.toString())),
                            ExecFailedException.class, Errno.EACCES);
                    expectSpawn(s, "EACCES exec (a directory)", Spawn.of(s.command("/tmp")),
                            ExecFailedException.class, Errno.EACCES);
                    // the second setsid fails with EPERM: a batched step that fails inside the child
                    expectSpawn(s, "failing set-up in a batch", Spawn.of(s.command("/bin/true")).umask(022).setsid()
                            .setsid(), SpawnFailedException.class, null);
                    expectSpawn(s, "bad redirect file", Spawn.of(s.command("/bin/true"))
                                    .stdout(Redirect.file("/nonexistent-reliability/out", Redirect.Mode.WRITE)),
                            SpawnFailedException.class, null);
                    expectSpawn(s, "failing then() step", Spawn.of(s.command("/bin/true"))
                                    .then("chdir(/nonexistent)", c -> c.chdir("/nonexistent-reliability")),
                            SpawnFailedException.class, null);
                    try {
                        Spawn.of(s.command("/bin/true")).stdout(Redirect.pipe()).run(s.local);
                        s.fail("run() with a stdout pipe did not throw");
                    } catch (IllegalArgumentException expected) {
                        // refused before any child exists
                    }
                } finally {
                    Files.deleteIfExists(script);
                }
            });
        }

        private void expectSpawn(Scenario s, String what, Spawn spawn, Class<? extends Exception> type, Errno errno) {
            s.spawns.incrementAndGet();
            Scenario.Outcome<Spawned> o = s.bounded(what, Duration.ofSeconds(10), () -> spawn.start(s.local),
                    () -> { });
            if (o.error() == null) {
                s.track(o.value().process());
                o.value().close();
                s.fail(what + ": the spawn succeeded");
            } else if (!type.isInstance(o.error())
                    || errno != null && ((ErrnoException) o.error()).errno() != errno) {
                s.fail(what + ": expected " + type.getName() + (errno == null ? "" : " " + errno) + " but it "
                        + o.describe());
            }
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ffm", "jnr"})
        @DisplayName("the README's by-hand example leaves nothing behind when a set-up step fails")
        void readmeByHandFailingStep(String backend) {
            Scenario.run("README: chdir(/missing) in try-with-resources", kernel(backend), Duration.ofSeconds(30), s -> {
                try (ChildTask child = s.local.cloneChild()) {
                    s.spawns.incrementAndGet();
                    s.track(child.childProcess());
                    child.chdir("/missing");
                    s.fail("chdir(/missing) succeeded");
                } catch (ErrnoException e) {
                    if (e.errno() != Errno.ENOENT) {
                        s.fail("chdir(/missing) threw " + e);
                    }
                }
            });
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ffm", "jnr"})
        @DisplayName("the README's by-hand example leaves nothing behind when the batched exec fails")
        void readmeByHandFailingExec(String backend) {
            Scenario.run("README: batch exec of a missing program", kernel(backend), Duration.ofSeconds(30), s -> {
                try (ChildTask child = s.local.cloneChild()) {
                    s.spawns.incrementAndGet();
                    s.track(child.childProcess());
                    ChildProcess p = child.batch().setsid().umask(027).exec(s.command("/nonexistent-reliability"));
                    p.close();
                    s.fail("exec of a missing program succeeded");
                } catch (ExecFailedException e) {
                    if (e.errno() != Errno.ENOENT) {
                        s.fail("exec threw " + e);
                    }
                }
            });
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ffm", "jnr"})
        @DisplayName("the README's examples run as written and leave nothing behind, failing program included")
        void readmeExamples(String backend) {
            Scenario.run("README examples", kernel(backend), Duration.ofSeconds(30), s -> {
                try (Spawned sp = Spawn.of(s.command("/bin/sh", "-c", "echo $PWD; exit 3"))
                        .cwd("/tmp").setsid().nice(5).rlimit(Resource.RLIMIT_NOFILE, new Rlimit(64, 64))
                        .stdout(Redirect.pipe()).start(s.local)) {
                    s.spawns.incrementAndGet();
                    s.track(sp.process());
                    String out = new String(sp.stdout().readAllBytes(), StandardCharsets.UTF_8);
                    ChildState state = sp.process().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                    if (!out.equals("/tmp\n") || state.exitStatus() != 3) {
                        s.fail("README Spawn example: printed '" + out + "', ended " + state);
                    }
                }
                try (ChildTask child = s.local.cloneChild()) {
                    s.spawns.incrementAndGet();
                    child.chdir("/tmp");
                    ChildProcess p = child.batch().setsid().umask(027).exec(s.command("/bin/false"));
                    s.track(p);
                    p.check();
                    s.fail("check() of /bin/false did not throw");
                } catch (ProcessFailedException expected) {
                    // exit status 1, reaped by check()
                }
            });
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("races")
    class Races {

        /** Kill from another thread while set-up runs; only "child died" and "not alive" are acceptable answers. */
        private void killDuringSetup(Scenario s, boolean virtual, int rounds) {
            List<String> odd = new CopyOnWriteArrayList<>();
            for (int i = 0; i < rounds; i++) {
                ChildTask child = s.local.cloneChild();
                s.spawns.incrementAndGet();
                ChildProcess cp = child.childProcess();
                s.track(cp);
                CountDownLatch go = new CountDownLatch(1);
                long delayNanos = ThreadLocalRandom.current().nextLong(0, 300_000);
                Runnable killer = () -> {
                    try {
                        go.await();
                        java.util.concurrent.locks.LockSupport.parkNanos(delayNanos);
                        cp.kill(Signal.SIGKILL);
                    } catch (ChildProcessException.NotAlive | InterruptedException fine) {
                        // reaped already: the set-up side saw it die
                    } catch (ErrnoException e) {
                        if (e.errno() != Errno.ESRCH) {
                            odd.add("kill: " + e);
                        }
                    } catch (RuntimeException e) {
                        odd.add("kill: " + e);
                    }
                };
                Thread k = virtual ? s.virtual("killer " + i, killer) : s.platform("killer " + i, killer);
                ChildProcess program = null;
                try {
                    go.countDown();
                    for (int j = 0; j < 10; j++) {
                        child.chdir("/");
                        child.umask(022);
                    }
                    program = child.exec(s.command("/bin/true"));
                    program.waitForExit();
                } catch (ChildDiedException expected) {
                    // killed mid-set-up
                } catch (ChildProcessException.NotAlive expected) {
                    // killed and reaped before the next step
                } catch (RuntimeException e) {
                    odd.add("set-up: " + e);
                } finally {
                    child.close();
                    if (program != null) {
                        program.close();
                    }
                }
                s.await(k, Duration.ofSeconds(10));
            }
            if (!odd.isEmpty()) {
                s.fail(odd.size() + " of " + rounds + " rounds ended with an unexpected exception, e.g. "
                        + odd.subList(0, Math.min(5, odd.size())));
            }
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ffm", "jnr"})
        @DisplayName("kill from another platform thread during set-up gives only child-died or not-alive and reaps")
        void killDuringSetupPlatform(String backend) {
            Scenario.run("kill racing set-up (platform threads)", kernel(backend), Duration.ofSeconds(120),
                    s -> killDuringSetup(s, false, Scenario.count(100, 2000)));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ffm", "jnr"})
        @DisplayName("kill from a virtual thread during set-up gives only child-died or not-alive and reaps")
        void killDuringSetupVirtual(String backend) {
            Scenario.run("kill racing set-up (virtual threads)", kernel(backend), Duration.ofSeconds(120),
                    s -> killDuringSetup(s, true, Scenario.count(100, 2000)));
        }

        private void waitersAndKill(Scenario s, boolean virtual, int waiters) throws Exception {
            Spawned sp = Spawn.of(s.command("/bin/sleep", "1000")).start(s.local);
            s.spawns.incrementAndGet();
            ChildProcess p = sp.process();
            s.track(p);
            List<Object> results = new CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < waiters; i++) {
                Runnable w = () -> {
                    try {
                        results.add(p.waitForExit());
                    } catch (RuntimeException e) {
                        results.add(e);
                    }
                };
                threads.add(virtual ? s.virtual("waiter " + i, w) : s.platform("waiter " + i, w));
            }
            Thread.sleep(200); // every waiter is blocked by now
            try {
                p.kill(Signal.SIGKILL);
            } catch (RuntimeException e) {
                s.fail("kill while " + waiters + " threads wait threw " + e);
                killByPid(p.near().id());
            }
            for (Thread t : threads) {
                s.await(t, Duration.ofSeconds(10));
            }
            Set<String> distinct = new TreeSet<>();
            results.forEach(r -> distinct.add(String.valueOf(r)));
            if (results.size() != waiters || distinct.size() != 1 || !(results.get(0) instanceof ChildState)) {
                s.fail(waiters + " waiters got " + distinct + " (" + results.size() + " answers)");
            }
            sp.close();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ffm", "jnr"})
        @DisplayName("four platform threads waiting for one child all get its state, and kill works meanwhile")
        void waitersPlatform(String backend) {
            Scenario.run("4 waiters + kill (platform)", kernel(backend), Duration.ofSeconds(60),
                    s -> waitersAndKill(s, false, 4));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ffm", "jnr"})
        @DisplayName("eight virtual threads waiting for one child all get its state, and kill works meanwhile")
        void waitersVirtual(String backend) {
            Scenario.run("8 waiters + kill (virtual)", kernel(backend), Duration.ofSeconds(60),
                    s -> waitersAndKill(s, true, 8));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ffm", "jnr"})
        @DisplayName("close while another thread waits ends the child and the waiter gets its state")
        void closeWhileWaiting(String backend) {
            Scenario.run("close racing wait", kernel(backend), Duration.ofSeconds(60), s -> {
                for (int i = 0; i < Scenario.count(10, 200); i++) {
                    Spawned sp = Spawn.of(s.command("/bin/sleep", "1000")).start(s.local);
                    s.spawns.incrementAndGet();
                    s.track(sp.process());
                    AtomicReference<Object> got = new AtomicReference<>();
                    Thread w = s.platform("waiter", () -> {
                        try {
                            got.set(sp.process().waitForExit());
                        } catch (RuntimeException e) {
                            got.set(e);
                        }
                    });
                    Thread.sleep(ThreadLocalRandom.current().nextInt(0, 20));
                    Scenario.Outcome<Object> closed = s.bounded("close while waiting", Duration.ofSeconds(10), () -> {
                        sp.close();
                        return null;
                    }, () -> killByPid(sp.process().near().id()));
                    if (closed.error() != null) {
                        s.fail("close while a thread waits " + closed.describe());
                    }
                    s.await(w, Duration.ofSeconds(10));
                    if (!(got.get() instanceof ChildState)) {
                        s.fail("the waiter got " + got.get() + " when another thread closed the child");
                        break;
                    }
                }
            });
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ffm", "jnr"})
        @DisplayName("an interrupted waiter gets an unchecked exception with its interrupt flag still set")
        void interruptedWaiter(String backend) {
            Scenario.run("interrupted waiter", kernel(backend), Duration.ofSeconds(60), s -> {
                try (Spawned sp = Spawn.of(s.command("/bin/sleep", "1000")).start(s.local)) {
                    s.spawns.incrementAndGet();
                    s.track(sp.process());
                    AtomicReference<Object> got = new AtomicReference<>();
                    AtomicReference<Boolean> flag = new AtomicReference<>();
                    Thread w = s.platform("interrupted waiter", () -> {
                        try {
                            got.set(sp.process().waitForExit());
                        } catch (RuntimeException e) {
                            got.set(e);
                        }
                        flag.set(Thread.interrupted());
                    });
                    Thread.sleep(200);
                    w.interrupt();
                    if (!w.join(Duration.ofSeconds(3))) {
                        s.hangs.incrementAndGet();
                        s.fail("HANG: the interrupted waiter is still waiting 3 s after interrupt()\n"
                                + Scenario.threadDump());
                        killByPid(sp.process().near().id());
                        w.join(Duration.ofSeconds(10));
                    }
                    if (!(got.get() instanceof RuntimeException) || !Boolean.TRUE.equals(flag.get())) {
                        s.fail("the interrupted waiter got " + got.get() + " with interrupt flag " + flag.get());
                    }
                }
            });
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ffm", "jnr"})
        @DisplayName("many virtual threads spawn and wait for children without deadlock")
        void virtualThreadsSpawnAndWait(String backend) {
            Scenario.run("virtual threads spawn + wait", kernel(backend), Duration.ofSeconds(90), s -> {
                int n = Scenario.count(32, 512);
                List<String> odd = new CopyOnWriteArrayList<>();
                List<Thread> ts = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int kind = i % 3;
                    ts.add(s.virtual("spawner " + i, () -> {
                        // three ways in: plain, through the clone thread (PDEATHSIG), waiting through onExit()
                        Spawn spawn = Spawn.of(s.command("/bin/sleep", "0.05"));
                        if (kind == 1) {
                            spawn = spawn.parentDeathSignal(Signal.SIGKILL);
                        }
                        try (Spawned sp = spawn.start(s.local)) {
                            s.spawns.incrementAndGet();
                            s.track(sp.process());
                            ChildState st = kind == 2 ? sp.process().onExit().join() : sp.waitForExit();
                            if (!st.isCleanExit()) {
                                odd.add(st.toString());
                            }
                        } catch (RuntimeException e) {
                            odd.add(e.toString());
                        }
                    }));
                }
                for (Thread t : ts) {
                    if (!s.await(t, Duration.ofSeconds(60))) {
                        break;
                    }
                }
                if (!odd.isEmpty()) {
                    s.fail(odd.size() + " of " + n + " virtual spawners failed, e.g. " + odd.get(0));
                }
            });
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ffm", "jnr"})
        @DisplayName("kill, close and two waits on one child from virtual threads all agree and leave nothing")
        void killCloseWaitStorm(String backend) {
            Scenario.run("kill/close/wait storm (virtual)", kernel(backend), Duration.ofSeconds(120), s -> {
                List<String> odd = new CopyOnWriteArrayList<>();
                for (int i = 0; i < Scenario.count(20, 500); i++) {
                    Spawned sp = Spawn.of(s.command("/bin/sleep", "1000")).start(s.local);
                    s.spawns.incrementAndGet();
                    ChildProcess p = sp.process();
                    s.track(p);
                    List<Object> states = new CopyOnWriteArrayList<>();
                    CountDownLatch go = new CountDownLatch(1);
                    List<Thread> ts = new ArrayList<>();
                    for (int w = 0; w < 2; w++) {
                        ts.add(s.virtual("waiter", () -> {
                            try {
                                go.await();
                                states.add(p.waitForExit());
                            } catch (RuntimeException | InterruptedException e) {
                                odd.add("wait: " + e);
                            }
                        }));
                    }
                    ts.add(s.virtual("killer", () -> {
                        try {
                            go.await();
                            p.kill(Signal.SIGKILL);
                        } catch (ChildProcessException.NotAlive fine) {
                            // the closer won
                        } catch (RuntimeException | InterruptedException e) {
                            odd.add("kill: " + e);
                        }
                    }));
                    ts.add(s.virtual("closer", () -> {
                        try {
                            go.await();
                            sp.close();
                        } catch (RuntimeException | InterruptedException e) {
                            odd.add("close: " + e);
                        }
                    }));
                    go.countDown();
                    boolean ok = true;
                    for (Thread t : ts) {
                        ok &= s.await(t, Duration.ofSeconds(10));
                    }
                    if (!ok) {
                        killByPid(p.near().id());
                        break;
                    }
                    if (new HashSet<>(states).size() > 1) {
                        odd.add("waiters disagree: " + states);
                    }
                    sp.close();
                }
                if (!odd.isEmpty()) {
                    s.fail(odd.size() + " unexpected outcomes, e.g. " + odd.subList(0, Math.min(5, odd.size())));
                }
            });
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ffm", "jnr"})
        @DisplayName("sixteen threads spawning at once: no child sees another child's pipes or any fd of ours")
        void concurrentSpawnersIsolated(String backend) {
            int threads = Scenario.count(16, 64);
            Scenario.run(threads + " concurrent spawners", kernel(backend), Duration.ofSeconds(120), s -> {
                List<String> odd = new CopyOnWriteArrayList<>();
                Map<String, String> stdoutPipeOf = new ConcurrentHashMap<>(); // pipe inode -> child
                List<String[]> listings = new CopyOnWriteArrayList<>();
                CountDownLatch go = new CountDownLatch(1);
                List<Thread> ts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    ts.add(s.platform("spawner " + t, () -> {
                        try {
                            go.await();
                            for (int i = 0; i < Scenario.count(3, 20); i++) {
                                try (Spawned sp = Spawn.of(s.command("/bin/ls", "-l", "/proc/self/fd/"))
                                        .stdin(Redirect.devNull()).stdout(Redirect.pipe()).stderr(Redirect.devNull())
                                        .start(s.local)) {
                                    s.spawns.incrementAndGet();
                                    s.track(sp.process());
                                    String out = new String(readAll(sp.stdout()), StandardCharsets.UTF_8);
                                    sp.waitForExit();
                                    String who = "child " + sp.process().near().id();
                                    listings.add(new String[] {who, out});
                                    for (String line : out.split("\n")) {
                                        if (line.matches(".* 1 -> pipe:\\[\\d+\\]")) {
                                            stdoutPipeOf.put(line.substring(line.indexOf("pipe:")), who);
                                        }
                                    }
                                }
                            }
                        } catch (Exception e) {
                            odd.add(e.toString());
                        }
                    }));
                }
                go.countDown();
                for (Thread t : ts) {
                    if (!s.await(t, Duration.ofSeconds(90))) {
                        break;
                    }
                }
                for (String[] l : listings) {
                    for (String line : l[1].split("\n")) {
                        int arrow = line.indexOf(" -> ");
                        if (arrow < 0) {
                            continue;
                        }
                        String[] words = line.substring(0, arrow).trim().split("\\s+");
                        int fd = Integer.parseInt(words[words.length - 1]);
                        String target = line.substring(arrow + 4);
                        String owner = stdoutPipeOf.get(target);
                        if (owner != null && !(fd == 1 && owner.equals(l[0]))) {
                            odd.add(l[0] + " sees " + owner + "'s stdout pipe on fd " + fd);
                        } else if (fd > 2 && !target.startsWith("/proc/")) {
                            odd.add(l[0] + " has fd " + fd + " -> " + target + " (only 0-2 and ls's own dir fd expected)");
                        }
                    }
                }
                if (!odd.isEmpty()) {
                    s.fail(odd.size() + " problems, e.g. " + odd.subList(0, Math.min(5, odd.size())));
                }
            });
        }

        private static byte[] readAll(InputStream in) throws IOException {
            return in.readAllBytes();
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("soak")
    class Soak {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ffm", "jnr"})
        @DisplayName("a mix of successes, failed execs, failed set-ups and kills mid-set-up leaves nothing behind")
        void soak(String backend) {
            int rounds = Scenario.count(500, 10_000);
            Scenario.run("soak", kernel(backend), Duration.ofSeconds(Scenario.LONG ? 1800 : 90), s -> {
                List<String> odd = new CopyOnWriteArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    s.spawns.incrementAndGet();
                    try {
                        switch (i % 4) {
                            case 0 -> {
                                ChildState st = Spawn.of(s.command("/bin/true")).run(s.local);
                                if (!st.isCleanExit()) {
                                    odd.add("true ended " + st);
                                }
                            }
                            case 1 -> {
                                try {
                                    Spawn.of(s.command("/nonexistent-reliability")).start(s.local).close();
                                    odd.add("exec of a missing program succeeded");
                                } catch (ExecFailedException expected) {
                                    // ENOENT
                                }
                            }
                            case 2 -> {
                                try {
                                    Spawn.of(s.command("/bin/true")).cwd("/nonexistent-reliability").start(s.local)
                                            .close();
                                    odd.add("spawn with a missing cwd succeeded");
                                } catch (SpawnFailedException expected) {
                                    // chdir: ENOENT
                                }
                            }
                            default -> {
                                try (ChildTask child = s.local.cloneChild()) {
                                    ChildProcess cp = child.childProcess();
                                    Thread k = s.platform("soak killer", () -> {
                                        try {
                                            cp.kill(Signal.SIGKILL);
                                        } catch (ChildProcessException.NotAlive fine) {
                                            // reaped by the set-up side already
                                        } catch (RuntimeException e) {
                                            odd.add("kill: " + e);
                                        }
                                    });
                                    try {
                                        for (int j = 0; j < 50; j++) {
                                            child.chdir("/");
                                        }
                                    } catch (ChildDiedException | ChildProcessException.NotAlive expected) {
                                        // killed mid-set-up
                                    }
                                    s.await(k, Duration.ofSeconds(10));
                                }
                            }
                        }
                    } catch (RuntimeException e) {
                        odd.add(e.toString());
                    }
                }
                if (!odd.isEmpty()) {
                    s.fail(odd.size() + " of " + rounds + " rounds went wrong, e.g. "
                            + odd.subList(0, Math.min(5, odd.size())));
                }
            });
        }
    }
}
