// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static dev.jsyscall.testkit.KitSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.MisuseException;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.ExecFailedException;
import dev.jsyscall.handle.Pipe;
import dev.jsyscall.handle.SetupBatch;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.resource.Resource;
import dev.jsyscall.linux.resource.Rlimit;
import dev.jsyscall.linux.signal.SigSet;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.wait.ChildState;
import dev.jsyscall.spi.decorator.TracingBackend;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Set-up batches: the calls queued on a {@code SetupBatch} run in order in the child, sent together and
 * chained so that the first failure stops the rest, ending in exec or not; a spawn whose set-up needs no answers
 * has it written into the child's channel before the clone.
 * Composed into a backend's suite with one nested class:
 *
 * <pre>{@code
 * @Nested class Area implements SetupBatchContract {
 *     public Kernel kernel() { return MySuite.this.kernel(); }
 * }
 * }</pre>
 *
 * @since 0.2
 */
@SuppressWarnings("try") // leases and borrows are held for the scope of their try blocks
public interface SetupBatchContract extends ConformanceArea {

    @Test
    @RuleId("SP3")
    @DisplayName("a batch of set-up calls runs them in order in the child, sent together")
    default void batchRunsInOrder() {
        ChildTask c = child();
        SetupBatch b = c.batch().chdir("/tmp").umask(027).setsid().prlimit(Resource.RLIMIT_CORE, new Rlimit(0, 0));
        assertThat(b.size()).isEqualTo(4);
        b.run();
        assertThat(c.getcwd()).isEqualTo("/tmp");
        assertThat(c.umask(022)).isEqualTo(027);
        assertThat(c.getsid()).isEqualTo(c.pid().id());
        assertThat(c.prlimit(Resource.RLIMIT_CORE, null)).isEqualTo(new Rlimit(0, 0));
        assertThat(b.failedLabel()).isEmpty();
        c.exitGroup(0);
        assertThat(c.childProcess().waitForExit().isCleanExit()).isTrue();
    }

    @Test
    @RuleId("SP4")
    @DisplayName("a batch stops at its first failing call, throws that call's error and runs nothing after it")
    default void batchStopsAtFirstFailure() {
        ChildTask c = child();
        c.umask(022);
        SetupBatch b = c.batch().label("first").umask(077).label("second").chdir("/nonexistent-dir")
                .label("third").umask(0);
        assertThatThrownBy(b::run).isInstanceOfSatisfying(ErrnoException.class,
                e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT))
                .hasMessageContaining("chdir").hasMessageContaining("/nonexistent-dir");
        assertThat(b.failedLabel()).contains("second");
        assertThat(c.umask(022)).as("the first call ran, the third did not").isEqualTo(077);
        assertThat(c.isDriven()).isTrue();
        c.exitGroup(0);
        c.childProcess().waitForExit();
    }

    @Test
    @RuleId("SP5")
    @DisplayName("a batch longer than one write stays one chain: a failure stops the calls in later writes too")
    default void longBatch() {
        ChildTask c = child();
        SetupBatch b = c.batch();
        for (int i = 0; i < 40; i++) {
            b.umask(i);
        }
        b.chdir("/nonexistent-dir");
        for (int i = 0; i < 40; i++) {
            b.umask(0777);
        }
        assertThatThrownBy(b::run).isInstanceOf(ErrnoException.class).hasMessageContaining("ENOENT");
        assertThat(c.umask(022)).as("the 40 calls before the failure ran, none after it").isEqualTo(39);
        SetupBatch ok = c.batch();
        for (int i = 0; i < 100; i++) {
            ok.umask(i);
        }
        ok.run();
        assertThat(c.umask(022)).isEqualTo(99);
        c.exitGroup(0);
        c.childProcess().waitForExit();
    }

    @Test
    @RuleId("SP6")
    @DisplayName("a batch can end in exec; a failed exec leaves the child driven with its signals blocked")
    default void batchExec() {
        // before the clone: the child's fd table is a copy taken then
        Pipe out = local().pipe2(Fcntl.O_CLOEXEC);
        ChildTask c = child();
        SigSet blocked = c.sigmask();
        assertThatThrownBy(() -> c.batch().umask(077).exec(Command.of("/nonexistent/program")))
                .isInstanceOfSatisfying(ExecFailedException.class,
                        e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
        assertThat(c.umask(022)).as("the set-up before the exec ran").isEqualTo(077);
        assertThat(c.sigmask()).isEqualTo(blocked);
        try {
            ChildProcess p = c.batch().chdir("/tmp").dup3(out.write().inheritedBy(c), 1, 0)
                    .exec(Command.of("/bin/pwd"));
            out.write().close();
            assertThat(readAll(out.read())).isEqualTo("/tmp\n");
            assertThat(p.waitForExit().isCleanExit()).isTrue();
            assertThat(c.isDriven()).isFalse();
        } finally {
            out.close();
        }
    }

    @Test
    @RuleId("SP7")
    @DisplayName("a batch refuses bad calls before sending anything, and is sent only once")
    default void batchRefusesBadInput() {
        ChildTask c = child();
        SetupBatch b = c.batch();
        assertThatThrownBy(() -> b.umask(01000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("umask");
        assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).umask(01000))
                .as("Spawn refuses it before any child exists").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("umask");
        assertThatThrownBy(() -> b.closeRange(5, 3, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("close_range");
        int channel = 0;
        while (!c.isChannelFd(channel)) {
            channel++;
        }
        int onChannel = channel;
        assertThatThrownBy(() -> b.dup3(c.fd(0), onChannel, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel");
        assertThatThrownBy(() -> b.syscall(Syscall.EXECVE, 0, 0, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exec()");
        assertThatThrownBy(() -> b.ignoreSignal(Signal.SIGKILL)).isInstanceOf(IllegalArgumentException.class);
        assertThat(b.size()).isZero();
        b.run();
        assertThatThrownBy(b::run).isInstanceOf(MisuseException.class).hasMessageContaining("already sent");
        assertThatThrownBy(b::setsid).isInstanceOf(MisuseException.class);
        assertThat(c.getpid()).isEqualTo(c.pid().id());
        c.exitGroup(0);
        c.childProcess().waitForExit();
    }

    @Test
    @RuleId("SP39")
    @DisplayName("a spawn whose set-up needs no answers has its requests in the child's channel before the clone,"
            + " so that the child never waits for them and the parent only reads the answers")
    default void setupWrittenBeforeClone() {
        Thread caller = Thread.currentThread();
        List<Syscall> made = new java.util.concurrent.CopyOnWriteArrayList<>();
        TracingBackend tracing = TracingBackend.of((pid, call, args, result, nanos) -> {
            if (Thread.currentThread() == caller) {
                call.ifPresent(made::add);
            }
        }, new KeptOpenBackend(kernel().backend()));
        try (Kernel k = Kernel.open(tracing); Pipe out = k.localTask().pipe2(Fcntl.O_CLOEXEC)) {
            // fds of ours and calls only: a file to open (Spawn.output's /dev/null stdin) needs the child's answer
            ChildState s = Spawn.of(Command.of("/bin/pwd")).cwd("/").stdout(Redirect.fd(out.write()))
                    .run(k.localTask());
            out.write().close();
            assertThat(readAll(out.read())).isEqualTo("/\n");
            assertThat(s.isCleanExit()).isTrue();
        }
        int clone = java.util.stream.IntStream.range(0, made.size())
                .filter(i -> made.get(i) == Syscall.CLONE3 || made.get(i) == Syscall.CLONE).findFirst()
                .orElseThrow(() -> new AssertionError("no clone among the caller's syscalls " + made));
        int channel = made.subList(0, clone).lastIndexOf(Syscall.PIPE2);
        assertThat(channel).as("the channel's pipe2 before the clone in %s", made).isNotNegative();
        assertThat(made.subList(channel, clone)).as("the caller's syscalls from the channel's pipe2 to the clone")
                .contains(Syscall.WRITE);
        assertThat(made.subList(clone + 1, made.size()).stream()
                .filter(s -> s == Syscall.READ || s == Syscall.WRITE).findFirst())
                .as("the caller's first read or write after the clone, in %s", made).contains(Syscall.READ);
    }
}
