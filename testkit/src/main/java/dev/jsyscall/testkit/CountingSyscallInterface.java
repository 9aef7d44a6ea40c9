// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import dev.jsyscall.spi.SyscallInterface;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a syscall interface and counts the syscalls that go through it, so a test can prove that bad input was
 * refused <em>before</em> any syscall was made.
 *
 * <pre>{@code
 * CountingSyscallInterface counting = new CountingSyscallInterface(task.sysif());
 * ... build a task over it, make a bad call ...
 * assertThat(counting.count()).isZero();
 * }</pre>
 *
 * @since 0.1
 */
public final class CountingSyscallInterface implements SyscallInterface {
    private final SyscallInterface delegate;
    private final AtomicInteger count = new AtomicInteger();

    /**
     * Counts the syscalls made through it and forwards them to {@code delegate}.
     *
     * @param delegate the interface that makes the syscalls
     */
    public CountingSyscallInterface(SyscallInterface delegate) {
        this.delegate = delegate;
    }

    @Override
    public long syscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        count.incrementAndGet();
        return delegate.syscall(nr, a0, a1, a2, a3, a4, a5);
    }

    /**
     * Syscalls made so far.
     *
     * @return the count
     */
    public int count() {
        return count.get();
    }

    @Override
    public String describe() {
        return "counting " + delegate.describe();
    }
}
