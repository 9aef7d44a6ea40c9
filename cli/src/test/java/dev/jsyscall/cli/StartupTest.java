// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI models only what the command line needs: building {@code run}'s model is most of picocli's start-up. */
class StartupTest {
    @Test
    @DisplayName("a lone --version or -V models no subcommand and still prints the version")
    void versionModelsNothing() {
        for (String option : new String[] {"--version", "-V"}) {
            CommandLine cli = JsyscallCli.commandLine(option);
            assertThat(cli.getSubcommands()).as(option).isEmpty();
            StringWriter out = new StringWriter();
            cli.setOut(new PrintWriter(out));
            assertThat(cli.execute(option)).isZero();
            assertThat(out.toString()).startsWith("jsyscall ");
        }
    }

    @Test
    @DisplayName("execute prints a lone --version's line as picocli does, without it")
    void versionWithoutPicocli() {
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream fast = new java.io.ByteArrayOutputStream();
        try {
            System.setOut(new java.io.PrintStream(fast, true, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(JsyscallCli.execute("--version")).isZero();
        } finally {
            System.setOut(stdout);
        }
        StringWriter picocli = new StringWriter();
        CommandLine cli = JsyscallCli.commandLine("--version");
        cli.setOut(new PrintWriter(picocli));
        cli.execute("--version");
        assertThat(fast.toString(java.nio.charset.StandardCharsets.UTF_8).strip())
                .isEqualTo(picocli.toString().strip());
    }

    @Test
    @DisplayName("a subcommand named first is the only one modelled")
    void namedSubcommandAlone() {
        assertThat(JsyscallCli.commandLine("run", "--", "/bin/true").getSubcommands()).containsOnlyKeys("run");
        assertThat(JsyscallCli.commandLine("backends").getSubcommands()).containsOnlyKeys("backends");
    }

    @Test
    @DisplayName("run with no option of its own skips picocli: the result is where PROGRAM is")
    void plainRunFound() {
        assertThat(JsyscallCli.plainRun("run", "--", "/bin/true")).isEqualTo(2);
        assertThat(JsyscallCli.plainRun("run", "/bin/ls", "-l", "--cwd", "x")).isEqualTo(1);
        assertThat(JsyscallCli.plainRun("run", "--", "-weird-name", "--")).isEqualTo(2);
    }

    @Test
    @DisplayName("an option, a help request, an @file, or a program Command.of refuses goes through picocli")
    void plainRunRefused() {
        assertThat(JsyscallCli.plainRun("run", "--cwd", "/tmp", "--", "/bin/pwd")).isEqualTo(-1);
        assertThat(JsyscallCli.plainRun("run", "-h")).isEqualTo(-1);
        assertThat(JsyscallCli.plainRun("run", "--")).isEqualTo(-1);
        assertThat(JsyscallCli.plainRun("run")).isEqualTo(-1);
        assertThat(JsyscallCli.plainRun("run", "--", "")).isEqualTo(-1);
        assertThat(JsyscallCli.plainRun("run", "/bin/echo", "@args")).isEqualTo(-1);
        assertThat(JsyscallCli.plainRun("run", "/bin/echo", "a\0b")).isEqualTo(-1);
        assertThat(JsyscallCli.plainRun("backends")).isEqualTo(-1);
        assertThat(JsyscallCli.plainRun("--version")).isEqualTo(-1);
    }

    @Test
    @DisplayName("no arguments, help or a typo model every subcommand, for the listing and the suggestions")
    void otherwiseEverything() {
        assertThat(JsyscallCli.commandLine().getSubcommands()).containsOnlyKeys("run", "backends");
        assertThat(JsyscallCli.commandLine("--help").getSubcommands()).containsOnlyKeys("run", "backends");
        assertThat(JsyscallCli.commandLine("--version", "run").getSubcommands()).containsOnlyKeys("run", "backends");
        assertThat(JsyscallCli.commandLine("rn").getSubcommands()).containsOnlyKeys("run", "backends");
        StringWriter out = new StringWriter();
        CommandLine cli = JsyscallCli.commandLine("--help");
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("Commands:", "  run ", "  backends ");
    }

    @Test
    @DisplayName("run on the ffm backend links one FFM downcall stub: libc's syscall and the blob's functions share"
            + " its shape, and errno is captured only for a call that failed")
    void oneDowncallShape(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 22, "the ffm backend needs Java 22+, running "
                + Runtime.version().feature());
        Path log = dir.resolve("classes.log");
        JsyscallCliTest.Result r = JsyscallCliTest.cli(List.of("env", "JAVA_TOOL_OPTIONS=-Djsyscall.backend=ffm"
                + " -Xlog:class+load=info:file=" + log), "run", "--", "/bin/true");
        assertThat(r.exit()).as(r.err()).isZero();
        // each downcall shape the JVM links spins a class of this name (JDK 22-25); the first costs tens of ms
        assertThat(Files.readAllLines(log)).filteredOn(l -> l.contains("jdk.internal.foreign.abi.DowncallStub"))
                .hasSize(1);
    }

    @Test
    @DisplayName("run waits for its program on the main thread: no readiness-loop thread starts in its JVM")
    void noLoopThread() throws Exception {
        // the program's parent is the CLI's JVM, whose threads' names are in /proc/PPID/task/*/comm
        JsyscallCliTest.Result r = JsyscallCliTest.cli("run", "--", "/bin/sh", "-c",
                "sleep 0.2; cat /proc/$PPID/task/*/comm");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> threads = Arrays.asList(r.out().split("\n"));
        assertThat(threads).as("the JVM's threads").contains("Signal Dispatch").doesNotContain("jsyscall-poller");
    }
}
