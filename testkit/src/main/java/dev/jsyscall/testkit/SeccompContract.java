// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Output;
import dev.jsyscall.Spawn;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.linux.prctl.Prctl;
import dev.jsyscall.linux.resource.Resource;
import dev.jsyscall.linux.resource.Resources;
import dev.jsyscall.linux.resource.Rlimit;
import dev.jsyscall.linux.seccomp.Seccomp;
import dev.jsyscall.linux.seccomp.SeccompFilter;
import dev.jsyscall.linux.seccomp.SeccompFilter.ArgCheck;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.unistd.Unistd;
import dev.jsyscall.spi.Capability;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Seccomp filters installed as the last set-up step: what the exec'd program is refused, with which errno or
 * signal, and the argument comparisons as the kernel's BPF interpreter runs them. Composed into a backend's suite
 * with one nested class.
 *
 * @since 0.2
 */
public interface SeccompContract {
    /** The kernel under test. */
    Kernel kernel();

    private LocalTask local() {
        return kernel().localTask();
    }

    private void requireSeccomp() {
        assumeTrue(kernel().capabilities().contains(Capability.SECCOMP_FILTER), () -> "backend '"
                + kernel().backendId() + "' lacks " + Capability.SECCOMP_FILTER
                + ": the fake has no BPF interpreter, so it simulates no seccomp filter");
    }

    /** mkdir and mkdirat (aarch64 has only the latter; the C library may use either) fail with {@code errno}. */
    private static SeccompFilter.Builder denyMkdir(SeccompFilter.Builder b, Errno errno) {
        if (Arch.current() == Arch.X86_64) {
            b.deny(Syscall.MKDIR, errno);
        }
        return b.deny(Syscall.MKDIRAT, errno);
    }

    @RuleId("SC1")
    @Test
    @DisplayName("a denied mkdir fails with the chosen errno in the exec'd program, which shows Seccomp: 2")
    default void deniedSyscallFailsWithErrno() {
        requireSeccomp();
        try (KitFiles files = new KitFiles(local(), "seccomp")) {
            Path x = Path.of(files.expect(files.dir + "/x"));
            SeccompFilter f = denyMkdir(SeccompFilter.builder(), Errno.EROFS).build();
            Output o = Spawn.of(Command.of("/bin/sh", "-c", "mkdir \"$1\"; echo status=$?; grep Seccomp: "
                    + "/proc/self/status", "sh", x.toString()))
                    .step(Prctl.setNoNewPrivs()).step(Seccomp.setModeFilter(f)).output(local());
            assertThat(o.stdoutText()).isEqualTo("status=1\nSeccomp:\t2\n");
            assertThat(o.stderrText()).contains(Errno.EROFS.message());
            assertThat(x).doesNotExist();
            Output free = Spawn.of(Command.of("/bin/mkdir", x.toString())).output(local());
            assertThat(free.state().isCleanExit()).as("the JVM has no filter").isTrue();
            assertThat(x).isDirectory();
        }
    }

    @RuleId("SC2")
    @Test
    @DisplayName("the kill action ends the program with SIGSYS at the denied syscall")
    default void killActionKillsWithSigsys() {
        requireSeccomp();
        try (KitFiles files = new KitFiles(local(), "seccomp")) {
            Path x = Path.of(files.expect(files.dir + "/x"));
            SeccompFilter.Builder b = SeccompFilter.builder();
            if (Arch.current() == Arch.X86_64) {
                b.kill(Syscall.MKDIR);
            }
            SeccompFilter f = b.kill(Syscall.MKDIRAT).build();
            // no core file from SIGSYS's default action
            Output o = Spawn.of(Command.of("/bin/mkdir", x.toString()))
                    .step(Resources.prlimit(Resource.RLIMIT_CORE, new Rlimit(0, 0)))
                    .step(Prctl.setNoNewPrivs()).step(Seccomp.setModeFilter(f)).output(local());
            assertThat(o.state().signal()).isEqualTo(Signal.SIGSYS);
            assertThat(x).doesNotExist();
        }
    }

    @RuleId("SC3")
    @Test
    @DisplayName("the filter is installed after every other step, so it need not allow the fd set-up (dup3)")
    default void filterRunsLast() {
        requireSeccomp();
        SeccompFilter f = SeccompFilter.builder().deny(Syscall.DUP3, Errno.EPERM).build();
        // added first, yet the stdout pipe's dup3 (an fd set-up made after the steps) still works
        Output o = Spawn.of(Command.of("/bin/echo", "ok")).step(Seccomp.setModeFilter(f))
                .step(Prctl.setNoNewPrivs()).output(local());
        assertThat(o.stdoutText()).isEqualTo("ok\n");
        assertThat(o.state().isCleanExit()).isTrue();
    }

    @RuleId("SC4")
    @Test
    @DisplayName("argument comparisons are unsigned 64-bit: each op denies close(fd) exactly where it holds")
    default void argumentComparisons() {
        requireSeccomp();
        long v = 1000;
        long[] probes = {999, 1000, 1001, 0x1_0000_03E8L, 0x30, 0xF0_0000_0030L};
        ArgCheck[] checks = {ArgCheck.eq(0, v), ArgCheck.ne(0, v), ArgCheck.lt(0, v), ArgCheck.le(0, v),
            ArgCheck.gt(0, v), ArgCheck.ge(0, v), ArgCheck.maskedEq(0, 0xF0_0000_00F0L, 0x30)};
        for (ArgCheck c : checks) {
            ChildTask child = local().cloneChild();
            try {
                child.call(Prctl.setNoNewPrivs());
                child.call(Seccomp.setModeFilter(SeccompFilter.builder().deny(Syscall.CLOSE, Errno.EPERM, c)
                        .build()));
                for (long p : probes) {
                    boolean holds = switch (c.op()) {
                        case EQ -> p == v;
                        case NE -> p != v;
                        case LT -> Long.compareUnsigned(p, v) < 0;
                        case LE -> Long.compareUnsigned(p, v) <= 0;
                        case GT -> Long.compareUnsigned(p, v) > 0;
                        case GE -> Long.compareUnsigned(p, v) >= 0;
                        case MASKED_EQ -> (p & c.mask()) == c.value();
                    };
                    // close takes an unsigned int: an fd with high bits set is still a closed fd (EBADF) when
                    // the filter lets the call through
                    SyscallRequest<Void> close = SyscallRequest.words(Syscall.CLOSE, new long[] {p}, "fd=" + p);
                    assertThatThrownBy(() -> child.call(close)).as(c + " with " + Long.toHexString(p))
                            .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno())
                                    .isEqualTo(holds ? Errno.EPERM : Errno.EBADF));
                }
                assertThat(child.call(Seccomp.getMode())).isEqualTo(2);
                assertThat(local().call(Seccomp.getMode())).as("the JVM's").isZero();
            } finally {
                child.exitGroup(0);
                child.childProcess().waitForExit();
            }
        }
    }

    @RuleId("SC5")
    @Test
    @DisplayName("without no_new_privs or CAP_SYS_ADMIN the filter is refused with EACCES and the error says why")
    default void needsNoNewPrivsOrCapSysAdmin() {
        requireSeccomp();
        ChildTask child = local().cloneChild();
        try {
            if (child.getuid() == 0) {
                // root loses CAP_SYS_ADMIN with its uids
                child.call(Unistd.setresuid(65534));
            }
            SeccompFilter f = SeccompFilter.builder().deny(Syscall.CLOSE, Errno.EPERM).build();
            assertThatThrownBy(() -> child.call(Seccomp.setModeFilter(f)))
                    .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EACCES))
                    .hasMessageContaining("no_new_privs or CAP_SYS_ADMIN");
            assertThat(child.call(Seccomp.getMode())).isZero();
        } finally {
            child.exitGroup(0);
            child.childProcess().waitForExit();
        }
    }
}
