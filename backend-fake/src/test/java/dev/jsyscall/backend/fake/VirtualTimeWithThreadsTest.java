// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.wait.ChildState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Virtual time jumps only when the whole local process waits. With the api's exit watcher blocked in epoll_pwait on
 * a daemon thread, the main thread entering the kernel (waiting for its lock, which looks like an idle thread) or
 * stalling for a moment on a Java lock between two syscalls must not count as waiting.
 */
class VirtualTimeWithThreadsTest {

    @Test
    @DisplayName("a daemon thread blocked in the kernel does not let a sleep finish while the main thread is busy")
    void noJumpWhileTheMainThreadWorks() {
        try (Kernel kernel = Kernel.open(FakeKernel.builder().build())) {
            LocalTask local = kernel.localTask();
            // start the exit watcher: a daemon thread that blocks in epoll_pwait from now on
            try (Spawned s = Spawn.of(Command.of("/bin/true")).start(local)) {
                assertThat(s.process().onExit().join().isCleanExit()).isTrue();
            }
            // before the fix about a third of these rounds let the leader's sleep run out (exit 0) before the kill
            for (int round = 0; round < 40; round++) {
                try (Spawned leader = Spawn.of(Command.of("/bin/sleep", "1000")).newProcessGroup().start(local);
                     Spawned member = Spawn.of(Command.of("/bin/sleep", "1000"))
                             .processGroupOf(leader.process()).start(local)) {
                    leader.process().killpg(Signal.SIGTERM);
                    ChildState l = leader.waitForExit();
                    ChildState m = member.waitForExit();
                    assertThat(l.describe()).as("round %d: the leader", round).isEqualTo("killed by SIGTERM");
                    assertThat(m.describe()).as("round %d: the member", round).isEqualTo("killed by SIGTERM");
                }
            }
        }
    }
}
