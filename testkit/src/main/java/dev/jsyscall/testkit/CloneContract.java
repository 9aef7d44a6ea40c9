// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static dev.jsyscall.testkit.KitSupport.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Spawn;
import dev.jsyscall.handle.Cgroup;
import dev.jsyscall.handle.CgroupException;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.spi.Capability;
import dev.jsyscall.spi.decorator.FaultInjectingBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How driven children are created: {@code clone3} with {@code CLONE_CLEAR_SIGHAND} where the kernel has it, and
 * the fallback to {@code clone} where {@code clone3} is refused (forced here with a
 * {@link FaultInjectingBackend}). Either way a child runs with no handler of the JVM's installed, checked from
 * outside in its {@code /proc/PID/status} before it execs. Composed into a backend's suite with one nested class.
 *
 * @since 0.2
 */
public interface CloneContract extends ConformanceArea {

    /** The {@code SigCgt} mask of {@code pid}, read by a spawned {@code cat} of its {@code /proc/PID/status}. */
    private long caughtSignals(LocalTask local, long pid) {
        KitSupport.Output o = output(local, Spawn.of(Command.of("/bin/cat", "/proc/" + pid + "/status")));
        assertThat(o.state().isCleanExit()).as("cat /proc/%d/status: %s", pid, o.state()).isTrue();
        String line = o.stdout().lines().filter(l -> l.startsWith("SigCgt:")).findFirst()
                .orElseThrow(() -> new AssertionError("no SigCgt line in /proc/" + pid + "/status:\n" + o.stdout()));
        return Long.parseUnsignedLong(line.substring("SigCgt:".length()).trim(), 16);
    }

    /** Checks that a child cloned by {@code local} catches nothing while the process it was cloned from does. */
    private void assertChildCatchesNothing(LocalTask local) {
        assertThat(caughtSignals(local, local.pid().id())).as("SigCgt of the JVM (it catches SIGSEGV, SIGQUIT...)")
                .isNotZero();
        try (ChildTask c = track(local.cloneChild())) {
            assertThat(caughtSignals(local, c.childProcess().pid())).as("SigCgt of the driven child before exec")
                    .isZero();
        }
    }

    /**
     * Runs {@code body} with a kernel over this backend whose {@code clone3} fails as {@code faults} says; the
     * backend itself stays open for the suite.
     */
    private void withFaultyClone3(Consumer<FaultInjectingBackend.Builder> faults,
                                  java.util.function.BiConsumer<Kernel, FaultInjectingBackend> body) {
        FaultInjectingBackend.Builder b = FaultInjectingBackend.builder(new KeptOpenBackend(kernel().backend()));
        faults.accept(b);
        FaultInjectingBackend faulty = b.build();
        try (Kernel k = Kernel.open(faulty)) {
            body.accept(k, faulty);
        }
    }

    @Test
    @RuleId("CL1")
    @DisplayName("a driven child has none of the JVM's signal handlers installed, before it execs")
    default void childCatchesNothing() {
        assertChildCatchesNothing(local());
    }

    @Test
    @RuleId("CL2")
    @DisplayName("where clone3 is refused with ENOSYS, children are cloned with clone, handlers still reset, and"
            + " clone3 is not tried again")
    default void clone3RefusedFallsBack() {
        withFaultyClone3(b -> b.fail(Syscall.CLONE3, Errno.ENOSYS), (k, faulty) -> {
            assertChildCatchesNothing(k.localTask());
            KitSupport.Output o = output(k.localTask(), Spawn.of(Command.of("/bin/echo", "fell back")));
            assertThat(o.stdout()).isEqualTo("fell back\n");
            assertThat(o.state().isCleanExit()).isTrue();
            assertThat(faulty.injected()).as("clone3 calls refused: the first only, then clone is used at once")
                    .isEqualTo(1);
        });
    }

    @Test
    @RuleId("CL7")
    @DisplayName("where clone3 is refused at a spawn's own clone, the set-up already in the child's channel is run"
            + " by the child that clone makes")
    default void clone3RefusedKeepsRequestsWrittenAhead() {
        withFaultyClone3(b -> b.fail(Syscall.CLONE3, Errno.ENOSYS), (k, faulty) -> {
            // fds of ours and calls only, so that the whole set-up goes ahead of the clone
            try (dev.jsyscall.handle.Pipe out = k.localTask().pipe2(Fcntl.O_CLOEXEC)) {
                dev.jsyscall.linux.wait.ChildState s = Spawn.of(Command.of("/bin/pwd")).cwd("/")
                        .stdout(dev.jsyscall.Redirect.fd(out.write())).run(k.localTask());
                out.write().close();
                assertThat(KitSupport.readAll(out.read())).isEqualTo("/\n");
                assertThat(s.isCleanExit()).isTrue();
            }
            assertThat(faulty.injected()).as("the spawn's clone3 was refused, then clone made its child")
                    .isEqualTo(1);
        });
    }

    /**
     * The {@code SigCgt} mask of {@code pid}, read by {@code local} itself: microseconds after the call that made
     * the child, where a spawned {@code cat} would leave the child milliseconds to catch up.
     */
    private static long caughtSignalsNow(LocalTask local, long pid) {
        int fd = local.call(Fcntl.openat("/proc/" + pid + "/status", Fcntl.O_RDONLY | Fcntl.O_CLOEXEC, 0))
                .intValue();
        String status;
        try (dev.jsyscall.handle.FileDescriptor f = local.fd(fd)) {
            status = KitSupport.readAll(f);
        }
        String line = status.lines().filter(l -> l.startsWith("SigCgt:")).findFirst()
                .orElseThrow(() -> new AssertionError("no SigCgt line in /proc/" + pid + "/status:\n" + status));
        return Long.parseUnsignedLong(line.substring("SigCgt:".length()).trim(), 16);
    }

    @Test
    @RuleId("CL6")
    @DisplayName("where clone3 is refused, a child's handlers are reset by the time cloneChild returns, even with"
            + " every CPU busy")
    default void clone3RefusedResetBeforeReturn() {
        boolean real = kernel().capabilities().contains(Capability.REAL_KERNEL);
        withFaultyClone3(b -> b.fail(Syscall.CLONE3, Errno.ENOSYS), (k, faulty) -> {
            LocalTask local = k.localTask();
            // without clone3 the child resets its handlers itself, once it runs: with every CPU taken by a spinner
            // a new child waits for a time slice, so a cloneChild that returned without waiting for the reset is
            // caught in nearly every round (the fake resets at the clone, and needs no spinners)
            AtomicBoolean spin = new AtomicBoolean(real);
            List<Thread> spinners = new ArrayList<>();
            for (int i = 0; spin.get() && i < Runtime.getRuntime().availableProcessors(); i++) {
                Thread t = new Thread(() -> {
                    while (spin.get()) {
                        Thread.onSpinWait();
                    }
                }, "cl6-spinner-" + i);
                t.setDaemon(true);
                t.start();
                spinners.add(t);
            }
            try {
                for (int round = 0; round < 20; round++) {
                    try (ChildTask c = track(local.cloneChild())) {
                        assertThat(caughtSignalsNow(local, c.childProcess().pid()))
                                .as("SigCgt of driven child %d (round %d) right after cloneChild returned",
                                        c.childProcess().pid(), round)
                                .isZero();
                    }
                }
            } finally {
                spin.set(false);
                for (Thread t : spinners) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            assertThat(faulty.injected()).as("clone3 refused once, then clone used at once").isEqualTo(1);
        });
    }

    @Test
    @RuleId("CL3")
    @DisplayName("a clone3 failure that is not a refusal (EAGAIN) is thrown as is, not retried with clone")
    default void clone3OtherErrorsAreThrown() {
        withFaultyClone3(b -> b.failNext(Syscall.CLONE3, Errno.EAGAIN, 1), (k, faulty) -> {
            assertThatThrownBy(() -> k.localTask().cloneChild()).isInstanceOf(ErrnoException.class)
                    .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(Errno.EAGAIN))
                    .hasMessageContaining("clone3");
            assertChildCatchesNothing(k.localTask());
            assertThat(faulty.injected()).as("only the first clone3 failed: the next child came from clone3 too")
                    .isEqualTo(1);
        });
    }

    /**
     * Spawns {@code cat /proc/self/cgroup} into a fresh cgroup with a step before the cgroup step that reads the
     * child's {@code /proc/PID/cgroup}; returns {what that step saw, what the program printed, the cgroup's line}.
     */
    private String[] spawnIntoCgroup(LocalTask local) {
        assumeTrue(kernel().capabilities().contains(Capability.REAL_KERNEL), () -> "backend '"
                + kernel().backendId() + "' lacks " + Capability.REAL_KERNEL + ": the fake simulates no cgroup v2");
        Cgroup own;
        try {
            own = Cgroup.own(local);
        } catch (CgroupException e) {
            org.junit.jupiter.api.Assumptions.abort("no writable cgroup v2 hierarchy on this machine: "
                    + e.getMessage());
            throw e;
        }
        Cgroup cg = own.create("jsyscall-clone3-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            AtomicReference<String> before = new AtomicReference<>();
            KitSupport.Output o = output(local, Spawn.of(Command.of("/bin/cat", "/proc/self/cgroup"))
                    .then("read /proc/PID/cgroup", c -> before.set(read(Path.of("/proc/" + c.childProcess().pid()
                            + "/cgroup"))))
                    .cgroup(cg));
            assertThat(o.state().isCleanExit()).as("cat: %s", o.state()).isTrue();
            String line = "0::" + cg.path().substring(Cgroup.mountPoint(local).length()) + "\n";
            return new String[] {before.get(), o.stdout(), line};
        } finally {
            if (cg.isPopulated()) {
                cg.kill();
                cg.awaitEmpty(Duration.ofSeconds(10));
            }
            cg.remove();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @RuleId("CL4")
    @DisplayName("with clone3 a child given a cgroup is in it from the clone on, before any set-up step runs")
    default void clonedIntoCgroup() {
        String[] seen = spawnIntoCgroup(local());
        assertThat(seen[0]).as("the child's /proc/PID/cgroup at the step before the cgroup step").contains(seen[2]);
        assertThat(seen[1]).as("the program's /proc/self/cgroup").contains(seen[2]);
    }

    @Test
    @RuleId("CL5")
    @DisplayName("where clone3 is refused, a child given a cgroup moves itself in at the cgroup step")
    default void cgroupFallbackMovesIn() {
        withFaultyClone3(b -> b.fail(Syscall.CLONE3, Errno.ENOSYS), (k, faulty) -> {
            String[] seen = spawnIntoCgroup(k.localTask());
            assertThat(seen[0]).as("the child's /proc/PID/cgroup before the cgroup step").doesNotContain(seen[2]);
            assertThat(seen[1]).as("the program's /proc/self/cgroup").contains(seen[2]);
        });
    }
}
