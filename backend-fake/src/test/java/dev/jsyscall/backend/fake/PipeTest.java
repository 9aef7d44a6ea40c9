// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PipeTest {
    static final int POLLIN = 1, POLLOUT = 4, POLLERR = 8, POLLHUP = 0x10, POLLNVAL = 0x20;

    @Test
    @DisplayName("bytes come out in order, and read returns 0 once every write end is closed")
    void eof() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] p = l.pipe(0);
            assertThat(l.write(p[1], "hello")).isEqualTo(5);
            assertThat(l.write(p[1], " world")).isEqualTo(6);
            assertThat(l.read(p[0], 3)).isEqualTo("hel");
            l.ok(Syscall.CLOSE, p[1]);
            assertThat(l.read(p[0], 100)).isEqualTo("lo world");
            assertThat(l.read(p[0], 100)).isEmpty();
            assertThat(l.read(p[0], 0)).isEmpty();
            assertThat(l.err(Syscall.WRITE, p[0], l.alloc(1), 1)).as("a read end").isEqualTo(Errno.EBADF);
        }
    }

    @Test
    @DisplayName("writing with no reader fails with EPIPE and raises SIGPIPE (the JVM's handler catches it)")
    void epipe() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] p = l.pipe(0);
            l.ok(Syscall.CLOSE, p[0]);
            assertThat(l.write(p[1], "x")).isEqualTo(-Errno.EPIPE.number());
            assertThat(((int[]) k.processInfo(2).get("handled"))[Local.SIGPIPE]).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a driven child (SIGPIPE blocked) gets EPIPE back, and the SIGPIPE stays pending")
    void epipeInDrivenChild() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] p = l.pipe(0);
            Local.Driven c = l.spawn();
            c.ok(Syscall.CLOSE, p[0]);
            l.ok(Syscall.CLOSE, p[0]);
            assertThat(c.call(Syscall.WRITE, p[1], l.cstr("x"), 1)).isEqualTo(-Errno.EPIPE.number());
            long set = l.alloc(8);
            c.ok(Syscall.RT_SIGPENDING, set, 8);
            assertThat(l.getLong(set)).isEqualTo(1L << (Local.SIGPIPE - 1));
        }
    }

    @Test
    @DisplayName("O_NONBLOCK: EAGAIN on an empty pipe and on a full one; the capacity is 64 KiB")
    void nonblocking() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] p = l.pipe(Local.O_NONBLOCK);
            assertThat(l.ok(Syscall.FCNTL, p[0], 3)).isEqualTo(Local.O_NONBLOCK);
            assertThat(l.ok(Syscall.FCNTL, p[1], 3)).isEqualTo(1 | Local.O_NONBLOCK);
            assertThat(l.err(Syscall.READ, p[0], l.alloc(8), 8)).isEqualTo(Errno.EAGAIN);
            assertThat(l.ok(Syscall.FCNTL, p[0], 1032 /* F_GETPIPE_SZ */)).isEqualTo(65536);
            long buf = l.alloc(65536 + 10);
            assertThat(l.ok(Syscall.WRITE, p[1], buf, 65536 + 10)).as("a partial write").isEqualTo(65536);
            assertThat(l.err(Syscall.WRITE, p[1], buf, 1)).isEqualTo(Errno.EAGAIN);
            long n = l.alloc(4);
            l.ok(Syscall.IOCTL, p[0], 0x541B /* FIONREAD */, n);
            assertThat(l.getInt(n)).isEqualTo(65536);
        }
    }

    @Test
    @DisplayName("a write of at most PIPE_BUF bytes is all or nothing; a larger one may be split")
    void pipeBufAtomicity() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] p = l.pipe(Local.O_NONBLOCK);
            long buf = l.alloc(70000);
            l.ok(Syscall.WRITE, p[1], buf, 65536 - 4095);
            assertThat(l.err(Syscall.WRITE, p[1], buf, 4096)).isEqualTo(Errno.EAGAIN);
            assertThat(l.ok(Syscall.WRITE, p[1], buf, 4095)).isEqualTo(4095);
            l.ok(Syscall.READ, p[0], buf, 4095);
            assertThat(l.ok(Syscall.WRITE, p[1], buf, 8192)).isEqualTo(4095);
        }
    }

    @Test
    @DisplayName("F_SETPIPE_SZ rounds up to a power of two and refuses to drop buffered data")
    void setPipeSize() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] p = l.pipe(Local.O_NONBLOCK);
            assertThat(l.ok(Syscall.FCNTL, p[1], 1031, 5000)).isEqualTo(8192);
            assertThat(l.ok(Syscall.FCNTL, p[0], 1032)).isEqualTo(8192);
            long buf = l.alloc(8192);
            l.ok(Syscall.WRITE, p[1], buf, 8192);
            assertThat(l.err(Syscall.FCNTL, p[1], 1031, 4096)).isEqualTo(Errno.EBUSY);
            assertThat(l.err(Syscall.FCNTL, 0, 1032)).isEqualTo(Errno.EBADF);
        }
    }

    @Test
    @DisplayName("a blocking write bigger than the pipe completes while a reader drains it")
    void blockingWriteLargerThanCapacity() {
        try (FakeKernel k = FakeKernel.builder()
                .program("/usr/bin/count", ctx -> {
                    ctx.print(1, Integer.toString(ctx.readAll(0).length));
                    return 0;
                }).build()) {
            Local l = new Local(k);
            int[] in = l.pipe(0);
            int[] out = l.pipe(0);
            Local.Driven c = l.spawn();
            c.ok(Syscall.DUP2, in[0], 0);
            c.ok(Syscall.DUP2, out[1], 1);
            for (int fd : new int[] {in[0], in[1], out[0], out[1]}) {
                c.ok(Syscall.CLOSE, fd);
            }
            assertThat(c.run("/usr/bin/count", "count")).isTrue();
            l.ok(Syscall.CLOSE, in[0]);
            l.ok(Syscall.CLOSE, out[1]);
            long buf = l.alloc(200_000);
            assertThat(l.ok(Syscall.WRITE, in[1], buf, 200_000)).isEqualTo(200_000);
            l.ok(Syscall.CLOSE, in[1]);
            assertThat(l.readAll(out[0])).isEqualTo("200000");
            assertThat(l.waitid(Local.P_PID, c.pid, Local.WEXITED).status).isZero();
        }
    }

    @Test
    @DisplayName("poll: POLLIN with data, POLLHUP without writers, POLLOUT with room, POLLERR without readers, POLLNVAL")
    void poll() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] p = l.pipe(0);
            long fds = l.alloc(24);
            l.putInt(fds, p[0]);
            l.putInt(fds + 4, POLLIN);
            l.putInt(fds + 8, p[1]);
            l.putInt(fds + 12, POLLOUT);
            l.putInt(fds + 16, 77);
            l.putInt(fds + 20, POLLIN);
            assertThat(l.ok(Syscall.POLL, fds, 3, 0)).isEqualTo(2);
            assertThat(l.getInt(fds + 4) >>> 16).isZero();
            assertThat(l.getInt(fds + 12) >>> 16).isEqualTo(POLLOUT);
            assertThat(l.getInt(fds + 20) >>> 16).isEqualTo(POLLNVAL);
            l.write(p[1], "x");
            l.ok(Syscall.POLL, fds, 1, 0);
            assertThat(l.getInt(fds + 4) >>> 16).isEqualTo(POLLIN);
            l.ok(Syscall.CLOSE, p[1]);
            l.ok(Syscall.POLL, fds, 1, 0);
            assertThat(l.getInt(fds + 4) >>> 16).isEqualTo(POLLIN | POLLHUP);
            int[] q = l.pipe(0);
            l.ok(Syscall.CLOSE, q[0]);
            l.putInt(fds, q[1]);
            l.putInt(fds + 4, POLLOUT);
            l.ok(Syscall.POLL, fds, 1, 0);
            assertThat(l.getInt(fds + 4) >>> 16).isEqualTo(POLLOUT | POLLERR);
        }
    }

    @Test
    @DisplayName("ppoll times out on the virtual clock and writes back the time left")
    void ppollTimeout() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] p = l.pipe(0);
            long fds = l.alloc(8);
            l.putInt(fds, p[0]);
            l.putInt(fds + 4, POLLIN);
            long ts = l.alloc(16);
            l.putLong(ts, 1);
            l.putLong(ts + 8, 500_000_000);
            long before = k.monotonicNanos();
            assertThat(l.ok(Syscall.PPOLL, fds, 1, ts, 0, 8)).isZero();
            assertThat(k.monotonicNanos() - before).isGreaterThanOrEqualTo(1_500_000_000L);
            assertThat(l.getLong(ts)).isZero();
            assertThat(l.getLong(ts + 8)).isZero();
            l.putLong(ts + 8, 2_000_000_000L);
            assertThat(l.err(Syscall.PPOLL, fds, 1, ts, 0, 8)).isEqualTo(Errno.EINVAL);
        }
    }

    @Test
    @DisplayName("pipe2 rejects unknown flags and a bad address without leaking fds")
    void pipe2Errors() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            assertThat(l.err(Syscall.PIPE2, l.alloc(8), 1)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.PIPE2, 0x1000, 0)).isEqualTo(Errno.EFAULT);
            assertThat(k.processInfo(2).get("fds")).isEqualTo(java.util.List.of(0, 1, 2, 3));
        }
    }
}
