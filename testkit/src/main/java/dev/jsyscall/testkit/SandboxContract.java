// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Output;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.mount.Mount;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.linux.sched.Sched;
import dev.jsyscall.spi.Capability;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * File-system sandboxing and joining namespaces as set-up steps: bind and read-only bind mounts, tmpfs, a fresh
 * proc, chroot, pivot_root, and setns through a pidfd, each checked from inside the program
 * ({@code /proc/self/mounts}, errors of writes and reads, namespace inode numbers). The fake simulates no mounts,
 * mount namespaces or setns: those tests skip on it with the reason; the argument checks run everywhere.
 * Composed into a backend's suite with one nested class.
 *
 * @since 0.2
 */
public interface SandboxContract {
    /** The kernel under test. */
    Kernel kernel();

    /** Distinct directory names across the JVMs of several backends' suites that may run at once. */
    AtomicInteger SEQ = new AtomicInteger();

    private LocalTask local() {
        return kernel().localTask();
    }

    private void requireMountNamespaces() {
        assumeTrue(kernel().capabilities().contains(Capability.REAL_KERNEL), () -> "backend '" + kernel().backendId()
                + "' lacks " + Capability.REAL_KERNEL + ": the fake simulates no mounts, mount namespaces or setns");
        try {
            Output probe = Spawn.of(Command.of("/bin/true")).unshare(CloneFlag.NEWNS, CloneFlag.NEWNET)
                    .step(Mount.tmpfs("/mnt")).output(local());
            assumeTrue(probe.state().exitStatus() == 0, "the probe in a new mount namespace failed");
        } catch (RuntimeException e) {
            org.junit.jupiter.api.Assumptions.abort(
                    "mount and network namespaces with a tmpfs are not permitted here: " + e);
        }
    }

    /**
     * A root skeleton in the JVM's temp directory: empty {@code usr}, {@code tmp}, {@code proc} directories and the
     * host's top-level symbolic links into {@code /usr} ({@code /bin -> usr/bin} on a merged-/usr system) or empty
     * directories where the host has real ones.
     */
    private Path skeleton(List<String> hostDirs) throws IOException {
        // not Files.createTempDirectory: its SecureRandom keeps /dev/random open, which the leak check reports
        Path root = Files.createDirectory(Paths.get(System.getProperty("java.io.tmpdir"), "jsyscall-sandbox-"
                + local().pid().id() + "-" + SEQ.incrementAndGet()));
        for (String d : List.of("usr", "tmp", "proc", "dev")) {
            Files.createDirectory(root.resolve(d));
        }
        // the spawn opens /dev/null for a stdin it does not feed, after the set-up: it must be there, as bwrap's
        // --dev-bind /dev/null /dev/null gives it
        Files.createFile(root.resolve("dev/null"));
        for (String d : List.of("bin", "lib", "lib64", "sbin")) {
            Path host = Paths.get("/", d);
            if (Files.isSymbolicLink(host)) {
                Files.createSymbolicLink(root.resolve(d), Files.readSymbolicLink(host));
            } else if (Files.isDirectory(host)) {
                Files.createDirectory(root.resolve(d));
                hostDirs.add("/" + d);
            }
        }
        hostDirs.add(0, "/usr");
        return root;
    }

    private static void delete(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bubblewrap-style sandbox of the guide, in a few lines: only a read-only /usr (and the top-level
     * directories the dynamic loader needs), a private /tmp, a fresh /proc, no network, the root pivoted.
     */
    private Spawn sandbox(Command command, Path root, List<String> hostDirs) {
        Spawn s = Spawn.of(command).unshare(CloneFlag.NEWNS, CloneFlag.NEWNET).step(Mount.bind("/dev/null",
                root + "/dev/null"));
        for (String d : hostDirs) {
            s = s.readOnlyBind(d, root + d);
        }
        return s.step(Mount.tmpfs(root + "/tmp")).step(Mount.proc(root + "/proc")).pivotRoot(root.toString())
                .step(Mount.remountReadOnly("/"));
    }

    @RuleId("SB1")
    @Test
    @DisplayName("a sandbox with a read-only /usr, a private /tmp and no network is what the program sees")
    default void sandboxSeenFromInside() throws IOException {
        requireMountNamespaces();
        List<String> hostDirs = new java.util.ArrayList<>();
        Path root = skeleton(hostDirs);
        try {
            String script = "echo mounts; cut -d' ' -f2 /proc/self/mounts;"
                    + " echo usr; touch /usr/jsyscall-probe 2>&1;"
                    + " echo tmp; echo private > /tmp/probe && cat /tmp/probe;"
                    + " echo net; tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ';"
                    + " echo outside; cat /etc/hostname 2>&1; ls " + root + " 2>&1; echo end";
            Output o = sandbox(Command.of("/bin/sh", "-c", script), root, hostDirs).output(local());
            String out = o.stdoutText();
            assertThat(o.state().exitStatus()).as("status; stdout: %s stderr: %s", out, o.stderrText()).isZero();
            List<String> lines = List.of(out.split("\n"));
            List<String> mounts = lines.subList(lines.indexOf("mounts") + 1, lines.indexOf("usr"));
            assertThat(mounts).as("/proc/self/mounts inside").containsExactlyInAnyOrder("/", "/dev/null", "/usr",
                    "/tmp", "/proc");
            assertThat(lines.get(lines.indexOf("usr") + 1)).as("a write to the read-only /usr")
                    .contains("Read-only file system");
            assertThat(lines.get(lines.indexOf("tmp") + 1)).isEqualTo("private");
            assertThat(lines.subList(lines.indexOf("net") + 1, lines.indexOf("outside")))
                    .as("network interfaces inside").containsExactly("lo");
            assertThat(lines.subList(lines.indexOf("outside") + 1, lines.indexOf("end")))
                    .as("reading what was not bound").allMatch(l -> l.contains("No such file or directory"))
                    .hasSize(2);
            assertThat(Files.exists(root.resolve("tmp/probe"))).as("the private /tmp leaks to the host").isFalse();
            assertThat(Files.exists(Paths.get("/usr/jsyscall-probe"))).isFalse();
        } finally {
            delete(root);
        }
    }

    @RuleId("SB2")
    @Test
    @DisplayName("mount steps fail with the kernel's errno and name the step, as the sandbox's errors should")
    default void bindOfMissingSourceNamesTheStep() {
        requireMountNamespaces();
        Spawn s = Spawn.of(Command.of("/bin/true")).unshare(CloneFlag.NEWNS)
                .step(Mount.bind("/nonexistent-jsyscall-source", "/mnt"));
        assertThatThrownBy(() -> s.output(local())).hasMessageContaining("/nonexistent-jsyscall-source")
                .hasMessageContaining("ENOENT");
    }

    @RuleId("SB3")
    @Test
    @DisplayName("bind and tmpfs steps show in /proc/self/mounts, and a chroot starts the program at its root")
    default void bindTmpfsAndChroot() throws IOException {
        requireMountNamespaces();
        List<String> hostDirs = new java.util.ArrayList<>();
        Path root = skeleton(hostDirs);
        try {
            Spawn s = Spawn.of(Command.of("/bin/sh", "-c", "pwd; grep -c ' /tmp tmpfs ' /proc/self/mounts;"
                    + " ls /")).unshare(CloneFlag.NEWNS).step(Mount.bind("/dev/null", root + "/dev/null"));
            for (String d : hostDirs) {
                s = s.step(Mount.bind(d, root + d));
            }
            Output o = s.step(Mount.tmpfs(root + "/tmp")).step(Mount.proc(root + "/proc")).chroot(root.toString())
                    .output(local());
            assertThat(o.state().exitStatus()).as("stderr: %s", o.stderrText()).isZero();
            List<String> lines = List.of(o.stdoutText().split("\n"));
            assertThat(lines.get(0)).as("cwd after chroot").isEqualTo("/");
            assertThat(lines.get(1)).as("tmpfs on /tmp").isEqualTo("1");
            try (Stream<Path> entries = Files.list(root)) {
                assertThat(lines.subList(2, lines.size())).containsExactlyInAnyOrderElementsOf(
                        entries.map(p -> p.getFileName().toString()).toList());
            }
        } finally {
            delete(root);
        }
    }

    @RuleId("SB4")
    @Test
    @DisplayName("a child that joins another's UTS namespace through its pidfd sees its hostname and namespace")
    default void joinUtsNamespaceThroughPidfd() throws IOException {
        requireMountNamespaces();
        Spawn a = Spawn.of(Command.of("/bin/sh", "-c", "hostname jsyscall-a && readlink /proc/self/ns/uts"
                + " /proc/self/ns/net; read x; true")).unshare(CloneFlag.NEWUTS, CloneFlag.NEWNET)
                .stdin(Redirect.pipe()).stdout(Redirect.pipe());
        try (Spawned sa = a.start(local())) {
            BufferedReader r = new BufferedReader(new InputStreamReader(sa.stdout(), StandardCharsets.UTF_8));
            String uts = r.readLine();
            String net = r.readLine();
            String script = "hostname; readlink /proc/self/ns/uts /proc/self/ns/net";
            Output joined = Spawn.of(Command.of("/bin/sh", "-c", script))
                    .joinNamespaces(sa.process(), CloneFlag.NEWUTS).output(local());
            String hostNet = Files.readSymbolicLink(Paths.get("/proc/self/ns/net")).toString();
            assertThat(joined.stdoutText()).isEqualTo("jsyscall-a\n" + uts + "\n" + hostNet + "\n");
            Output all = Spawn.of(Command.of("/bin/sh", "-c", script))
                    .joinNamespaces(sa.process().near().id()).output(local());
            assertThat(all.stdoutText()).as("every kind but user, by pid")
                    .isEqualTo("jsyscall-a\n" + uts + "\n" + net + "\n");
            sa.stdin().close();
            assertThat(sa.waitForExit().exitStatus()).isZero();
        }
        assertThat(Spawn.of(Command.of("/bin/hostname")).output(local()).stdoutText()).isNotEqualTo("jsyscall-a\n");
    }

    @RuleId("SB5")
    @Test
    @DisplayName("bad paths and namespace kinds are refused before anything runs, naming the argument")
    default void badArgumentsRefused() {
        assertThatThrownBy(() -> Mount.bind("", "/mnt")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source");
        assertThatThrownBy(() -> Mount.tmpfs("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target");
        assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).chroot("a\0b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path");
        assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).readOnlyBind("/usr", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target");
        assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).joinNamespaces(1, CloneFlag.VM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VM");
        assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).joinNamespaces(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pid");
        assertThatThrownBy(() -> Sched.setns(-1, Set.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fd");
    }
}
