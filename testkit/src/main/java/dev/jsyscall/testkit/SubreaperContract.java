// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.Subreaper;
import dev.jsyscall.linux.wait.ChildState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The local task as a child subreaper: orphans of the programs it starts are reparented to it, reaped and reported
 * with their pid and status, while its own children are left to their own waits. The orphan is a shell's
 * background job that outlives the shell. Without a subreaper the orphan would go to init (or the nearest
 * subreaper above the JVM), which the fake simulates as Linux's {@code find_new_reaper} does. Composed into a backend's suite with one nested class.
 *
 * @since 0.2
 */
public interface SubreaperContract {
    /**
     * The kernel under test.
     *
     * @return the kernel, opened by the backend's test
     */
    Kernel kernel();

    private LocalTask local() {
        return kernel().localTask();
    }

    /** Runs {@code sh -c script}, which prints the pid of its background job, and returns that pid. */
    private int orphanOf(String script) {
        try (Spawned s = Spawn.of(Command.of("/bin/sh", "-c", script)).stdout(Redirect.pipe()).start(local())) {
            String out = new String(s.stdout().readAllBytes(), StandardCharsets.US_ASCII).trim();
            assertThat(s.waitForExit().isCleanExit()).as("the shell exits before its job").isTrue();
            return Integer.parseInt(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @RuleId("SR1")
    @DisplayName("an orphaned grandchild is reparented to the subreaper, which reaps it and reports its pid and status")
    default void orphanIsReapedAndReported() {
        try (Subreaper reaper = Subreaper.become(local())) {
            assertThat(Subreaper.isSubreaper(local())).isTrue();
            // the job outlives the shell: a shell reaps a job that ends before it does, and there is no orphan
            int orphan = orphanOf("/bin/sh -c 'sleep 0.3; exit 7' & echo $!");
            assertThat(reaper.orphans()).as("reparented when the shell exited").containsExactly(orphan);
            List<Subreaper.Orphan> reaped = reaper.awaitOrphans(Duration.ofSeconds(10));
            assertThat(reaped).extracting(Subreaper.Orphan::pid).containsExactly(orphan);
            ChildState st = reaped.get(0).state();
            assertThat(st.kind()).isEqualTo(ChildState.Kind.EXITED);
            assertThat(st.exitStatus()).isEqualTo(7);
            assertThat(reaper.orphans()).isEmpty();
        }
        assertThat(Subreaper.isSubreaper(local())).as("close() turns the setting back off").isFalse();
    }

    @Test
    @RuleId("SR2")
    @DisplayName("a subreaper leaves the children it holds handles to alone: their own wait still sees their exit")
    default void ownChildrenAreNotTaken() {
        try (Subreaper reaper = Subreaper.become(local());
             Spawned s = Spawn.of(Command.of("/bin/sh", "-c", "exit 3")).start(local())) {
            for (int i = 0; i < 20 && s.process().deathState().isEmpty(); i++) {
                assertThat(reaper.orphans()).doesNotContain((int) s.pid());
                assertThat(reaper.reap()).isEmpty();
            }
            assertThat(s.waitForExit().exitStatus()).isEqualTo(3);
        }
    }

    @Test
    @RuleId("SR3")
    @DisplayName("a closed subreaper refuses to list orphans, and a second close does nothing")
    default void closedSubreaper() {
        Subreaper reaper = Subreaper.become(local());
        reaper.close();
        reaper.close();
        assertThatThrownBy(reaper::orphans).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> Subreaper.become(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("task");
    }
}
