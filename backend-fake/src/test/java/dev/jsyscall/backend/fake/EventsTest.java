// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventsTest {
    static final int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3, EPOLLIN = 1, EPOLLOUT = 4,
            EPOLLHUP = 0x10;
    static final long EPOLLONESHOT = 1L << 30, EPOLLET = 1L << 31;

    static long event(Local l, long events, long data) {
        long e = l.alloc(16);
        l.putInt(e, (int) events);
        l.putLong(e + 4, data);
        return e;
    }

    @Test
    @DisplayName("eventfd counts writes, reads reset (or decrement in semaphore mode), EAGAIN when empty")
    void eventfd() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int fd = (int) l.ok(Syscall.EVENTFD2, 3, Local.O_NONBLOCK | Local.O_CLOEXEC);
            long b = l.alloc(8);
            l.putLong(b, 4);
            assertThat(l.ok(Syscall.WRITE, fd, b, 8)).isEqualTo(8);
            assertThat(l.ok(Syscall.READ, fd, b, 8)).isEqualTo(8);
            assertThat(l.getLong(b)).isEqualTo(7);
            assertThat(l.err(Syscall.READ, fd, b, 8)).isEqualTo(Errno.EAGAIN);
            assertThat(l.err(Syscall.READ, fd, b, 4)).isEqualTo(Errno.EINVAL);
            l.putLong(b, -1);
            assertThat(l.err(Syscall.WRITE, fd, b, 8)).isEqualTo(Errno.EINVAL);
            int sem = (int) l.ok(Syscall.EVENTFD2, 2, 1 /* EFD_SEMAPHORE */);
            l.ok(Syscall.READ, sem, b, 8);
            assertThat(l.getLong(b)).isEqualTo(1);
            assertThat(l.err(Syscall.EVENTFD2, 0, 2)).isEqualTo(Errno.EINVAL);
        }
    }

    @Test
    @DisplayName("signalfd reads a blocked SIGCHLD with the child's pid and status")
    void signalfd() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            l.block(Local.SIGCHLD);
            int sfd = (int) l.ok(Syscall.SIGNALFD4, -1, l.sigset(Local.SIGCHLD), 8, Local.O_CLOEXEC);
            Local.Driven c = l.spawn();
            c.exit(9);
            long info = l.alloc(256);
            assertThat(l.ok(Syscall.READ, sfd, info, 256)).isEqualTo(128);
            assertThat(l.getInt(info)).isEqualTo(Local.SIGCHLD);
            assertThat(l.getInt(info + 8)).isEqualTo(Local.CLD_EXITED);
            assertThat(l.getInt(info + 12)).isEqualTo(c.pid);
            assertThat(l.getInt(info + 40)).isEqualTo(9);
            assertThat(l.err(Syscall.READ, sfd, info, 100)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.SIGNALFD4, 0, l.sigset(Local.SIGCHLD), 8, 0)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.SIGNALFD4, -1, l.sigset(Local.SIGCHLD), 4, 0)).isEqualTo(Errno.EINVAL);
            l.waitid(Local.P_PID, c.pid, Local.WEXITED);
        }
    }

    @Test
    @DisplayName("epoll waits on a pipe, a pidfd and a signalfd together")
    void epollMix() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            l.block(Local.SIGCHLD);
            int ep = (int) l.ok(Syscall.EPOLL_CREATE1, Local.O_CLOEXEC);
            int[] p = l.pipe(0);
            int sfd = (int) l.ok(Syscall.SIGNALFD4, -1, l.sigset(Local.SIGCHLD), 8, 0);
            Local.Driven c = l.spawn(Local.CLONE_PIDFD);
            l.ok(Syscall.EPOLL_CTL, ep, EPOLL_CTL_ADD, p[0], event(l, EPOLLIN, 100));
            l.ok(Syscall.EPOLL_CTL, ep, EPOLL_CTL_ADD, c.pidfd, event(l, EPOLLIN, 200));
            l.ok(Syscall.EPOLL_CTL, ep, EPOLL_CTL_ADD, sfd, event(l, EPOLLIN, 300));
            assertThat(l.err(Syscall.EPOLL_CTL, ep, EPOLL_CTL_ADD, p[0], event(l, EPOLLIN, 1))).isEqualTo(Errno.EEXIST);
            assertThat(l.err(Syscall.EPOLL_CTL, ep, EPOLL_CTL_ADD, ep, event(l, EPOLLIN, 1))).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.EPOLL_CTL, p[0], EPOLL_CTL_ADD, p[1], event(l, EPOLLIN, 1)))
                    .isEqualTo(Errno.EINVAL);
            int devnull = (int) l.ok(Syscall.OPENAT, -100, l.cstr("/dev/null"), 0, 0);
            assertThat(l.err(Syscall.EPOLL_CTL, ep, EPOLL_CTL_ADD, devnull, event(l, EPOLLIN, 1)))
                    .isEqualTo(Errno.EPERM);
            long evs = l.alloc(12 * 8);
            assertThat(l.ok(Syscall.EPOLL_WAIT, ep, evs, 8, 0)).isZero();
            l.write(p[1], "x");
            assertThat(l.ok(Syscall.EPOLL_WAIT, ep, evs, 8, -1)).isEqualTo(1);
            assertThat(l.getLong(evs + 4)).isEqualTo(100);
            l.read(p[0], 1);
            c.exit(0);
            long n = l.ok(Syscall.EPOLL_WAIT, ep, evs, 8, -1);
            assertThat(n).isEqualTo(2);
            assertThat(l.getLong(evs + 4)).isEqualTo(200);
            assertThat(l.getLong(evs + 12 + 4)).isEqualTo(300);
            l.ok(Syscall.EPOLL_CTL, ep, EPOLL_CTL_DEL, c.pidfd, 0);
            assertThat(l.err(Syscall.EPOLL_CTL, ep, EPOLL_CTL_DEL, c.pidfd, 0)).isEqualTo(Errno.ENOENT);
            assertThat(l.err(Syscall.EPOLL_WAIT, ep, evs, 0, 0)).isEqualTo(Errno.EINVAL);
        }
    }

    @Test
    @DisplayName("epoll: level-triggered repeats, EPOLLONESHOT disarms until EPOLL_CTL_MOD, timeouts use the virtual clock")
    void epollModes() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int ep = (int) l.ok(Syscall.EPOLL_CREATE1, 0);
            int[] p = l.pipe(0);
            l.ok(Syscall.EPOLL_CTL, ep, EPOLL_CTL_ADD, p[1], event(l, EPOLLOUT | EPOLLONESHOT, 1));
            long evs = l.alloc(48);
            assertThat(l.ok(Syscall.EPOLL_WAIT, ep, evs, 4, 0)).isEqualTo(1);
            assertThat(l.ok(Syscall.EPOLL_WAIT, ep, evs, 4, 0)).as("disarmed").isZero();
            l.ok(Syscall.EPOLL_CTL, ep, EPOLL_CTL_MOD, p[1], event(l, EPOLLOUT, 2));
            assertThat(l.ok(Syscall.EPOLL_WAIT, ep, evs, 4, 0)).isEqualTo(1);
            assertThat(l.ok(Syscall.EPOLL_WAIT, ep, evs, 4, 0)).as("level-triggered").isEqualTo(1);
            l.ok(Syscall.EPOLL_CTL, ep, EPOLL_CTL_DEL, p[1], 0);
            l.ok(Syscall.EPOLL_CTL, ep, EPOLL_CTL_ADD, p[0], event(l, EPOLLIN, 3));
            long before = k.monotonicNanos();
            assertThat(l.ok(Syscall.EPOLL_WAIT, ep, evs, 4, 1500)).isZero();
            assertThat(k.monotonicNanos() - before).isGreaterThanOrEqualTo(1_500_000_000L);
            l.ok(Syscall.CLOSE, p[1]);
            assertThat(l.ok(Syscall.EPOLL_WAIT, ep, evs, 4, 0)).isEqualTo(1);
            assertThat(l.getInt(evs)).isEqualTo(EPOLLHUP);
        }
    }
}
