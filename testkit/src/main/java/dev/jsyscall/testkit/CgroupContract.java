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
import dev.jsyscall.handle.Cgroup;
import dev.jsyscall.handle.CgroupException;
import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.ProcessTree;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.linux.sched.CloneFlags;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.wait.ChildState;
import dev.jsyscall.spi.Capability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * cgroup v2 containment and process trees: a program started inside a cgroup, killing everything in it
 * ({@code cgroup.kill} and the freeze-and-kill fallback), removal, limits and usage, and
 * {@link ProcessTree#kill} choosing the strongest mechanism. Checked from outside by scanning the cgroup's
 * {@code cgroup.procs} and {@code /proc}. Composed into a backend's suite with one nested class.
 *
 * @since 0.2
 */
public interface CgroupContract {
    /**
     * The kernel under test.
     *
     * @return the kernel, opened by the backend's test
     */
    Kernel kernel();

    /** Distinct names across the JVMs of several backends' suites that may run at once. */
    AtomicInteger SEQ = new AtomicInteger();

    private LocalTask local() {
        return kernel().localTask();
    }

    private boolean realKernel() {
        return kernel().capabilities().contains(Capability.REAL_KERNEL);
    }

    private void requireHierarchy() {
        assumeTrue(realKernel(), () -> "backend '" + kernel().backendId() + "' lacks " + Capability.REAL_KERNEL
                + ": the fake simulates no cgroup v2 file system");
        try {
            Cgroup.own(local());
        } catch (CgroupException e) {
            org.junit.jupiter.api.Assumptions.abort("no cgroup v2 hierarchy on this machine: " + e.getMessage());
        }
    }

    /** Runs {@code body} with a fresh child cgroup of the JVM's own, removed afterwards (killed first if needed). */
    private void withCgroup(Consumer<Cgroup> body) {
        requireHierarchy();
        Cgroup cg = Cgroup.own(local()).create("jsyscall-test-" + ProcessHandle.current().pid() + "-"
                + SEQ.incrementAndGet());
        try {
            body.accept(cg);
        } finally {
            if (cg.isPopulated()) {
                cg.kill();
                cg.awaitEmpty(Duration.ofSeconds(10));
            }
            cg.remove();
        }
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

    /** pid to its start time (field 22 of /proc/PID/stat), which tells a live process from a later one with its pid. */
    private static Map<Integer, String> startTimes(List<Integer> pids) {
        Map<Integer, String> out = new LinkedHashMap<>();
        for (int pid : pids) {
            String st = stat(pid);
            if (st != null) {
                out.put(pid, st.substring(st.lastIndexOf(')') + 2).split(" ")[19]);
            }
        }
        return out;
    }

    private static String stat(int pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException gone) {
            return null;
        } catch (IOException e) {
            // a process reaped between the open and the read makes the read fail with ESRCH: it is gone too
            if ("No such process".equals(e.getMessage())) {
                return null;
            }
            throw new UncheckedIOException(e);
        }
    }

    /** The processes of {@code tree} still in /proc (alive or zombie), as "pid state" strings. */
    private static List<String> survivors(Map<Integer, String> tree) {
        List<String> left = new ArrayList<>();
        for (Map.Entry<Integer, String> e : tree.entrySet()) {
            String st = stat(e.getKey());
            if (st != null) {
                String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
                if (f[19].equals(e.getValue())) {
                    left.add(e.getKey() + " " + f[0]);
                }
            }
        }
        return left;
    }

    /** A shell with two background jobs, waiting for them. */
    String TREE = "sleep 100 & sleep 100 & wait";

    /** Starts {@code sh -c TREE} in {@code cg} and returns it once the shell and both sleeps are in the cgroup. */
    private Spawned startTree(Cgroup cg) {
        Spawned s = Spawn.of(Command.of("/bin/sh", "-c", TREE)).cgroup(cg).start(local());
        await("the shell and its two sleeps are in " + cg, () -> cg.pids().size() == 3);
        return s;
    }

    private void assertTreeGone(Cgroup cg, Map<Integer, String> tree) {
        assertThat(tree).hasSize(3);
        assertThat(cg.awaitEmpty(Duration.ofSeconds(10))).as("cgroup.events says populated 0").isTrue();
        assertThat(cg.pids()).as("cgroup.procs of " + cg).isEmpty();
        // the sleeps were re-parented to init, which reaps them; give it a moment, then no zombie may remain
        await("no process of the tree is left in /proc, zombie or not: " + survivors(tree),
                () -> survivors(tree).isEmpty());
    }

    @Test
    @RuleId("CG1")
    @DisplayName("a spawned program starts inside the cgroup it was given, as its /proc/self/cgroup says")
    default void startsInside() {
        withCgroup(cg -> {
            String mount = Cgroup.mountPoint(local());
            try (Spawned s = Spawn.of(Command.of("/bin/cat", "/proc/self/cgroup")).cgroup(cg)
                    .stdout(Redirect.pipe()).start(local())) {
                String out = new String(s.stdout().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(s.waitForExit().isCleanExit()).isTrue();
                assertThat(out).contains("0::" + cg.path().substring(mount.length()) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    @RuleId("CG2")
    @DisplayName("killing the cgroup ends the whole tree: nothing of it is alive or a zombie afterwards")
    default void killTreeByCgroup() {
        withCgroup(cg -> {
            Spawned s = startTree(cg);
            Map<Integer, String> tree = startTimes(cg.pids());
            assertThat(ProcessTree.kill(s.process(), cg)).isEqualTo(ProcessTree.Mechanism.CGROUP);
            ChildState st = s.waitForExit();
            assertThat(st.killedBy()).contains(Signal.SIGKILL);
            s.close();
            assertTreeGone(cg, tree);
        });
    }

    @Test
    @RuleId("CG3")
    @DisplayName("the freeze-and-kill fallback (kernels before 5.14) also ends the whole tree")
    default void killTreeByFreezing() {
        withCgroup(cg -> {
            Spawned s = startTree(cg);
            Map<Integer, String> tree = startTimes(cg.pids());
            cg.killByFreezing();
            assertThat(s.waitForExit().killedBy()).contains(Signal.SIGKILL);
            s.close();
            assertTreeGone(cg, tree);
            assertThat(cg.kill()).isEqualTo(Cgroup.KillMethod.CGROUP_KILL);   // 5.14+: this machine's route
        });
    }

    @Test
    @RuleId("CG4")
    @DisplayName("removing a cgroup that still holds a process fails with Busy naming the cgroup and the process")
    default void removeBusy() {
        withCgroup(cg -> {
            try (Spawned s = Spawn.of(Command.of("/bin/sleep", "100")).cgroup(cg).start(local())) {
                await("the sleep is in " + cg, () -> cg.pids().size() == 1);
                assertThatThrownBy(cg::remove).isInstanceOfSatisfying(CgroupException.Busy.class, e -> {
                    assertThat(e.path()).isEqualTo(cg.path());
                    assertThat(e.getMessage()).contains(cg.path()).contains("EBUSY")
                            .contains(String.valueOf(s.pid()));
                });
                cg.kill();
                s.waitForExit();
            }
        });
    }

    @Test
    @RuleId("CG5")
    @DisplayName("cpu.stat counts the CPU time of processes that have exited; the peaks are read where present")
    default void usageAfterExit() {
        withCgroup(cg -> {
            ChildState st = Spawn.of(Command.of("/bin/sh", "-c",
                    "i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done")).cgroup(cg).run(local());
            assertThat(st.isCleanExit()).isTrue();
            assertThat(cg.cpuStat()).containsKey("usage_usec");
            assertThat(cg.cpuStat().get("usage_usec")).isPositive();
            cg.memoryPeak().ifPresent(peak -> assertThat(peak).isPositive());
            assertThat(cg.memoryPeak().isPresent()).isEqualTo(Files.exists(Path.of(cg.path(), "memory.peak")));
            assertThat(cg.pidsPeak().isPresent()).isEqualTo(Files.exists(Path.of(cg.path(), "pids.peak")));
        });
    }

    @Test
    @RuleId("CG6")
    @DisplayName("a limit whose controller the cgroup lacks is refused, naming the controller, before any write")
    default void limitWithoutController() {
        withCgroup(cg -> {
            assumeFalse(cg.controllers().contains("pids"), "the pids controller is enabled here; the refusal is"
                    + " checked where it is not");
            assertThatThrownBy(() -> cg.setPidsMax(5)).isInstanceOf(CgroupException.class)
                    .hasMessageContaining("'pids' controller is not enabled").hasMessageContaining(cg.path());
            assertThatThrownBy(() -> cg.setPidsMax(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("max");
        });
    }

    @Test
    @RuleId("CG7")
    @DisplayName("pids.max stops a fork beyond it, and pids.peak reports the most processes at once")
    default void pidsMax() {
        withCgroup(cg -> {
            assumeTrue(cg.controllers().contains("pids"), "the pids controller is not enabled for cgroup v2 here"
                    + " (cgroup.controllers: " + cg.controllers() + "; a v1 controller on a hybrid system)");
            cg.setPidsMax(1);
            ChildState st = Spawn.of(Command.of("/bin/sh", "-c", "/bin/true; echo $?")).cgroup(cg).run(local());
            assertThat(st.isCleanExit()).as("sh cannot fork /bin/true").isFalse();
            cg.pidsPeak().ifPresent(peak -> assertThat(peak).isEqualTo(1));
        });
    }

    @Test
    @RuleId("CG8")
    @DisplayName("memory.max and cpu.max are written as given")
    default void memoryAndCpuMax() {
        withCgroup(cg -> {
            assumeTrue(cg.controllers().containsAll(List.of("memory", "cpu")), "the memory and cpu controllers are"
                    + " not both enabled for cgroup v2 here (cgroup.controllers: " + cg.controllers() + ")");
            cg.setMemoryMax(64L << 20);
            cg.setCpuMax(Duration.ofMillis(50), Duration.ofMillis(100));
            try {
                assertThat(Files.readString(Path.of(cg.path(), "memory.max")).trim()).isEqualTo("67108864");
                assertThat(Files.readString(Path.of(cg.path(), "cpu.max")).trim()).isEqualTo("50000 100000");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    @RuleId("CG9")
    @DisplayName("without a cgroup v2 hierarchy, finding one is refused with the reason")
    default void noHierarchy() {
        assumeFalse(realKernel(), "backend '" + kernel().backendId() + "' has a real kernel; the refusal is"
                + " checked on the fake, which simulates no cgroup v2 file system");
        assertThatThrownBy(() -> Cgroup.own(local())).isInstanceOf(CgroupException.class)
                .hasMessageContaining("cgroup v2 hierarchy");
    }

    @Test
    @RuleId("CG10")
    @DisplayName("killing a tree without a cgroup uses the session the child leads, and ends its jobs")
    default void killTreeBySession() {
        assumeTrue(realKernel(), "the fake's shell runs no background jobs");
        try (Spawned s = Spawn.of(Command.of("/bin/sh", "-c", TREE)).setsid().start(local())) {
            int sid = (int) s.pid();
            await("the shell has two children", () -> children(sid).size() == 2);
            List<Integer> pids = new ArrayList<>(children(sid));
            pids.add(sid);
            Map<Integer, String> tree = startTimes(pids);
            assertThat(ProcessTree.kill(s.process(), null)).isEqualTo(ProcessTree.Mechanism.SESSION);
            assertThat(s.waitForExit().killedBy()).contains(Signal.SIGKILL);
            await("no process of the tree is left: " + survivors(tree), () -> survivors(tree).isEmpty());
        }
    }

    @Test
    @RuleId("CG11")
    @DisplayName("killing a tree whose root is pid 1 of its own pid namespace ends everything in the namespace")
    default void killTreeByPidNamespace() {
        assumeTrue(realKernel(), "the fake's shell runs no background jobs and it simulates no pid namespaces");
        ChildTask c;
        try {
            c = local().cloneChild(CloneFlags.of(CloneFlag.VM, CloneFlag.PIDFD, CloneFlag.NEWPID)
                    .exitSignal(Signal.SIGCHLD), null, null);
        } catch (dev.jsyscall.linux.ErrnoException e) {
            // a native backend never claims PRIVILEGED_NAMESPACES (it depends on the user): ask the kernel
            assumeTrue(e.errno() != dev.jsyscall.linux.Errno.EPERM, "clone(CLONE_NEWPID) needs privilege here: "
                    + e.getMessage());
            throw e;
        }
        ChildProcess root = c.childProcess();
        try {
            c.exec(Command.of("/bin/sh", "-c", TREE));
            c.close();
            int pid = root.near().id();
            await("the namespace's init has two children", () -> children(pid).size() == 2);
            List<Integer> pids = new ArrayList<>(children(pid));
            pids.add(pid);
            Map<Integer, String> tree = startTimes(pids);
            assertThat(ProcessTree.kill(root, null)).isEqualTo(ProcessTree.Mechanism.PID_NAMESPACE);
            assertThat(root.waitForExit().killedBy()).contains(Signal.SIGKILL);
            await("no process of the tree is left: " + survivors(tree), () -> survivors(tree).isEmpty());
        } finally {
            c.close();
            if (root.deathState().isEmpty()) {
                root.kill(Signal.SIGKILL);
                root.waitForExit();
            }
        }
    }

    @Test
    @RuleId("CG12")
    @DisplayName("killing a tree names the weaker mechanism it had: the process group it leads, or the child alone")
    default void killTreeWeaker() {
        try (Spawned s = Spawn.of(Command.of("/bin/sleep", "100")).newProcessGroup().start(local())) {
            assertThat(ProcessTree.kill(s.process(), null)).isEqualTo(ProcessTree.Mechanism.PROCESS_GROUP);
            assertThat(s.waitForExit().killedBy()).contains(Signal.SIGKILL);
        }
        try (Spawned s = Spawn.of(Command.of("/bin/sleep", "100")).start(local())) {
            assertThat(ProcessTree.kill(s.process(), null)).isEqualTo(ProcessTree.Mechanism.PROCESS);
            assertThat(s.waitForExit().killedBy()).contains(Signal.SIGKILL);
            assertThatThrownBy(() -> ProcessTree.kill(s.process(), null))
                    .isInstanceOf(dev.jsyscall.handle.ChildProcessException.NotAlive.class);
        }
    }

    /** Starts {@code sh -c TREE} contained in {@code cg} and returns it once the shell and both sleeps are in. */
    private Spawned startContained(Cgroup cg) {
        Spawned s = Spawn.of(Command.of("/bin/sh", "-c", TREE)).contain(cg).start(local());
        await("the shell and its two sleeps are in " + cg, () -> cg.pids().size() == 3);
        return s;
    }

    @Test
    @RuleId("CG13")
    @DisplayName("closing a contained spawn ends its whole tree before close returns, the cgroup left empty")
    default void closeEndsContainedTree() {
        withCgroup(cg -> {
            Spawned s = startContained(cg);
            Map<Integer, String> tree = startTimes(cg.pids());
            assertThat(s.process().container()).contains(cg);
            s.close();
            assertThat(s.process().deathState().flatMap(ChildState::killedBy)).contains(Signal.SIGKILL);
            assertThat(cg.pids()).as("cgroup.procs right after close").isEmpty();
            assertThat(cg.isPopulated()).isFalse();
            assertTreeGone(cg, tree);
        });
    }

    @Test
    @RuleId("CG14")
    @DisplayName("stopping a contained spawn, or its capture timing out, ends the jobs the program alone would leave")
    default void stopEndsContainedTree() {
        withCgroup(cg -> {
            try (Spawned s = startContained(cg)) {
                Map<Integer, String> tree = startTimes(cg.pids());
                // SIGTERM ends the shell alone; the sleeps, outside its reach, end with the cgroup
                ChildState st = s.stop(dev.jsyscall.Stop.of(Signal.SIGTERM, Duration.ofSeconds(5)));
                assertThat(st.killedBy()).contains(Signal.SIGTERM);
                assertThat(cg.pids()).as("cgroup.procs right after stop").isEmpty();
                assertTreeGone(cg, tree);
            }
            dev.jsyscall.Output out = Spawn.of(Command.of("/bin/sh", "-c", TREE)).contain(cg).output(local(),
                    dev.jsyscall.Capture.defaults().timeout(Duration.ofMillis(300)));
            assertThat(out.timedOut()).isTrue();
            assertThat(cg.pids()).as("cgroup.procs right after the timeout").isEmpty();
        });
    }

    @Test
    @RuleId("CG15")
    @DisplayName("a spawn not contained has no container, and contain(null) is refused naming the argument")
    default void notContained() {
        try (Spawned s = Spawn.of(Command.of("/bin/true")).start(local())) {
            assertThat(s.process().container()).isEmpty();
            assertThat(s.process().killContainedTree(Duration.ZERO)).isTrue();
            assertThatThrownBy(() -> s.process().killContainedTree(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
            s.waitForExit();
        }
        assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).contain(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("cgroup");
    }

    /** The pids whose parent is {@code ppid}, from /proc. */
    private static List<Integer> children(int ppid) {
        List<Integer> out = new ArrayList<>();
        try (var ds = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : ds) {
                int pid = Integer.parseInt(p.getFileName().toString());
                String st = stat(pid);
                if (st != null && Integer.parseInt(st.substring(st.lastIndexOf(')') + 2).split(" ")[1]) == ppid) {
                    out.add(pid);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
