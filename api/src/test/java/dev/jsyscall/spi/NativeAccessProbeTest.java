// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The probe's bookkeeping, with a scripted {@link NativeAccess}: the failure paths (a native library that does not
 * load, a broken call path, a kernel without pidfd_open) cannot be produced on demand with a real one. The real
 * path is exercised by the jnr and ffm backends' own tests.
 */
class NativeAccessProbeTest {
    private static final Arch ARCH = Arch.current();
    private static final long PID = ProcessHandle.current().pid();

    /** Answers getpid with {@code pid}, pidfd_open with {@code pidfdOpen}, records closes. */
    private static final class ScriptedAccess implements NativeAccess {
        final long pid;
        final LongUnaryOperator pidfdOpen;
        final List<Long> closed = new ArrayList<>();
        /** What prctl(PR_GET_SECCOMP) answers: by default a kernel built without seccomp. */
        long getSeccomp = -Errno.EINVAL.number();

        ScriptedAccess(long pid, LongUnaryOperator pidfdOpen) {
            this.pid = pid;
            this.pidfdOpen = pidfdOpen;
        }

        @Override
        public long libcSyscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
            if (nr == Syscall.GETPID.number(ARCH)) {
                return pid;
            } else if (nr == Syscall.PIDFD_OPEN.number(ARCH)) {
                return pidfdOpen.applyAsLong(a0);
            } else if (nr == Syscall.CLOSE.number(ARCH)) {
                closed.add(a0);
                return 0;
            } else if (nr == Syscall.PRCTL.number(ARCH) && a0 == 21) {
                return getSeccomp;
            }
            throw new AssertionError("unexpected syscall " + nr);
        }

        @Override
        public NativeFunction bind(long address) {
            throw new AssertionError("the probe must not bind functions");
        }

        @Override
        public void read(long address, byte[] dst, int off, int len) {
            throw new AssertionError("the probe must not read memory");
        }

        @Override
        public void write(long address, byte[] src, int off, int len) {
            throw new AssertionError("the probe must not write memory");
        }
    }

    @Test
    @DisplayName("the loader runs once however many threads ask, and every answer is the same object")
    void probesOnce() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        NativeAccessProbe probe = new NativeAccessProbe(() -> {
            loads.incrementAndGet();
            return new ScriptedAccess(PID, pid -> -Errno.ENOSYS.number());
        });
        assertThat(loads).as("construction must not probe").hasValue(0);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Availability>> asks = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                asks.add(probe::availability);
            }
            Availability first = probe.availability();
            for (Future<Availability> f : pool.invokeAll(asks)) {
                assertThat(f.get()).isSameAs(first);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(loads).hasValue(1);
        assertThat(probe.capabilities()).isSameAs(probe.capabilities());
        assertThat(probe.access("x")).isSameAs(probe.access("x"));
    }

    @Test
    @DisplayName("a pidfd_open that works adds PIDFD and the probe closes the pidfd it opened")
    void pidfdSupported() {
        ScriptedAccess access = new ScriptedAccess(PID, pid -> pid == PID ? 42 : -Errno.ESRCH.number());
        NativeAccessProbe probe = new NativeAccessProbe(() -> access);
        assertThat(probe.availability().isAvailable()).isTrue();
        assertThat(probe.capabilities()).containsExactlyInAnyOrder(Capability.REAL_KERNEL,
                Capability.DRIVEN_CHILDREN, Capability.EXEC_REAL_PROGRAMS, Capability.PIDFD);
        assertThat(access.closed).containsExactly(42L);
    }

    @Test
    @DisplayName("a kernel that answers PR_GET_SECCOMP adds SECCOMP_FILTER; one built without seccomp leaves it out")
    void seccompProbed() {
        ScriptedAccess with = new ScriptedAccess(PID, pid -> -Errno.ENOSYS.number());
        with.getSeccomp = 0;
        assertThat(new NativeAccessProbe(() -> with).capabilities()).contains(Capability.SECCOMP_FILTER);
        ScriptedAccess without = new ScriptedAccess(PID, pid -> -Errno.ENOSYS.number());
        assertThat(new NativeAccessProbe(() -> without).capabilities()).doesNotContain(Capability.SECCOMP_FILTER);
    }

    @Test
    @DisplayName("a kernel without pidfd_open leaves PIDFD out and closes nothing")
    void pidfdUnsupported() {
        ScriptedAccess access = new ScriptedAccess(PID, pid -> -Errno.ENOSYS.number());
        NativeAccessProbe probe = new NativeAccessProbe(() -> access);
        assertThat(probe.capabilities()).containsExactlyInAnyOrder(Capability.REAL_KERNEL,
                Capability.DRIVEN_CHILDREN, Capability.EXEC_REAL_PROGRAMS);
        assertThat(access.closed).isEmpty();
    }

    @Test
    @DisplayName("a loader's BackendUnavailableException becomes the reason and keeps its cause")
    void loaderExplains() {
        UnsatisfiedLinkError cause = new UnsatisfiedLinkError("libfoo.so: cannot open shared object file");
        NativeAccessProbe probe = new NativeAccessProbe(() -> {
            throw new BackendUnavailableException("libfoo failed to load: install libfoo", cause);
        });
        Availability a = probe.availability();
        assertThat(a.isAvailable()).isFalse();
        assertThat(a.reason()).isEqualTo("libfoo failed to load: install libfoo");
        assertThat(a.cause()).containsSame(cause);
        assertThat(probe.capabilities()).isEmpty();
        assertThatThrownBy(() -> probe.access("foo"))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("jsyscall backend 'foo' is unavailable: libfoo failed to load: install libfoo")
                .hasCause(cause);
    }

    @Test
    @DisplayName("any other loader failure, a LinkageError included, makes it unavailable with that cause")
    void loaderFails() {
        NoClassDefFoundError error = new NoClassDefFoundError("Could not initialize class com.kenai.jffi.Foreign");
        NativeAccessProbe probe = new NativeAccessProbe(() -> {
            throw error;
        });
        assertThat(probe.availability().reason())
                .startsWith("its native access failed to load: ")
                .contains("Could not initialize class com.kenai.jffi.Foreign");
        assertThat(probe.availability().cause()).containsSame(error);
    }

    @Test
    @DisplayName("a native call path whose getpid disagrees with the JVM's pid is refused")
    void brokenCallPath() {
        NativeAccessProbe probe = new NativeAccessProbe(() -> new ScriptedAccess(PID + 1, pid -> 3));
        assertThat(probe.availability().reason())
                .isEqualTo("libc syscall(getpid) returned " + (PID + 1) + " but this JVM's pid is " + PID
                        + "; the native call path is broken");
        assertThat(probe.capabilities()).isEmpty();
    }

    @Test
    @DisplayName("a provider on an unavailable probe refuses to open, naming itself, the reason and the cause")
    void providerRefusesToOpen() {
        IllegalCallerException cause = new IllegalCallerException("Illegal native access");
        NativeAccessProbe probe = new NativeAccessProbe(() -> {
            throw new BackendUnavailableException("native access is denied", cause);
        });
        SyscallBackendProvider provider = new NativeBackendProvider("denied", 7, probe) {};
        assertThat(provider.id()).isEqualTo("denied");
        assertThat(provider.priority()).isEqualTo(7);
        assertThat(provider.availability()).isSameAs(probe.availability());
        assertThat(provider.capabilities()).isEmpty();
        assertThatThrownBy(provider::open)
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("jsyscall backend 'denied' is unavailable: native access is denied")
                .hasCause(cause);
    }
}
