// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GroupsAndLimitsTest {
    static final int RLIMIT_STACK = 3, RLIMIT_NOFILE = 7;

    @Test
    @DisplayName("the local process leads its own session and group")
    void localIdentity() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            assertThat(l.ok(Syscall.GETPGID, 0)).isEqualTo(2);
            assertThat(l.ok(Syscall.GETSID, 0)).isEqualTo(2);
            assertThat(l.ok(Syscall.GETPGRP)).isEqualTo(2);
            assertThat(l.err(Syscall.SETSID)).as("a group leader cannot start a session").isEqualTo(Errno.EPERM);
            assertThat(l.err(Syscall.GETPGID, 9999)).isEqualTo(Errno.ESRCH);
            assertThat(l.err(Syscall.GETSID, -1)).isEqualTo(Errno.ESRCH);
        }
    }

    @Test
    @DisplayName("setpgid: Linux's EINVAL, ESRCH, EPERM and EACCES rules")
    void setpgidRules() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            assertThat(l.err(Syscall.SETPGID, 0, -1)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.SETPGID, -1, 0)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.SETPGID, 9999, 0)).isEqualTo(Errno.ESRCH);
            assertThat(l.err(Syscall.SETPGID, 1, 1)).as("not our child").isEqualTo(Errno.ESRCH);
            assertThat(l.err(Syscall.SETPGID, 0, 0)).as("a session leader").isEqualTo(Errno.EPERM);
            Local.Driven a = l.spawn();
            assertThat(l.err(Syscall.SETPGID, a.pid, 9999)).as("no such group").isEqualTo(Errno.EPERM);
            l.ok(Syscall.SETPGID, a.pid, 0);
            assertThat(l.ok(Syscall.GETPGID, a.pid)).isEqualTo(a.pid);
            l.ok(Syscall.SETPGID, a.pid, 2);
            assertThat(a.ok(Syscall.GETPGRP)).isEqualTo(2);
            Local.Driven b = l.spawn();
            b.ok(Syscall.SETSID);
            assertThat(b.ok(Syscall.GETSID, 0)).isEqualTo(b.pid);
            assertThat(l.err(Syscall.SETPGID, b.pid, 2)).as("a child in another session").isEqualTo(Errno.EPERM);
            Local.Driven c = l.spawn();
            assertThat(c.run("/bin/sleep", "sleep", "100")).isTrue();
            assertThat(l.err(Syscall.SETPGID, c.pid, 0)).as("a child that has exec'd").isEqualTo(Errno.EACCES);
        }
    }

    @Test
    @DisplayName("setsid in a child makes a new session and group with the child's pid")
    void setsid() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven a = l.spawn();
            assertThat(a.ok(Syscall.SETSID)).isEqualTo(a.pid);
            assertThat(a.ok(Syscall.GETPGRP)).isEqualTo(a.pid);
            assertThat(a.call(Syscall.SETSID)).isEqualTo(-Errno.EPERM.number());
            assertThat(l.ok(Syscall.GETSID, a.pid)).isEqualTo(a.pid);
        }
    }

    @Test
    @DisplayName("getpriority returns 20 - nice; setpriority clamps to [-20, 19]; children inherit nice")
    void priority() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            assertThat(l.ok(Syscall.GETPRIORITY, 0, 0)).isEqualTo(20);
            l.ok(Syscall.SETPRIORITY, 0, 0, 100);
            assertThat(l.ok(Syscall.GETPRIORITY, 0, 0)).isEqualTo(1);
            Local.Driven c = l.spawn();
            assertThat(c.ok(Syscall.GETPRIORITY, 0, 0)).isEqualTo(1);
            l.ok(Syscall.SETPRIORITY, 0, c.pid, -100);
            assertThat(l.ok(Syscall.GETPRIORITY, 0, c.pid)).isEqualTo(40);
            assertThat(l.ok(Syscall.GETPRIORITY, 1, 0)).as("the best in our group").isEqualTo(40);
            assertThat(l.err(Syscall.GETPRIORITY, 0, 9999)).isEqualTo(Errno.ESRCH);
            assertThat(l.err(Syscall.GETPRIORITY, 3, 0)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.SETPRIORITY, 0, 9999, 0)).isEqualTo(Errno.ESRCH);
        }
    }

    @Test
    @DisplayName("unprivileged: lowering nice is EACCES, renicing another user's process is EPERM")
    void unprivilegedPriority() {
        try (FakeKernel k = FakeKernel.builder().credentials(1000, 1000).build()) {
            Local l = new Local(k);
            assertThat(l.ok(Syscall.GETUID)).isEqualTo(1000);
            assertThat(l.ok(Syscall.GETEGID)).isEqualTo(1000);
            l.ok(Syscall.SETPRIORITY, 0, 0, 5);
            assertThat(l.err(Syscall.SETPRIORITY, 0, 0, 4)).isEqualTo(Errno.EACCES);
            assertThat(l.err(Syscall.SETPRIORITY, 0, 1, 0)).isEqualTo(Errno.EPERM);
            assertThat(l.err(Syscall.KILL, 1, 0)).isEqualTo(Errno.EPERM);
        }
    }

    @Test
    @DisplayName("prlimit64 reads and sets limits, with EINVAL, EPERM and ESRCH where Linux has them")
    void prlimit() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            long old = l.alloc(16);
            l.ok(Syscall.PRLIMIT64, 0, RLIMIT_STACK, 0, old);
            assertThat(l.getLong(old)).isEqualTo(8L << 20);
            assertThat(l.getLong(old + 8)).isEqualTo(-1L);
            l.ok(Syscall.PRLIMIT64, 0, RLIMIT_NOFILE, 0, old);
            assertThat(l.getLong(old)).as("the JVM raised its soft limit").isEqualTo(l.getLong(old + 8));
            long lim = l.alloc(16);
            l.putLong(lim, 100);
            l.putLong(lim + 8, 50);
            assertThat(l.err(Syscall.PRLIMIT64, 0, RLIMIT_NOFILE, lim, 0)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.PRLIMIT64, 0, 16, 0, old)).isEqualTo(Errno.EINVAL);
            l.putLong(lim, 2_000_000);
            l.putLong(lim + 8, 2_000_000);
            assertThat(l.err(Syscall.PRLIMIT64, 0, RLIMIT_NOFILE, lim, 0)).as("above nr_open").isEqualTo(Errno.EPERM);
            assertThat(l.err(Syscall.PRLIMIT64, 9999, RLIMIT_NOFILE, 0, old)).isEqualTo(Errno.ESRCH);
            Local.Driven c = l.spawn();
            l.putLong(lim, 64);
            l.putLong(lim + 8, 128);
            l.ok(Syscall.PRLIMIT64, c.pid, RLIMIT_NOFILE, lim, old);
            long mine = l.alloc(16);
            c.ok(Syscall.GETRLIMIT, RLIMIT_NOFILE, mine);
            assertThat(l.getLong(mine)).isEqualTo(64);
            assertThat(l.getLong(mine + 8)).isEqualTo(128);
        }
    }

    @Test
    @DisplayName("unprivileged: raising a hard limit is EPERM")
    void unprivilegedLimits() {
        try (FakeKernel k = FakeKernel.builder().credentials(1000, 1000).build()) {
            Local l = new Local(k);
            long lim = l.alloc(16);
            l.putLong(lim, 10);
            l.putLong(lim + 8, 10);
            l.ok(Syscall.PRLIMIT64, 0, RLIMIT_NOFILE, lim, 0);
            l.putLong(lim + 8, 11);
            assertThat(l.err(Syscall.PRLIMIT64, 0, RLIMIT_NOFILE, lim, 0)).isEqualTo(Errno.EPERM);
            long ids = l.alloc(12);
            l.ok(Syscall.GETRESUID, ids, ids + 4, ids + 8);
            assertThat(l.getInt(ids + 8)).isEqualTo(1000);
        }
    }
}
