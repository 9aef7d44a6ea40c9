// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.Capture;
import dev.jsyscall.Command;
import dev.jsyscall.Output;
import dev.jsyscall.Spawn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guide's CLI lines ({@code src/test/sh/cli-examples.sh}, tag {@code cli}): each {@code jsyscall run ...} is run
 * through the real CLI in a JVM of its own, and the tool named after {@code # as:} beside it; they must exit with the
 * same status and print the same stdout, and jsyscall must be as silent on stderr as the tool.
 */
class CliExamplesTest {
    private static final String AS = "# as: ";

    static Stream<Arguments> lines() {
        String region = Snippets.tags("cli-examples.sh",
                Snippets.read(Snippets.root().resolve("guide/src/test/sh/cli-examples.sh"))).get("cli");
        List<Arguments> lines = new ArrayList<>();
        for (String line : region.split("\n")) {
            int as = line.indexOf(AS);
            if (!line.startsWith("jsyscall run ") || as < 0) {
                throw new IllegalStateException("a CLI example is 'jsyscall run ...  # as: TOOL ...', not: " + line);
            }
            lines.add(Arguments.of(line.substring(0, as).strip(), line.substring(as + AS.length()).strip()));
        }
        return lines.stream();
    }

    @ParameterizedTest(name = "{0}  as  {1}")
    @MethodSource("lines")
    @DisplayName("the CLI exits and prints as the tool it stands beside")
    void behavesAsTheTool(String jsyscall, String tool) {
        Output theirs = sh(tool);
        Output ours = sh(jsyscall);
        assertThat(ours.state().shellStatus()).as("exit status of %s (stderr: %s)", jsyscall, ours.stderrText())
                .isEqualTo(theirs.state().shellStatus());
        assertThat(ours.stdoutText()).as("stdout of %s", jsyscall).isEqualTo(theirs.stdoutText());
        if (theirs.stderrText().isEmpty()) {
            assertThat(ours.stderrText()).as("stderr of %s, silent as %s", jsyscall, tool).isEmpty();
        }
    }

    /** Runs {@code line} with sh, where {@code jsyscall} is the CLI's main class on this test's class path. */
    private static Output sh(String line) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String launcher = "jsyscall() { \"$GUIDE_JAVA\" --enable-native-access=ALL-UNNAMED -cp \"$GUIDE_CP\""
                + " dev.jsyscall.cli.JsyscallCli \"$@\"; }; ";
        Output out = Spawn.of(Command.of("sh", "-c", launcher + line)
                        .env("GUIDE_JAVA", java)
                        .env("GUIDE_CP", System.getProperty("java.class.path")))
                .output(Capture.defaults().timeout(Duration.ofSeconds(60)));
        assertThat(out.timedOut()).as("%s ended within a minute", line).isFalse();
        return out;
    }
}
