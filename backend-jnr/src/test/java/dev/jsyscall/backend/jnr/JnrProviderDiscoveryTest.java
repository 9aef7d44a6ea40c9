// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.jnr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.testkit.internal.OtherJvm;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user whose class path lacks jffi's native jar sees (Java 17 and denied native access: the contract). */
class JnrProviderDiscoveryTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("without jffi's native jar the provider is unavailable and names the jar to add")
    void withoutNativeJar() throws Exception {
        String classPath = OtherJvm.testClassPathWithout("-native.jar");
        assertThat(classPath).as("test class path").contains("jffi").isNotEqualTo(OtherJvm.testClassPath());
        OtherJvm.Listing run = OtherJvm.listProviders(OtherJvm.requireJdk(feature -> true, "JDK"), classPath, dir);
        assertThat(run.exitStatus()).as("%s", run).isZero();
        assertThat(run.lines()).singleElement().asString()
                .startsWith("jnr|false|jffi's native library did not load (")
                .contains("could not locate stub library")
                .contains("put com.github.jnr:jffi:native on the class path");
    }
}
