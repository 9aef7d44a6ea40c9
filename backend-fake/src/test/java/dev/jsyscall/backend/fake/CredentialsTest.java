// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Credentials and no_new_privs, with the results Linux gives (checked on a real kernel as root and not). */
class CredentialsTest {
    static final int PR_SET_NO_NEW_PRIVS = 38, PR_GET_NO_NEW_PRIVS = 39;

    private static Errno err(Local.Driven d, Syscall s, long... args) {
        long r = d.call(s, args);
        assertThat(r).as("%s in child %d", s.cName(), d.pid).isBetween(-4095L, -1L);
        return Errno.of((int) -r);
    }

    private static String status(Local l, int pid) {
        int fd = (int) l.ok(Syscall.OPENAT, -100, l.cstr("/proc/" + pid + "/status"), 0);
        String s = l.readAll(fd);
        l.ok(Syscall.CLOSE, fd);
        return s;
    }

    @Test
    @DisplayName("no_new_privs: set once (arg 1 only), read back, inherited over clone and kept over execve")
    void noNewPrivs() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven a = l.spawn();
            assertThat(a.ok(Syscall.PRCTL, PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)).isZero();
            assertThat(err(a, Syscall.PRCTL, PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0)).isEqualTo(Errno.EINVAL);
            assertThat(err(a, Syscall.PRCTL, PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0)).isEqualTo(Errno.EINVAL);
            a.ok(Syscall.PRCTL, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
            assertThat(a.ok(Syscall.PRCTL, PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)).isEqualTo(1);
            assertThat(l.ok(Syscall.PRCTL, PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)).as("the parent's").isZero();
            assertThat(a.run("/bin/sleep", "sleep", "100")).isTrue();
            assertThat(status(l, a.pid)).contains("NoNewPrivs:\t1\n");

            l.ok(Syscall.PRCTL, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
            Local.Driven b = l.spawn();
            assertThat(b.ok(Syscall.PRCTL, PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)).as("inherited").isEqualTo(1);
        }
    }

    @Test
    @DisplayName("root sets groups, then gid, then uid; after that neither uid 0 nor setgroups is permitted")
    void rootDropsPrivilege() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven a = l.spawn();
            long groups = l.alloc(8);
            l.putInt(groups, 5);
            l.putInt(groups + 4, 6);
            a.ok(Syscall.SETGROUPS, 2, groups);
            a.ok(Syscall.SETRESGID, 5, 5, 5);
            a.ok(Syscall.SETRESUID, 7, 7, 7);
            assertThat(err(a, Syscall.SETRESUID, 0, -1, -1)).isEqualTo(Errno.EPERM);
            a.ok(Syscall.SETRESUID, 7, 7, 7);
            assertThat(err(a, Syscall.SETGROUPS, 0, 0)).isEqualTo(Errno.EPERM);
            assertThat(status(l, a.pid)).contains("Uid:\t7\t7\t7\t7\n", "Gid:\t5\t5\t5\t5\n", "Groups:\t5 6 \n");
            assertThat(status(l, l.pid())).as("the parent keeps its own").contains("Uid:\t0\t0\t0\t0\n");
        }
    }

    @Test
    @DisplayName("unprivileged: setresuid to one's own ids works, to another uid or setgroups is EPERM")
    void unprivileged() {
        try (FakeKernel k = FakeKernel.builder().credentials(1000, 1000).build()) {
            Local l = new Local(k);
            Local.Driven a = l.spawn();
            a.ok(Syscall.SETRESUID, 1000, 1000, 1000);
            a.ok(Syscall.SETRESGID, -1, 1000, -1);
            assertThat(err(a, Syscall.SETRESUID, 0, 0, 0)).isEqualTo(Errno.EPERM);
            assertThat(err(a, Syscall.SETRESGID, 1001, -1, -1)).isEqualTo(Errno.EPERM);
            assertThat(err(a, Syscall.SETGROUPS, 0, 0)).isEqualTo(Errno.EPERM);
        }
    }
}
