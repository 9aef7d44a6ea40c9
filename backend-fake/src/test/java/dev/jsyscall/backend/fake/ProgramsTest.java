// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.linux.Syscall;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProgramsTest {

    /** Output and wait status of a program run in a driven child with stdout and stderr in one pipe. */
    static final class Result {
        String out;
        int status;
        long virtualNanos;
    }

    static Result run(FakeKernel k, String... argv) {
        return runIn(k, "/", argv);
    }

    static Result runIn(FakeKernel k, String cwd, String... argv) {
        Local l = new Local(k);
        int[] out = l.pipe(Local.O_CLOEXEC);
        Local.Driven c = l.spawn();
        c.ok(Syscall.DUP2, out[1], 1);
        c.ok(Syscall.DUP2, out[1], 2);
        c.ok(Syscall.CHDIR, l.cstr(cwd));
        long before = k.monotonicNanos();
        long r = c.exec(argv[0].startsWith("/") ? argv[0] : "/bin/" + argv[0], List.of(argv),
                List.of("PATH=/usr/bin:/bin", "HOME=/root"));
        assertThat(r).isEqualTo(Local.Driven.EOF);
        c.closeChannel();
        l.ok(Syscall.CLOSE, out[1]);
        Result res = new Result();
        res.out = l.readAll(out[0]);
        res.status = (int) l.wait4(c.pid, 0)[1];
        res.virtualNanos = k.monotonicNanos() - before;
        l.ok(Syscall.CLOSE, out[0]);
        return res;
    }

    @Test
    @DisplayName("true, false, echo and echo -n")
    void basics() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            assertThat(run(k, "true").status).isZero();
            assertThat(run(k, "false").status).isEqualTo(0x100);
            assertThat(run(k, "echo", "a", "b").out).isEqualTo("a b\n");
            assertThat(run(k, "echo", "-n", "a").out).isEqualTo("a");
        }
    }

    @Test
    @DisplayName("cat copies files and stdin, and reports a missing file")
    void cat() {
        try (FakeKernel k = FakeKernel.builder().file("/tmp/f", "file\n".getBytes(StandardCharsets.UTF_8), 0644)
                .build()) {
            assertThat(run(k, "cat", "/tmp/f", "/tmp/f").out).isEqualTo("file\nfile\n");
            Result r = run(k, "cat", "/tmp/missing");
            assertThat(r.out).isEqualTo("cat: /tmp/missing: No such file or directory\n");
            assertThat(r.status).isEqualTo(0x100);
            assertThat(run(k, "cat").out).as("stdin is /dev/null").isEmpty();
        }
    }

    @Test
    @DisplayName("sleep waits on the virtual clock")
    void sleep() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Result r = run(k, "sleep", "90");
            assertThat(r.status).isZero();
            assertThat(r.virtualNanos).isBetween(90_000_000_000L, 90_001_000_000L);
            assertThat(run(k, "sleep", "0.25").virtualNanos).isBetween(250_000_000L, 251_000_000L);
            assertThat(run(k, "sleep", "soon").status).isEqualTo(0x100);
        }
    }

    @Test
    @DisplayName("pwd and env")
    void pwdEnv() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            assertThat(runIn(k, "/tmp", "pwd").out).isEqualTo("/tmp\n");
            assertThat(run(k, "/usr/bin/env").out).isEqualTo("PATH=/usr/bin:/bin\nHOME=/root\n");
            assertThat(run(k, "/usr/bin/env", "-i", "X=1", "env").out).isEqualTo("X=1\n");
            Result missing = run(k, "/usr/bin/env", "nothere");
            assertThat(missing.status).isEqualTo(127 << 8);
            assertThat(missing.out).contains("nothere");
        }
    }

    @Test
    @DisplayName("sh -c: sequences, && and ||, $?, exit N")
    void shellLists() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            assertThat(run(k, "sh", "-c", "echo one; echo two").out).isEqualTo("one\ntwo\n");
            assertThat(run(k, "sh", "-c", "true && echo yes || echo no").out).isEqualTo("yes\n");
            assertThat(run(k, "sh", "-c", "false && echo yes || echo no").out).isEqualTo("no\n");
            assertThat(run(k, "sh", "-c", "false; echo $?").out).isEqualTo("1\n");
            assertThat(run(k, "sh", "-c", "exit 3").status).isEqualTo(3 << 8);
            assertThat(run(k, "sh", "-c", "/bin/false").status).isEqualTo(1 << 8);
            assertThat(run(k, "sh", "-c", "echo 'single $HOME' \"double $HOME\" \\$HOME").out)
                    .isEqualTo("single $HOME double /root $HOME\n");
            assertThat(run(k, "sh", "-c", "X=5; echo $X ${X}x", "sh").out).isEqualTo("5 5x\n");
            assertThat(run(k, "sh", "-c", "echo $0 $1 $#", "name", "first").out).isEqualTo("name first 1\n");
        }
    }

    @Test
    @DisplayName("sh -c: external commands, not found (127), redirections and pipelines")
    void shellCommands() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Result nf = run(k, "sh", "-c", "nosuchcmd");
            assertThat(nf.status).isEqualTo(127 << 8);
            assertThat(nf.out).isEqualTo("sh: 1: nosuchcmd: not found\n");
            assertThat(run(k, "sh", "-c", "echo hi > /tmp/o; cat /tmp/o; echo more >> /tmp/o; cat < /tmp/o").out)
                    .isEqualTo("hi\nhi\nmore\n");
            assertThat(run(k, "sh", "-c", "cat /nope 2>&1").out).contains("No such file");
            assertThat(run(k, "sh", "-c", "/bin/echo piped | cat | cat").out).isEqualTo("piped\n");
            assertThat(run(k, "sh", "-c", "A=b env | cat").out).contains("A=b");
        }
    }

    @Test
    @DisplayName("sh -c: kill, including the shell killing itself")
    void shellKill() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            assertThat(run(k, "sh", "-c", "kill -TERM $$").status).isEqualTo(15);
            assertThat(run(k, "sh", "-c", "kill -s KILL $$; echo not reached").status).isEqualTo(9);
            Result none = run(k, "sh", "-c", "kill 30000");
            assertThat(none.status).isEqualTo(1 << 8);
            assertThat(none.out).isEqualTo("sh: 1: kill: No such process\n");
        }
    }

    @Test
    @DisplayName("sh reports what it does not support")
    void shellUnsupported() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Result r = run(k, "sh", "-c", "trap 'echo x' INT");
            assertThat(r.status).isEqualTo(2 << 8);
            assertThat(r.out).contains("not supported");
            assertThat(run(k, "sh", "-c", "true && sleep 1 &").out).contains("not supported");
            assertThat(run(k, "sh", "-c", "echo x &").out).contains("background builtins are not supported");
        }
    }

    @Test
    @DisplayName("sh: background jobs, $!, wait, and read")
    void shellJobs() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Result r = run(k, "sh", "-c", "sleep 5 & echo started $!; wait $!; echo waited $?");
            assertThat(r.out).matches("started \\d+\nwaited 0\n");
            assertThat(r.virtualNanos).isGreaterThanOrEqualTo(5_000_000_000L);
            Result killed = run(k, "sh", "-c", "sleep 100 & kill -9 $!; wait $!; echo $?");
            assertThat(killed.out).isEqualTo("137\n");
            assertThat(killed.virtualNanos).isLessThan(1_000_000_000L);
            assertThat(run(k, "sh", "-c", "echo 'a b c' > /tmp/in; read x y < /tmp/in; echo $y/$x").out)
                    .isEqualTo("b c/a\n");
            assertThat(run(k, "sh", "-c", "read x < /dev/null; echo $?").out).isEqualTo("1\n");
        }
    }

    @Test
    @DisplayName("/bin/kill signals processes like the builtin")
    void killProgram() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            assertThat(run(k, "sh", "-c", "sleep 100 & /bin/kill -TERM $!; wait $!; echo $?").out).isEqualTo("143\n");
            Result none = run(k, "/bin/kill", "-0", "31000");
            assertThat(none.status).isEqualTo(1 << 8);
            assertThat(none.out).isEqualTo("kill: No such process\n");
        }
    }

    @Test
    @DisplayName("exec in sh replaces the shell")
    void shellExec() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Result r = run(k, "sh", "-c", "exec echo replaced; echo not reached");
            assertThat(r.out).isEqualTo("replaced\n");
            assertThat(r.status).isZero();
        }
    }

    @Test
    @DisplayName("a program that makes a syscall of the local process fails clearly instead of hanging")
    void programUsingLocalSyscalls() {
        FakeKernel[] self = new FakeKernel[1];
        try (FakeKernel k = FakeKernel.builder().program("/usr/bin/confused", ctx -> {
            self[0].localSyscalls().syscall(39, 0, 0, 0, 0, 0, 0);
            return 0;
        }).build()) {
            self[0] = k;
            Result r = run(k, "/usr/bin/confused");
            assertThat(r.status).isEqualTo(1 << 8);
            assertThat(r.out).contains("IllegalStateException", "ProgramContext.syscalls()");
        }
    }

    @Test
    @DisplayName("user programs get their own syscalls and memory, and can spawn children")
    void userProgram() {
        try (FakeKernel k = FakeKernel.builder().program("/usr/bin/parent", ctx -> {
            int pid = ctx.spawn("/bin/echo", List.of("echo", "from child"), ctx.envp(), java.util.Map.of());
            int status = ctx.waitFor(pid);
            ctx.print(1, "child " + (pid > ctx.pid() ? "after" : "before") + " parent, status " + status + "\n");
            return 0;
        }).build()) {
            Result r = run(k, "/usr/bin/parent");
            assertThat(r.out).isEqualTo("from child\nchild after parent, status 0\n");
        }
    }

    @Test
    @DisplayName("a program whose spawn fails closes each end of the child's channel once")
    void failedSpawnClosesOnce() {
        try (FakeKernel k = FakeKernel.builder().keepFullTrace().program("/usr/bin/parent", ctx -> {
            try {
                ctx.spawn("/no/such", List.of("such"), ctx.envp(), java.util.Map.of());
            } catch (dev.jsyscall.linux.ErrnoException e) {
                ctx.print(1, e.errno() + "\n");
            }
            return 0;
        }).build()) {
            Result r = run(k, "/usr/bin/parent");
            assertThat(r.out).isEqualTo("ENOENT\n");
            assertThat(k.trace()).filteredOn(t -> t.contains(" close(")).isNotEmpty()
                    .noneMatch(t -> t.endsWith("= -EBADF"));
        }
    }
}
