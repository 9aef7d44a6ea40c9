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
 * The real-kernel cases behind the fake's fault table ({@code KernelFaults.ERRNO_TABLE}) and its short transfers
 * ({@code KernelFaults.SHORT_CALLS}): a fault the fake injects must be one Linux itself returns for that call, and
 * here Linux is made to return it. Entries that cannot be provoked without disturbing the host say why in that
 * table's Javadoc. Composed like every area:
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

    /** socketpair(AF_UNIX, type, 0): the two fds. */
    private static int[] socketpair(Task t, int type) {
        return t.call(SyscallRequest.of(Syscall.SOCKETPAIR, List.of(word(1), word(type), word(0), out(8)),
                (r, o) -> new int[] {dev.jsyscall.struct.Bytes.le(o.get(0)).getInt(0),
                        dev.jsyscall.struct.Bytes.le(o.get(0)).getInt(4)}, "socketpair"));
    }

    private static String write(Task t, int fd, int n) {
        return sys(t, Syscall.WRITE, word(fd), in(new byte[n]), word(n));
    }

    private static String read(Task t, int fd, int n) {
        return sys(t, Syscall.READ, word(fd), out(n), word(n));
    }

    /** recvfrom(fd, buf, n, flags, NULL, NULL). */
    private static String recv(Task t, int fd, int n, int flags) {
        return sys(t, Syscall.RECVFROM, word(fd), out(n), word(n), word(flags), word(0), word(0));
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
    @Test
    @RuleId("FT3")
    @DisplayName("a pipe or stream-socket read returns all that is buffered up to its count, across writes, and less"
            + " only when less was written: where the fake's short reads end")
    default void readsAreShortOnlyWhereWritesEnded() {
        try (ChildTask c = child()) {
            int[] p = c.call(Unistd.pipe2(0));
            int[] s = socketpair(c, 1 /* SOCK_STREAM */);
            for (int[] ends : new int[][] {p, s}) {
                assertThat(write(c, ends[1], 2)).isEqualTo("2");
                assertThat(write(c, ends[1], 3)).isEqualTo("3");
                assertThat(read(c, ends[0], 100)).as("two writes, one read").isEqualTo("5");
                assertThat(write(c, ends[1], 2)).isEqualTo("2");
                assertThat(read(c, ends[0], 100)).as("short: nothing more was written").isEqualTo("2");
            }
        }
    }

    @Test
    @RuleId("FT4")
    @DisplayName("a non-blocking pipe write of PIPE_BUF bytes is whole or EAGAIN and a larger one may be short, and a"
            + " stream send of 1 MiB to an empty pair is short")
    default void largeWritesMayBeShort() {
        try (ChildTask c = child()) {
            int[] p = c.call(Unistd.pipe2(Fcntl.O_NONBLOCK));
            assertThat(write(c, p[1], 65536 - 100)).isEqualTo(Integer.toString(65536 - 100));
            assertThat(write(c, p[1], 4096)).as("PIPE_BUF bytes into 100 free").isEqualTo("EAGAIN");
            assertThat(Integer.parseInt(write(c, p[1], 4097))).as("PIPE_BUF + 1 bytes into 100 free")
                    .isBetween(1, 4096);
            int[] s = socketpair(c, 1 | Fcntl.O_NONBLOCK /* SOCK_STREAM | SOCK_NONBLOCK */);
            int n = Integer.parseInt(write(c, s[0], 1 << 20));
            // 219264 (six skbs of 36544 bytes) on Linux 6.18 x86_64 with the default 212992-byte wmem
            assertThat(n).as("a non-blocking send of 1 MiB").isBetween(4097, (1 << 20) - 1);
            assertThat(write(c, s[0], 1)).as("then even one byte waits").isEqualTo("EAGAIN");
        }
    }

    @Test
    @RuleId("FT5")
    @DisplayName("a datagram or seqpacket message is read whole or cut to the buffer with its rest discarded, never"
            + " merged with the next: why the fake never shortens one")
    default void messagesAreNeverSplit() {
        int msgTrunc = 0x20;
        int msgDontwait = 0x40;
        try (ChildTask c = child()) {
            for (int type : new int[] {2 /* SOCK_DGRAM */, 5 /* SOCK_SEQPACKET */}) {
                int[] s = socketpair(c, type);
                assertThat(write(c, s[0], 10)).isEqualTo("10");
                assertThat(write(c, s[0], 10)).isEqualTo("10");
                assertThat(recv(c, s[1], 100, 0)).as("type %d: one message per read", type).isEqualTo("10");
                assertThat(recv(c, s[1], 4, 0)).as("type %d: cut to the buffer", type).isEqualTo("4");
                assertThat(recv(c, s[1], 100, msgDontwait)).as("type %d: its rest is gone", type)
                        .isEqualTo("EAGAIN");
                assertThat(write(c, s[0], 10)).isEqualTo("10");
                assertThat(recv(c, s[1], 4, msgTrunc)).as("type %d: MSG_TRUNC gives the real length", type)
                        .isEqualTo("10");
            }
        }
    }
}
