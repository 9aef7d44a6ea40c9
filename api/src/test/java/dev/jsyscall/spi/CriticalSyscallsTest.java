// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Syscall;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The reviewed list of syscalls that go through a critical (no state transition) binding. */
class CriticalSyscallsTest {

    @Test
    @DisplayName("the list is exactly the reviewed one: an addition must be reviewed here, not slipped in")
    void reviewed() {
        assertThat(CriticalSyscalls.all()).containsExactlyInAnyOrder(
                Syscall.GETPID, Syscall.GETTID, Syscall.GETPPID,
                Syscall.GETUID, Syscall.GETEUID, Syscall.GETGID, Syscall.GETEGID,
                Syscall.GETRESUID, Syscall.GETRESGID, Syscall.GETPGID, Syscall.GETPGRP, Syscall.GETSID,
                Syscall.GETCPU, Syscall.UMASK, Syscall.DUP, Syscall.RT_SIGPROCMASK,
                Syscall.GETRLIMIT, Syscall.PRLIMIT64);
    }

    @Test
    @DisplayName("no syscall that can wait is on the list: I/O, close and the closing dups, polls, sleeps, waits,"
            + " locks, signals waited for, clones and exec")
    void nothingThatWaits() {
        Set<Syscall> canWait = EnumSet.of(
                Syscall.READ, Syscall.WRITE, Syscall.READV, Syscall.WRITEV, Syscall.PREAD64, Syscall.PWRITE64,
                Syscall.PREADV, Syscall.PWRITEV, Syscall.PREADV2, Syscall.PWRITEV2, Syscall.SENDFILE,
                Syscall.SPLICE, Syscall.TEE, Syscall.COPY_FILE_RANGE,
                Syscall.CLOSE, Syscall.CLOSE_RANGE, Syscall.DUP2, Syscall.DUP3, Syscall.FCNTL, Syscall.IOCTL,
                Syscall.FLOCK, Syscall.FSYNC, Syscall.FDATASYNC, Syscall.SYNC, Syscall.MSYNC,
                Syscall.OPEN, Syscall.OPENAT, Syscall.OPENAT2,
                Syscall.POLL, Syscall.PPOLL, Syscall.SELECT, Syscall.PSELECT6, Syscall.EPOLL_WAIT,
                Syscall.EPOLL_PWAIT, Syscall.EPOLL_PWAIT2,
                Syscall.NANOSLEEP, Syscall.CLOCK_NANOSLEEP, Syscall.PAUSE, Syscall.FUTEX, Syscall.SCHED_YIELD,
                Syscall.WAIT4, Syscall.WAITID, Syscall.RT_SIGSUSPEND, Syscall.RT_SIGTIMEDWAIT,
                Syscall.ACCEPT, Syscall.ACCEPT4, Syscall.CONNECT, Syscall.RECVFROM, Syscall.RECVMSG,
                Syscall.SENDTO, Syscall.SENDMSG,
                Syscall.CLONE, Syscall.CLONE3, Syscall.VFORK, Syscall.EXECVE, Syscall.EXECVEAT,
                Syscall.EXIT, Syscall.EXIT_GROUP, Syscall.KILL, Syscall.TGKILL, Syscall.PIDFD_SEND_SIGNAL,
                Syscall.MMAP, Syscall.MUNMAP);
        assertThat(CriticalSyscalls.all()).doesNotContainAnyElementsOf(canWait);
        canWait.forEach(s -> assertThat(CriticalSyscalls.contains(s)).as("%s", s).isFalse());
        assertThat(CriticalSyscalls.contains(Syscall.GETPID)).isTrue();
    }

    @Test
    @DisplayName("the per-number table marks exactly the listed syscalls on every architecture")
    void tableByNumber() {
        for (Arch arch : Arch.values()) {
            boolean[] table = CriticalSyscalls.byNumber(arch);
            for (Syscall s : Syscall.values()) {
                if (s.existsOn(arch)) {
                    int nr = s.number(arch);
                    assertThat(nr < table.length && table[nr]).as("%s %s", arch, s)
                            .isEqualTo(CriticalSyscalls.contains(s));
                }
            }
        }
    }

    @Test
    @DisplayName("the list cannot be changed, and a null syscall is refused by name")
    void immutableAndNullChecked() {
        assertThatThrownBy(() -> CriticalSyscalls.all().add(Syscall.READ))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> CriticalSyscalls.contains(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("call");
    }
}
