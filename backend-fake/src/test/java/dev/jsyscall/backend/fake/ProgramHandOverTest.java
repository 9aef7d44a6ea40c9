// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How a simulated program's Java code is carried out (on a program thread, or on the driving thread for the built-in
 * exit-only programs) must not show in anything simulated: these compare runs that differ only in that.
 */
class ProgramHandOverTest {

    /** A user program that does what the built-in {@code true} does, but on a program thread. */
    private static final String THREADED_TRUE = "/bin/tru0";
    private static final String THREADED_FALSE = "/bin/fals0";

    private static FakeKernel kernel(long seed) {
        return FakeKernel.builder().seed(seed).keepFullTrace().program(THREADED_TRUE, ctx -> 0).build();
    }

    @Test
    @DisplayName("the built-in true and false, run without a thread of their own, trace as programs on a thread do")
    void inlineTrueTracesAsThreaded() {
        for (long seed = 1; seed <= 8; seed++) {
            List<String> inline;
            try (FakeKernel k = kernel(seed)) {
                assertThat(ProgramsTest.run(k, "/bin/true").status).isZero();
                assertThat(ProgramsTest.run(k, "/bin/false").status).isEqualTo(0x100);
                inline = k.trace();
            }
            // paths of the same lengths, so that every address in the trace is the same
            try (FakeKernel k = FakeKernel.builder().seed(seed).keepFullTrace()
                    .program(THREADED_TRUE, ctx -> 0).program(THREADED_FALSE, ctx -> 1).build()) {
                assertThat(ProgramsTest.run(k, THREADED_TRUE).status).isZero();
                assertThat(ProgramsTest.run(k, THREADED_FALSE).status).isEqualTo(0x100);
                assertThat(k.trace()).extracting(line -> line.replace(THREADED_TRUE, "/bin/true")
                        .replace(THREADED_FALSE, "/bin/false")).as("seed %d", seed).isEqualTo(inline);
            }
        }
    }

    @Test
    @DisplayName("the built-in true runs on the driving thread: no program thread ever takes its name")
    void inlineTrueStartsNoThread() {
        try (FakeKernel k = kernel(1)) {
            k.setLastPid(31_000);   // a pid no other test's program thread is named after
            for (int i = 0; i < 20; i++) {
                assertThat(ProgramsTest.run(k, "/bin/true").status).isZero();
            }
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .noneMatch(n -> n.startsWith("fake-pid-310") && n.endsWith("-/bin/true"));
            assertThat(ProgramsTest.run(k, THREADED_TRUE).status).as("the contrast: a user program").isZero();
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .anyMatch(n -> n.startsWith("fake-pid-310") && n.endsWith("-" + THREADED_TRUE));
        }
    }

    @Test
    @DisplayName("a program's code after its exit call has finished before its parent's wait returns")
    void codeAfterExitFinishesFirst() {
        AtomicBoolean cleanedUp = new AtomicBoolean();
        try (FakeKernel k = FakeKernel.builder().program("/bin/tidy", ctx -> {
            try {
                ctx.exit(3);
            } finally {
                Thread.sleep(20);   // real time: the parent's wait must not overtake it
                cleanedUp.set(true);
            }
            return 0;
        }).build()) {
            assertThat(ProgramsTest.run(k, "/bin/tidy").status).isEqualTo(0x300);
            assertThat(cleanedUp).isTrue();
            assertThat(k.programFailures()).isEmpty();
        }
    }

    @Test
    @DisplayName("a program's syscall after its exit call (it caught the unwinding) is refused, not run")
    void noSyscallAfterExit() {
        try (FakeKernel k = FakeKernel.builder().program("/bin/stubborn", ctx -> {
            try {
                ctx.exit(4);
            } catch (Throwable t) {
                ctx.print(1, "still here\n");
            }
            return 0;
        }).build()) {
            ProgramsTest.Result r = ProgramsTest.run(k, "/bin/stubborn");
            assertThat(r.status).isEqualTo(0x400);
            assertThat(r.out).isEmpty();
        }
    }

    @Test
    @DisplayName("an exit that a hook fails is reported as a program failure; the program does not come back")
    void failedExitIsReported() {
        try (FakeKernel k = FakeKernel.builder().program("/bin/quitter", ctx -> 5).build()) {
            k.setSyscallHook(e -> !e.isLocal() && e.number() == Syscall.EXIT_GROUP.number(dev.jsyscall.linux.Arch.X86_64)
                    ? SyscallHook.Action.fail(Errno.EINTR) : SyscallHook.Action.proceed());
            Local l = new Local(k);
            Local.Driven c = l.spawn();
            assertThat(c.exec("/bin/quitter", List.of("quitter"), List.of())).isEqualTo(Local.Driven.EOF);
            c.closeChannel();
            l.ok(Syscall.POLL, 0, 0, 10);   // the local process sleeps: the child takes its steps meanwhile
            assertThat(l.wait4(c.pid, Local.WNOHANG)[0]).as("still alive: exit_group failed").isZero();
            assertThat(k.programFailures()).anySatisfy(f -> assertThat(f).contains("/bin/quitter", "exit"));
            l.ok(Syscall.KILL, c.pid, 9);
            assertThat(l.wait4(c.pid, 0)[1]).isEqualTo(9);
        }
    }
}
