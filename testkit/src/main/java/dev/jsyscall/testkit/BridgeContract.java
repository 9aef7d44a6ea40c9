// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.ChildProcessException;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.spi.Capability;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The bridges to the JDK's process types: {@code pid()}, {@code toHandle()} to {@link ProcessHandle}, and
 * {@code Spawned.toProcess()}, a started program presented as a {@link java.lang.Process} to code written for
 * {@link ProcessBuilder}; and the TRACE log of spawns and exits. Composed into a backend's suite with one nested
 * class, as {@link MisuseContract} is.
 *
 * @since 0.2
 */
public interface BridgeContract {
    /**
     * The kernel under test.
     *
     * @return the kernel, opened by the backend's test
     */
    Kernel kernel();

    private LocalTask local() {
        return kernel().localTask();
    }

    private Spawned sleeper() {
        return Spawn.of(Command.of("/bin/sleep", "1000")).start(local());
    }

    /** Code written against the JDK's type, knowing nothing of jsyscall: what a ProcessBuilder user would write. */
    private static String[] feedAndCollect(java.lang.Process p, String input) throws Exception {
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        // drained concurrently, as with ProcessBuilder, so that neither pipe can fill while the other is read
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = p.waitFor();
        return new String[] {out, err.get(30, TimeUnit.SECONDS), String.valueOf(status)};
    }

    @Test
    @RuleId("BR1")
    @DisplayName("pid() is the child's pid as a plain number, the same as near()")
    default void pidIsPlainNumber() {
        try (Spawned s = sleeper()) {
            assertThat(s.pid()).isEqualTo(s.process().near().id()).isPositive();
            assertThat(s.process().pid()).isEqualTo(s.pid());
        }
    }

    @Test
    @RuleId("BR2")
    @DisplayName("toHandle() is the JDK's handle of the same child while it is not reaped, and refused after")
    default void toHandleNamesTheChild() {
        assumeTrue(kernel().capabilities().contains(Capability.REAL_KERNEL), () -> "backend '"
                + kernel().backendId() + "' lacks REAL_KERNEL: its pids name no process of this machine");
        Spawned s = sleeper();
        try (s) {
            ProcessHandle h = s.toHandle();
            assertThat(h.pid()).isEqualTo(s.pid());
            assertThat(h.isAlive()).isTrue();
            assertThat(h.parent()).contains(ProcessHandle.current());
            assertThat(ProcessHandle.current().children()).contains(h);
            assertThat(h.info().command()).hasValueSatisfying(c -> assertThat(c).endsWith("sleep"));
        }
        assertThatThrownBy(s::toHandle).isInstanceOf(ChildProcessException.NotAlive.class);
    }

    @Test
    @RuleId("BR3")
    @DisplayName("toHandle() on a simulated kernel is refused, since its pid would name another process")
    default void toHandleRefusedOnSimulatedKernel() {
        assumeFalse(kernel().capabilities().contains(Capability.REAL_KERNEL),
                () -> "backend '" + kernel().backendId() + "' has REAL_KERNEL, where toHandle() works");
        try (Spawned s = sleeper()) {
            assertThatThrownBy(s::toHandle).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("real kernel");
            assertThatThrownBy(() -> s.toProcess().toHandle()).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    @RuleId("BR4")
    @DisplayName("toProcess() serves code that takes a java.lang.Process: stdin, stdout, stderr and exit status")
    default void toProcessStreams() throws Exception {
        try (Spawned s = Spawn.of(Command.of("/bin/sh", "-c", "read x; echo out:$x; echo err:$x >&2; exit 3"))
                .stdin(Redirect.pipe()).stdout(Redirect.pipe()).stderr(Redirect.pipe()).start(local())) {
            java.lang.Process p = s.toProcess();
            assertThat(p.pid()).isEqualTo(s.pid());
            assertThat(feedAndCollect(p, "hi\n")).containsExactly("out:hi\n", "err:hi\n", "3");
            assertThat(p.exitValue()).isEqualTo(3);
            assertThat(p.isAlive()).isFalse();
            assertThat(p.waitFor(0, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    @RuleId("BR5")
    @DisplayName("toProcess() gives ProcessBuilder's null streams for stdio that is not a pipe")
    default void toProcessNullStreams() throws Exception {
        try (Spawned s = Spawn.of(Command.of("/bin/true")).stdout(Redirect.devNull()).start(local())) {
            java.lang.Process p = s.toProcess();
            assertThat(p.getInputStream().read()).isEqualTo(-1);
            assertThat(p.getErrorStream().read()).isEqualTo(-1);
            assertThatThrownBy(() -> p.getOutputStream().write(1)).isInstanceOf(IOException.class)
                    .hasMessageContaining("not redirected to a pipe");
            assertThat(p.waitFor()).isZero();
        }
    }

    @Test
    @RuleId("BR6")
    @DisplayName("toProcess(): destroy() sends SIGTERM and destroyForcibly() SIGKILL, exitValue() 128+N as the JDK's")
    default void toProcessDestroy() throws Exception {
        try (Spawned s = sleeper()) {
            java.lang.Process p = s.toProcess();
            assertThat(p.isAlive()).isTrue();
            assertThatThrownBy(p::exitValue).isInstanceOf(IllegalThreadStateException.class)
                    .hasMessageContaining(String.valueOf(s.pid()));
            assertThat(p.supportsNormalTermination()).isTrue();
            p.destroy();
            assertThat(p.waitFor()).isEqualTo(128 + 15);
            assertThat(p.exitValue()).isEqualTo(143);
            p.destroy();   // a reaped child: nothing happens, as with the JDK's processes
        }
        try (Spawned s = sleeper()) {
            java.lang.Process p = s.toProcess();
            assertThat(p.destroyForcibly()).isSameAs(p);
            assertThat(p.waitFor()).isEqualTo(128 + 9);
            assertThat(s.state()).hasValueSatisfying(st -> assertThat(st.shellStatus()).isEqualTo(137));
        }
    }

    @Test
    @RuleId("BR7")
    @DisplayName("toProcess(): waitFor(timeout) is false while the program runs and true once it ended; onExit()"
            + " completes with the same Process, off the exit watcher's thread")
    default void toProcessTimedWaitAndOnExit() throws Exception {
        // cat waiting for input that never comes, not sleep: while the test waits, the fake's clock jumps ahead
        // (every process it simulates is blocked) and a sleep would end on its own
        try (Spawned s = Spawn.of(Command.of("/bin/cat")).stdin(Redirect.pipe()).start(local())) {
            java.lang.Process p = s.toProcess();
            assertThat(p.waitFor(0, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(p.waitFor(50, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(p.isAlive()).isTrue();
            CompletableFuture<String> thread = p.onExit().thenApply(q -> {
                assertThat(q).isSameAs(p);
                return Thread.currentThread().getName();
            });
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(thread.get(30, TimeUnit.SECONDS)).isNotEqualTo("jsyscall-poller");
            assertThat(p.onExit().get(30, TimeUnit.SECONDS)).isSameAs(p);
        }
    }

    @Test
    @RuleId("BR8")
    @DisplayName("toProcess(): waitFor() interrupted throws InterruptedException and clears the flag, as the JDK's")
    default void toProcessInterruptedWait() throws Exception {
        assumeTrue(kernel().capabilities().contains(Capability.REAL_KERNEL), () -> "backend '" + kernel().backendId()
                + "' lacks REAL_KERNEL: the simulated kernel runs a wait on the caller's thread, which it schedules");
        try (Spawned s = sleeper()) {
            java.lang.Process p = s.toProcess();
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(p::waitFor).isInstanceOf(InterruptedException.class);
                assertThat(Thread.currentThread().isInterrupted()).isFalse();
            } finally {
                Thread.interrupted();
            }
            assertThat(p.isAlive()).isTrue();
        }
    }

    @Test
    @RuleId("BR9")
    @DisplayName("spawns and exits are logged at TRACE through System.Logger with the pid, command and state")
    default void spawnAndExitAreTraced() {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                synchronized (records) {
                    records.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        // System.Logger goes to java.util.logging unless an application installs another LoggerFinder
        Logger jsyscall = Logger.getLogger("dev.jsyscall");
        Level before = jsyscall.getLevel();
        jsyscall.setLevel(Level.ALL);
        jsyscall.addHandler(capture);
        long pid;
        try {
            try (Spawned s = Spawn.of(Command.of("/bin/sh", "-c", "exit 7")).start(local())) {
                pid = s.pid();
                assertThat(s.waitForExit().exitStatus()).isEqualTo(7);
            }
        } finally {
            jsyscall.removeHandler(capture);
            jsyscall.setLevel(before);
        }
        List<String> traced = new ArrayList<>();
        synchronized (records) {
            for (LogRecord r : records) {
                // System.Logger's TRACE is java.util.logging's FINER
                if (r.getLevel().equals(Level.FINER)) {
                    traced.add(r.getMessage());
                }
            }
        }
        assertThat(traced).anySatisfy(m -> assertThat(m).contains("spawned pid " + pid).contains("/bin/sh"));
        assertThat(traced).anySatisfy(m -> assertThat(m).contains("pid " + pid + " exited with status 7"));
    }
}
