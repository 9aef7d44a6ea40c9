// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.MisuseException;
import dev.jsyscall.Output;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.Pty;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.tty.WinSize;
import dev.jsyscall.linux.wait.ChildState;
import dev.jsyscall.spi.Capability;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Terminals: a pseudo-terminal pair, a program with the slave as its controlling terminal and stdin, stdout and
 * stderr ({@link Spawn#terminal}), its window size and resizing, and the master read and written as the everyday
 * layer's streams are. Checked from inside the program ({@code tty}, {@code stty size}, {@code test -t},
 * {@code /dev/tty}, a SIGWINCH trap). Composed into a backend's suite with one nested class.
 *
 * @since 0.2
 */
public interface TerminalContract {
    /**
     * The kernel under test.
     *
     * @return the kernel, opened by the backend's test
     */
    Kernel kernel();

    private LocalTask local() {
        return kernel().localTask();
    }

    private void requireTerminals() {
        requireTerminals(null);
    }

    /**
     * Skips where the machine has no {@code /dev/ptmx}, or, on a simulated kernel, where the test needs
     * {@code fakeLacks} (a program or shell feature the fake's program set does not have; null for none): the
     * fake simulates the pty pair, its line discipline, the controlling terminal and SIGWINCH itself.
     */
    private void requireTerminals(String fakeLacks) {
        if (!kernel().capabilities().contains(Capability.REAL_KERNEL)) {
            if (fakeLacks != null) {
                Assumptions.abort("backend '" + kernel().backendId() + "' lacks " + Capability.REAL_KERNEL
                        + ": " + fakeLacks);
            }
            return;
        }
        if (!Files.exists(Path.of("/dev/ptmx"))) {
            Assumptions.abort("this machine has no /dev/ptmx (no devpts mounted)");
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Spawn sh(String script) {
        return Spawn.of(Command.of("/bin/sh", "-c", script));
    }

    @RuleId("TY1")
    @Test
    @DisplayName("the program's stdin, stdout and stderr are the pty's slave, which is its controlling terminal"
            + " in a session it leads")
    default void slaveIsTheControllingTerminal() {
        requireTerminals();
        try (Spawned s = sh("tty; test -t 0 && test -t 1 && test -t 2 && echo all-ttys; echo via-dev-tty >/dev/tty;"
                + " read _ _ _ _ _ sid _ </proc/$$/stat; echo sid=$sid pid=$$")
                .terminal(new WinSize(80, 24)).start(local())) {
            String out = readAll(s.terminal().output());
            assertThat(s.waitForExit().isCleanExit()).as(out).isTrue();
            assertThat(out).startsWith(s.terminal().slavePath() + "\r\n")
                    .contains("all-ttys\r\n", "via-dev-tty\r\n", "sid=" + s.pid() + " pid=" + s.pid() + "\r\n");
        }
    }

    @RuleId("TY2")
    @Test
    @DisplayName("the window size set at spawn is what stty size prints and TIOCGWINSZ reads")
    default void windowSizeAtSpawn() {
        requireTerminals();
        try (Spawned s = Spawn.of(Command.of("stty", "size")).terminal(new WinSize(132, 43)).start(local())) {
            assertThat(readAll(s.terminal().output())).isEqualTo("43 132\r\n");
            assertThat(s.terminal().windowSize()).isEqualTo(new WinSize(132, 43));
            assertThat(s.waitForExit().isCleanExit()).isTrue();
        }
    }

    @RuleId("TY3")
    @Test
    @DisplayName("a resize delivers SIGWINCH to the program, and stty size then prints the new size")
    default void resizeDeliversSigwinch() throws IOException {
        requireTerminals("the fake's sh has neither trap (the WINCH trap) nor while loops; the resize's SIGWINCH"
                + " itself is simulated and checked by the fake's PtyTest");
        try (Spawned s = sh("trap 'stty size; exit 7' WINCH; echo ready; while :; do sleep 0.05; done")
                .terminal(new WinSize(80, 24)).start(local())) {
            BufferedReader r = new BufferedReader(new InputStreamReader(s.terminal().output(),
                    StandardCharsets.UTF_8));
            assertThat(r.readLine()).isEqualTo("ready");
            s.terminal().resize(new WinSize(100, 30));
            assertThat(r.readLine()).isEqualTo("30 100");
            assertThat(r.readLine()).as("the master's EIO after the last slave fd closed reads as the end").isNull();
            assertThat(s.waitForExit().exitStatus()).isEqualTo(7);
        }
    }

    @RuleId("TY4")
    @Test
    @DisplayName("what is written to the master is the program's input, echoed, and its output arrives through the"
            + " master until the end")
    default void masterCarriesInputAndOutput() throws IOException {
        requireTerminals();
        try (Spawned s = sh("read line; echo got:$line").terminal(new WinSize(80, 24)).start(local())) {
            s.terminal().input().write("abc\n".getBytes(StandardCharsets.UTF_8));
            s.terminal().input().flush();
            assertThat(readAll(s.terminal().output())).isEqualTo("abc\r\ngot:abc\r\n");
            assertThat(s.waitForExit().isCleanExit()).isTrue();
        }
    }

    @RuleId("TY5")
    @Test
    @DisplayName("the terminal's output goes to a lines callback as a pipe's does, and run() returns after its end")
    default void terminalOutputToLines() {
        requireTerminals();
        List<String> lines = new CopyOnWriteArrayList<>();
        ChildState st = sh("echo one; echo two >&2; printf three").terminal(new WinSize(80, 24),
                Redirect.lines(lines::add)).run(local());
        assertThat(st.isCleanExit()).isTrue();
        assertThat(lines).containsExactly("one", "two", "three");
    }

    @RuleId("TY6")
    @Test
    @DisplayName("the JVM's slave fd is closed once the program has it, and closing the spawn closes the master and"
            + " kills the program")
    default void nothingLeaks() {
        requireTerminals();
        Pty pty;
        Spawned s = Spawn.of(Command.of("sleep", "30")).terminal(new WinSize(80, 24)).start(local());
        try {
            pty = s.terminal();
            assertThat(pty.slave().isOpen()).isFalse();
            assertThat(pty.master().isOpen()).isTrue();
            pty.input();   // its second fd on the master must close too
        } finally {
            s.close();
        }
        assertThat(pty.master().isOpen()).isFalse();
        assertThat(s.state()).hasValueSatisfying(st -> assertThat(st.isCleanExit()).isFalse());
    }

    @RuleId("TY7")
    @Test
    @DisplayName("Pty.open gives a close-on-exec pair whose slave is /dev/pts/N")
    default void openPair() throws IOException {
        requireTerminals();
        try (Pty pty = Pty.open(local(), new WinSize(80, 24))) {
            int slave = pty.slave().number(local());
            if (kernel().capabilities().contains(Capability.REAL_KERNEL)) {
                assertThat(Files.readSymbolicLink(Path.of("/proc/self/fd/" + slave)).toString())
                        .isEqualTo(pty.slavePath());
            } else {
                // the JVM's /proc is not the simulated kernel's: its own tty program reads its /proc/self/fd/0
                Output out = Spawn.of(Command.of("tty")).stdin(Redirect.fd(pty.slave())).output(local());
                assertThat(out.state().isCleanExit()).as(out.stderrText()).isTrue();
                assertThat(out.stdoutText()).isEqualTo(pty.slavePath() + "\n");
            }
            assertThat(local().call(Fcntl.getFdFlags(slave)) & Fcntl.FD_CLOEXEC).isEqualTo(Fcntl.FD_CLOEXEC);
            assertThat(local().call(Fcntl.getFdFlags(pty.master().number(local()))) & Fcntl.FD_CLOEXEC)
                    .isEqualTo(Fcntl.FD_CLOEXEC);
            assertThat(pty.windowSize()).isEqualTo(new WinSize(80, 24));
        }
    }

    @RuleId("TY8")
    @Test
    @DisplayName("bad terminal arguments are refused naming the argument, before any syscall")
    default void badArgumentsRefused() {
        assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).terminal(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> new WinSize(-1, 24)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("columns");
        assertThatThrownBy(() -> WinSize.parse("80by24")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("COLSxROWS");
        assertThat(WinSize.parse("80x24")).isEqualTo(new WinSize(80, 24));
        assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).terminal(new WinSize(80, 24)).run(local()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("terminal");
        try (Spawned s = Spawn.of(Command.of("/bin/true")).start(local())) {
            assertThatThrownBy(s::terminal).isInstanceOf(MisuseException.class)
                    .hasMessageContaining("Spawn.terminal");
            s.waitForExit();
        }
    }
}
