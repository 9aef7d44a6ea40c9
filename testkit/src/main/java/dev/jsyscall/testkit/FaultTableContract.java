// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static dev.jsyscall.linux.SyscallRequest.in;
import static dev.jsyscall.linux.SyscallRequest.out;
import static dev.jsyscall.linux.SyscallRequest.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Faults;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.Task;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.resource.Resource;
import dev.jsyscall.linux.resource.Resources;
import dev.jsyscall.linux.resource.Rlimit;
import dev.jsyscall.linux.signal.Signals;
import dev.jsyscall.linux.unistd.Unistd;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The real-kernel cases behind the fake's fault table ({@code KernelFaults.ERRNO_TABLE}): a fault the fake injects
 * must be one Linux itself returns for that call, and here Linux is made to return it. Entries that cannot be
 * provoked without disturbing the host say why in that table's Javadoc. Composed like every area:
 *
 * <pre>{@code
 * @Nested class Faults extends Area implements FaultTableContract {}
 * }</pre>
 *
 * @since 0.2
 */
public interface FaultTableContract extends ConformanceArea {

    /** The result of the call, or its errno's name. */
    private static String sys(Task t, Syscall s, SyscallRequest.Arg... args) {
        try {
            return Long.toString(t.call(SyscallRequest.of(s, List.of(args), SyscallRequest.rawResult(),
                    s.cName())));
        } catch (ErrnoException e) {
            return e.errno().name();
        }
    }

    @Test
    @RuleId("FT1")
    @DisplayName("with RLIMIT_NOFILE at 0, openat, pipe2, dup and pidfd_open fail with EMFILE, the fault table's entry")
    default void emfileFromEveryFdAllocator() {
        try (ChildTask c = child()) {
            int dn = c.call(Fcntl.openat("/dev/null", Fcntl.O_RDONLY, 0)).intValue();
            int pidfd = c.call(Signals.pidfdOpen(c.pid().id()));
            c.call(Unistd.close(pidfd));
            Rlimit nofile = c.call(Resources.prlimit(Resource.RLIMIT_NOFILE, null));
            c.call(Resources.prlimit(Resource.RLIMIT_NOFILE, new Rlimit(0, nofile.hard())));
            assertThat(sys(c, Syscall.OPENAT, word(Fcntl.AT_FDCWD),
                    in("/dev/null\0".getBytes(StandardCharsets.UTF_8)),
                    word(Fcntl.O_RDONLY), word(0))).isEqualTo("EMFILE");
            assertThat(sys(c, Syscall.PIPE2, out(8), word(0))).isEqualTo("EMFILE");
            assertThat(sys(c, Syscall.DUP, word(dn))).isEqualTo("EMFILE");
            assertThat(sys(c, Syscall.PIDFD_OPEN, word(c.pid().id()), word(0))).isEqualTo("EMFILE");
        }
    }

    @Test
    @RuleId("FT2")
    @DisplayName("a named fault site never fires unless a simulation switched faults on, and a bad name is refused")
    default void faultSitesAreSilentOutsideASimulation() {
        for (int i = 0; i < 100; i++) {
            assertThat(Faults.fire(kernel(), "kit.never")).isFalse();
        }
        assertThatThrownBy(() -> Faults.fire(kernel(), "two words"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("site");
        assertThatThrownBy(() -> Faults.fire(kernel(), "a=b")).isInstanceOf(IllegalArgumentException.class);
    }
}
