// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VersionTest {
    @Test
    @DisplayName("--version prints the pom's version, not a copy of it in the source")
    void versionIsThePoms() {
        String pomVersion = System.getProperty("jsyscall.pom.version");
        assertThat(pomVersion).as("the build passes the pom's version").isNotBlank();
        StringWriter out = new StringWriter();
        CommandLine cli = JsyscallCli.commandLine("--version");
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--version")).isZero();
        assertThat(out.toString().strip()).isEqualTo("jsyscall " + pomVersion);
    }
}
