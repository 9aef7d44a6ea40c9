// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static dev.jsyscall.testkit.KitSupport.Output;
import static dev.jsyscall.testkit.KitSupport.assertNotRunning;
import static dev.jsyscall.testkit.KitSupport.isRunning;
import static dev.jsyscall.testkit.KitSupport.output;
import static dev.jsyscall.testkit.KitSupport.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.SpawnFailedException;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.ChildDiedException;
import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.ExecFailedException;
import dev.jsyscall.handle.FileDescriptor;
import dev.jsyscall.handle.Pointer;
import dev.jsyscall.handle.Process;
import dev.jsyscall.handle.ProcessFailedException;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.resource.Resource;
import dev.jsyscall.linux.resource.Rlimit;
import dev.jsyscall.linux.signal.SigSet;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.unistd.Unistd;
import dev.jsyscall.linux.wait.ChildState;
import dev.jsyscall.spi.Capability;
import dev.jsyscall.spi.decorator.FaultInjectingBackend;
import dev.jsyscall.struct.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Spawning: set-up steps run inside the child (cwd, environment, groups, limits, signals), then exec;
 * failures are typed and nothing is left behind; the spawned child is checked, closed, watched and killed with
 * its session. Fds and redirects are {@link SpawnFdContract}'s, the batch that carries the set-up
 * {@link SetupBatchContract}'s.
 * Composed into a backend's suite with one nested class:
 *
 * <pre>{@code
 * @Nested class Area implements SpawnContract {
 *     public Kernel kernel() { return MySuite.this.kernel(); }
 * }
 * }</pre>
 *
 * @since 0.2
 */
@SuppressWarnings("try") // leases and borrows are held for the scope of their try blocks
public interface SpawnContract extends ConformanceArea {

    @Test
    @RuleId("SP1")
    @DisplayName("cwd is set by a chdir in the child")
    default void cwd() {
        Output o = output(local(), Spawn.of(Command.of("/bin/pwd")).cwd("/tmp"));
        assertThat(o.stdout()).isEqualTo("/tmp\n");
        assertThat(o.state().isCleanExit()).isTrue();
    }

    @Test
    @RuleId("SP2")
    @DisplayName("a set-up step that fails names the step, and the child is killed and reaped")
    default void failingStep() {
        assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).cwd("/nonexistent-dir").start(local()))
                .isInstanceOfSatisfying(SpawnFailedException.class,
                        e -> assertThat(e.step()).isEqualTo("chdir(path=/nonexistent-dir)"))
                .hasMessageContaining("ENOENT").hasMessageContaining("chdir(path=/nonexistent-dir)");
    }

    @Test
    @RuleId("SP8")
    @DisplayName("environment variables are added, removed, or cleared")
    default void environment() {
        Output o = output(local(), Spawn.of(Command.of("/usr/bin/env").clearEnv().env("A", "1").env("B", "two")));
        assertThat(o.stdout()).isEqualTo("A=1\nB=two\n");
        Output inherited = output(local(), Spawn.of(Command.of("/usr/bin/env").env("JSYSCALL_X", "y")));
        assertThat(inherited.stdout()).contains("JSYSCALL_X=y\n");
        Output removed = output(local(), Spawn.of(Command.of("/usr/bin/env").env("JSYSCALL_X", "y")
                .unsetEnv("JSYSCALL_X")));
        assertThat(removed.stdout()).doesNotContain("JSYSCALL_X");
    }

    @Test
    @RuleId("SP9")
    @DisplayName("arguments and environment given as bytes reach the program byte for byte")
    default void bytesReachTheProgram() throws Exception {
        // none of these is valid UTF-8: a String round trip would turn each into EF BF BD
        byte[] e9 = {(byte) 0xE9};
        byte[] ff80 = {(byte) 0xFF, (byte) 0x80};
        Command echo = Command.ofBytes("/bin/echo".getBytes(StandardCharsets.US_ASCII), e9, ff80)
                .argsBytes(new byte[] {'a', (byte) 0xC3});
        assertThat(stdoutBytes(Spawn.of(echo)))
                .isEqualTo(new byte[] {(byte) 0xE9, ' ', (byte) 0xFF, (byte) 0x80, ' ', 'a', (byte) 0xC3, '\n'});
        Command env = Command.of("/usr/bin/env").clearEnv().envBytes(new byte[] {'V'}, ff80)
                .envBytes(new byte[] {'N', (byte) 0xE9}, e9);
        assertThat(stdoutBytes(Spawn.of(env))).isEqualTo(new byte[] {
            'V', '=', (byte) 0xFF, (byte) 0x80, '\n', 'N', (byte) 0xE9, '=', (byte) 0xE9, '\n'});
    }

    /** Starts {@code spawn} with stdout on a pipe and returns the bytes it wrote, after a clean exit. */
    private byte[] stdoutBytes(Spawn spawn) throws java.io.IOException {
        try (Spawned s = spawn.stdout(Redirect.pipe()).start(local())) {
            byte[] out = s.stdout().readAllBytes();
            assertThat(s.waitForExit().isCleanExit()).as("%s exited cleanly", spawn).isTrue();
            return out;
        }
    }

    @Test
    @RuleId("SP20")
    @DisplayName("setsid makes the program a session and group leader")
    default void setsid() {
        try (Spawned s = Spawn.of(Command.of("/bin/sleep", "1000")).setsid().start(local())) {
            int pid = s.process().near().id();
            assertThat(local().makeProcess(pid).getsid()).isEqualTo(pid);
            assertThat(s.process().getpgid().id()).isEqualTo(pid);
            // raw: this JVM's own session may have no number here (a container entered from another session)
            assertThat(local().call(Unistd.getsid(0))).isNotEqualTo(pid);
        }
    }

    @Test
    @RuleId("SP21")
    @DisplayName("a program can lead a new process group or join another child's, and killpg reaches both")
    default void processGroups() {
        try (Spawned leader = Spawn.of(Command.of("/bin/sleep", "1000")).newProcessGroup().start(local());
             Spawned member = Spawn.of(Command.of("/bin/sleep", "1000")).processGroupOf(leader.process())
                     .start(local())) {
            int pgid = leader.process().near().id();
            assertThat(member.process().getpgid().id()).isEqualTo(pgid);
            leader.process().killpg(Signal.SIGTERM);
            assertThat(leader.waitForExit().signal()).isEqualTo(Signal.SIGTERM);
            assertThat(member.waitForExit().signal()).isEqualTo(Signal.SIGTERM);
        }
    }

    @Test
    @RuleId("SP22")
    @DisplayName("nice and resource limits are set in the child")
    default void niceAndLimits() {
        try (Spawned s = Spawn.of(Command.of("/bin/sleep", "1000")).nice(7)
                .rlimit(Resource.RLIMIT_NOFILE, new Rlimit(64, 128)).start(local())) {
            assertThat(s.process().getpriority()).isEqualTo(7);
            assertThat(s.process().getrlimit(Resource.RLIMIT_NOFILE)).isEqualTo(new Rlimit(64, 128));
        }
    }

    @Test
    @RuleId("SP23")
    @DisplayName("the program starts with the signal mask asked for, empty by default")
    default void signalMask() {
        String script = "kill -TERM $$; echo survived";
        assertThat(output(local(), sh(script)).state().signal()).isEqualTo(Signal.SIGTERM);
        Output blocked = output(local(), sh(script).signalMask(SigSet.of(Signal.SIGTERM)));
        assertThat(blocked.stdout()).isEqualTo("survived\n");
    }

    @Test
    @RuleId("SP24")
    @DisplayName("a signal can be ignored or reset to its default action for the program")
    default void dispositions() {
        String script = "kill -USR1 $$; echo survived";
        assertThat(output(local(), sh(script).ignoreSignal(Signal.SIGUSR1)).stdout()).isEqualTo("survived\n");
        assertThat(output(local(), sh(script).ignoreSignal(Signal.SIGUSR1).defaultSignal(Signal.SIGUSR1)).state()
                .signal()).isEqualTo(Signal.SIGUSR1);
        // refused when the step is made, before any child exists
        assertThatThrownBy(() -> sh(script).ignoreSignal(Signal.SIGKILL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SIGKILL");
    }

    @Test
    @RuleId("SP25")
    @DisplayName("umask is set in the child")
    default void umask() {
        assertThat(output(local(), sh("umask").umask(027)).stdout()).isEqualTo("0027\n");
    }

    @Test
    @RuleId("SP26")
    @DisplayName("the child starts with every signal blocked and the JVM's caught handlers reset")
    default void childStartsClean() {
        ChildTask c = child();
        assertThat(c.sigmask().contains(Signal.SIGTERM)).isTrue();
        assertThat(c.sigmask().contains(Signal.SIGCHLD)).isTrue();
        Pointer<byte[]> old = local().allocator().allocateBytes(32);
        try (Pointer<byte[]>.Borrow b = old.borrow(c)) {
            // the JVM catches SIGSEGV (and SIGBUS, SIGFPE...): the child must not run those handlers
            ErrnoException.check(c.sysif().syscall(Syscall.RT_SIGACTION.number(c.arch()), Signal.SIGSEGV.number(),
                    0, b.address(), SigSet.KERNEL_SIZE, 0, 0), Syscall.RT_SIGACTION);
        }
        assertThat(Bytes.le(old.read()).getLong(0)).as("SIGSEGV handler in the child").isZero();
        old.free();
        c.exitGroup(0);
        c.childProcess().waitForExit();
    }

    @Test
    @RuleId("SP27")
    @DisplayName("exec failures are typed and name the path: ENOENT, EACCES, E2BIG, and ENOEXEC from a raw execve")
    default void execFailures() {
        assertExecFails(Command.of("/nonexistent/prog"), Errno.ENOENT);
        assertExecFails(Command.of("/etc/passwd"), Errno.EACCES);
        String junk = "/tmp/jsyscall-noexec-" + local().pid().id();
        ChildTask c = child();
        try (FileDescriptor f = c.open(junk, Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_TRUNC | Fcntl.O_CLOEXEC,
                0755)) {
            f.write(new byte[] {0x7f, 'N', 'O', 'T', 'E', 'L', 'F', '\n'});
        }
        c.exitGroup(0);
        c.childProcess().waitForExit();
        // a Spawn runs such a file with /bin/sh, as execvp does (PathSearchContract); execve itself refuses it
        ChildTask raw = child();
        assertThatThrownBy(() -> raw.exec(Command.of(junk)))
                .isInstanceOfSatisfying(ExecFailedException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.ENOEXEC);
                    assertThat(e.path()).isEqualTo(junk);
                });
        raw.exitGroup(0);
        raw.childProcess().waitForExit();
        assertThat(Spawn.of(Command.of("/bin/rm", junk)).run(local()).isCleanExit()).isTrue();
        assertExecFails(Command.of("/bin/true", "x".repeat(200_000)), Errno.E2BIG);
    }

    private void assertExecFails(Command cmd, Errno errno) {
        assertThatThrownBy(() -> Spawn.of(cmd).run(local()))
                .isInstanceOfSatisfying(ExecFailedException.class, e -> {
                    assertThat(e.errno()).isEqualTo(errno);
                    assertThat(e.path()).isEqualTo(cmd.executable());
                });
    }

    @Test
    @RuleId("SP28")
    @DisplayName("a child killed during set-up is reported as killed, and reaped")
    default void killedDuringSetup() {
        assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true"))
                .then("kill myself", c -> c.makeProcess(c.getpid()).kill(Signal.SIGKILL))
                .start(local()))
                .isInstanceOfSatisfying(ChildDiedException.class, d -> {
                    assertThat(d.syscall()).isEqualTo("kill");
                    assertThat(d.state().kind()).isEqualTo(ChildState.Kind.KILLED);
                    assertThat(d.state().signal()).isEqualTo(Signal.SIGKILL);
                })
                .hasMessageContaining("killed by SIGKILL during set-up");
    }

    @Test
    @RuleId("SP29")
    @DisplayName("whenCloned gets the child before any set-up step, and a SIGKILL from it fails start, reaped")
    default void whenClonedComesFirst() {
        List<String> order = new ArrayList<>();
        ChildState ran = Spawn.of(Command.of("/bin/true")).then("step", c -> order.add("step"))
                .whenCloned(p -> order.add("observer " + p.near().id())).run(local());
        assertThat(order).containsExactly("observer " + ran.pid(), "step");

        List<ChildProcess> seen = new ArrayList<>();
        assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).cwd("/").whenCloned(p -> {
            seen.add(p);
            p.kill(Signal.SIGKILL);
        }).start(local()))
                .isInstanceOfSatisfying(ChildDiedException.class, d -> {
                    assertThat(d.state().signal()).isEqualTo(Signal.SIGKILL);
                    assertThat(d.state().pid()).isEqualTo(seen.get(0).near().id());
                });
        assertThat(seen.get(0).deathState()).as("reaped by start").isPresent();

        assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).whenCloned(p -> {
            seen.add(p);
            throw new IllegalStateException("observer refuses");
        }).start(local()))
                .isInstanceOfSatisfying(SpawnFailedException.class,
                        e -> assertThat(e.step()).isEqualTo("whenCloned observer"))
                .hasMessageContaining("observer refuses");
        assertThat(seen.get(1).deathState()).as("reaped by start").isPresent();
    }

    @Test
    @RuleId("SP30")
    @DisplayName("check throws with the command and state unless the exit is clean")
    default void check() {
        ChildProcess ok;
        try (ChildTask c = child()) {
            ok = c.exec(Command.of("/bin/true"));
        }
        assertThat(ok.check().exitStatus()).isZero();
        ChildProcess bad;
        try (ChildTask c = child()) {
            bad = c.exec(Command.of("/bin/false"));
        }
        assertThatThrownBy(bad::check).isInstanceOfSatisfying(ProcessFailedException.class, e -> {
            assertThat(e.command()).isEqualTo(Command.of("/bin/false"));
            assertThat(e.state().exitStatus()).isEqualTo(1);
        }).hasMessageContaining("/bin/false").hasMessageContaining("exited with status 1");
        assertThat(local().run(Command.of("/bin/sh", "-c", "exit 4")).exitStatus()).isEqualTo(4);
    }

    @Test
    @RuleId("SP31")
    @DisplayName("closing a live child kills and reaps it; closing a dead one does nothing")
    default void closeKills() {
        ChildProcess p = sleeper();
        p.close();
        assertThat(p.deathState()).hasValueSatisfying(s -> assertThat(s.signal()).isEqualTo(Signal.SIGKILL));
        p.close();
    }

    @Test
    @RuleId("SP32")
    @DisplayName("children get a pidfd, closed once they are reaped")
    default void pidfd() {
        requires(Capability.PIDFD);
        ChildProcess p = sleeper();
        FileDescriptor fd = p.pidfd().orElseThrow();
        assertThat(fd.isOpen()).isTrue();
        p.kill(Signal.SIGKILL);
        p.waitForExit();
        assertThat(p.pidfd()).isEmpty();
        assertThat(fd.isOpen()).isFalse();
    }

    @Test
    @RuleId("SP33")
    @DisplayName("onExit completes when the child exits, for many children without a thread each")
    default void onExit() throws Exception {
        requires(Capability.PIDFD);
        // other kernels of this JVM (Kernel.shared(), another backend's suite) may have their own loop already
        long pollersBefore = ConformanceArea.pollerThreads();
        List<java.util.concurrent.CompletableFuture<ChildState>> futures = new ArrayList<>();
        List<ChildProcess> children = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ChildProcess p;
            try (ChildTask c = child()) {
                p = c.exec(Command.of("/bin/sh", "-c", "exit " + i));
            }
            children.add(p);
            futures.add(p.onExit());
        }
        for (int i = 0; i < 20; i++) {
            ChildState s = futures.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(s.exitStatus()).isEqualTo(i);
            assertThat(children.get(i).deathState()).contains(s);
        }
        long watchers = ConformanceArea.pollerThreads();
        if (kernel().capabilities().contains(Capability.REAL_KERNEL)) {
            // one loop per kernel, on two threads that take turns (one waits while the other serves)
            assertThat(watchers).as("readiness-loop threads: at most this kernel's two more for 20 children")
                    .isBetween(Math.max(1, pollersBefore), pollersBefore + 2);
        } else {
            // a simulated kernel is entered by no thread of the api's own: the waiters reap (docs/dst.md)
            assertThat(watchers).as("readiness loops on a simulated kernel").isEqualTo(pollersBefore);
        }
    }

    @Test
    @RuleId("SP34")
    @DisplayName("concurrent spawns from many threads each get their own channel and finish cleanly")
    default void concurrentSpawns() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> outs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String word = "w" + i;
                outs.add(pool.submit(() -> output(local(), Spawn.of(Command.of("/bin/echo", word))).stdout()));
            }
            for (int i = 0; i < 40; i++) {
                assertThat(outs.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("w" + i + "\n");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @RuleId("SP35")
    @DisplayName("1000 spawns in a row, half failing exec and some killed during set-up, leave nothing behind")
    default void thousandSpawns() {
        int ok = 0;
        int failed = 0;
        int killed = 0;
        for (int i = 0; i < 1000; i++) {
            if (i % 2 == 1) {
                try {
                    Spawn.of(Command.of("/nonexistent/" + i)).run(local());
                } catch (ExecFailedException e) {
                    failed++;
                }
            } else if (i % 10 == 0) {
                try {
                    Spawn.of(Command.of("/bin/true")).then("die", c -> c.makeProcess(c.getpid())
                            .kill(Signal.SIGKILL)).run(local());
                } catch (ChildDiedException e) {
                    killed++;
                }
            } else if (Spawn.of(Command.of("/bin/true")).cwd("/").run(local()).isCleanExit()) {
                ok++;
            }
        }
        assertThat(failed).isEqualTo(500);
        assertThat(killed).isEqualTo(100);
        assertThat(ok).isEqualTo(400);
    }

    @Test
    @RuleId("SP36")
    @DisplayName("killSession signals every process group of a session the child leads")
    default void killSession() throws Exception {
        requires(Capability.REAL_KERNEL, "the session's jobs are made by perl's setpgrp, a real program");
        // two jobs in process groups of their own inside the leader's session (dash has no job control
        // without a terminal, so perl's setpgrp makes the groups); stderr must not reach the build's pipes
        String job = "perl -e 'setpgrp(0, 0); exec qw(sleep 1000)' & echo $!; ";
        List<Integer> jobs = new ArrayList<>();
        try (Spawned s = sh(job + job + "exec sleep 1000").setsid().stdout(Redirect.pipe()).stderr(Redirect.devNull())
                .start(local())) {
            java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(s.stdout(),
                    StandardCharsets.UTF_8));
            jobs.add(Integer.parseInt(r.readLine().trim()));
            jobs.add(Integer.parseInt(r.readLine().trim()));
            int leader = s.process().near().id();
            for (int job1 : jobs) {
                assertThat(local().makeProcess(job1).getsid()).isEqualTo(leader);
                // echo $! runs as soon as the job is forked; wait for perl to have made its group
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (local().makeProcess(job1).getpgid().id() != job1 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(local().makeProcess(job1).getpgid().id()).isEqualTo(job1);
            }
            List<Integer> groups = s.process().killSession(Signal.SIGKILL);
            assertThat(groups).containsExactlyInAnyOrder(jobs.get(0), jobs.get(1), leader);
            assertThat(s.waitForExit().signal()).isEqualTo(Signal.SIGKILL);
            for (int job1 : jobs) {
                assertNotRunning(job1);
            }
        } finally {
            for (int job1 : jobs) {
                try {
                    local().makeProcess(job1).kill(Signal.SIGKILL);
                } catch (ErrnoException gone) {
                    // already dead, as it should be
                }
            }
        }
    }

    @Test
    @RuleId("SP37")
    @DisplayName("a JVM killed with SIGKILL leaves no child running: EOF ends a driven child, PDEATHSIG a program")
    default void parentDeath() throws Exception {
        requires(Capability.REAL_KERNEL, "a second JVM with its own kernel is killed; a simulated kernel"
                + " lives and dies with its JVM");
        java.lang.Process jvm = new ProcessBuilder(ParentDeathProbe.command(kernel().backendId()))
                .redirectErrorStream(true).start();
        try {
            java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
                    jvm.getInputStream(), StandardCharsets.UTF_8));
            int driven = pidFrom(r, "driven ");
            int program = pidFrom(r, "pdeathsig ");
            assertThat(isRunning(driven)).isTrue();
            assertThat(isRunning(program)).isTrue();
            jvm.destroyForcibly();   // SIGKILL: no shutdown hook, no finally block runs
            jvm.waitFor();
            assertNotRunning(driven);
            assertNotRunning(program);
        } finally {
            jvm.destroyForcibly();
            jvm.waitFor();
        }
    }

    private int pidFrom(java.io.BufferedReader r, String prefix) throws java.io.IOException {
        while (true) {
            String line = r.readLine();
            assertThat(line).as("the probe JVM ended before printing '%s'", prefix).isNotNull();
            if (line.startsWith(prefix)) {
                return Integer.parseInt(line.substring(prefix.length()).trim());
            }
        }
    }

    @Test
    @RuleId("SP38")
    @DisplayName("a pipe2 that fails before the clone (the child's channel) names 'pipe2' as the failed step, not"
            + " 'clone', and leaves nothing behind")
    default void channelPipeFailureNamesPipe2() {
        FaultInjectingBackend faulty = FaultInjectingBackend.builder(new KeptOpenBackend(kernel().backend()))
                .fail(Syscall.PIPE2, Errno.EMFILE).build();
        try (Kernel k = Kernel.open(faulty)) {
            long bytes = k.localTask().allocator().bytesInUse();
            assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).start(k.localTask()))
                    .isInstanceOfSatisfying(SpawnFailedException.class, e -> {
                        assertThat(e.step()).isEqualTo("pipe2");
                        assertThat(e.getCause()).isInstanceOfSatisfying(ErrnoException.class,
                                c -> assertThat(c.errno()).isEqualTo(Errno.EMFILE));
                    })
                    .hasMessageStartingWith("set-up step 'pipe2' failed before the clone for ")
                    .hasMessageContaining("/bin/true").hasMessageContaining("EMFILE");
            assertThat(faulty.injected()).as("the channel's first pipe2 failed, and nothing was cloned after it")
                    .isEqualTo(1);
            assertThat(k.localTask().allocator().bytesInUse()).isEqualTo(bytes);
        }
    }
}
