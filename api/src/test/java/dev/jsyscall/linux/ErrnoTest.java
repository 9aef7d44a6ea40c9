// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.linux.signal.Signal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ErrnoTest {

    @Nested
    class Numbers {
        @Test
        @DisplayName("of maps numbers to errnos with the C library's messages")
        void of() {
            assertThat(Errno.of(1)).isSameAs(Errno.EPERM);
            assertThat(Errno.of(3)).isSameAs(Errno.ESRCH);
            assertThat(Errno.ESRCH.number()).isEqualTo(3);
            assertThat(Errno.ESRCH.message()).isEqualTo("No such process");
            assertThat(Errno.of(11)).isSameAs(Errno.EAGAIN);
            assertThat(Errno.of(133)).isSameAs(Errno.EHWPOISON);
            for (Errno e : Errno.values()) {
                assertThat(Errno.of(e.number())).isSameAs(e);
            }
        }

        @Test
        @DisplayName("the alias names are the same constants")
        void aliases() {
            assertThat(Errno.EWOULDBLOCK).isSameAs(Errno.EAGAIN);
            assertThat(Errno.EDEADLOCK).isSameAs(Errno.EDEADLK);
        }

        @Test
        @DisplayName("numbers Linux does not define are refused; isDefined agrees")
        void undefined() {
            for (int n : new int[] {0, -3, 41, 58, 134, 512, 4095}) {
                assertThat(Errno.isDefined(n)).as("%d", n).isFalse();
                assertThatThrownBy(() -> Errno.of(n)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("not a Linux errno: " + n);
            }
            assertThat(Errno.isDefined(1)).isTrue();
            assertThat(Errno.isDefined(133)).isTrue();
        }
    }

    @Nested
    class Exceptions {
        @Test
        @DisplayName("check returns non-error results unchanged, large unsigned ones included")
        void checkPasses() {
            assertThat(ErrnoException.check(0, Syscall.KILL)).isZero();
            assertThat(ErrnoException.check(4242, Syscall.GETPID)).isEqualTo(4242);
            // an mmap address in the top 4 GiB below -4095 is a result, not an errno
            assertThat(ErrnoException.check(-4096, Syscall.MMAP)).isEqualTo(-4096);
            assertThat(ErrnoException.check(Long.MIN_VALUE, Syscall.MMAP)).isEqualTo(Long.MIN_VALUE);
        }

        @Test
        @DisplayName("check throws with errno, syscall and arguments in the message")
        void checkThrows() {
            assertThatThrownBy(() -> ErrnoException.check(-3, Syscall.KILL, "pid=4242", Signal.SIGTERM))
                    .isInstanceOfSatisfying(ErrnoException.class, e -> {
                        assertThat(e.errno()).isSameAs(Errno.ESRCH);
                        assertThat(e.syscall()).isEqualTo("kill");
                        assertThat(e.arguments()).isEqualTo("pid=4242, SIGTERM");
                    })
                    .hasMessage("ESRCH (No such process) from kill(pid=4242, SIGTERM)");
            assertThatThrownBy(() -> ErrnoException.check(-1, Syscall.SETSID))
                    .hasMessage("EPERM (Operation not permitted) from setsid()");
            assertThatThrownBy(() -> ErrnoException.check(-133, Syscall.RT_SIGPROCMASK, (Object) null))
                    .hasMessage("EHWPOISON (Memory page has hardware error) from rt_sigprocmask(null)");
        }

        @Test
        @DisplayName("an errno Linux does not define means a broken backend: IllegalStateException")
        void undefinedErrno() {
            assertThatThrownBy(() -> ErrnoException.check(-4095, Syscall.KILL, "pid=1", Signal.SIGKILL))
                    .isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessage("the backend returned errno 4095, which Linux does not define, from kill(pid=1,"
                            + " SIGKILL)");
            // 512 is the kernel-internal ERESTARTSYS, which never reaches user space
            assertThatThrownBy(() -> ErrnoException.of(512, "read", "fd=3"))
                    .isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessage("the backend returned errno 512, which Linux does not define, from read(fd=3)");
        }

        @Test
        @DisplayName("of builds the exception without throwing it")
        void of() {
            ErrnoException e = ErrnoException.of(9, "close", "fd=77");
            assertThat(e.errno()).isSameAs(Errno.EBADF);
            assertThat(e).hasMessage("EBADF (Bad file descriptor) from close(fd=77)").hasNoCause();
            assertThat(new ErrnoException(Errno.ECHILD, "waitid", "")).hasMessage("ECHILD (No child processes) from"
                    + " waitid()");
        }

        @Test
        @DisplayName("isError is exactly -4095..-1")
        void isError() {
            assertThat(ErrnoException.isError(-1)).isTrue();
            assertThat(ErrnoException.isError(-4095)).isTrue();
            assertThat(ErrnoException.isError(0)).isFalse();
            assertThat(ErrnoException.isError(-4096)).isFalse();
            assertThat(ErrnoException.isError(1)).isFalse();
        }
    }
}
