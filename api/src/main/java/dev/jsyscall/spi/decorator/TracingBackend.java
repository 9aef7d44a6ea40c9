// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi.decorator;

import dev.jsyscall.handle.SyscallTracer;
import dev.jsyscall.internal.Calls;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.unistd.Unistd;
import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.spi.SyscallInterface;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * A backend that reports every syscall of the local process, with its decoded name, arguments, result (errno
 * named) and duration, to a {@link SyscallTracer} — the same interface {@link dev.jsyscall.handle.LocalTask#trace}
 * uses for driven children, so one tracer can see both.
 *
 * <pre>{@code
 * // [4242] pipe2(0x7f3a10, 524288) = 0 <3 us>
 * Kernel k = Kernel.open(TracingBackend.to(System.err::println, new JnrProvider().open()));
 * }</pre>
 *
 * @since 0.2
 */
public final class TracingBackend extends Decorated {
    private final SyscallTracer tracer;
    private volatile int pid;

    private TracingBackend(SyscallBackend delegate, SyscallTracer tracer) {
        super(delegate, "(traced)");
        this.tracer = tracer;
    }

    /**
     * Traces {@code delegate}'s local syscalls to {@code tracer}, called on the thread that made each syscall.
     *
     * @param tracer what sees each call, its result and its duration
     * @param delegate the backend traced
     * @return the decorated backend
     * @throws NullPointerException naming the argument that is null
     */
    public static TracingBackend of(SyscallTracer tracer, SyscallBackend delegate) {
        return new TracingBackend(delegate, Objects.requireNonNull(tracer, "tracer"));
    }

    /**
     * Traces {@code delegate}'s local syscalls as strace-like lines ({@link SyscallTracer#format}) to {@code sink}.
     *
     * @param sink what receives each line
     * @param delegate the backend traced
     * @return the decorated backend
     * @throws NullPointerException naming the argument that is null
     */
    public static TracingBackend to(Consumer<String> sink, SyscallBackend delegate) {
        Objects.requireNonNull(sink, "sink");
        return new TracingBackend(delegate,
                (pid, call, args, result, nanos) -> sink.accept(SyscallTracer.format(pid, call, args, result, nanos)));
    }

    @Override
    long call(SyscallInterface inner, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        int self = localPid(inner);
        long start = System.nanoTime();
        long r = inner.syscall(nr, a0, a1, a2, a3, a4, a5);
        long nanos = System.nanoTime() - start;
        Optional<Syscall> call = Syscall.byNumber(arch(), nr);
        tracer.traced(self, call, new long[] {a0, a1, a2, a3, a4, a5}, OptionalLong.of(r), nanos);
        return r;
    }

    /** Asked once, untraced: the line's pid is the local process's. */
    private int localPid(SyscallInterface inner) {
        int p = pid;
        if (p == 0) {
            p = Calls.call(inner, arch(), Unistd.getpid());
            pid = p;
        }
        return p;
    }
}
