// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ToolsTest {

    private static final String MISSING = "jsyscall-no-such-tool-7f3a";

    @Test
    @DisplayName("a missing tool skips the test with its name and purpose")
    void missingToolSkips() {
        assertThatThrownBy(() -> Tools.require(false, "assemble something", MISSING))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining(MISSING).hasMessageContaining("assemble something");
    }

    @Test
    @DisplayName("a missing tool fails the test under CI=true")
    void missingToolFailsOnCi() {
        assertThatThrownBy(() -> Tools.require(true, "assemble something", MISSING))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining(MISSING).hasMessageContaining("CI=true");
    }

    @Test
    @DisplayName("a tool on PATH is found, the first candidate that exists wins")
    void presentToolIsFound() {
        // sh is on PATH on every Linux this builds on (the Maven wrapper itself needs it)
        assertThat(Tools.require(true, "run a shell", MISSING, "sh")).hasFileName("sh").isExecutable();
    }
}
