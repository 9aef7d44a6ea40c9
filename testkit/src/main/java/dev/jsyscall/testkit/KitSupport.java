// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.Command;
import dev.jsyscall.Spawn;
import dev.jsyscall.far.FdTable;
import dev.jsyscall.handle.FileDescriptor;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.Pointer;
import dev.jsyscall.linux.wait.ChildState;
import dev.jsyscall.struct.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/** Static helpers the kit's areas share; statically imported, so they add nothing to the kit's public API. */
final class KitSupport {
    private KitSupport() {
    }

    /** What a program printed and how it ended. */
    record Output(String stdout, ChildState state) {
    }

    /** Runs {@code spawn} with {@link Spawn#output}: its stdout as UTF-8 text, and how it ended. */
    static Output output(LocalTask local, Spawn spawn) {
        dev.jsyscall.Output o = spawn.output(local);
        return new Output(o.stdoutText(), o.state());
    }

    static Spawn sh(String script) {
        return Spawn.of(Command.of("/bin/sh", "-c", script));
    }

    /** Reads everything from {@code fd} until EOF. */
    static String readAll(FileDescriptor fd) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            byte[] b = fd.read(4096);
            if (b.length == 0) {
                return sb.toString();
            }
            sb.append(new String(b, StandardCharsets.UTF_8));
        }
    }

    /**
     * Whether a process (not necessarily ours) is running: it exists in /proc and is not a zombie. Orphans are
     * reaped by init or a subreaper, which may leave them as zombies for a while in a container.
     */
    static boolean isRunning(int pid) {
        try {
            String stat = new String(Files.readAllBytes(Paths.get("/proc/" + pid + "/stat")), StandardCharsets.UTF_8);
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits up to 10 s for {@code pid} to stop running (it is not our child, so we cannot wait for it). */
    static void assertNotRunning(int pid) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (isRunning(pid) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(isRunning(pid)).as("process %d still running", pid).isFalse();
    }

    /** Reads the raw bytes of a pointer for assertions. */
    static byte[] bytesOf(Pointer<byte[]> p) {
        return Bytes.RAW.decode(p.read());
    }

    /** An fd table distinct from every task's, for mismatch tests. */
    static FdTable foreignFdTable() {
        return new FdTable("foreign");
    }
}
