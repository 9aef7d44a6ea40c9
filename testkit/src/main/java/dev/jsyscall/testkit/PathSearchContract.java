// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.ExecFailedException;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.wait.ChildState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A spawn execs its command as {@code execvp} does: a name without '/' is looked up in the PATH of the program's
 * environment, in the child after its set-up; EACCES is remembered while ENOENT and ENOTDIR go on to the next
 * entry; a file that is neither ELF nor {@code #!} runs as {@code /bin/sh FILE ARGS}. Composed into a backend's
 * suite with one nested class, as {@link ThreadsContract} is.
 *
 * @since 0.2
 */
public interface PathSearchContract {
    /**
     * The kernel under test.
     *
     * @return the kernel, opened by the backend's test
     */
    Kernel kernel();

    private LocalTask local() {
        return kernel().localTask();
    }

    /** What {@code spawn} printed on stdout; it must exit 0. */
    private String stdout(Spawn spawn) {
        try (Spawned s = spawn.stdout(Redirect.pipe()).start(local())) {
            String out = new String(s.stdout().readAllBytes(), StandardCharsets.UTF_8);
            ChildState state = s.waitForExit();
            assertThat(state.isCleanExit()).as("%s ended %s", spawn, state).isTrue();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A script printing {@code word}, made executable. */
    private static String script(KitFiles f, String path, String word) {
        return f.write(path, "#!/bin/sh\necho " + word + "\n", 0755);
    }

    @Test
    @RuleId("PA1")
    @DisplayName("Command.of(\"ls\") runs ls, found in the JVM's PATH")
    default void lsByName() {
        try (KitFiles f = new KitFiles(local(), "ls")) {
            f.write(f.dir + "/marker", "", 0644);
            assertThat(stdout(Spawn.of(Command.of("ls", f.dir)))).isEqualTo("marker\n");
        }
    }

    @Test
    @RuleId("PA2")
    @DisplayName("the PATH searched is the command's own, in order, the first file found winning")
    default void commandsOwnPathInOrder() {
        try (KitFiles f = new KitFiles(local(), "order")) {
            String a = f.mkdir(f.dir + "/a");
            String b = f.mkdir(f.dir + "/b");
            script(f, a + "/jsys-prog", "from-a");
            script(f, b + "/jsys-prog", "from-b");
            assertThat(stdout(Spawn.of(Command.of("jsys-prog").env("PATH", f.dir + "/none:" + b + ":" + a))))
                    .isEqualTo("from-b\n");
            assertThat(stdout(Spawn.of(Command.of("jsys-prog").env("PATH", a + ":" + b)))).isEqualTo("from-a\n");
        }
    }

    @Test
    @RuleId("PA3")
    @DisplayName("an empty PATH entry is the cwd the set-up gave the child, not the JVM's")
    default void emptyEntryIsTheChildsCwd() {
        try (KitFiles f = new KitFiles(local(), "cwd")) {
            String a = f.mkdir(f.dir + "/a");
            script(f, a + "/jsys-prog", "in-cwd");
            assertThat(stdout(Spawn.of(Command.of("jsys-prog").env("PATH", f.dir + "/none::/nonexistent"))
                    .cwd(a))).isEqualTo("in-cwd\n");
            assertThat(stdout(Spawn.of(Command.of("jsys-prog").env("PATH", ":")).cwd(a))).isEqualTo("in-cwd\n");
        }
    }

    @Test
    @RuleId("PA4")
    @DisplayName("a file refused with EACCES is passed over for a later one, and reported if none runs")
    default void eaccesRemembered() {
        try (KitFiles f = new KitFiles(local(), "eacces")) {
            String a = f.mkdir(f.dir + "/a");
            String b = f.mkdir(f.dir + "/b");
            f.write(a + "/jsys-prog", "#!/bin/sh\necho not-executable\n", 0644);
            script(f, b + "/jsys-prog", "from-b");
            assertThat(stdout(Spawn.of(Command.of("jsys-prog").env("PATH", a + ":" + b)))).isEqualTo("from-b\n");
            String path = f.dir + "/none:" + a + ":" + f.dir + "/none2";
            assertThatThrownBy(() -> Spawn.of(Command.of("jsys-prog").env("PATH", path)).run(local()))
                    .isInstanceOfSatisfying(ExecFailedException.class, e -> {
                        assertThat(e.errno()).isEqualTo(Errno.EACCES);
                        assertThat(e.path()).isEqualTo("jsys-prog");
                    })
                    .hasMessageContaining("PATH=" + path);
        }
    }

    @Test
    @RuleId("PA5")
    @DisplayName("a PATH entry that is not a directory (ENOTDIR) is passed over")
    default void enotdirContinues() {
        try (KitFiles f = new KitFiles(local(), "enotdir")) {
            String file = f.write(f.dir + "/plain-file", "x", 0644);
            String b = f.mkdir(f.dir + "/b");
            script(f, b + "/jsys-prog", "from-b");
            assertThat(stdout(Spawn.of(Command.of("jsys-prog").env("PATH", file + ":" + b)))).isEqualTo("from-b\n");
        }
    }

    @Test
    @RuleId("PA6")
    @DisplayName("any other exec error ends the search (ELOOP from a #! loop), as execvp's does")
    default void otherErrorsEndTheSearch() {
        try (KitFiles f = new KitFiles(local(), "eloop")) {
            String a = f.mkdir(f.dir + "/a");
            String b = f.mkdir(f.dir + "/b");
            String loop = a + "/jsys-prog";
            f.write(loop, "#!" + loop + "\n", 0755);
            script(f, b + "/jsys-prog", "from-b");
            assertThatThrownBy(() -> Spawn.of(Command.of("jsys-prog").env("PATH", a + ":" + b)).run(local()))
                    .isInstanceOfSatisfying(ExecFailedException.class, e -> {
                        assertThat(e.errno()).isEqualTo(Errno.ELOOP);
                        assertThat(e.path()).isEqualTo(loop);
                    });
        }
    }

    @Test
    @RuleId("PA7")
    @DisplayName("a name not found fails with ENOENT naming the name and the PATH searched")
    default void notFound() {
        String path = "/nonexistent-a:/nonexistent-b";
        assertThatThrownBy(() -> Spawn.of(Command.of("jsyscall-no-such-program").env("PATH", path)).run(local()))
                .isInstanceOfSatisfying(ExecFailedException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.ENOENT);
                    assertThat(e.path()).isEqualTo("jsyscall-no-such-program");
                })
                .hasMessageContaining("jsyscall-no-such-program")
                .hasMessageContaining("PATH=" + path);
    }

    @Test
    @RuleId("PA8")
    @DisplayName("without PATH in the environment the search uses glibc's default, /bin:/usr/bin")
    default void defaultPath() {
        assertThat(stdout(Spawn.of(Command.of("echo", "hi").clearEnv()))).isEqualTo("hi\n");
        assertThatThrownBy(() -> Spawn.of(Command.of("jsyscall-no-such-program").clearEnv()).run(local()))
                .isInstanceOfSatisfying(ExecFailedException.class,
                        e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT))
                .hasMessageContaining("PATH=/bin:/usr/bin");
    }

    @Test
    @RuleId("PA9")
    @DisplayName("a name with a slash is not searched: it is relative to the child's cwd")
    default void slashIsNotSearched() {
        try (KitFiles f = new KitFiles(local(), "slash")) {
            String a = f.mkdir(f.dir + "/a");
            f.mkdir(a + "/sub");
            script(f, a + "/sub/jsys-prog", "relative");
            assertThatThrownBy(() -> Spawn.of(Command.of("sub/jsys-prog").env("PATH", a)).cwd(f.dir).run(local()))
                    .isInstanceOfSatisfying(ExecFailedException.class, e -> {
                        assertThat(e.errno()).isEqualTo(Errno.ENOENT);
                        assertThat(e.path()).isEqualTo("sub/jsys-prog");
                    });
            assertThat(stdout(Spawn.of(Command.of("sub/jsys-prog")).cwd(a))).isEqualTo("relative\n");
        }
    }

    @Test
    @RuleId("PA10")
    @DisplayName("a file that is neither ELF nor #! runs as /bin/sh FILE ARGS, by path and by name")
    default void enoexecRunsTheShell() {
        try (KitFiles f = new KitFiles(local(), "enoexec")) {
            String a = f.mkdir(f.dir + "/a");
            String plain = f.write(a + "/jsys-plain", "echo plain $0 $1\n", 0755);
            assertThat(stdout(Spawn.of(Command.of(plain, "x")))).isEqualTo("plain " + plain + " x\n");
            assertThat(stdout(Spawn.of(Command.of("jsys-plain", "y").env("PATH", a))))
                    .isEqualTo("plain " + plain + " y\n");
        }
    }

    @Test
    @RuleId("PA11")
    @DisplayName("Command.of(Path) runs the file at that path")
    default void commandOfPath() {
        assertThat(stdout(Spawn.of(Command.of(java.nio.file.Path.of("/bin/echo"), "via", "path"))))
                .isEqualTo("via path\n");
    }
}
