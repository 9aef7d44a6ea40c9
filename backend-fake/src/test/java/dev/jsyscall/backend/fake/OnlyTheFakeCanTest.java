// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.ChildProcessException;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.Pipe;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.wait.ChildState;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the fake makes routine and the real kernel produces only rarely, through the api as users see it:
 * pid reuse on demand, a child dying at any point of its set-up, and replayable interleavings.
 */
class OnlyTheFakeCanTest {

    @Test
    @DisplayName("after a forced pid wrap, a stale ChildProcess refuses to signal the new owner of its old pid")
    void stalePidAfterWrap() {
        FakeKernel fake = FakeKernel.builder().pidMax(12).build();
        try (Kernel kernel = Kernel.open(fake)) {
            LocalTask local = kernel.localTask();
            ChildProcess old;
            try (Spawned s = Spawn.of(Command.of("/bin/true")).start(local)) {
                old = s.process();
                assertThat(s.waitForExit().isCleanExit()).isTrue();
            }
            int stalePid = old.near().id();
            Spawned owner = null;
            Set<Spawned> others = new HashSet<>();
            for (int i = 0; i < 20 && owner == null; i++) {
                Spawned s = Spawn.of(Command.of("/bin/sleep", "1000")).start(local);
                if (s.process().near().id() == stalePid) {
                    owner = s;
                } else {
                    others.add(s);
                }
            }
            assertThat(owner).as("pid %d came round again", stalePid).isNotNull();
            assertThatThrownBy(() -> old.kill(Signal.SIGKILL)).isInstanceOf(ChildProcessException.NotAlive.class)
                    .hasMessageContaining("may belong to another process");
            assertThat(fake.processInfo(stalePid)).containsEntry("exe", "/bin/sleep");
            // a plain kill(pid) through a raw Process would have hit the new owner: that is what it protects from
            local.makeProcess(stalePid).kill(Signal.SIGTERM);
            assertThat(owner.waitForExit().signal()).isEqualTo(Signal.SIGTERM);
            owner.close();
            for (Spawned s : others) {
                s.process().kill(Signal.SIGKILL);
                s.waitForExit();
                s.close();
            }
        }
    }

    @Test
    @DisplayName("a child killed before any one of its set-up syscalls fails the spawn cleanly, leaking nothing")
    void killedAtEverySetUpStep() {
        for (long victim = 1; victim <= 40; victim++) {
            long target = victim;
            FakeKernel fake = FakeKernel.builder().seed(victim).build();
            try (Kernel kernel = Kernel.open(fake)) {
                LocalTask local = kernel.localTask();
                SortedMap<Integer, String> fdsBefore = fake.fds(fake.localPid());
                int localPid = fake.localPid();
                // kill the first child at its N-th syscall; once it has exec'd, sequence numbers restart, so
                // only count syscalls made before the exec
                boolean[] execd = {false};
                fake.setSyscallHook(e -> {
                    if (e.pid() == localPid || execd[0]) {
                        return null;
                    }
                    if (e.name().equals("execve") && e.sequence() < target) {
                        execd[0] = true;
                        return null;
                    }
                    return e.sequence() == target ? SyscallHook.Action.signal(Local.SIGKILL) : null;
                });
                Spawn spawn = Spawn.of(Command.of("/bin/echo", "set up")).cwd("/tmp").umask(027).nice(3)
                        .stdout(Redirect.devNull()).newProcessGroup();
                try {
                    ChildState s = spawn.run(local);
                    if (execd[0]) {
                        assertThat(s.isCleanExit()).as("victim %d: never killed", target).isTrue();
                    } else {
                        // killed just before execve: the driver sees the same EOF as a successful exec, so the spawn
                        // "succeeds" and the state says what happened
                        assertThat(s.signal()).as("victim %d", target).isEqualTo(Signal.SIGKILL);
                    }
                } catch (RuntimeException e) {
                    assertThat(e).as("victim %d", target).hasMessageContaining("SIGKILL");
                }
                fake.setSyscallHook(null);
                assertThat(fake.fds(localPid)).as("victim %d: no fd leaked", target).isEqualTo(fdsBefore);
                assertThat(new Local(fake).waitid(Local.P_ALL, 0, Local.WEXITED | Local.WNOHANG | Local.__WALL).ret)
                        .as("victim %d: no child or zombie left", target).isEqualTo(-10 /* ECHILD */);
            }
        }
    }

    @Test
    @DisplayName("killSession finds every process group of the child's session through the simulated /proc")
    void killSession() throws Exception {
        // a job that makes its own process group, then waits: what a shell with job control would start
        SimulatedProgram job = ctx -> {
            ctx.check(dev.jsyscall.linux.Syscall.SETPGID, 0, 0);
            ctx.sleep(java.time.Duration.ofSeconds(1000));
            return 0;
        };
        FakeKernel fake = FakeKernel.builder().program("/usr/bin/job", job).build();
        try (Kernel kernel = Kernel.open(fake)) {
            LocalTask local = kernel.localTask();
            try (Spawned s = Spawn.of(Command.of("/bin/sh", "-c", "/usr/bin/job & /usr/bin/job & echo $!; "
                    + "exec sleep 1000")).setsid().stdout(Redirect.pipe()).start(local)) {
                java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(s.stdout(),
                        StandardCharsets.UTF_8));
                int lastJob = Integer.parseInt(r.readLine().trim());
                int leader = s.process().near().id();
                assertThat(fake.processInfo(lastJob)).containsEntry("sid", leader).containsEntry("pgid", lastJob);
                Local raw = new Local(fake);
                int pidfd = (int) raw.ok(dev.jsyscall.linux.Syscall.PIDFD_OPEN, lastJob, 0);
                java.util.List<Integer> groups = s.process().killSession(Signal.SIGKILL);
                assertThat(groups).contains(leader, lastJob).hasSize(3);
                assertThat(s.waitForExit().signal()).isEqualTo(Signal.SIGKILL);
                // as on Linux, the job dies when it next runs: wait for its pidfd to say so
                long pfd = raw.alloc(8);
                raw.putInt(pfd, pidfd);
                raw.putInt(pfd + 4, 1);
                assertThat(raw.ok(dev.jsyscall.linux.Syscall.POLL, pfd, 1, -1)).isEqualTo(1);
                raw.ok(dev.jsyscall.linux.Syscall.CLOSE, pidfd);
                assertThat(fake.processInfo(lastJob)).as("the orphaned job was killed and reaped by init").isNull();
            }
        }
    }

    /** Two shells echo lines into one pipe; returns what we read and the trace hash. */
    static Object[] interleaving(long seed) {
        FakeKernel fake = FakeKernel.builder().seed(seed).build();
        try (Kernel kernel = Kernel.open(fake)) {
            LocalTask local = kernel.localTask();
            try (Pipe p = local.pipe2(Fcntl.O_CLOEXEC); Pipe go = local.pipe2(Fcntl.O_CLOEXEC)) {
                // both wait for a line on a shared stdin, so that they run at the same time once it comes
                String loop = "read x; echo %1$s1; echo %1$s2; echo %1$s3; echo %1$s4; echo %1$s5";
                Spawned a = Spawn.of(Command.of("/bin/sh", "-c", String.format(loop, "a")))
                        .stdin(Redirect.fd(go.read())).stdout(Redirect.fd(p.write())).start(local);
                Spawned b = Spawn.of(Command.of("/bin/sh", "-c", String.format(loop, "b")))
                        .stdin(Redirect.fd(go.read())).stdout(Redirect.fd(p.write())).start(local);
                p.write().close();
                go.write().write("go\ngo\n".getBytes(StandardCharsets.UTF_8));
                StringBuilder sb = new StringBuilder();
                for (byte[] chunk = p.read().read(4096); chunk.length > 0; chunk = p.read().read(4096)) {
                    sb.append(new String(chunk, StandardCharsets.UTF_8));
                }
                assertThat(a.waitForExit().isCleanExit()).isTrue();
                assertThat(b.waitForExit().isCleanExit()).isTrue();
                a.close();
                b.close();
                return new Object[] {sb.toString().replace('\n', ' '), fake.traceHash()};
            }
        }
    }

    @Test
    @DisplayName("one seed replays the same interleaving and trace; different seeds interleave differently")
    void seeds() {
        Object[] first = interleaving(7);
        Object[] again = interleaving(7);
        assertThat(again).containsExactly(first);
        Map<String, Long> seen = new java.util.HashMap<>();
        for (long seed = 1; seed <= 10; seed++) {
            Object[] r = interleaving(seed);
            seen.put((String) r[0], (Long) r[1]);
        }
        assertThat(seen.keySet()).as("interleavings over 10 seeds").hasSizeGreaterThanOrEqualTo(3);
        for (String s : seen.keySet()) {
            assertThat(s.split(" ")).containsExactlyInAnyOrder("a1", "a2", "a3", "a4", "a5", "b1", "b2", "b3", "b4",
                    "b5");
        }
    }

    @Test
    @DisplayName("a getuid refused in the JVM (as a seccomp filter may) fails a user-namespace spawn naming getuid")
    void userNamespaceChecksGetuid() {
        FakeKernel fake = FakeKernel.builder().build();
        try (Kernel kernel = Kernel.open(fake)) {
            LocalTask local = kernel.localTask();
            fake.setSyscallHook(e -> e.isLocal() && e.name().equals("getuid")
                    ? SyscallHook.Action.fail(dev.jsyscall.linux.Errno.EPERM) : null);
            // unchecked, -EPERM became uid -1 and the spawn failed later, writing a uid_map the kernel refuses
            assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).userNamespace(0, 0).start(local))
                    .isInstanceOf(dev.jsyscall.SpawnFailedException.class).cause()
                    .isInstanceOfSatisfying(dev.jsyscall.linux.ErrnoException.class, e -> {
                        assertThat(e.syscall()).isEqualTo("getuid");
                        assertThat(e.errno()).isEqualTo(dev.jsyscall.linux.Errno.EPERM);
                    });
            fake.setSyscallHook(null);
        }
    }
}
