// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.linux.SetupOption;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SetupOptionsTest {
    @Test
    @DisplayName("every definition marked @SetupOption is an option of run, and the hand-written ones stay")
    void everyDefinitionIsAnOption() {
        CommandLine.Model.CommandSpec run = JsyscallCli.commandLine().getSubcommands().get("run").getCommandSpec();
        List<String> defined = new ArrayList<>();
        for (Method m : SetupOptions.definitions()) {
            defined.add(m.getAnnotation(SetupOption.class).name());
        }
        assertThat(defined).contains("--cwd", "--setsid", "--pgid-new", "--umask", "--ignore-signal",
                "--default-signal");
        // relative to the current value, as nice(1) and prlimit(1): not one definition, so hand-written
        assertThat(defined).doesNotContain("--nice", "--rlimit");
        assertThat(run.findOption("--nice")).isNotNull();
        assertThat(run.findOption("--rlimit")).isNotNull();
        for (String name : defined) {
            assertThat(run.findOption(name)).as(name).isNotNull();
        }
        assertThat(run.findOption("--sigmask")).isNotNull();
        assertThat(run.findOption("--unshare")).isNotNull();
    }
}
