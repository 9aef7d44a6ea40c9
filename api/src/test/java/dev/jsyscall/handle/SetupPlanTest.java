// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Command;
import dev.jsyscall.Spawn;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.unistd.Unistd;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SetupPlanTest {
    private static final Command TRUE = Command.of("/bin/true");

    @Test
    @DisplayName("steps that need answers are values too: made alike, they compare equal and print their name")
    void answeringStepsAreValues() {
        Spawn a = Spawn.of(TRUE).parentDeathSignal(Signal.SIGTERM).userNamespace(0, 0);
        Spawn b = Spawn.of(TRUE).parentDeathSignal(Signal.SIGTERM).userNamespace(0, 0);
        assertThat(a.steps()).isEqualTo(b.steps());
        assertThat(a.steps()).isNotEqualTo(Spawn.of(TRUE).parentDeathSignal(Signal.SIGKILL).userNamespace(0, 0)
                .steps());
        assertThat(a.steps().get(0)).hasToString("PR_SET_PDEATHSIG(SIGTERM)");
        assertThat(a.steps().get(1)).hasToString("user namespace (uid 0, gid 0)");
    }

    @Test
    @DisplayName("a plan prints its entries in the order they run, then the execve")
    void printsInOrder() {
        SetupPlan plan = SetupPlan.of(TRUE, 3, false, "", List.of(
                new SetupPlan.Call("chdir(path=/tmp)", Unistd.chdir("/tmp")),
                new SetupPlan.ParentDeathSignal(Signal.SIGTERM), new SetupPlan.MapFd("fd 1 from pipe", 1)));
        assertThat(plan).hasToString(
                "SetupPlan([chdir(path=/tmp), PR_SET_PDEATHSIG(SIGTERM), fd 1 from pipe], then execve(/bin/true))");
        assertThatThrownBy(() -> SetupPlan.of(TRUE, 2, false, "", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("floor");
    }
}
