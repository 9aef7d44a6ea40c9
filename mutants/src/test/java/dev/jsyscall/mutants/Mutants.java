// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.mutants;

import dev.jsyscall.backend.fake.FakeKernel;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.wait.WaitOption;
import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.spi.SyscallInterface;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The mutants: each breaks one rule a Linux kernel keeps. */
final class Mutants {
    private Mutants() {
    }

    /** ESRCH ("no such process") comes back as EPERM ("not permitted"): a dead target looks like a forbidden one. */
    static final class WrongErrno extends Mutant {
        WrongErrno(SyscallBackend real) {
            super(real);
        }

        @Override
        long syscall(SyscallInterface inner, int nr, long[] a) {
            long r = call(inner, nr, a);
            return r == -Errno.ESRCH.number() ? -Errno.EPERM.number() : r;
        }
    }

    /** Every pipe2 also makes a copy of the read end that nobody owns. */
    static final class LeaksFd extends Mutant {
        LeaksFd(SyscallBackend real) {
            super(real);
        }

        @Override
        long syscall(SyscallInterface inner, int nr, long[] a) {
            long r = call(inner, nr, a);
            if (r == 0 && is(nr, Syscall.PIPE2)) {
                inner.syscall(Syscall.DUP.number(arch()), intAt(a[0]), 0, 0, 0, 0, 0);
            }
            return r;
        }
    }

    /** O_CLOEXEC and F_DUPFD_CLOEXEC are dropped: new fds survive execve. */
    static final class IgnoresCloexec extends Mutant {
        IgnoresCloexec(SyscallBackend real) {
            super(real);
        }

        @Override
        long syscall(SyscallInterface inner, int nr, long[] a) {
            long[] b = a.clone();
            int flags = is(nr, Syscall.EPOLL_CREATE1) ? 0 : is(nr, Syscall.PIPE2) || is(nr, Syscall.EVENTFD2) ? 1
                    : is(nr, Syscall.DUP3) || is(nr, Syscall.OPENAT) ? 2 : -1;
            if (flags >= 0) {
                b[flags] &= ~Fcntl.O_CLOEXEC;
            } else if (is(nr, Syscall.FCNTL) && b[1] == Fcntl.F_DUPFD_CLOEXEC) {
                b[1] = Fcntl.F_DUPFD;
            }
            return call(inner, nr, b);
        }
    }

    /** A reaping waitid leaves si_status zero: every exit looks like exit 0, every signal like none. */
    static final class DropsSiginfoStatus extends Mutant {
        /** si_status's offset in the SIGCHLD siginfo_t (x86_64 and aarch64). */
        private static final int SI_STATUS = 24;

        DropsSiginfoStatus(SyscallBackend real) {
            super(real);
        }

        @Override
        long syscall(SyscallInterface inner, int nr, long[] a) {
            long r = call(inner, nr, a);
            if (r == 0 && is(nr, Syscall.WAITID) && a[2] != 0) {
                localMemory().write(a[2] + SI_STATUS, new byte[4], 0, 4);
            }
            return r;
        }
    }

    /** A write of 2 to PIPE_BUF bytes writes only its first half: a small write is no longer atomic. */
    static final class SplitsSmallWrite extends Mutant {
        private static final int PIPE_BUF = 4096;

        SplitsSmallWrite(SyscallBackend real) {
            super(real);
        }

        @Override
        long syscall(SyscallInterface inner, int nr, long[] a) {
            if (is(nr, Syscall.WRITE) && a[2] >= 2 && a[2] <= PIPE_BUF) {
                long[] b = a.clone();
                b[2] = a[2] / 2;
                return call(inner, nr, b);
            }
            return call(inner, nr, a);
        }
    }

    /**
     * A child's exit reaches waitid(WNOHANG) one poll late, as if SIGCHLD and the wait queue's wake-up came after
     * the child was already a zombie: the first WNOHANG that would report a child reports none (without reaping it).
     */
    static final class LateSigchld extends Mutant {
        private static final long WNOHANG = WaitOption.WNOHANG.value();
        private static final long WNOWAIT = WaitOption.WNOWAIT.value();
        private static final int SI_PID = 16;
        private final Set<Integer> seen = ConcurrentHashMap.newKeySet();

        LateSigchld(SyscallBackend real) {
            super(real);
        }

        @Override
        long syscall(SyscallInterface inner, int nr, long[] a) {
            if (!is(nr, Syscall.WAITID) || (a[3] & WNOHANG) == 0 || a[2] == 0) {
                return call(inner, nr, a);
            }
            long[] peek = a.clone();
            peek[3] |= WNOWAIT;
            long r = call(inner, nr, peek);
            if (r != 0) {
                return r;
            }
            int pid = intAt(a[2] + SI_PID);
            if (pid != 0 && seen.add(pid)) {
                // what the kernel writes when WNOHANG finds nothing: a zeroed siginfo_t
                localMemory().write(a[2], new byte[128], 0, 128);
                return 0;
            }
            return (a[3] & WNOWAIT) != 0 ? r : call(inner, nr, a);
        }
    }

    /**
     * A reaped child's pid goes to the very next clone, where Linux counts up to pid_max before it reuses one: on
     * the fake, after every reaping wait the last pid is set back just below the pid that was freed.
     */
    static final class EagerPidReuse extends Mutant {
        private final FakeKernel fake;

        EagerPidReuse(FakeKernel fake) {
            super(fake);
            this.fake = fake;
        }

        @Override
        long syscall(SyscallInterface inner, int nr, long[] a) {
            long r = call(inner, nr, a);
            if (is(nr, Syscall.WAIT4) && r > 1) {
                fake.setLastPid((int) r - 1);
            } else if (is(nr, Syscall.WAITID) && r == 0 && a[2] != 0 && (a[3] & WaitOption.WNOWAIT.value()) == 0) {
                int code = intAt(a[2] + 8);
                int pid = intAt(a[2] + 16);
                // CLD_EXITED, CLD_KILLED, CLD_DUMPED: the child was reaped (a stop or continue report was not)
                if (pid > 1 && code >= 1 && code <= 3) {
                    fake.setLastPid(pid - 1);
                }
            }
            return r;
        }
    }
}
