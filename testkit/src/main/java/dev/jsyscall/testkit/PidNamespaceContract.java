// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Capture;
import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Output;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.SpawnFailedException;
import dev.jsyscall.Spawned;
import dev.jsyscall.Stop;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.OutsidePidNamespaceException;
import dev.jsyscall.handle.ProcessTree;
import dev.jsyscall.handle.SetupPlan;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.unistd.Unistd;
import dev.jsyscall.spi.Capability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The pid-namespace mode ({@code Spawn.newPidNamespace}): the program is pid 1 of a namespace of its own, adopts
 * what its descendants orphan, and takes everything in the namespace with it when it dies. Each tree's processes
 * carry a marker in their command line (a sleep of a duration no other test uses), so that a scan of the host's
 * {@code /proc} finds them, zombie or not, whatever their parent. Composed into a backend's suite with one nested
 * class.
 *
 * @since 0.2
 */
public interface PidNamespaceContract {
    /**
     * The kernel under test.
     *
     * @return the kernel, opened by the backend's test
     */
    Kernel kernel();

    private LocalTask local() {
        return kernel().localTask();
    }

    /**
     * Skips, with the reason, where no pid namespace can be made: the fake simulates none, and a real kernel
     * refuses {@code CLONE_NEWPID} without {@code CAP_SYS_ADMIN} (EPERM) or over {@code user.max_pid_namespaces}
     * (ENOSPC).
     */
    private void requirePidNamespaces() {
        if (!kernel().capabilities().contains(Capability.REAL_KERNEL)) {
            Assumptions.abort("backend '" + kernel().backendId() + "' lacks " + Capability.REAL_KERNEL
                    + ": the fake simulates no pid namespaces (clone(CLONE_NEWPID) is refused, as PN7 checks: a second"
                    + " pid numbering would have to reach every pid a syscall takes or returns, and there is no"
                    + " namespace init); PN1 and PN5 would also need a mount namespace to mount a fresh /proc in,"
                    + " and PN2-PN4 scan the JVM's own /proc, not the simulated one");
        }
        try {
            Spawn.of(Command.of("/bin/true")).newPidNamespace().output(local());
        } catch (SpawnFailedException e) {
            if (e.getCause() instanceof ErrnoException) {
                Errno errno = ((ErrnoException) e.getCause()).errno();
                if (errno == Errno.EPERM || errno == Errno.ENOSPC || errno == Errno.EINVAL) {
                    Assumptions.abort("the kernel refuses clone(CLONE_NEWPID) here: " + e.getMessage());
                }
            }
            throw e;
        }
    }

    /** A sleep of {@code 1000 + n/1000} seconds: a duration to find this tree by in the host's /proc. */
    private static String marker() {
        return "1000." + (System.nanoTime() % 1000 + 1000) % 1000;
    }

    /** A shell as the namespace's init with two sleeps: one its job, one an orphan of a subshell. */
    private static String tree(String marker) {
        return "sleep " + marker + " >/dev/null & (sleep " + marker + " >/dev/null &); echo started; wait";
    }

    /** The host pids of the live processes {@code sleep marker} (a zombie's command line is empty). */
    private static List<Integer> withMarker(String marker) {
        List<Integer> out = new ArrayList<>();
        try (var ds = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : ds) {
                try {
                    // a zombie's cmdline is empty: the sleeps are found alive, and later by pid (aliveOrZombie)
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmdline.equals("sleep\0" + marker + "\0")) {
                        out.add(Integer.parseInt(p.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // exited meanwhile (ENOENT, or ESRCH while it exits), or not ours to read
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The pids of {@code pids} still in /proc, each with its state letter (Z for a zombie). */
    private static List<String> aliveOrZombie(List<Integer> pids) {
        List<String> left = new ArrayList<>();
        for (int pid : pids) {
            try {
                String st = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
                left.add(pid + " " + st.substring(st.lastIndexOf(')') + 2).split(" ")[0]);
            } catch (NoSuchFileException gone) {
                // ended and reaped
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return left;
    }

    private static void await(String what, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("timed out waiting until " + what).isNegative();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    @RuleId("PN1")
    @DisplayName("the program is pid 1 of its new pid namespace: getpid in the driven child and /proc/self after a"
            + " fresh /proc say 1")
    default void programIsPidOne() {
        requirePidNamespaces();
        AtomicLong seen = new AtomicLong();
        // read, set and the glob are the shell's own: /proc/self is the shell, and it is the namespace's only process
        Output out = Spawn.of(Command.of("/bin/sh", "-c", "echo $$; read -r pid rest < /proc/self/stat; echo $pid;"
                        + " set -- /proc/[0-9]*; echo \"$@\""))
                .then("getpid", c -> seen.set(c.call(Unistd.getpid())))
                .newPidNamespace("/proc").output(local());
        assertThat(out.state().isCleanExit()).as(out.stderrText()).isTrue();
        assertThat(seen.get()).as("getpid() in the driven child").isEqualTo(1);
        assertThat(out.stdoutText().split("\n")).as("$$, /proc/self/stat, and the pids the fresh /proc lists")
                .containsExactly("1", "1", "/proc/1");
    }

    @Test
    @RuleId("PN2")
    @DisplayName("killing the tree of a pid namespace's init ends its job and the orphan it adopted, and says"
            + " PID_NAMESPACE")
    default void killTreeEndsNamespace() {
        requirePidNamespaces();
        String marker = marker();
        try (Spawned s = Spawn.of(Command.of("/bin/sh", "-c", tree(marker))).newPidNamespace()
                .stdout(Redirect.pipe()).start(local())) {
            int init = (int) s.pid();
            // the subshell exits at once, and its orphaned sleep goes to the namespace's init, not the host's
            await("both sleeps run as children of the namespace's init " + init, () -> {
                List<Integer> found = withMarker(marker);
                return found.size() == 2 && found.stream().allMatch(pid -> ppid(pid) == init);
            });
            List<Integer> sleeps = withMarker(marker);
            assertThat(ProcessTree.kill(s.process(), null)).isEqualTo(ProcessTree.Mechanism.PID_NAMESPACE);
            assertThat(s.waitForExit().killedBy()).contains(Signal.SIGKILL);
            // the init's exit is reported only once every other process of its namespace is gone and reaped
            assertThat(aliveOrZombie(sleeps)).as("processes of the namespace left").isEmpty();
        }
    }

    @Test
    @RuleId("PN3")
    @DisplayName("a timeout of a program in its own pid namespace leaves no process of its tree alive")
    default void timeoutLeavesNothing() {
        requirePidNamespaces();
        String marker = marker();
        AtomicInteger root = new AtomicInteger();
        Output out = Spawn.of(Command.of("/bin/sh", "-c", tree(marker)))
                .newPidNamespace().whenCloned(p -> root.set(p.near().id()))
                .output(local(), Capture.defaults().timeout(Duration.ofSeconds(2), Stop.kill()));
        assertThat(out.timedOut()).isTrue();
        assertThat(out.stdoutText()).as("the sleeps were started").isEqualTo("started\n");
        // the reaped init leaves no zombie of its namespace: it reaped them all before its own exit was reported
        assertThat(withMarker(marker)).as("processes with the tree's marker after the timeout").isEmpty();
        assertThat(aliveOrZombie(List.of(root.get()))).as("the init").isEmpty();
    }

    @Test
    @RuleId("PN4")
    @DisplayName("closing the spawn of a pid namespace's init leaves no process of the namespace alive")
    default void closeLeavesNothing() {
        requirePidNamespaces();
        String marker = marker();
        List<Integer> sleeps;
        Spawned s = Spawn.of(Command.of("/bin/sh", "-c", tree(marker))).newPidNamespace()
                .stdout(Redirect.pipe()).start(local());
        try {
            await("both sleeps run", () -> withMarker(marker).size() == 2);
            sleeps = withMarker(marker);
        } finally {
            s.close();
        }
        assertThat(aliveOrZombie(sleeps)).as("processes of the namespace left after close").isEmpty();
    }

    @Test
    @RuleId("PN5")
    @DisplayName("a user namespace asked for with a pid namespace comes from the same clone and maps the ids, so the"
            + " program is pid 1 with the inside uid")
    default void withUserNamespace() {
        requirePidNamespaces();
        Output out = Spawn.of(Command.of("/bin/sh", "-c", "echo $$; id -u; id -g; set -- /proc/[0-9]*; echo \"$@\""))
                .userNamespace(1000, 1000).newPidNamespace("/proc").output(local());
        assertThat(out.state().isCleanExit()).as(out.stderrText()).isTrue();
        assertThat(out.stdoutText().split("\n")).containsExactly("1", "1000", "1000", "/proc/1");
    }

    @Test
    @RuleId("PN6")
    @DisplayName("bad pid-namespace arguments are refused naming the argument, before any syscall")
    default void badArguments() {
        Spawn spawn = Spawn.of(Command.of("/bin/true"));
        assertThatThrownBy(() -> spawn.newPidNamespace("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("procTarget");
        assertThatThrownBy(() -> spawn.newPidNamespace("/pr\0c")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("procTarget");
        assertThatThrownBy(() -> spawn.newPidNamespace(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("procTarget");
        assertThatThrownBy(() -> new SetupPlan.CloneNamespaces(Set.of(CloneFlag.VM)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kinds");
        assertThatThrownBy(() -> new SetupPlan.CloneNamespaces(Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kinds");
        assertThat(new SetupPlan.CloneNamespaces(Set.of(CloneFlag.NEWPID)).label()).isEqualTo("clone(CLONE_NEWPID)");
    }

    @Test
    @RuleId("PN7")
    @DisplayName("a backend without pid namespaces refuses the spawn at its clone step, leaving nothing behind")
    default void refusedWithoutPidNamespaces() {
        if (kernel().capabilities().contains(Capability.REAL_KERNEL)) {
            Assumptions.abort("backend '" + kernel().backendId() + "' has " + Capability.REAL_KERNEL
                    + ": it makes pid namespaces (PN1-PN5)");
        }
        assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).newPidNamespace().output(local()))
                .isInstanceOf(SpawnFailedException.class)
                .satisfies(e -> assertThat(((SpawnFailedException) e).step()).isEqualTo("clone"))
                .hasMessageContaining("CLONE_NEWPID");
    }

    @Test
    @RuleId("PN8")
    @DisplayName("in a new pid namespace the inherited session and group have no id: the raw calls answer 0, and"
            + " getsid and getpgid throw OutsidePidNamespaceException instead of handing 0 on")
    default void inheritedSessionHasNoId() {
        requirePidNamespaces();
        AtomicLong rawSid = new AtomicLong(-1);
        AtomicLong rawPgid = new AtomicLong(-1);
        AtomicReference<Throwable> sid = new AtomicReference<>();
        Output out = Spawn.of(Command.of("/bin/true"))
                .then("getsid", c -> {
                    rawSid.set(c.call(Unistd.getsid(0)));
                    rawPgid.set(c.call(Unistd.getpgid(0)));
                    try {
                        c.getsid();
                    } catch (OutsidePidNamespaceException e) {
                        sid.set(e);
                    }
                })
                .newPidNamespace().output(local());
        assertThat(out.state().isCleanExit()).as(out.stderrText()).isTrue();
        assertThat(rawSid.get()).as("getsid(0) in the namespace's init").isZero();
        assertThat(rawPgid.get()).as("getpgid(0) in the namespace's init").isZero();
        assertThat(sid.get()).isInstanceOf(OutsidePidNamespaceException.class)
                .hasMessageContaining("getsid(0) = 0").hasMessageContaining("ancestor pid namespace");
    }

    private static int ppid(int pid) {
        try {
            String st = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
            return Integer.parseInt(st.substring(st.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (NoSuchFileException gone) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
