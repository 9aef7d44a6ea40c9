// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.linux.signal.Signal;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The CLI's supervisor at moments a signal from outside cannot be timed to hit. */
class SupervisorTest {

    @Test
    @DisplayName("a signal that arrives after the exec but before the supervisor learns of it still reaches the"
            + " program's process group")
    void signalBetweenExecAndItsEof() throws Exception {
        StringWriter err = new StringWriter();
        Supervisor sup = new Supervisor("sh", new PrintWriter(err, true), true, true, null, null, Signal.SIGKILL,
                Duration.ofSeconds(1), "1s");
        try (Kernel kernel = Kernel.open();
             Spawned s = Spawn.of(Command.of("/bin/sh", "-c", "/bin/sleep 30 & echo $!; wait"))
                     .newProcessGroup().stdout(Redirect.pipe()).whenCloned(sup::cloned).start(kernel.localTask())) {
            long sleep = Long.parseLong(new BufferedReader(new InputStreamReader(s.stdout(),
                    StandardCharsets.US_ASCII)).readLine().trim());
            // the program runs, and sup.running() has not been called: the window between the exec and the
            // channel's EOF reaching the supervisor
            sup.received(Signal.SIGTERM);   // not HUP, which nohup(1) leaves ignored in the program
            // TERM ends it, or (on a loaded machine) the supervisor's SIGKILL for a child it believes still in
            // set-up; either way only the group signal can have reached the grandchild
            assertThat(s.process().waitForExit().killedBy()).isIn(java.util.Optional.of(Signal.SIGTERM),
                    java.util.Optional.of(Signal.SIGKILL));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (Files.exists(Path.of("/proc/" + sleep)) && !isZombie(sleep) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(Files.exists(Path.of("/proc/" + sleep)) && !isZombie(sleep))
                    .as("the program's child %d, in its group, still runs", sleep).isFalse();
        }
        assertThat(err.toString()).contains("received SIGTERM, sending it on to its process group");
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException gone) {
            return true;
        }
    }
}
