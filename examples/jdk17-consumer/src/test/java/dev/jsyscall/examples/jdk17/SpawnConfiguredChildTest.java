// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.examples.jdk17;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpawnConfiguredChildTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("on JDK 17 the jnr backend spawns a child in its own directory, session and nice value")
    void spawnsConfiguredChild() throws Exception {
        // the point of this project: a JDK 17 user, not whatever JDK happens to run the build
        assertThat(Runtime.version().feature()).as("the JVM running this test").isEqualTo(17);
        // /tmp may be a symlink; pwd -P prints the real path
        Path realDir = dir.toRealPath();
        int nice = 7;

        SpawnConfiguredChild.Outcome outcome = SpawnConfiguredChild.run(realDir, nice);

        assertThat(outcome.backendId()).isEqualTo("jnr");
        assertThat(outcome.state().isCleanExit()).as("%s", outcome.state()).isTrue();
        assertThat(outcome.state().pid()).isEqualTo(outcome.childPid());
        List<String> lines = outcome.output().lines().toList();
        assertThat(lines).as("output %s", outcome.output()).hasSize(2);
        assertThat(lines.get(0)).isEqualTo(realDir.toString());

        // /proc/<pid>/stat: "pid (comm) state ppid pgrp session tty_nr ..."; comm may hold spaces, so split
        // after its closing parenthesis; field 19 is the nice value
        String stat = lines.get(1);
        assertThat(stat).startsWith(outcome.childPid() + " (cat) ");
        List<String> fields = Arrays.asList(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        int ppid = Integer.parseInt(fields.get(4 - 3));
        int pgrp = Integer.parseInt(fields.get(5 - 3));
        int session = Integer.parseInt(fields.get(6 - 3));
        int niceSeen = Integer.parseInt(fields.get(19 - 3));
        assertThat(ppid).as("parent").isEqualTo(outcome.parentPid());
        assertThat(session).as("session after setsid").isEqualTo(outcome.childPid());
        assertThat(pgrp).as("process group after setsid").isEqualTo(outcome.childPid());
        assertThat(niceSeen).as("nice value").isEqualTo(nice);
    }
}
