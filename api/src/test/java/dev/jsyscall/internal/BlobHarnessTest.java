// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.linux.Arch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the embedded blob of this machine's architecture in a C harness ({@code src/test/c/blob_harness.c}): raw
 * syscalls, a CLONE_VM child driven over pipes, chained and deferred requests, nested clone, execve failure and
 * success, EOF exit. The harness loads the same bytes {@link Blob#code()} returns, the way a backend does. On
 * x86_64 the aarch64 blob runs in the same harness under qemu-user.
 */
class BlobHarnessTest {

    /** Every check the harness makes, in order; each must print "ok ...". */
    private static final List<String> CHECKS = List.of(
            "ok raw getpid",
            "ok raw close(-1) is -EBADF",
            "ok raw syscall leaves errno alone",
            "ok raw mmap uses the 6th argument (offset)",
            "ok raw_syscall5 passes 0 as the 6th argument",
            "ok raw_syscall5 getpid",
            "ok jsys_clone returned a pid",
            "ok jsys_clone restored the parent's signal mask",
            "ok driven getpid equals the clone result",
            "ok jsys_clone passes ptid and ctid in the kernel's order",
            "ok child closes the driver's pipe ends",
            "ok child reset caught SIGUSR1 to SIG_DFL",
            "ok child keeps ignored SIGUSR2 ignored",
            "ok parent keeps its SIGUSR1 handler",
            "ok child has every signal blocked",
            "hello from the driven child",
            "ok driven write(1) returns its length",
            "ok a chain without failures runs every request",
            "ok requests chained after a failure are skipped with -ECANCELED",
            "ok a skipped request does not run",
            "ok an unchained request after a skipped chain runs",
            "ok deferred results are held back",
            "ok the first undeferred request writes the held-back results with its own",
            "ok failed execve returns -ENOENT",
            "ok child keeps serving after a failed execve",
            "ok driven clone returns the grandchild's pid",
            "ok child closes the grandchild's ends",
            "ok grandchild answers getpid",
            "ok grandchild's parent is the child",
            "ok grandchild closes the child's channel",
            "ok grandchild exits 0 on request EOF",
            "ok grandchild's response pipe reaches EOF",
            "ok execve(/bin/true) shows as EOF on the response pipe",
            "ok exec'd child exits 0",
            "ok child whose request pipe is closed exits 0",
            "ok closed child's response pipe reaches EOF",
            "ok child cut off mid-request exits with the byte count (10)",
            "ok cut-off child's response pipe reaches EOF",
            "ok child closed the fds its stack data names",
            "ok closing child exits 0 on EOF without closing anything itself",
            "ok raw clone child with a new stack serves requests",
            "ok raw clone child exits 0 on EOF",
            "ok raw clone without a stack returns to the caller in the child",
            "ok jsys_clone with invalid flags returns -EINVAL",
            "ok jsys_clone restores the mask after a failed clone",
            "ALL OK");

    @Test
    @DisplayName("the blob makes raw syscalls, clones a driven child that serves until exec, and exits on EOF")
    void harnessPasses(@TempDir Path tmp) throws IOException, InterruptedException {
        Path gcc = Tools.require("compile src/test/c/blob_harness.c", "gcc", "cc");
        Blob blob = Blob.forArch(Arch.current());
        Path source = Tools.moduleDir().resolve("src/test/c/blob_harness.c");
        Path harness = tmp.resolve("blob_harness");
        Tools.Result compiled = Tools.run(120, List.of(gcc.toString(), "-O1", "-Wall", "-Wextra", "-Werror",
                "-o", harness.toString(), source.toString()));
        assertThat(compiled.exitCode()).as("gcc failed:%n%s", compiled.output()).isZero();

        Path code = tmp.resolve("blob.bin");
        Files.write(code, blob.code());
        Tools.Result run = Tools.run(60, List.of(harness.toString(), code.toString(),
                hex(blob.rawSyscallOffset()), hex(blob.cloneOffset()), hex(blob.serverOffset()),
                hex(blob.rawSyscall5Offset())));

        System.out.print(run.output()); // kept in the surefire report, to see what ran even when it passes
        List<String> lines = run.output().lines().toList();
        assertThat(lines).as("harness output").noneMatch(line -> line.startsWith("FAIL"));
        assertThat(run.exitCode()).as("harness exit code; output:%n%s", run.output()).isZero();
        assertThat(lines).as("harness output").first().isEqualTo("ok loaded " + blob.code().length + " bytes");
        assertThat(lines).as("harness output").containsSubsequence(CHECKS);
    }

    @Test
    @DisplayName("the aarch64 blob passes the same harness under qemu-user (allowing for two documented qemu quirks)")
    void aarch64UnderQemu(@TempDir Path tmp) throws IOException, InterruptedException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Arch.current() != Arch.AARCH64,
                "on aarch64 the harness runs the aarch64 blob natively (harnessPasses)");
        Path gcc = Tools.require("cross-compile src/test/c/blob_harness.c for aarch64 (gcc-aarch64-linux-gnu,"
                + " libc6-dev-arm64-cross)", "aarch64-linux-gnu-gcc");
        Path qemu = Tools.require("run the aarch64 harness (qemu-user-static)", "qemu-aarch64-static",
                "qemu-aarch64");
        Blob blob = Blob.forArch(Arch.AARCH64);
        Path source = Tools.moduleDir().resolve("src/test/c/blob_harness.c");
        Path harness = tmp.resolve("blob_harness_aarch64");
        Tools.Result compiled = Tools.run(180, List.of(gcc.toString(), "-static", "-O1", "-Wall", "-Wextra",
                "-Werror", "-o", harness.toString(), source.toString()));
        assertThat(compiled.exitCode()).as("aarch64-linux-gnu-gcc failed:%n%s", compiled.output()).isZero();

        Path code = tmp.resolve("blob_aarch64.bin");
        Files.write(code, blob.code());
        Tools.Result run = Tools.run(120, List.of(qemu.toString(), harness.toString(), code.toString(),
                hex(blob.rawSyscallOffset()), hex(blob.cloneOffset()), hex(blob.serverOffset()),
                hex(blob.rawSyscall5Offset()), "--qemu"));

        System.out.print(run.output());
        List<String> lines = run.output().lines().toList();
        assertThat(lines).as("harness output").noneMatch(line -> line.startsWith("FAIL"));
        assertThat(run.exitCode()).as("harness exit code; output:%n%s", run.output()).isZero();
        assertThat(lines).as("harness output").first().isEqualTo("ok loaded " + blob.code().length + " bytes");
        assertThat(lines).as("harness output").containsSubsequence(CHECKS);
    }

    private static String hex(int offset) {
        return "0x" + Integer.toHexString(offset);
    }
}
