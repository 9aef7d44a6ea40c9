// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.linux.wait.ChildState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Runs programs written as users write them (onExit, several threads, an inherited environment) twice per seed on
 * the fake, and compares the traces. {@code -Djsyscall.det.seeds=1000} sweeps more seeds than the build's 200.
 */
class RealUseDeterminismTest {
    private static final int SEEDS = Integer.getInteger("jsyscall.det.seeds", 200);

    /** A program of the local process, given the fake and its local task. */
    interface Program {
        void run(FakeKernel fake, LocalTask local) throws Exception;
    }

    private static String run(long seed, Program program) throws Exception {
        FakeKernel fake = FakeKernel.builder().seed(seed).pidMax(64).build();
        try (Kernel k = Kernel.open(fake)) {
            program.run(fake, k.localTask());
            return Long.toHexString(fake.traceHash()) + " after " + fake.trace().size() + " kept lines";
        }
    }

    /** The seeds whose two runs differ. */
    private static List<Long> mismatches(Program program) throws Exception {
        List<Long> bad = new ArrayList<>();
        for (long seed = 0; seed < SEEDS; seed++) {
            if (!run(seed, program).equals(run(seed, program))) {
                bad.add(seed);
            }
        }
        return bad;
    }

    /** The README's example: a spawn whose exit is awaited through onExit, on one thread. */
    static void onExit(FakeKernel fake, LocalTask local) {
        try (Spawned s = Spawn.of(Command.of("/bin/sh", "-c", "exit 3")).start(local)) {
            ChildState state = s.process().onExit().join();
            assertThat(state.exitStatus()).isEqualTo(3);
        }
    }

    /** A program that prints the environment it inherited. */
    static String inheritedEnvironment(FakeKernel fake, LocalTask local) throws java.io.IOException {
        try (Spawned s = Spawn.of(Command.of("/usr/bin/env")).stdout(Redirect.pipe()).start(local)) {
            String out = new String(s.stdout().readAllBytes(), StandardCharsets.UTF_8);
            s.process().check();
            return out;
        }
    }

    @Test
    @DisplayName("a single-threaded program that waits through onExit runs the same twice on every seed")
    void onExitIsDeterministic() throws Exception {
        assertThat(mismatches(RealUseDeterminismTest::onExit)).isEmpty();
    }

    @Test
    @DisplayName("a program that inherits its environment runs the same twice on every seed")
    void inheritedEnvironmentIsDeterministic() throws Exception {
        assertThat(mismatches(RealUseDeterminismTest::inheritedEnvironment)).isEmpty();
    }

    @Test
    @DisplayName("a spawned program inherits the fake's fixed environment, never the host's")
    void environmentIsTheFakes() throws Exception {
        try (FakeKernel fake = FakeKernel.builder().build(); Kernel k = Kernel.open(fake)) {
            assertThat(inheritedEnvironment(fake, k.localTask()))
                    .isEqualTo("PATH=/usr/local/bin:/usr/bin:/bin\nHOME=/root\nLANG=C\n");
        }
    }

    @Test
    @DisplayName("a configured environment is what spawned programs inherit, with the command's changes")
    void configuredEnvironment() throws Exception {
        try (FakeKernel fake = FakeKernel.builder().environment(java.util.Map.of("TZ", "UTC")).build();
             Kernel k = Kernel.open(fake);
             Spawned s = Spawn.of(Command.of("/usr/bin/env").env("A", "1")).stdout(Redirect.pipe())
                     .start(k.localTask())) {
            assertThat(new String(s.stdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("TZ=UTC\nA=1\n");
            s.process().check();
        }
    }

    @Test
    @DisplayName("a malformed environment name is refused, naming it")
    void malformedEnvironment() {
        assertThatThrownBy(() -> FakeKernel.builder().environment(java.util.Map.of("A=B", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'A=B'");
    }

}
