// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static dev.jsyscall.linux.SyscallRequest.in;
import static dev.jsyscall.linux.SyscallRequest.out;
import static dev.jsyscall.linux.SyscallRequest.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Spawn;
import dev.jsyscall.handle.ExecFailedException;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.Task;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.linux.epoll.Epoll;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.resource.Resource;
import dev.jsyscall.linux.resource.Resources;
import dev.jsyscall.linux.resource.Rlimit;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.signal.Signals;
import dev.jsyscall.linux.unistd.Unistd;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Error-checking order and corner cases where a simulation is easily wrong, each found by running the same random
 * programs on the real kernel and on the fake (issue 17). Every test runs its syscalls in a driven child, so that
 * limits, signals and bad pointers stay out of the JVM. Composed into a backend's suite with one nested class, as
 * {@link MisuseContract} is:
 *
 * <pre>{@code
 * @Nested class Fidelity implements FidelityContract {
 *     public Kernel kernel() { return MySuite.this.kernel(); }
 * }
 * }</pre>
 *
 * @since 0.2
 */
public interface FidelityContract {
    /**
     * The kernel under test.
     *
     * @return the kernel, opened by the backend's test
     */
    Kernel kernel();

    /** Above every user address (x86_64 and aarch64): {@code access_ok} refuses it without looking at mappings. */
    long KERNEL_ADDRESS = 0xffff800000000000L;
    /**
     * Below {@code mmap_min_addr}, so never mapped, but a user address: only an actual copy faults there.
     */
    long UNMAPPED_USER_ADDRESS = 0x1000;
    /** No process has it: {@code pid_max} is at most 2^22. */
    int NO_SUCH_PID = Integer.MAX_VALUE;
    /** Above {@code RLIM_NLIMITS}. */
    int NO_SUCH_RESOURCE = 999;
    /** Above {@code SEEK_MAX}. */
    int NO_SUCH_WHENCE = 99;

    /** The result of the call, or its errno's name. */
    private static String sys(Task t, Syscall s, SyscallRequest.Arg... args) {
        try {
            return Long.toString(t.call(SyscallRequest.of(s, List.of(args), SyscallRequest.rawResult(),
                    s.cName())));
        } catch (ErrnoException e) {
            return e.errno().name();
        }
    }

    private static String sys(Task t, Syscall s, long... words) {
        SyscallRequest.Arg[] args = new SyscallRequest.Arg[words.length];
        for (int i = 0; i < words.length; i++) {
            args[i] = word(words[i]);
        }
        return sys(t, s, args);
    }

    private static SyscallRequest.Arg path(String p) {
        return in((p + "\0").getBytes(StandardCharsets.UTF_8));
    }

    private static SyscallRequest.Arg rlimit(long soft, long hard) {
        return in(Rlimit.CODEC.encode(new Rlimit(soft, hard)));
    }

    private static int open(Task t, String path, int flags) {
        return t.call(Fcntl.openat(path, flags, 0)).intValue();
    }

    private ChildTask child() {
        return kernel().localTask().cloneChild();
    }

    @Test
    @RuleId("FI1")
    @DisplayName("openat with access mode 3 opens the file for neither reading nor writing, as Linux does")
    default void accessModeThreeOpens() {
        try (ChildTask c = child()) {
            int fd = open(c, "/dev/null", 3);
            assertThat(c.call(Fcntl.getFlags(fd)) & 3).isEqualTo(3);
            assertThat(sys(c, Syscall.READ, word(fd), out(8), word(8))).isEqualTo("EBADF");
            assertThat(sys(c, Syscall.WRITE, word(fd), in(new byte[8]), word(8))).isEqualTo("EBADF");
            assertThat(sys(c, Syscall.OPENAT, word(Fcntl.AT_FDCWD), path("/"), word(3), word(0))).isEqualTo("EISDIR");
        }
    }

    @Test
    @RuleId("FI2")
    @DisplayName("fcntl F_GETOWN and F_GETSIG report no owner and the default signal on a fresh fd")
    default void getOwnAndGetSig() {
        try (ChildTask c = child()) {
            int[] p = c.call(Unistd.pipe2(0));
            int dn = open(c, "/dev/null", Fcntl.O_RDWR);
            for (int fd : new int[] {p[0], p[1], dn}) {
                assertThat(sys(c, Syscall.FCNTL, fd, Fcntl.F_GETOWN)).as("F_GETOWN of fd %d", fd).isEqualTo("0");
                assertThat(sys(c, Syscall.FCNTL, fd, Fcntl.F_GETSIG)).as("F_GETSIG of fd %d", fd).isEqualTo("0");
            }
        }
    }

    @Test
    @RuleId("FI3")
    @DisplayName("lseek refuses a bad whence (EINVAL) before it looks at the file type (ESPIPE)")
    default void lseekChecksWhenceFirst() {
        try (ChildTask c = child()) {
            int[] p = c.call(Unistd.pipe2(0));
            int dn = open(c, "/dev/null", Fcntl.O_RDWR);
            assertThat(sys(c, Syscall.LSEEK, p[0], 0, NO_SUCH_WHENCE)).isEqualTo("EINVAL");
            assertThat(sys(c, Syscall.LSEEK, p[0], 0, 0)).isEqualTo("ESPIPE");
            assertThat(sys(c, Syscall.LSEEK, dn, 0, NO_SUCH_WHENCE)).isEqualTo("EINVAL");
            assertThat(sys(c, Syscall.LSEEK, dn, 0, 5)).isEqualTo("EINVAL");
            assertThat(sys(c, Syscall.LSEEK, dn, 10, 0)).isEqualTo("0");
            // SEEK_DATA (3) and SEEK_HOLE (4) on a file without holes: all data, one hole at the end
            int m = Integer.parseInt(sys(c, Syscall.MEMFD_CREATE, path("dense"), word(0)));
            assertThat(sys(c, Syscall.WRITE, word(m), in(new byte[10]), word(10))).isEqualTo("10");
            assertThat(sys(c, Syscall.LSEEK, m, 3, 3)).isEqualTo("3");
            assertThat(sys(c, Syscall.LSEEK, m, 3, 4)).isEqualTo("10");
            assertThat(sys(c, Syscall.LSEEK, m, 10, 3)).isEqualTo("ENXIO");
            assertThat(sys(c, Syscall.LSEEK, m, -1, 4)).isEqualTo("ENXIO");
        }
    }

    @Test
    @RuleId("FI4")
    @DisplayName("an O_PATH fd shows only O_PATH in F_GETFL and refuses lseek, F_SETFL and F_GET_SEALS with EBADF")
    default void oPathFdsRefuseFileOperations() {
        try (ChildTask c = child()) {
            int fd = open(c, "/dev/null", Fcntl.O_PATH | Fcntl.O_RDWR);
            assertThat(c.call(Fcntl.getFlags(fd))).isEqualTo(Fcntl.O_PATH);
            assertThat(sys(c, Syscall.LSEEK, fd, 0, 0)).isEqualTo("EBADF");
            assertThat(sys(c, Syscall.FCNTL, fd, Fcntl.F_SETFL, Fcntl.O_NONBLOCK)).isEqualTo("EBADF");
            assertThat(sys(c, Syscall.FCNTL, fd, Fcntl.F_GET_SEALS)).isEqualTo("EBADF");
            assertThat(sys(c, Syscall.FCNTL, fd, Fcntl.F_GETOWN)).isEqualTo("EBADF");
            assertThat(sys(c, Syscall.READ, word(fd), out(8), word(8))).isEqualTo("EBADF");
            // the fd-table commands still work on it
            assertThat(sys(c, Syscall.FCNTL, fd, Fcntl.F_GETFD)).isEqualTo("0");
            assertThat(Integer.parseInt(sys(c, Syscall.FCNTL, fd, Fcntl.F_DUPFD, 0))).isPositive();
            int dir = open(c, "/", Fcntl.O_PATH);
            assertThat(c.call(Fcntl.getFlags(dir))).isEqualTo(Fcntl.O_PATH);
        }
    }

    @Test
    @RuleId("FI5")
    @DisplayName("an O_PATH fd keeps O_NOFOLLOW and O_DIRECTORY in F_GETFL, and drops every other open flag")
    default void oPathKeepsItsOwnFlags() {
        try (ChildTask c = child()) {
            int fd = open(c, "/dev/null", Fcntl.O_PATH | Fcntl.O_NOFOLLOW | Fcntl.O_RDWR | Fcntl.O_NONBLOCK);
            assertThat(c.call(Fcntl.getFlags(fd))).isEqualTo(Fcntl.O_PATH | Fcntl.O_NOFOLLOW);
            int dir = open(c, "/", Fcntl.O_PATH | Fcntl.O_DIRECTORY | Fcntl.O_APPEND);
            assertThat(c.call(Fcntl.getFlags(dir))).isEqualTo(Fcntl.O_PATH | Fcntl.O_DIRECTORY);
        }
    }

    @Test
    @RuleId("FI6")
    @DisplayName("prlimit64 with a bad old-limit pointer applies the new limit, then fails with EFAULT")
    default void prlimitAppliesThenFaults() {
        try (ChildTask c = child()) {
            Rlimit before = c.call(Resources.prlimit(Resource.RLIMIT_MSGQUEUE, null));
            long soft = before.soft() == 1 ? 0 : 1; // a change, and at most the hard limit
            assertThat(sys(c, Syscall.PRLIMIT64, word(0), word(Resource.RLIMIT_MSGQUEUE.value()),
                    rlimit(soft, before.hard()), word(UNMAPPED_USER_ADDRESS))).isEqualTo("EFAULT");
            assertThat(c.call(Resources.prlimit(Resource.RLIMIT_MSGQUEUE, null)))
                    .isEqualTo(new Rlimit(soft, before.hard()));
        }
    }

    @Test
    @RuleId("FI7")
    @DisplayName("prlimit64 and setrlimit copy the limit in (EFAULT), then find the pid (ESRCH), then check the resource (EINVAL)")
    default void prlimitErrorOrder() {
        try (ChildTask c = child()) {
            int nofile = Resource.RLIMIT_NOFILE.value();
            assertThat(sys(c, Syscall.PRLIMIT64, word(NO_SUCH_PID), word(NO_SUCH_RESOURCE),
                    word(UNMAPPED_USER_ADDRESS), word(0))).isEqualTo("EFAULT");
            assertThat(sys(c, Syscall.PRLIMIT64, word(NO_SUCH_PID), word(NO_SUCH_RESOURCE), rlimit(1, 2), word(0)))
                    .isEqualTo("ESRCH");
            assertThat(sys(c, Syscall.PRLIMIT64, word(NO_SUCH_PID), word(nofile), rlimit(3, 2), word(0)))
                    .as("soft above hard, no such pid").isEqualTo("ESRCH");
            assertThat(sys(c, Syscall.PRLIMIT64, word(0), word(NO_SUCH_RESOURCE), rlimit(1, 2), word(0)))
                    .isEqualTo("EINVAL");
            assertThat(sys(c, Syscall.SETRLIMIT, NO_SUCH_RESOURCE, UNMAPPED_USER_ADDRESS)).isEqualTo("EFAULT");
            assertThat(sys(c, Syscall.SETRLIMIT, word(NO_SUCH_RESOURCE), rlimit(1, 2))).isEqualTo("EINVAL");
            // getrlimit copies out after the lookup: the resource is checked first
            assertThat(sys(c, Syscall.GETRLIMIT, NO_SUCH_RESOURCE, UNMAPPED_USER_ADDRESS)).isEqualTo("EINVAL");
        }
    }

    @Test
    @RuleId("FI8")
    @DisplayName("getrlimit and setrlimit with a NULL limit fail with EFAULT")
    default void rlimitNullPointer() {
        try (ChildTask c = child()) {
            int nofile = Resource.RLIMIT_NOFILE.value();
            assertThat(sys(c, Syscall.GETRLIMIT, nofile, 0)).isEqualTo("EFAULT");
            assertThat(sys(c, Syscall.SETRLIMIT, nofile, 0)).isEqualTo("EFAULT");
        }
    }

    @Test
    @RuleId("FI9")
    @DisplayName("read refuses a buffer outside user space (EFAULT) before it looks at the file, even when it would block")
    default void readChecksTheBufferFirst() {
        try (ChildTask c = child()) {
            int[] nb = c.call(Unistd.pipe2(Fcntl.O_NONBLOCK));
            int[] blocking = c.call(Unistd.pipe2(0));
            int dir = open(c, "/", Fcntl.O_RDONLY);
            assertThat(sys(c, Syscall.READ, nb[0], KERNEL_ADDRESS, 10)).isEqualTo("EFAULT");
            assertThat(sys(c, Syscall.READ, nb[0], KERNEL_ADDRESS, 0)).isEqualTo("EFAULT");
            assertThat(sys(c, Syscall.READ, blocking[0], KERNEL_ADDRESS, 10)).as("empty blocking pipe with a writer")
                    .isEqualTo("EFAULT");
            assertThat(sys(c, Syscall.READ, dir, KERNEL_ADDRESS, 10)).isEqualTo("EFAULT");
            assertThat(sys(c, Syscall.READ, word(dir), out(10), word(10))).isEqualTo("EISDIR");
            assertThat(sys(c, Syscall.READ, nb[1], KERNEL_ADDRESS, 10)).as("write end").isEqualTo("EBADF");
            // a user address is only faulted on when bytes are copied
            assertThat(sys(c, Syscall.READ, nb[0], UNMAPPED_USER_ADDRESS, 10)).isEqualTo("EAGAIN");
            assertThat(sys(c, Syscall.READ, dir, UNMAPPED_USER_ADDRESS, 10)).isEqualTo("EISDIR");
            c.call(Unistd.close(nb[1]));
            assertThat(sys(c, Syscall.READ, nb[0], UNMAPPED_USER_ADDRESS, 10)).as("at end of file").isEqualTo("0");
        }
    }

    @Test
    @RuleId("FI10")
    @DisplayName("write checks the buffer's range before the file and faults only when the file takes bytes")
    default void writeChecksTheRangeThenTheFile() {
        try (ChildTask c = child()) {
            c.ignoreSignal(Signal.SIGPIPE);
            int dn = open(c, "/dev/null", Fcntl.O_WRONLY);
            int[] p = c.call(Unistd.pipe2(Fcntl.O_NONBLOCK));
            int[] lonely = c.call(Unistd.pipe2(0));
            c.call(Unistd.close(lonely[0]));
            assertThat(sys(c, Syscall.WRITE, dn, UNMAPPED_USER_ADDRESS, 100)).isEqualTo("100");
            assertThat(sys(c, Syscall.WRITE, dn, 0, 0)).isEqualTo("0");
            assertThat(sys(c, Syscall.WRITE, dn, -1, 0)).isEqualTo("EFAULT");
            assertThat(sys(c, Syscall.WRITE, dn, KERNEL_ADDRESS, 100)).isEqualTo("EFAULT");
            assertThat(sys(c, Syscall.WRITE, dn, UNMAPPED_USER_ADDRESS, Long.MIN_VALUE)).isEqualTo("EFAULT");
            assertThat(sys(c, Syscall.WRITE, lonely[1], UNMAPPED_USER_ADDRESS, 10)).isEqualTo("EPIPE");
            assertThat(sys(c, Syscall.WRITE, p[1], UNMAPPED_USER_ADDRESS, 10)).isEqualTo("EFAULT");
            assertThat(sys(c, Syscall.WRITE, p[1], -1, 0)).isEqualTo("EFAULT");
            assertThat(sys(c, Syscall.WRITE, p[0], KERNEL_ADDRESS, 10)).as("read end").isEqualTo("EBADF");
        }
    }

    @Test
    @RuleId("FI11")
    @DisplayName("a zero-length write to a pipe without readers returns 0 and raises no SIGPIPE")
    default void zeroLengthWriteToABrokenPipe() {
        try (ChildTask c = child()) {
            int[] p = c.call(Unistd.pipe2(0));
            c.call(Unistd.close(p[0]));
            assertThat(sys(c, Syscall.WRITE, word(p[1]), in(new byte[1]), word(0))).isEqualTo("0");
            // SIGPIPE's default action would have killed the child
            assertThat(c.getpid()).isEqualTo(c.pid().id());
        }
    }

    @Test
    @RuleId("FI12")
    @DisplayName("openat checks the path before the directory fd, and reserves the new fd before the lookup")
    default void openatCheckOrder() {
        try (ChildTask c = child()) {
            int dn = open(c, "/dev/null", Fcntl.O_RDONLY);
            int closed = Integer.MAX_VALUE - 1; // above any fd table
            assertThat(sys(c, Syscall.OPENAT, word(dn), path(""), word(0), word(0))).isEqualTo("ENOENT");
            assertThat(sys(c, Syscall.OPENAT, word(closed), path(""), word(0), word(0))).isEqualTo("ENOENT");
            assertThat(sys(c, Syscall.OPENAT, word(dn), path("x"), word(0), word(0))).isEqualTo("ENOTDIR");
            assertThat(sys(c, Syscall.OPENAT, word(closed), path("x"), word(0), word(0))).isEqualTo("EBADF");
            Rlimit nofile = c.call(Resources.prlimit(Resource.RLIMIT_NOFILE, null));
            c.call(Resources.prlimit(Resource.RLIMIT_NOFILE, new Rlimit(0, nofile.hard())));
            assertThat(sys(c, Syscall.OPENAT, word(Fcntl.AT_FDCWD), path("/"), word(Fcntl.O_WRONLY), word(0)))
                    .isEqualTo("EMFILE");
            assertThat(sys(c, Syscall.OPENAT, word(Fcntl.AT_FDCWD), path("/no/such/file"), word(0), word(0)))
                    .isEqualTo("EMFILE");
        }
    }

    @Test
    @RuleId("FI13")
    @DisplayName("O_TRUNC on a directory fails with EISDIR, even read-only")
    default void truncatingADirectory() {
        try (ChildTask c = child()) {
            assertThat(sys(c, Syscall.OPENAT, word(Fcntl.AT_FDCWD), path("/"), word(Fcntl.O_TRUNC), word(0)))
                    .isEqualTo("EISDIR");
            assertThat(sys(c, Syscall.OPENAT, word(Fcntl.AT_FDCWD), path("/"),
                    word(Fcntl.O_TRUNC | Fcntl.O_DIRECTORY), word(0))).isEqualTo("EISDIR");
        }
    }

    @Test
    @RuleId("FI14")
    @DisplayName("F_SETFL refuses O_DIRECT with EINVAL on /dev/null and on a directory, and changes nothing")
    default void setflRefusesODirect() {
        try (ChildTask c = child()) {
            int dn = open(c, "/dev/null", Fcntl.O_RDWR);
            int dir = open(c, "/", Fcntl.O_RDONLY);
            int before = c.call(Fcntl.getFlags(dn));
            assertThat(sys(c, Syscall.FCNTL, dn, Fcntl.F_SETFL, Fcntl.O_DIRECT | Fcntl.O_NONBLOCK))
                    .isEqualTo("EINVAL");
            assertThat(sys(c, Syscall.FCNTL, dir, Fcntl.F_SETFL, Fcntl.O_DIRECT)).isEqualTo("EINVAL");
            assertThat(c.call(Fcntl.getFlags(dn))).isEqualTo(before);
        }
    }

    /** An epoll_event asking for {@code events} with data 0; 16 bytes, as large as any architecture's. */
    private static SyscallRequest.Arg epollEvent(int events) {
        byte[] e = new byte[16];
        for (int b = 0; b < 4; b++) {
            e[b] = (byte) (events >>> (8 * b));
        }
        return in(e);
    }

    @Test
    @RuleId("FI21")
    @DisplayName("epoll_wait checks the buffer's range before the file type, and faults only when it copies an event")
    default void epollWaitChecksTheRangeThenTheFile() {
        try (ChildTask c = child()) {
            int[] p = c.call(Unistd.pipe2(0));
            int ep = c.call(Epoll.epollCreate1(0));
            assertThat(sys(c, Syscall.EPOLL_WAIT, p[0], KERNEL_ADDRESS, 1, 0)).as("not an epoll fd")
                    .isEqualTo("EFAULT");
            assertThat(sys(c, Syscall.EPOLL_WAIT, p[0], UNMAPPED_USER_ADDRESS, 1, 0)).isEqualTo("EINVAL");
            assertThat(sys(c, Syscall.EPOLL_WAIT, ep, UNMAPPED_USER_ADDRESS, 1, 0)).as("nothing ready")
                    .isEqualTo("0");
            assertThat(sys(c, Syscall.EPOLL_CTL, word(ep), word(Epoll.EPOLL_CTL_ADD), word(p[1]),
                    epollEvent(Epoll.EPOLLOUT))).isEqualTo("0");
            assertThat(sys(c, Syscall.EPOLL_WAIT, ep, UNMAPPED_USER_ADDRESS, 1, 0)).as("an event to copy")
                    .isEqualTo("EFAULT");
            assertThat(sys(c, Syscall.EPOLL_WAIT, word(ep), out(16), word(1), word(0))).as("the event is kept")
                    .isEqualTo("1");
        }
    }

    @Test
    @RuleId("FI22")
    @DisplayName("epoll_ctl does not see O_PATH fds: EBADF before the file type's EPERM or EINVAL")
    default void epollCtlIgnoresOPathFds() {
        try (ChildTask c = child()) {
            int path = open(c, "/", Fcntl.O_PATH);
            int ep = c.call(Epoll.epollCreate1(0));
            assertThat(sys(c, Syscall.EPOLL_CTL, word(path), word(Epoll.EPOLL_CTL_ADD), word(ep),
                    epollEvent(Epoll.EPOLLIN))).as("an O_PATH epfd").isEqualTo("EBADF");
            assertThat(sys(c, Syscall.EPOLL_CTL, word(ep), word(Epoll.EPOLL_CTL_ADD), word(path),
                    epollEvent(Epoll.EPOLLIN))).as("an O_PATH target").isEqualTo("EBADF");
            assertThat(sys(c, Syscall.EPOLL_WAIT, word(path), out(16), word(1), word(0))).isEqualTo("EBADF");
        }
    }

    @Test
    @RuleId("FI23")
    @DisplayName("read or write on an epoll fd or a pidfd fails with EINVAL before the buffer is looked at, and lseek"
            + " on an epoll fd returns 0")
    default void filesWithoutWriteOrSeek() {
        try (ChildTask c = child()) {
            int ep = c.call(Epoll.epollCreate1(0));
            int pidfd = c.call(Signals.pidfdOpen(c.getpid()));
            for (int fd : new int[] {ep, pidfd}) {
                assertThat(sys(c, Syscall.READ, fd, KERNEL_ADDRESS, 100)).as("read of fd %d", fd).isEqualTo("EINVAL");
                assertThat(sys(c, Syscall.WRITE, fd, 0, 100)).as("write to fd %d", fd).isEqualTo("EINVAL");
                assertThat(sys(c, Syscall.WRITE, fd, KERNEL_ADDRESS, 100)).as("write to fd %d", fd)
                        .isEqualTo("EINVAL");
            }
            assertThat(sys(c, Syscall.LSEEK, ep, 5, 0)).isEqualTo("0");
            assertThat(sys(c, Syscall.LSEEK, ep, 0, 1)).isEqualTo("0");
            assertThat(sys(c, Syscall.LSEEK, ep, 0, NO_SUCH_WHENCE)).isEqualTo("EINVAL");
            assertThat(sys(c, Syscall.LSEEK, pidfd, 0, 1)).isEqualTo("ESPIPE");
        }
    }

    @Test
    @RuleId("FI24")
    @DisplayName("fsync fails with EBADF on an O_PATH fd and EINVAL on a file without fsync, and poll reports an O_PATH"
            + " fd as POLLNVAL")
    default void fsyncAndPollOnFilesWithoutThem() {
        try (ChildTask c = child()) {
            int path = open(c, "/", Fcntl.O_PATH);
            int dir = open(c, "/", Fcntl.O_RDONLY);
            int dn = open(c, "/dev/null", Fcntl.O_RDWR);
            int[] p = c.call(Unistd.pipe2(0));
            int ep = c.call(Epoll.epollCreate1(0));
            assertThat(sys(c, Syscall.FSYNC, path)).isEqualTo("EBADF");
            assertThat(sys(c, Syscall.FDATASYNC, path)).isEqualTo("EBADF");
            assertThat(sys(c, Syscall.FSYNC, dir)).isEqualTo("0");
            for (int fd : new int[] {dn, p[0], p[1], ep}) {
                assertThat(sys(c, Syscall.FSYNC, fd)).as("fsync of fd %d", fd).isEqualTo("EINVAL");
            }
            // events 0: only POLLNVAL (or POLLERR, POLLHUP) can make the fd count
            for (int fd : new int[] {path, dir}) {
                byte[] pollfd = new byte[8];
                for (int b = 0; b < 4; b++) {
                    pollfd[b] = (byte) (fd >>> (8 * b));
                }
                // ppoll with a zero timeout: poll has no aarch64 number
                assertThat(sys(c, Syscall.PPOLL, in(pollfd), word(1), in(new byte[16]), word(0), word(8)))
                        .as("poll of fd %d", fd).isEqualTo(fd == path ? "1" : "0");
            }
        }
    }

    @Test
    @RuleId("FI25")
    @DisplayName("after unshare of a user namespace a process has no capability outside it: no nested namespace"
            + " until its uid is mapped, and no lower nice value")
    default void aNewUserNamespaceDropsOutsideCapabilities() {
        try (ChildTask c = child()) {
            c.call(Resources.prlimit(Resource.RLIMIT_NICE, new Rlimit(0,
                    c.call(Resources.prlimit(Resource.RLIMIT_NICE, null)).hard())));
            String first = sys(c, Syscall.UNSHARE, CloneFlag.NEWUSER.bit());
            if (!first.equals("0")) {
                Assumptions.abort("this machine does not let the child unshare a user namespace: " + first);
            }
            assertThat(sys(c, Syscall.UNSHARE, CloneFlag.NEWUSER.bit())).as("uid not mapped yet").isEqualTo("EPERM");
            assertThat(sys(c, Syscall.SETPRIORITY, 0, 0, -20)).as("CAP_SYS_NICE is the initial namespace's")
                    .isEqualTo("EACCES");
        }
    }

    @Test
    @RuleId("FI26")
    @DisplayName("epoll_ctl refuses EPOLLEXCLUSIVE with EPOLL_CTL_MOD, or on an epoll fd, before it looks the fd up")
    default void epollExclusiveIsCheckedBeforeTheLookup() {
        try (ChildTask c = child()) {
            int[] p = c.call(Unistd.pipe2(0));
            int ep = c.call(Epoll.epollCreate1(0));
            int inner = c.call(Epoll.epollCreate1(0));
            int exclusive = Epoll.EPOLLIN | Epoll.EPOLLEXCLUSIVE;
            assertThat(sys(c, Syscall.EPOLL_CTL, word(ep), word(Epoll.EPOLL_CTL_MOD), word(p[0]),
                    epollEvent(exclusive))).as("MOD of an fd never added").isEqualTo("EINVAL");
            assertThat(sys(c, Syscall.EPOLL_CTL, word(ep), word(Epoll.EPOLL_CTL_MOD), word(p[0]),
                    epollEvent(Epoll.EPOLLIN))).isEqualTo("ENOENT");
            assertThat(sys(c, Syscall.EPOLL_CTL, word(ep), word(Epoll.EPOLL_CTL_ADD), word(inner),
                    epollEvent(exclusive))).as("an epoll fd").isEqualTo("EINVAL");
            assertThat(sys(c, Syscall.EPOLL_CTL, word(ep), word(Epoll.EPOLL_CTL_ADD), word(p[0]),
                    epollEvent(exclusive))).isEqualTo("0");
        }
    }
    @Test
    @RuleId("FI30")
    @DisplayName("write copies only what the file takes: a page before a fault goes into a pipe, a full pipe is EAGAIN"
            + " before any copy, and a gigabyte asked for costs what the pipe holds")
    default void writeCopiesOnlyWhatTheFileTakes() {
        long gib = 1L << 30;
        try (ChildTask c = child()) {
            // one readable page, then PROT_NONE up to a gigabyte: Linux copies page by page inside pipe_write
            long a = Long.parseLong(sys(c, Syscall.MMAP, 0, gib, 3, 0x4022, -1, 0)); // MAP_PRIVATE|ANON|NORESERVE
            try {
                assertThat(sys(c, Syscall.MPROTECT, a + 4096, gib - 4096, 0)).isEqualTo("0");
                int[] p = c.call(Unistd.pipe2(Fcntl.O_NONBLOCK));
                int dn = open(c, "/dev/null", Fcntl.O_WRONLY);
                assertThat(sys(c, Syscall.WRITE, p[1], a, gib)).as("the page before the fault").isEqualTo("4096");
                assertThat(sys(c, Syscall.WRITE, p[1], a + 4096, gib - 4096)).as("nothing readable")
                        .isEqualTo("EFAULT");
                assertThat(sys(c, Syscall.WRITE, dn, a, gib)).as("/dev/null reads nothing").isEqualTo(
                        Long.toString(gib));
                int pages = 1;
                while (pages < 64 && sys(c, Syscall.WRITE, p[1], a, 4096).equals("4096")) {
                    pages++;
                }
                assertThat(pages).as("pages the pipe took").isEqualTo(16);
                assertThat(sys(c, Syscall.WRITE, p[1], a, gib)).as("full pipe").isEqualTo("EAGAIN");
                c.call(Unistd.close(p[0]));
                c.call(Unistd.close(p[1]));
                // all of it readable: the pipe takes its 64 KiB (16 pages), the rest is never copied
                assertThat(sys(c, Syscall.MPROTECT, a, gib, 1)).isEqualTo("0");
                int[] q = c.call(Unistd.pipe2(Fcntl.O_NONBLOCK));
                assertThat(sys(c, Syscall.WRITE, q[1], a, gib)).as("empty pipe, readable gigabyte").isEqualTo("65536");
            } finally {
                sys(c, Syscall.MUNMAP, a, gib);
            }
        }
    }

    @Test
    @RuleId("FI31")
    @DisplayName("rename refuses with EBUSY a last component that is not a name (the root, . or ..), on either side")
    default void renameOfTheRootOrDotIsBusy() {
        try (ChildTask c = child()) {
            int cwd = -100; // AT_FDCWD
            // both paths on one mount each time: a rename across mounts is EXDEV, checked before EBUSY
            assertThat(sys(c, Syscall.RENAMEAT, word(cwd), path("/"), word(cwd), path("/jsyscall-fi31")))
                    .isEqualTo("EBUSY");
            assertThat(sys(c, Syscall.RENAMEAT, word(cwd), path("/."), word(cwd), path("/jsyscall-fi31")))
                    .isEqualTo("EBUSY");
            assertThat(sys(c, Syscall.RENAMEAT, word(cwd), path("/dev/null"), word(cwd), path("/dev/..")))
                    .isEqualTo("EBUSY");
            assertThat(sys(c, Syscall.RENAMEAT, word(cwd), path("/dev/.."), word(cwd), path("/dev/jsyscall-fi31")))
                    .isEqualTo("EBUSY");
            assertThat(sys(c, Syscall.FACCESSAT, word(cwd), path("/dev/null"), word(0))).as("nothing moved")
                    .isEqualTo("0");
        }
    }

    @Test
    @RuleId("FI32")
    @DisplayName("waitid without WEXITED fails with ECHILD for a child that is already a zombie, which has no stop or"
            + " continue left to report, and finds nothing (0) for a living one")
    default void waitWithoutExitedForAZombieIsNoChild() {
        int pPid = 1;
        int wnohang = 1, wstopped = 2, wexited = 4, wcontinued = 8, wnowait = 0x1000000;
        Task local = kernel().localTask();
        try (ChildTask zombie = child(); ChildTask alive = child()) {
            int z = zombie.pid().id();
            zombie.exitGroup(3);
            assertThat(sys(local, Syscall.WAITID, word(pPid), word(z), out(128), word(wexited | wnowait), word(0)))
                    .as("it exited").isEqualTo("0");
            assertThat(sys(local, Syscall.WAITID, word(pPid), word(z), out(128),
                    word(wstopped | wcontinued | wnohang), word(0))).isEqualTo("ECHILD");
            assertThat(sys(local, Syscall.WAITID, word(pPid), word(z), out(128), word(wstopped | wnowait), word(0)))
                    .as("blocking: nothing could ever come").isEqualTo("ECHILD");
            assertThat(sys(local, Syscall.WAITID, word(pPid), word(alive.pid().id()), out(128),
                    word(wstopped | wcontinued | wnohang), word(0))).isEqualTo("0");
            assertThat(sys(local, Syscall.WAITID, word(pPid), word(z), out(128), word(wexited | wnohang | wnowait),
                    word(0))).as("still a zombie").isEqualTo("0");
        }
    }

    @Test
    @RuleId("FI33")
    @DisplayName("execve with more argument pointers than the stack limit leaves room for fails with E2BIG: the"
            + " kernel counts the whole array before it looks at the strings")
    default void tooManyArgumentsIsE2big() {
        // 2^20 + 1 pointers are 8 MiB, above the 6 MiB that even an unlimited RLIMIT_STACK gives the arguments
        String[] args = new String[1 << 20];
        Arrays.fill(args, "");
        assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true", args)).run(kernel().localTask()))
                .isInstanceOfSatisfying(ExecFailedException.class,
                        e -> assertThat(e.errno()).isEqualTo(Errno.E2BIG));
    }
}
