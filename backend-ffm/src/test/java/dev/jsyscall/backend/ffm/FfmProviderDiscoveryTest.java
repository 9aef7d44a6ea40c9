// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.ffm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.testkit.internal.OtherJvm;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user who grants no native access sees (Java 17 and denied native access: the contract). */
class FfmProviderDiscoveryTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("with native access neither granted nor denied the provider works, and Java 22-25 only warn")
    void nativeAccessNotGranted() throws Exception {
        Path java = OtherJvm.requireJdk(feature -> feature >= 22 && feature <= 25, "JDK 22-25");
        OtherJvm.Listing run = OtherJvm.listProviders(java, OtherJvm.testClassPath(), dir);
        assertThat(run.exitStatus()).as("%s", run).isZero();
        assertThat(run.lines()).anyMatch(line -> line.startsWith("ffm|true|"));
        assertThat(run.stderr()).contains("WARNING: A restricted method");
    }
}
