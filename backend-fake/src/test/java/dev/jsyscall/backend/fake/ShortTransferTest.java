// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.Capture;
import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Output;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.LocalTask;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The api's own readers and writers (Capture's stdin writer and stdout/stderr readers, Redirect.lines, the driven
 * channel every spawn's set-up goes through) under short reads and writes, on many seeds: a read from a pipe returns
 * what has arrived, which may end after any of the writer's writes, and a large write returns what it wrote, so code
 * that assumes one read per write, or a whole line or character per read, breaks here first.
 */
class ShortTransferTest {
    private static final int SEEDS = 40;

    private static byte[] data(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >>> 9));
        }
        return b;
    }

    /** Runs {@code body} on seeds 0..SEEDS-1 with only short transfers on; returns how many firings there were. */
    private static int sweep(Consumer<LocalTask> body) {
        int firings = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            FakeKernel fake = FakeKernel.builder().seed(seed).build();
            KernelFaults faults = KernelFaults.swarm(seed, EnumSet.of(FaultKind.SHORT));
            fake.setFaults(faults);
            try (Kernel kernel = Kernel.open(fake)) {
                body.accept(kernel.localTask());
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("seed " + seed + " with " + faults.fired() + " failed", e);
            }
            assertThat(faults.fired()).allSatisfy(t -> assertThat(t).matches("(read|readv|write|writev)#\\d+=SHORT:\\d+"));
            firings += faults.fired().size();
        }
        return firings;
    }

    @Test
    @DisplayName("a captured program's output is exactly its input when every pipe transfer may be short")
    void captureUnderShortTransfers() {
        byte[] in = data(200_000);
        int firings = sweep(local -> {
            Output fromBytes = Spawn.of(Command.of("/bin/cat")).output(local, Capture.defaults().input(in));
            assertThat(Arrays.equals(fromBytes.stdout(), in)).as("stdout is the input, in order").isTrue();
            Output fromStream = Spawn.of(Command.of("/bin/sh", "-c", "cat >&2; echo done"))
                    .output(local, Capture.defaults().input(new ByteArrayInputStream(in)));
            assertThat(fromStream.stdoutText()).isEqualTo("done\n");
            assertThat(Arrays.equals(fromStream.stderr(), in)).as("stderr is the input, in order").isTrue();
            assertThat(fromStream.state().isCleanExit()).isTrue();
        });
        assertThat(firings).as("short transfers over %d seeds", SEEDS).isGreaterThan(SEEDS);
    }

    @Test
    @DisplayName("lines are whole and decoded right when a read splits a line end, a \\r\\n or a UTF-8 character")
    void linesUnderShortReads() {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            text.append("été ").append(i).append(i % 3 == 0 ? "\r\n" : i % 3 == 1 ? "\r" : "\n");
            expected.add("été " + i);
            if (i % 50 == 0 && i % 3 != 1) { // after a lone \r, a \n would complete a \r\n
                text.append('\n');
                expected.add("");
            }
        }
        text.append("tail €");
        expected.add("tail €");
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        int firings = sweep(local -> {
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            try (Spawned s = Spawn.of(Command.of("/bin/cat")).stdin(Redirect.pipe())
                    .stdout(Redirect.lines(lines::add)).start(local)) {
                try (var stdin = s.stdin()) {
                    stdin.write(bytes);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                s.waitForStreams();
                assertThat(s.waitForExit().isCleanExit()).isTrue();
            }
            assertThat(lines).containsExactlyElementsOf(expected);
        });
        assertThat(firings).as("short transfers over %d seeds", SEEDS).isGreaterThan(SEEDS);
    }
}
