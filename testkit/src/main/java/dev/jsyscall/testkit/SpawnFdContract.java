// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static dev.jsyscall.testkit.KitSupport.Output;
import static dev.jsyscall.testkit.KitSupport.output;
import static dev.jsyscall.testkit.KitSupport.readAll;
import static dev.jsyscall.testkit.KitSupport.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jsyscall.Command;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.SpawnFailedException;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.FileDescriptor;
import dev.jsyscall.handle.Pipe;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.resource.Resource;
import dev.jsyscall.linux.wait.ChildState;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Spawn fds: pipes, files and {@code /dev/null} as the program's fds, any JVM fd mapped onto any number
 * of the child, bad targets and sources refused before the clone, the child's syscall channel kept above every
 * target, and inherited fds closed unless asked.
 * Composed into a backend's suite with one nested class:
 *
 * <pre>{@code
 * @Nested class Area implements SpawnFdContract {
 *     public Kernel kernel() { return MySuite.this.kernel(); }
 * }
 * }</pre>
 *
 * @since 0.2
 */
@SuppressWarnings("try") // leases and borrows are held for the scope of their try blocks
public interface SpawnFdContract extends ConformanceArea {

    @Test
    @RuleId("SP10")
    @DisplayName("stdin and stdout can be pipes fed and drained from Java streams")
    default void pipes() throws Exception {
        try (Spawned s = Spawn.of(Command.of("/bin/cat")).stdin(Redirect.pipe()).stdout(Redirect.pipe())
                .start(local())) {
            s.stdin().write("through cat\n".getBytes(StandardCharsets.UTF_8));
            s.stdin().close();
            assertThat(new String(s.stdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("through cat\n");
            assertThat(s.process().check().isCleanExit()).isTrue();
        }
    }

    @Test
    @RuleId("SP11")
    @DisplayName("stdin from /dev/null reads end of file at once")
    default void devNull() {
        Output o = output(local(), Spawn.of(Command.of("/bin/cat")).stdin(Redirect.devNull()));
        assertThat(o.stdout()).isEmpty();
        assertThat(o.state().isCleanExit()).isTrue();
    }

    @Test
    @RuleId("SP12")
    @DisplayName("stdout to a file opened in the child, relative to its cwd")
    default void file() {
        String name = "jsyscall-conformance-" + local().pid().id() + ".txt";
        ChildState s = Spawn.of(Command.of("/bin/echo", "in a file")).cwd("/tmp")
                .stdout(Redirect.file(name, Redirect.Mode.WRITE)).run(local());
        assertThat(s.isCleanExit()).isTrue();
        Output back = output(local(), Spawn.of(Command.of("/bin/cat", "/tmp/" + name)));
        assertThat(back.stdout()).isEqualTo("in a file\n");
        assertThat(Spawn.of(Command.of("/bin/rm", "/tmp/" + name)).run(local()).isCleanExit()).isTrue();
    }

    @Test
    @RuleId("SP13")
    @DisplayName("any fd of the JVM can be mapped onto any fd number of the child")
    default void fdMapping() throws Exception {
        try (Pipe p = local().pipe2(Fcntl.O_CLOEXEC)) {
            ChildState s = sh("echo on five >&5").fd(5, Redirect.fd(p.write())).run(local());
            assertThat(s.isCleanExit()).isTrue();
            p.write().close();
            assertThat(readAll(p.read())).isEqualTo("on five\n");
        }
    }

    @Test
    @RuleId("SP14")
    @DisplayName("fds can be mapped onto the numbers the child's channel would take, which stays above them")
    default void mappingNeverCutsTheChannel() throws Exception {
        // the lowest free fds of the JVM are what a new channel pipe would get
        int low;
        int high;
        try (Pipe probe = local().pipe2(Fcntl.O_CLOEXEC)) {
            low = Math.min(probe.read().near().number(), probe.write().near().number());
            high = Math.max(probe.read().near().number(), probe.write().near().number());
        }
        try (Pipe p = local().pipe2(Fcntl.O_CLOEXEC)) {
            // set-up only completes if the channel survived both mappings; ls proves the fds are there
            ChildState s = Spawn.of(Command.of("/bin/ls", "/proc/self/fd/" + low, "/proc/self/fd/" + high))
                    .fd(low, Redirect.fd(p.write())).fd(high, Redirect.fd(p.read())).stdout(Redirect.devNull())
                    .run(local());
            assertThat(s.isCleanExit()).isTrue();
        }
        ChildTask c = child();
        int channel = c.childProcess().stackData().arguments().get(0).intValue();
        assertThat(c.isChannelFd(channel)).isTrue();
        assertThatThrownBy(() -> c.fd(0).dup3(channel, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("syscall channel");
        c.exitGroup(0);
        c.childProcess().waitForExit();
    }

    @Test
    @RuleId("SP15")
    @DisplayName("a closed Redirect.fd source is refused before anything is cloned, naming the target")
    default void closedFdSource() {
        Pipe p = local().pipe2(Fcntl.O_CLOEXEC);
        p.close();
        int closed = p.write().near().number();
        assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).fd(5, Redirect.fd(p.write())).start(local()))
                .as("an argument error, not a failed 'clone' step").isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fd 5 from fd " + closed).hasMessageContaining("source fd " + closed
                        + " is closed");
    }

    @Test
    @RuleId("SP16")
    @DisplayName("a redirect to a path holding a NUL is refused when the redirect is made")
    default void redirectPathWithNul() {
        assertThatThrownBy(() -> Redirect.file("out\0.log", Redirect.Mode.WRITE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL")
                .hasMessageContaining("out\\0.log");
    }

    @Test
    @RuleId("SP17")
    @DisplayName("an fd target with no room below RLIMIT_NOFILE for the child's channel is refused before the clone")
    default void fdTargetAboveNofile() {
        long soft = local().prlimit(Resource.RLIMIT_NOFILE, null).soft();
        assumeTrue(soft > 8 && soft < Integer.MAX_VALUE, () -> "RLIMIT_NOFILE soft limit " + soft
                + " leaves no fd number at or above it to test with");
        int tooHigh = (int) soft - 1;
        assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).fd(tooHigh, Redirect.devNull()).run(local()))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fd target " + tooHigh).hasMessageContaining("RLIMIT_NOFILE soft limit "
                        + soft);
        // the highest target that leaves the channel its two fds below the limit works
        ChildState s = Spawn.of(Command.of("/bin/true")).fd((int) soft - 3, Redirect.devNull()).run(local());
        assertThat(s.isCleanExit()).isTrue();
    }

    @Test
    @RuleId("SP18")
    @DisplayName("a channel that cannot be placed above the fd targets fails as its 'fcntl' step, naming target and"
            + " limit")
    default void channelAboveTargetsFails() {
        long soft = local().prlimit(Resource.RLIMIT_NOFILE, null).soft();
        assumeTrue(soft > 8 && soft < Integer.MAX_VALUE, () -> "RLIMIT_NOFILE soft limit " + soft
                + " leaves no fd number at or above it to test with");
        int target = (int) soft - 3;
        // the check before the clone passes, but the two fds the channel could take are in use
        try (Pipe p = local().pipe2(Fcntl.O_CLOEXEC);
             FileDescriptor a = p.read().dup3((int) soft - 2, Fcntl.O_CLOEXEC);
             FileDescriptor b = p.write().dup3((int) soft - 1, Fcntl.O_CLOEXEC)) {
            assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).fd(target, Redirect.devNull())
                    .run(local()))
                    .isInstanceOfSatisfying(SpawnFailedException.class, e -> assertThat(e.step())
                            .isEqualTo("fcntl"))
                    .hasMessageContaining("fd target " + target).hasMessageContaining("RLIMIT_NOFILE soft limit "
                            + soft).hasMessageContaining("fcntl");
            assertThat(a.isOpen() && b.isOpen()).isTrue();
        }
    }

    @Test
    @RuleId("SP19")
    @DisplayName("fds the JVM left open without close-on-exec do not reach the program, unless asked")
    default void inheritedFdsClosed() {
        try (Pipe leaky = local().pipe2(0)) {
            String path = "/proc/self/fd/" + leaky.write().near().number();
            ChildState closed = Spawn.of(Command.of("/bin/ls", path)).stdout(Redirect.devNull())
                    .stderr(Redirect.devNull()).run(local());
            assertThat(closed.isCleanExit()).as("%s must not exist in the program", path).isFalse();
            ChildState kept = Spawn.of(Command.of("/bin/ls", path)).stdout(Redirect.devNull())
                    .keepInheritedFds().run(local());
            assertThat(kept.isCleanExit()).as("%s must exist with keepInheritedFds", path).isTrue();
        }
    }
}
