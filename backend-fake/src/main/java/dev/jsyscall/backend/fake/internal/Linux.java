// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.mman.Mman;
import dev.jsyscall.linux.prctl.Prctl;
import dev.jsyscall.linux.resource.Resource;
import dev.jsyscall.linux.resource.Rlimit;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.wait.WaitOption;

/**
 * Linux constants the fake kernel needs, x86_64 values (internal, not API). Errnos are positive; syscalls
 * return their negation. Where the api defines a constant ({@code Errno}, {@code Signal}, {@code Fcntl}, clone
 * and wait flags...), the value is taken from it, so the fake and the api cannot disagree; the short names stay
 * because the fake writes {@code -EINVAL} hundreds of times.
 */
final class Linux {
    private Linux() {}

    // errno
    static final int EPERM = Errno.EPERM.number(),
            ENOENT = Errno.ENOENT.number(),
            ESRCH = Errno.ESRCH.number(),
            EINTR = Errno.EINTR.number(),
            EIO = Errno.EIO.number(),
            ENXIO = Errno.ENXIO.number(),
            E2BIG = Errno.E2BIG.number(),
            ENOEXEC = Errno.ENOEXEC.number(),
            EBADF = Errno.EBADF.number(),
            ECHILD = Errno.ECHILD.number(),
            EAGAIN = Errno.EAGAIN.number(),
            ENOMEM = Errno.ENOMEM.number(),
            EACCES = Errno.EACCES.number(),
            EFAULT = Errno.EFAULT.number(),
            EBUSY = Errno.EBUSY.number(),
            EEXIST = Errno.EEXIST.number(),
            ENODEV = Errno.ENODEV.number(),
            ENOTDIR = Errno.ENOTDIR.number(),
            EISDIR = Errno.EISDIR.number(),
            EINVAL = Errno.EINVAL.number(),
            EMFILE = Errno.EMFILE.number(),
            ENOTTY = Errno.ENOTTY.number(),
            EFBIG = Errno.EFBIG.number(),
            ENOSPC = Errno.ENOSPC.number(),
            ESPIPE = Errno.ESPIPE.number(),
            EPIPE = Errno.EPIPE.number(),
            ERANGE = Errno.ERANGE.number(),
            ENAMETOOLONG = Errno.ENAMETOOLONG.number(),
            ENOSYS = Errno.ENOSYS.number(),
            ENOTEMPTY = Errno.ENOTEMPTY.number(),
            ELOOP = Errno.ELOOP.number(),
            ETIMEDOUT = Errno.ETIMEDOUT.number(),
            EOPNOTSUPP = Errno.EOPNOTSUPP.number(),
            ECANCELED = Errno.ECANCELED.number();

    // signals
    static final int SIGHUP = Signal.SIGHUP.number(),
            SIGINT = Signal.SIGINT.number(),
            SIGQUIT = Signal.SIGQUIT.number(),
            SIGILL = Signal.SIGILL.number(),
            SIGTRAP = Signal.SIGTRAP.number(),
            SIGABRT = Signal.SIGABRT.number(),
            SIGBUS = Signal.SIGBUS.number(),
            SIGFPE = Signal.SIGFPE.number(),
            SIGKILL = Signal.SIGKILL.number(),
            SIGUSR1 = Signal.SIGUSR1.number(),
            SIGSEGV = Signal.SIGSEGV.number(),
            SIGUSR2 = Signal.SIGUSR2.number(),
            SIGPIPE = Signal.SIGPIPE.number(),
            SIGALRM = Signal.SIGALRM.number(),
            SIGTERM = Signal.SIGTERM.number(),
            SIGSTKFLT = Signal.SIGSTKFLT.number(),
            SIGCHLD = Signal.SIGCHLD.number(),
            SIGCONT = Signal.SIGCONT.number(),
            SIGSTOP = Signal.SIGSTOP.number(),
            SIGTSTP = Signal.SIGTSTP.number(),
            SIGTTIN = Signal.SIGTTIN.number(),
            SIGTTOU = Signal.SIGTTOU.number(),
            SIGURG = Signal.SIGURG.number(),
            SIGXCPU = Signal.SIGXCPU.number(),
            SIGXFSZ = Signal.SIGXFSZ.number(),
            SIGVTALRM = Signal.SIGVTALRM.number(),
            SIGPROF = Signal.SIGPROF.number(),
            SIGWINCH = Signal.SIGWINCH.number(),
            SIGIO = Signal.SIGIO.number(),
            SIGPWR = Signal.SIGPWR.number(),
            SIGSYS = Signal.SIGSYS.number(),
            SIGRTMIN = Signal.RTMIN,
            NSIG = Signal.MAX;
    static final long SIG_DFL = 0, SIG_IGN = 1;

    static String signalName(int sig) {
        if (sig == 0) {
            return "0";
        }
        return sig > 0 && sig <= NSIG ? Signal.of(sig).name() : "signal " + sig;
    }

    static long sigbit(int sig) {
        return 1L << (sig - 1);
    }

    static final long UNBLOCKABLE = sigbit(SIGKILL) | sigbit(SIGSTOP);
    static final long STOP_SIGNALS = sigbit(SIGSTOP) | sigbit(SIGTSTP) | sigbit(SIGTTIN) | sigbit(SIGTTOU);
    static final long IGNORE_DEFAULT = sigbit(SIGCHLD) | sigbit(SIGCONT) | sigbit(SIGURG) | sigbit(SIGWINCH);
    static final long CORE_DEFAULT = sigbit(SIGQUIT) | sigbit(SIGILL) | sigbit(SIGTRAP) | sigbit(SIGABRT)
            | sigbit(SIGBUS) | sigbit(SIGFPE) | sigbit(SIGSEGV) | sigbit(SIGXCPU) | sigbit(SIGXFSZ) | sigbit(SIGSYS);

    static boolean isStopSignal(int sig) {
        return (STOP_SIGNALS & sigbit(sig)) != 0;
    }

    static boolean isDefaultIgnored(int sig) {
        return (IGNORE_DEFAULT & sigbit(sig)) != 0;
    }

    static boolean isCoreSignal(int sig) {
        return (CORE_DEFAULT & sigbit(sig)) != 0;
    }

    // sigaction flags (x86_64). The kernel keeps only these bits since 5.11.
    static final long SA_NOCLDSTOP = 1, SA_NOCLDWAIT = 2, SA_SIGINFO = 4, SA_EXPOSE_TAGBITS = 0x800,
            SA_RESTORER = 0x04000000, SA_ONSTACK = 0x08000000, SA_RESTART = 0x10000000, SA_NODEFER = 0x40000000,
            SA_RESETHAND = 0x80000000L;
    static final long UAPI_SA_FLAGS = SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_EXPOSE_TAGBITS | SA_RESTORER
            | SA_ONSTACK | SA_RESTART | SA_NODEFER | SA_RESETHAND;
    static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;

    // si_code
    static final int SI_USER = 0, SI_KERNEL = 0x80, SI_QUEUE = -1, SI_TKILL = -6;
    static final int CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3, CLD_TRAPPED = 4, CLD_STOPPED = 5,
            CLD_CONTINUED = 6;

    // clone
    static final long CSIGNAL = 0xff, CLONE_VM = CloneFlag.VM.bit(), CLONE_FS = CloneFlag.FS.bit(),
            CLONE_FILES = CloneFlag.FILES.bit(), CLONE_SIGHAND = CloneFlag.SIGHAND.bit(),
            CLONE_PIDFD = CloneFlag.PIDFD.bit(), CLONE_PTRACE = CloneFlag.PTRACE.bit(),
            CLONE_VFORK = CloneFlag.VFORK.bit(), CLONE_PARENT = CloneFlag.PARENT.bit(),
            CLONE_THREAD = CloneFlag.THREAD.bit(), CLONE_NEWNS = CloneFlag.NEWNS.bit(),
            CLONE_SYSVSEM = CloneFlag.SYSVSEM.bit(), CLONE_SETTLS = CloneFlag.SETTLS.bit(),
            CLONE_PARENT_SETTID = CloneFlag.PARENT_SETTID.bit(),
            CLONE_CHILD_CLEARTID = CloneFlag.CHILD_CLEARTID.bit(), CLONE_DETACHED = 0x400000,
            CLONE_UNTRACED = CloneFlag.UNTRACED.bit(), CLONE_CHILD_SETTID = CloneFlag.CHILD_SETTID.bit(),
            CLONE_NEWCGROUP = CloneFlag.NEWCGROUP.bit(), CLONE_NEWUTS = CloneFlag.NEWUTS.bit(),
            CLONE_NEWIPC = CloneFlag.NEWIPC.bit(), CLONE_NEWUSER = CloneFlag.NEWUSER.bit(),
            CLONE_NEWPID = CloneFlag.NEWPID.bit(), CLONE_NEWNET = CloneFlag.NEWNET.bit(),
            CLONE_IO = CloneFlag.IO.bit(), CLONE_NEWTIME = 0x80;
    static final long CLONE_NAMESPACES = CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC
            | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET;

    // wait
    static final int WNOHANG = WaitOption.WNOHANG.value(), WUNTRACED = 2, WSTOPPED = WaitOption.WSTOPPED.value(),
            WEXITED = WaitOption.WEXITED.value(), WCONTINUED = WaitOption.WCONTINUED.value(),
            WNOWAIT = WaitOption.WNOWAIT.value(), __WNOTHREAD = WaitOption.WNOTHREAD.value(),
            __WALL = WaitOption.WALL.value(), __WCLONE = WaitOption.WCLONE.value();
    static final int P_ALL = 0, P_PID = 1, P_PGID = 2, P_PIDFD = 3;

    // open / fcntl
    static final int O_ACCMODE = 3, O_RDONLY = Fcntl.O_RDONLY, O_WRONLY = Fcntl.O_WRONLY, O_RDWR = Fcntl.O_RDWR,
            O_CREAT = Fcntl.O_CREAT, O_EXCL = Fcntl.O_EXCL, O_NOCTTY = Fcntl.O_NOCTTY, O_TRUNC = Fcntl.O_TRUNC,
            O_APPEND = Fcntl.O_APPEND, O_NONBLOCK = Fcntl.O_NONBLOCK, O_DSYNC = 010000, O_ASYNC = 020000,
            O_DIRECT = 040000, O_LARGEFILE = 0100000, O_DIRECTORY = 0200000, O_NOFOLLOW = 0400000,
            O_NOATIME = 01000000, O_CLOEXEC = Fcntl.O_CLOEXEC, O_SYNC = 04010000, O_PATH = 010000000,
            O_TMPFILE = 020200000;
    static final int F_DUPFD = Fcntl.F_DUPFD, F_GETFD = Fcntl.F_GETFD, F_SETFD = Fcntl.F_SETFD,
            F_GETFL = Fcntl.F_GETFL, F_SETFL = Fcntl.F_SETFL, F_DUPFD_CLOEXEC = Fcntl.F_DUPFD_CLOEXEC,
            F_SETPIPE_SZ = 1031, F_GETPIPE_SZ = 1032, FD_CLOEXEC = Fcntl.FD_CLOEXEC, F_GETOWN = Fcntl.F_GETOWN,
            F_GETSIG = Fcntl.F_GETSIG;
    static final int SEEK_DATA = 3, SEEK_HOLE = 4;
    /** The most one read or write moves (rw_verify_area, import_ubuf): INT_MAX rounded down to a page. */
    static final long MAX_RW_COUNT = 0x7ffff000L;
    static final int AT_FDCWD = Fcntl.AT_FDCWD, AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_EACCESS = 0x200,
            AT_EMPTY_PATH = 0x1000;
    static final int CLOSE_RANGE_UNSHARE = Fcntl.CLOSE_RANGE_UNSHARE, CLOSE_RANGE_CLOEXEC = Fcntl.CLOSE_RANGE_CLOEXEC;
    static final int PIPE_BUF = 4096, PAGE_SIZE = 4096;
    static final int PATH_MAX = 4096;

    // stat mode
    static final int S_IFMT = 0170000, S_IFDIR = 0040000, S_IFCHR = 0020000, S_IFREG = 0100000,
            S_IFIFO = 0010000, S_IFLNK = 0120000;

    // poll
    static final int POLLIN = 1, POLLPRI = 2, POLLOUT = 4, POLLERR = 8, POLLHUP = 0x10, POLLNVAL = 0x20,
            POLLRDNORM = 0x40, POLLWRNORM = 0x100;

    // mmap
    static final int PROT_READ = Mman.PROT_READ, PROT_WRITE = Mman.PROT_WRITE, PROT_EXEC = Mman.PROT_EXEC;
    static final int MAP_SHARED = Mman.MAP_SHARED, MAP_PRIVATE = Mman.MAP_PRIVATE, MAP_SHARED_VALIDATE = 3,
            MAP_TYPE = 0xf, MAP_FIXED = Mman.MAP_FIXED, MAP_ANONYMOUS = Mman.MAP_ANONYMOUS, MAP_GROWSDOWN = 0x100,
            MAP_DENYWRITE = 0x800, MAP_EXECUTABLE = 0x1000, MAP_LOCKED = 0x2000, MAP_NORESERVE = Mman.MAP_NORESERVE,
            MAP_POPULATE = 0x8000, MAP_NONBLOCK = 0x10000, MAP_STACK = Mman.MAP_STACK, MAP_HUGETLB = 0x40000,
            MAP_FIXED_NOREPLACE = 0x100000;

    // prctl
    static final int PR_SET_PDEATHSIG = Prctl.PR_SET_PDEATHSIG, PR_GET_PDEATHSIG = Prctl.PR_GET_PDEATHSIG,
            PR_GET_DUMPABLE = 3, PR_SET_DUMPABLE = 4, PR_SET_NAME = Prctl.PR_SET_NAME,
            PR_GET_NAME = Prctl.PR_GET_NAME, PR_SET_CHILD_SUBREAPER = Prctl.PR_SET_CHILD_SUBREAPER,
            PR_GET_CHILD_SUBREAPER = Prctl.PR_GET_CHILD_SUBREAPER, PR_SET_NO_NEW_PRIVS = Prctl.PR_SET_NO_NEW_PRIVS,
            PR_GET_NO_NEW_PRIVS = Prctl.PR_GET_NO_NEW_PRIVS;

    // rlimit
    static final int RLIMIT_CPU = Resource.RLIMIT_CPU.value(), RLIMIT_FSIZE = Resource.RLIMIT_FSIZE.value(),
            RLIMIT_DATA = Resource.RLIMIT_DATA.value(), RLIMIT_STACK = Resource.RLIMIT_STACK.value(),
            RLIMIT_CORE = Resource.RLIMIT_CORE.value(), RLIMIT_RSS = Resource.RLIMIT_RSS.value(),
            RLIMIT_NPROC = Resource.RLIMIT_NPROC.value(), RLIMIT_NOFILE = Resource.RLIMIT_NOFILE.value(),
            RLIMIT_MEMLOCK = Resource.RLIMIT_MEMLOCK.value(), RLIMIT_AS = Resource.RLIMIT_AS.value(),
            RLIMIT_LOCKS = Resource.RLIMIT_LOCKS.value(), RLIMIT_SIGPENDING = Resource.RLIMIT_SIGPENDING.value(),
            RLIMIT_MSGQUEUE = Resource.RLIMIT_MSGQUEUE.value(), RLIMIT_NICE = Resource.RLIMIT_NICE.value(),
            RLIMIT_RTPRIO = Resource.RLIMIT_RTPRIO.value(), RLIMIT_RTTIME = Resource.RLIMIT_RTTIME.value(),
            RLIM_NLIMITS = 16;
    static final long RLIM_INFINITY = Rlimit.INFINITY;
    static final long NR_OPEN = 1048576;

    // priority
    static final int PRIO_PROCESS = 0, PRIO_PGRP = 1, PRIO_USER = 2;

    // clocks
    static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2,
            CLOCK_THREAD_CPUTIME_ID = 3, CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5,
            CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7, CLOCK_REALTIME_ALARM = 8, CLOCK_BOOTTIME_ALARM = 9,
            CLOCK_TAI = 11;
    static final int TIMER_ABSTIME = 1;

    // futex
    static final int FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_PRIVATE_FLAG = 128, FUTEX_CLOCK_REALTIME = 256,
            FUTEX_WAIT_BITSET = 9, FUTEX_WAKE_BITSET = 10;

    // execve limits
    static final int MAX_ARG_STRLEN = 32 * PAGE_SIZE;
    static final int MAX_ARG_STRINGS = 0x7FFFFFFF;
    static final long STK_LIM = 8L * 1024 * 1024;
    static final long ARG_MAX = 32L * PAGE_SIZE;

    // ioctl
    static final int FIONREAD = 0x541B, TCGETS = 0x5401, FIOCLEX = 0x5451, FIONCLEX = 0x5450, FIONBIO = 0x5421;

    /** x86_64 user address space ends here (47-bit virtual addresses). */
    static final long TASK_SIZE = 0x7ffffffff000L;
}
