// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
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
}
