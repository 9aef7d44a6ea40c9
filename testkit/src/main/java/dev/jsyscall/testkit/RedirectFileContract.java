// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.SpawnFailedException;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Files a spawn redirects to: truncate, append or create-new, the permissions a created file gets, and the
 * {@link Path} overloads of {@code Redirect.file}, {@code Spawn.cwd} and {@code Task.chdir}. Composed into a
 * backend's suite with one nested class, as {@link ThreadsContract} is.
 *
 * @since 0.2
 */
public interface RedirectFileContract {
    /**
     * The kernel under test.
     *
     * @return the kernel, opened by the backend's test
     */
    Kernel kernel();

    private LocalTask local() {
        return kernel().localTask();
    }

    private void echo(String word, Redirect to) {
        assertThat(Spawn.of(Command.of("/bin/echo", word)).stdout(to).run(local()).isCleanExit()).isTrue();
    }

    @Test
    @RuleId("RF1")
    @DisplayName("WRITE truncates what was there, APPEND adds to it")
    default void truncateAndAppend() {
        try (KitFiles f = new KitFiles(local(), "redirect")) {
            String out = f.write(f.dir + "/out", "old content\n", 0644);
            echo("one", Redirect.file(out, Redirect.Mode.WRITE));
            assertThat(f.read(out)).isEqualTo("one\n");
            echo("two", Redirect.file(out, Redirect.Mode.APPEND));
            assertThat(f.read(out)).isEqualTo("one\ntwo\n");
        }
    }

    @Test
    @RuleId("RF2")
    @DisplayName("CREATE_NEW creates a file, and fails the spawn with EEXIST rather than overwrite one")
    default void createNew() {
        try (KitFiles f = new KitFiles(local(), "create-new")) {
            String out = f.expect(f.dir + "/new");
            echo("first", Redirect.file(out, Redirect.Mode.CREATE_NEW));
            assertThat(f.read(out)).isEqualTo("first\n");
            assertThatThrownBy(() -> echo("second", Redirect.file(out, Redirect.Mode.CREATE_NEW)))
                    .isInstanceOfSatisfying(SpawnFailedException.class,
                            e -> assertThat(e.step()).contains("fd 1 from file " + out))
                    .cause().isInstanceOfSatisfying(ErrnoException.class,
                            e -> assertThat(e.errno()).isEqualTo(Errno.EEXIST));
            assertThat(f.read(out)).isEqualTo("first\n");
        }
    }

    @Test
    @RuleId("RF3")
    @DisplayName("a created file gets the permissions asked for (0644 by default), less the child's umask")
    default void permissions() {
        try (KitFiles f = new KitFiles(local(), "perm")) {
            String secret = f.expect(f.dir + "/secret");
            assertThat(Spawn.of(Command.of("/bin/echo", "s")).umask(0)
                    .stdout(Redirect.file(secret, Redirect.Mode.CREATE_NEW, 0600)).run(local()).isCleanExit())
                    .isTrue();
            assertThat(f.mode(secret) & 07777).isEqualTo(0600);
            assertThat(f.read(secret)).isEqualTo("s\n");
            String plain = f.expect(f.dir + "/plain");
            assertThat(Spawn.of(Command.of("/bin/echo", "p")).umask(0)
                    .stdout(Redirect.file(plain, Redirect.Mode.WRITE)).run(local()).isCleanExit()).isTrue();
            assertThat(f.mode(plain) & 07777).isEqualTo(0644);
            String masked = f.expect(f.dir + "/masked");
            assertThat(Spawn.of(Command.of("/bin/echo", "m")).umask(027)
                    .stdout(Redirect.file(masked, Redirect.Mode.APPEND, 0666)).run(local()).isCleanExit()).isTrue();
            assertThat(f.mode(masked) & 07777).isEqualTo(0640);
        }
    }

    @Test
    @RuleId("RF4")
    @DisplayName("permissions outside 07777 are refused before any syscall, naming the argument")
    default void badPermissions() {
        assertThatThrownBy(() -> Redirect.file("/tmp/x", Redirect.Mode.WRITE, 010000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("permissions");
        assertThatThrownBy(() -> Redirect.file(Path.of("/tmp/x"), Redirect.Mode.WRITE, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("permissions");
    }

    @Test
    @RuleId("RF5")
    @DisplayName("Path overloads: a relative Redirect.file and Spawn.cwd follow the child's cwd, Task.chdir too")
    default void pathOverloads() {
        try (KitFiles f = new KitFiles(local(), "paths")) {
            String sub = f.mkdir(f.dir + "/sub");
            f.expect(sub + "/out");
            assertThat(Spawn.of(Command.of("/bin/pwd")).cwd(Path.of(f.dir)).cwd(Path.of("sub"))
                    .stdout(Redirect.file(Path.of("out"), Redirect.Mode.WRITE)).run(local()).isCleanExit())
                    .isTrue();
            assertThat(f.read(sub + "/out")).isEqualTo(sub + "\n");
            ChildTask c = local().cloneChild();
            c.chdir(Path.of(sub));
            assertThat(c.getcwd()).isEqualTo(sub);
            c.exitGroup(0);
            c.childProcess().waitForExit();
        }
    }

    @Test
    @RuleId("RF6")
    @DisplayName("a Path of another file system, or the empty Path, is refused naming the argument")
    default void foreignPaths() {
        Path jrt = FileSystems.getFileSystem(URI.create("jrt:/")).getPath("/modules");
        assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).cwd(jrt))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dir");
        assertThatThrownBy(() -> Redirect.file(jrt, Redirect.Mode.READ))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path");
        assertThatThrownBy(() -> Command.of(jrt)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("executable");
        assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).cwd(Path.of("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> local().chdir(Path.of(""))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("path");
    }
}
