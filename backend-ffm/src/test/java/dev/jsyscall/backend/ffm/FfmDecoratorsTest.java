// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.ffm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Spawn;
import dev.jsyscall.handle.Pipe;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.spi.decorator.FaultInjectingBackend;
import dev.jsyscall.spi.decorator.LatencyBackend;
import dev.jsyscall.spi.decorator.TracingBackend;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The decorators' own behaviour on the real kernel, with faults and delays chosen (the suites run without). */
class FfmDecoratorsTest {

    @Test
    void tracingWritesOneStraceLikeLinePerLocalSyscallWithTheErrnoNamed() {
        List<String> lines = new CopyOnWriteArrayList<>();
        SyscallBackend traced = TracingBackend.to(lines::add, FaultInjectingBackend
                .builder(new FfmProvider().open()).failNext(Syscall.PIPE2, Errno.EMFILE, 1).build());
        try (Kernel k = Kernel.open(traced)) {
            int pid = k.localTask().getpid();
            assertThatThrownBy(() -> k.localTask().pipe2(Fcntl.O_CLOEXEC)).isInstanceOf(ErrnoException.class);
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("[" + pid + "] getpid() = " + pid + " <"));
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("[" + pid + "] pipe2(0x")
                    .contains(", 0x" + Integer.toHexString(Fcntl.O_CLOEXEC) + ") = -1 EMFILE (Too many open files) <"));
        }
    }

    @Test
    void aChosenFaultFailsTheNextCallsOnlyAndCounts() {
        FaultInjectingBackend b = FaultInjectingBackend.builder(new FfmProvider().open())
                .failNext(Syscall.PIPE2, Errno.ENFILE, 2).build();
        try (Kernel k = Kernel.open(b)) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> k.localTask().pipe2(Fcntl.O_CLOEXEC)).isInstanceOfSatisfying(
                        ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENFILE));
            }
            try (Pipe p = k.localTask().pipe2(Fcntl.O_CLOEXEC)) {
                assertThat(p.read().number(k.localTask())).isNotEqualTo(p.write().number(k.localTask()));
            }
            assertThat(b.injected()).isEqualTo(2);
        }
    }

    @Test
    void cloneRefusedWithEagainFailsTheSpawnAndLeavesNoChild() {
        FaultInjectingBackend b = FaultInjectingBackend.builder(new FfmProvider().open())
                // clone3 where the kernel has it, clone where it refuses clone3: EAGAIN is not a refusal
                .failNext(Syscall.CLONE3, Errno.EAGAIN, 1).failNext(Syscall.CLONE, Errno.EAGAIN, 1).build();
        try (Kernel k = Kernel.open(b)) {
            assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).start(k.localTask()))
                    .hasStackTraceContaining("EAGAIN");
            // the fault was one-shot: the next spawn runs, and the kernel is not left broken
            assertThat(Spawn.of(Command.of("/bin/true")).start(k.localTask()).waitForExit().isCleanExit()).isTrue();
        }
    }

    @Test
    void closeInterruptedStillReleasesTheFdAsLinuxDoes() {
        FaultInjectingBackend b = FaultInjectingBackend.builder(new FfmProvider().open())
                .failNext(Syscall.CLOSE, Errno.EINTR, 1).build();
        try (Kernel k = Kernel.open(b)) {
            Pipe p = k.localTask().pipe2(Fcntl.O_CLOEXEC);
            int n = p.read().number(k.localTask());
            assertThatThrownBy(() -> p.read().close()).isInstanceOf(ErrnoException.class);
            long r = k.localTask().sysif().syscall(Syscall.FCNTL.number(k.localTask().arch()), n, Fcntl.F_GETFD,
                    0, 0, 0, 0);
            assertThat(r).as("fcntl(F_GETFD) on the closed fd").isEqualTo(-Errno.EBADF.number());
            p.write().close();
        }
    }

    @Test
    void anErrnoLinuxDoesNotReturnForThatSyscallIsRefusedNamingTheArgument() {
        FaultInjectingBackend.Builder b = FaultInjectingBackend.builder(new FfmProvider().open());
        try {
            assertThatThrownBy(() -> b.fail(Syscall.GETPID, Errno.EINTR)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("errno EINTR").hasMessageContaining("getpid");
            assertThatThrownBy(() -> b.fail(Syscall.PIPE2, Errno.EINTR)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[EMFILE, ENFILE]");
            assertThatThrownBy(() -> b.failNext(Syscall.PIPE2, Errno.EMFILE, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("times");
            assertThat(FaultInjectingBackend.linuxErrnos(Syscall.WAITID)).containsOnlyKeys(Errno.EINTR);
        } finally {
            b.build().close();
        }
    }

    @Test
    void latencyDelaysTheChosenSyscallAndRefusesANegativeDelay() {
        LatencyBackend.Builder b = LatencyBackend.builder(new FfmProvider().open());
        assertThatThrownBy(() -> b.otherwise(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay");
        SyscallBackend slow = b.delay(Syscall.GETPID, Duration.ofMillis(30)).build();
        try (Kernel k = Kernel.open(slow)) {
            long start = System.nanoTime();
            k.localTask().getpid();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(30).toNanos());
        }
    }
}
