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
    @DisplayName("a subcommand named first is the only one modelled")
    void namedSubcommandAlone() {
        assertThat(JsyscallCli.commandLine("run", "--", "/bin/true").getSubcommands()).containsOnlyKeys("run");
        assertThat(JsyscallCli.commandLine("backends").getSubcommands()).containsOnlyKeys("backends");
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
