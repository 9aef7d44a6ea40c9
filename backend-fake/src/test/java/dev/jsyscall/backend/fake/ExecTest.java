// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExecTest {

    /** Prints what exec left it: argv, envp, mask, pending, and the handlers of a few signals. */
    static final SimulatedProgram INSPECT = ctx -> {
        long set = ctx.allocate(8);
        ctx.check(Syscall.RT_SIGPROCMASK, 0, 0, set, 8);
        byte[] b = new byte[8];
        ctx.memory().read(set, b, 0, 8);
        long mask = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        ctx.check(Syscall.RT_SIGPENDING, set, 8);
        ctx.memory().read(set, b, 0, 8);
        long pending = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        StringBuilder h = new StringBuilder();
        long act = ctx.allocate(32);
        for (int sig : new int[] {1, 10, 15}) {
            ctx.check(Syscall.RT_SIGACTION, sig, 0, act, 8);
            byte[] a = new byte[8];
            ctx.memory().read(act, a, 0, 8);
            h.append(java.nio.ByteBuffer.wrap(a).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong()).append(',');
        }
        ctx.print(1, String.join("|", ctx.argv()) + "\n" + String.join("|", ctx.envp()) + "\n"
                + Long.toHexString(mask) + "\n" + Long.toHexString(pending) + "\n" + h + "\n");
        return 0;
    };

    static FakeKernel kernel() {
        return FakeKernel.builder().program("/bin/inspect", INSPECT)
                .file("/tmp/notes.txt", "just text\n".getBytes(StandardCharsets.UTF_8), 0755)
                .file("/tmp/readonly", "x".getBytes(StandardCharsets.UTF_8), 0644)
                .file("/tmp/script", "#!/bin/sh\necho script says $1\n".getBytes(StandardCharsets.UTF_8), 0755)
                .build();
    }

    /** Runs argv in a driven child after {@code setup}, returns stdout. */
    static String run(Local l, java.util.function.Consumer<Local.Driven> setup, String path, List<String> argv,
            List<String> envp) {
        int[] out = l.pipe(Local.O_CLOEXEC);
        Local.Driven c = l.spawn();
        c.ok(Syscall.DUP2, out[1], 1);
        setup.accept(c);
        long r = c.call(Syscall.EXECVE, l.cstr(path), l.cstrs(argv), l.cstrs(envp));
        assertThat(r).as("execve of %s", path).isEqualTo(Local.Driven.EOF);
        c.closeChannel();
        l.ok(Syscall.CLOSE, out[1]);
        String s = l.readAll(out[0]);
        l.waitid(Local.P_PID, c.pid, Local.WEXITED);
        return s;
    }

    @Test
    @DisplayName("execve errors: ENOENT, EACCES, ENOTDIR, ENOEXEC, EFAULT, as Linux orders them")
    void errors() {
        try (FakeKernel k = kernel()) {
            Local l = new Local(k);
            Local.Driven c = l.spawn();
            long argv = l.cstrs(List.of("x"));
            long env = l.cstrs(List.of());
            assertThat(c.call(Syscall.EXECVE, l.cstr("/bin/nope"), argv, env)).isEqualTo(-Errno.ENOENT.number());
            assertThat(c.call(Syscall.EXECVE, l.cstr(""), argv, env)).isEqualTo(-Errno.ENOENT.number());
            assertThat(c.call(Syscall.EXECVE, l.cstr("/tmp/readonly"), argv, env)).isEqualTo(-Errno.EACCES.number());
            assertThat(c.call(Syscall.EXECVE, l.cstr("/tmp"), argv, env)).isEqualTo(-Errno.EACCES.number());
            assertThat(c.call(Syscall.EXECVE, l.cstr("/dev/null"), argv, env)).isEqualTo(-Errno.EACCES.number());
            assertThat(c.call(Syscall.EXECVE, l.cstr("/tmp/notes.txt/x"), argv, env))
                    .isEqualTo(-Errno.ENOTDIR.number());
            assertThat(c.call(Syscall.EXECVE, l.cstr("/tmp/notes.txt"), argv, env)).isEqualTo(-Errno.ENOEXEC.number());
            assertThat(c.call(Syscall.EXECVE, 8, argv, env)).isEqualTo(-Errno.EFAULT.number());
            assertThat(c.call(Syscall.EXECVE, l.cstr("/bin/true"), 8, env)).isEqualTo(-Errno.EFAULT.number());
            long badElem = l.alloc(16);
            l.putLong(badElem, 8);
            l.putLong(badElem + 8, 0);
            assertThat(c.call(Syscall.EXECVE, l.cstr("/bin/true"), badElem, env)).isEqualTo(-Errno.EFAULT.number());
            assertThat(c.call(Syscall.EXECVE, l.cstr("/bin/nope"), badElem, env))
                    .as("the path is looked up before the arguments are copied").isEqualTo(-Errno.ENOENT.number());
            assertThat(c.ok(Syscall.GETPID)).isEqualTo(c.pid);
        }
    }

    @Test
    @DisplayName("E2BIG: one string of 131072 bytes with its NUL is too long, 131071 is fine")
    void maxArgStrlen() {
        try (FakeKernel k = kernel()) {
            Local l = new Local(k);
            Local.Driven c = l.spawn();
            long env = l.cstrs(List.of());
            long big = l.cstrs(List.of("x".repeat(131072)));
            assertThat(c.call(Syscall.EXECVE, l.cstr("/bin/true"), big, env)).isEqualTo(-Errno.E2BIG.number());
            assertThat(c.call(Syscall.EXECVE, l.cstr("/bin/nope"), big, env)).isEqualTo(-Errno.ENOENT.number());
            assertThat(c.call(Syscall.EXECVE, l.cstr("/tmp/notes.txt"), big, env))
                    .as("E2BIG comes before ENOEXEC").isEqualTo(-Errno.E2BIG.number());
            long ok = l.cstrs(List.of("x".repeat(131071)));
            assertThat(c.call(Syscall.EXECVE, l.cstr("/bin/true"), ok, env)).isEqualTo(Local.Driven.EOF);
        }
    }

    @Test
    @DisplayName("E2BIG: strings plus pointers may fill exactly a quarter of RLIMIT_STACK, not one byte more")
    void totalLimit() {
        try (FakeKernel k = kernel()) {
            Local l = new Local(k);
            long limit = 8L * 1024 * 1024 / 4;
            for (long delta : new long[] {0, 1}) {
                int n = 20;
                long fixed = "/bin/true".length() + 1 + 8L * n;
                long remain = limit + delta - fixed;
                long each = remain / n;
                long last = remain - each * (n - 1);
                List<String> argv = new ArrayList<>(Collections.nCopies(n - 1, "a".repeat((int) each - 1)));
                argv.add("b".repeat((int) last - 1));
                Local.Driven c = l.spawn();
                long r = c.call(Syscall.EXECVE, l.cstr("/bin/true"), l.cstrs(argv), l.cstrs(List.of()));
                if (delta == 0) {
                    assertThat(r).isEqualTo(Local.Driven.EOF);
                    c.closeChannel();
                } else {
                    assertThat(r).isEqualTo(-Errno.E2BIG.number());
                    c.exit(0);
                }
                l.waitid(Local.P_PID, c.pid, Local.WEXITED);
            }
        }
    }

    @Test
    @DisplayName("exec passes argv and envp exactly, resets caught handlers, keeps ignored ones, the mask and pending")
    void whatExecKeeps() {
        try (FakeKernel k = kernel()) {
            Local l = new Local(k);
            String out = run(l, c -> {
                long act = l.alloc(32);
                l.putLong(act, 0x5000);
                c.ok(Syscall.RT_SIGACTION, Local.SIGUSR1, act, 0, 8);
                l.putLong(act, 1);
                c.ok(Syscall.RT_SIGACTION, Local.SIGHUP, act, 0, 8);
                c.ok(Syscall.RT_SIGPROCMASK, 2, l.sigsetOf(1L << (Local.SIGTERM - 1)), 0, 8);
                c.ok(Syscall.KILL, c.pid, Local.SIGTERM);
            }, "/bin/inspect", List.of("inspect", "a b", ""), List.of("A=1", "B="));
            assertThat(out.split("\n", -1)).containsExactly("inspect|a b|", "A=1|B=", "4000", "4000", "1,0,0,", "");
        }
    }

    @Test
    @DisplayName("an empty argv reaches the program as a single empty argv[0]")
    void emptyArgv() {
        try (FakeKernel k = kernel()) {
            Local l = new Local(k);
            String out = run(l, c -> { }, "/bin/inspect", List.of(), List.of());
            assertThat(out).startsWith("\n");
        }
    }

    @Test
    @DisplayName("a #! script runs under its interpreter with the script path and arguments")
    void script() {
        try (FakeKernel k = kernel()) {
            Local l = new Local(k);
            assertThat(run(l, c -> { }, "/tmp/script", List.of("script", "hi"), List.of())).isEqualTo("script says hi\n");
        }
    }

    @Test
    @DisplayName("a program's return value is its exit status; an uncaught exception is reported and exits 1")
    void programStatus() {
        try (FakeKernel k = FakeKernel.builder()
                .program("/bin/seven", ctx -> 7)
                .program("/bin/boom", ctx -> {
                    throw new IllegalStateException("kaboom");
                }).build()) {
            Local l = new Local(k);
            Local.Driven a = l.spawn();
            assertThat(a.run("/bin/seven", "seven")).isTrue();
            assertThat(l.waitid(Local.P_PID, a.pid, Local.WEXITED).status).isEqualTo(7);
            int[] err = l.pipe(Local.O_CLOEXEC);
            Local.Driven b = l.spawn();
            b.ok(Syscall.DUP2, err[1], 2);
            assertThat(b.run("/bin/boom", "boom")).isTrue();
            l.ok(Syscall.CLOSE, err[1]);
            assertThat(l.readAll(err[0])).contains("kaboom", "/bin/boom", "pid " + b.pid);
            Local.Info i = l.waitid(Local.P_PID, b.pid, Local.WEXITED);
            assertThat(i.code).isEqualTo(Local.CLD_EXITED);
            assertThat(i.status).isEqualTo(1);
            assertThat(k.programFailures()).hasSize(1).first().asString().contains("IllegalStateException");
        }
    }

    @Test
    @DisplayName("execveat(fd, \"\", AT_EMPTY_PATH) runs the file the fd refers to")
    void fexecve() {
        try (FakeKernel k = kernel()) {
            Local l = new Local(k);
            int fd = (int) l.ok(Syscall.OPENAT, -100, l.cstr("/bin/inspect"), 010000000 /* O_PATH */, 0);
            int[] out = l.pipe(Local.O_CLOEXEC);
            Local.Driven c = l.spawn();
            c.ok(Syscall.DUP2, out[1], 1);
            assertThat(c.call(Syscall.EXECVEAT, 77, l.cstr(""), l.cstrs(List.of("x")), l.cstrs(List.of()), 0x1000))
                    .isEqualTo(-Errno.EBADF.number());
            assertThat(c.call(Syscall.EXECVEAT, fd, l.cstr(""), l.cstrs(List.of("by-fd")), l.cstrs(List.of()), 0x1000))
                    .isEqualTo(Local.Driven.EOF);
            c.closeChannel();
            l.ok(Syscall.CLOSE, out[1]);
            assertThat(l.readAll(out[0])).startsWith("by-fd\n");
        }
    }

    @Test
    @DisplayName("the local process cannot exec: it stands for the JVM")
    void localCannotExec() {
        try (FakeKernel k = kernel()) {
            Local l = new Local(k);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> l.raw(Syscall.EXECVE, l.cstr("/bin/true"), l.cstrs(List.of("true")), l.cstrs(List.of())))
                    .isInstanceOf(FakeUnsupportedException.class).hasMessageContaining("JVM");
        }
    }
}
