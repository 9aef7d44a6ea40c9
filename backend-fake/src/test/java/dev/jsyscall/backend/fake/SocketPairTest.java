// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SocketPairTest {
    static final int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_SEQPACKET = 5, MSG_NOSIGNAL = 0x4000, MSG_PEEK = 2,
            MSG_DONTWAIT = 0x40, MSG_TRUNC = 0x20;

    static int[] pair(Local l, int type) {
        long sv = l.alloc(8);
        l.ok(Syscall.SOCKETPAIR, AF_UNIX, type, 0, sv);
        return new int[] {l.getInt(sv), l.getInt(sv + 4)};
    }

    @Test
    @DisplayName("a stream pair carries bytes both ways; EOF after close; EPIPE with SIGPIPE unless MSG_NOSIGNAL")
    void stream() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] s = pair(l, SOCK_STREAM | Local.O_CLOEXEC);
            assertThat(l.ok(Syscall.FCNTL, s[0], 1)).isEqualTo(1);
            l.write(s[0], "ping");
            assertThat(l.read(s[1], 10)).isEqualTo("ping");
            l.write(s[1], "pong");
            long buf = l.alloc(16);
            assertThat(l.ok(Syscall.RECVFROM, s[0], buf, 16, MSG_PEEK, 0, 0)).isEqualTo(4);
            assertThat(l.read(s[0], 2)).isEqualTo("po");
            assertThat(l.read(s[0], 10)).isEqualTo("ng");
            assertThat(l.err(Syscall.RECVFROM, s[0], buf, 16, MSG_DONTWAIT, 0, 0)).isEqualTo(Errno.EAGAIN);
            l.ok(Syscall.CLOSE, s[1]);
            assertThat(l.read(s[0], 10)).isEmpty();
            assertThat(l.err(Syscall.SENDTO, s[0], l.cstr("x"), 1, MSG_NOSIGNAL, 0, 0)).isEqualTo(Errno.EPIPE);
            assertThat(((int[]) k.processInfo(2).get("handled"))[Local.SIGPIPE]).isZero();
            assertThat(l.write(s[0], "x")).isEqualTo(-Errno.EPIPE.number());
            assertThat(((int[]) k.processInfo(2).get("handled"))[Local.SIGPIPE]).isEqualTo(1);
            assertThat(l.err(Syscall.SOCKETPAIR, 2, SOCK_STREAM, 0, l.alloc(8))).isEqualTo(Errno.EOPNOTSUPP);
            assertThat(l.err(Syscall.RECVFROM, 0, buf, 1, 0, 0, 0)).isEqualTo(Errno.ENOTSOCK);
        }
    }

    @Test
    @DisplayName("seqpacket keeps message boundaries and truncates; shutdown(SHUT_WR) gives the peer EOF")
    void seqpacket() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] s = pair(l, SOCK_SEQPACKET);
            l.write(s[0], "one");
            l.write(s[0], "three");
            assertThat(l.read(s[1], 100)).isEqualTo("one");
            assertThat(l.read(s[1], 2)).isEqualTo("th");
            l.ok(Syscall.SHUTDOWN, s[0], 1);
            assertThat(l.read(s[1], 100)).isEmpty();
            assertThat(l.write(s[0], "late")).isEqualTo(-Errno.EPIPE.number());
        }
    }

    @Test
    @DisplayName("SCM_RIGHTS passes an open file description to the other end")
    void passFd() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] s = pair(l, SOCK_STREAM);
            int[] p = l.pipe(0);
            long iov = l.alloc(16);
            l.putLong(iov, l.cstr("f"));
            l.putLong(iov + 8, 1);
            long ctl = l.alloc(24);
            l.putLong(ctl, 20);
            l.putInt(ctl + 8, 1);
            l.putInt(ctl + 12, 1);
            l.putInt(ctl + 16, p[1]);
            long msg = l.alloc(56);
            l.putLong(msg + 16, iov);
            l.putLong(msg + 24, 1);
            l.putLong(msg + 32, ctl);
            l.putLong(msg + 40, 24);
            assertThat(l.ok(Syscall.SENDMSG, s[0], msg, 0)).isEqualTo(1);
            l.ok(Syscall.CLOSE, p[1]);
            long rbuf = l.alloc(8);
            long rctl = l.alloc(64);
            long riov = l.alloc(16);
            l.putLong(riov, rbuf);
            l.putLong(riov + 8, 8);
            long rmsg = l.alloc(56);
            l.putLong(rmsg + 16, riov);
            l.putLong(rmsg + 24, 1);
            l.putLong(rmsg + 32, rctl);
            l.putLong(rmsg + 40, 64);
            assertThat(l.ok(Syscall.RECVMSG, s[1], rmsg, 0x40000000 /* MSG_CMSG_CLOEXEC */)).isEqualTo(1);
            assertThat(l.getLong(rmsg + 40)).as("msg_controllen").isEqualTo(20);
            assertThat(l.getInt(rctl + 12)).isEqualTo(1);
            int got = l.getInt(rctl + 16);
            assertThat(l.ok(Syscall.FCNTL, got, 1)).isEqualTo(1);
            l.write(got, "through");
            l.ok(Syscall.CLOSE, got);
            assertThat(l.readAll(p[0])).isEqualTo("through");
        }
    }

    @Test
    @DisplayName("a driven child can use one socketpair end as both its request and response fd")
    void drivenOverSocketpair() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] s = pair(l, SOCK_STREAM | Local.O_CLOEXEC);
            long sp = (l.alloc(1024) + 512) & ~15L;
            l.putLong(sp, k.serverEntryPoint());
            l.putLong(sp + 8, s[1]);
            l.putLong(sp + 16, s[1]);
            long pid = l.ok(Syscall.CLONE, Local.CLONE_VM | Local.SIGCHLD, sp, 0, 0, 0);
            l.ok(Syscall.CLOSE, s[1]);
            Local.Driven c = new Local.Driven(l, (int) pid, s[0], s[0]);
            c.ok(Syscall.CLOSE, s[0]);
            assertThat(c.ok(Syscall.GETPID)).isEqualTo(pid);
            assertThat(c.exec("/bin/true", List.of("true"), List.of())).isEqualTo(Local.Driven.EOF);
            assertThat(l.waitid(Local.P_PID, pid, Local.WEXITED).status).isZero();
        }
    }
}
