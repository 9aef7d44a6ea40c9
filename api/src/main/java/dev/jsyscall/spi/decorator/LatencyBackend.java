// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi.decorator;

import dev.jsyscall.linux.Syscall;
import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.spi.SyscallInterface;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * A backend whose local syscalls each take at least a chosen extra time, before the call is made: to see how a
 * program behaves on a slow kernel, a loaded machine or a remote transport.
 *
 * <pre>{@code
 * SyscallBackend slow = LatencyBackend.builder(new JnrProvider().open())
 *         .delay(Syscall.CLONE, Duration.ofMillis(5))     // clone is the slow one
 *         .otherwise(Duration.ofNanos(20_000))            // 20 us for everything else
 *         .build();
 * }</pre>
 *
 * @since 0.2
 */
public final class LatencyBackend extends Decorated {
    private final Map<Syscall, Long> delays;
    private final long otherwise;

    private LatencyBackend(Builder b) {
        super(b.delegate, "(delayed)");
        this.delays = new EnumMap<>(b.delays);
        this.otherwise = b.otherwise;
    }

    /**
     * A builder over {@code delegate}, with no delay until one is chosen.
     *
     * @param delegate the backend whose syscalls it delays
     * @return a builder with no delays
     * @throws NullPointerException if {@code delegate} is null
     */
    public static Builder builder(SyscallBackend delegate) {
        return new Builder(Objects.requireNonNull(delegate, "delegate"));
    }

    @Override
    long call(SyscallInterface inner, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        long nanos = Syscall.byNumber(arch(), nr).map(s -> delays.getOrDefault(s, otherwise)).orElse(otherwise);
        if (nanos > 0) {
            pause(nanos);
        }
        return inner.syscall(nr, a0, a1, a2, a3, a4, a5);
    }

    /**
     * Parks rather than sleeps, so that an interrupt does not turn into an exception the syscall could not throw;
     * parkNanos may return early, hence the loop to the deadline.
     */
    private static void pause(long nanos) {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /**
     * Chooses the delays.
     *
     * @since 0.2
     */
    public static final class Builder {
        private final SyscallBackend delegate;
        private final Map<Syscall, Long> delays = new EnumMap<>(Syscall.class);
        private long otherwise;

        private Builder(SyscallBackend delegate) {
            this.delegate = delegate;
        }

        /**
         * Delays every {@code syscall} by {@code delay}.
         *
         * @param syscall the syscall
         * @param delay how long each call of it waits first
         * @return this builder
         * @throws NullPointerException     naming the argument that is null
         * @throws IllegalArgumentException if {@code delay} is negative
         */
        public Builder delay(Syscall syscall, Duration delay) {
            Objects.requireNonNull(syscall, "syscall");
            delays.put(syscall, nanos("delay", delay));
            return this;
        }

        /**
         * Delays every syscall not chosen with {@link #delay} by {@code delay} (zero unless set).
         *
         * @param delay how long every other syscall waits first
         * @return this builder
         * @throws NullPointerException     if {@code delay} is null
         * @throws IllegalArgumentException if {@code delay} is negative
         */
        public Builder otherwise(Duration delay) {
            otherwise = nanos("delay", delay);
            return this;
        }

        /**
         * The decorated backend.
         *
         * @return the decorated backend
         */
        public LatencyBackend build() {
            return new LatencyBackend(this);
        }

        private static long nanos(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + d);
            }
            return d.toNanos();
        }
    }
}
