// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import dev.jsyscall.backend.fake.SyscallHook;
import java.util.function.IntFunction;

/**
 * The fault-injection point (internal): the one {@link SyscallHook} a test installed, and what each of its actions
 * does to a syscall before the syscall's first attempt (an errno, a late wake-up, a realtime clock step, a short
 * transfer, a signal). The actions are recorded in the trace, so a replay injects the same faults.
 */
final class Hooks {
    /** Ends a syscall with a result, as the kernel does (the completion is traced and ticks the clock). */
    @FunctionalInterface
    interface Completer {
        void complete(Call c, long result);
    }

    private final Trace trace;
    private final Clock clock;
    private final SignalDelivery signals;
    private final IntFunction<String> names;
    private final Completer completer;
    /** Under the kernel's lock. */
    private SyscallHook hook;

    Hooks(Trace trace, Clock clock, SignalDelivery signals, IntFunction<String> names, Completer completer) {
        this.trace = trace;
        this.clock = clock;
        this.signals = signals;
        this.names = names;
        this.completer = completer;
    }

    void set(SyscallHook hook) {
        this.hook = hook;
    }

    boolean installed() {
        return hook != null;
    }

    /** Asks the hook about {@code p}'s syscall {@code c}, once, before its first attempt, and does what it says. */
    void apply(Proc p, Call c) {
        long seq = p.syscallSeq;
        SyscallHook.Action a = hook.beforeSyscall(new SyscallHook.Event() {
            @Override
            public int pid() {
                return p.pid;
            }

            @Override
            public boolean isLocal() {
                return p.kind == Proc.Kind.LOCAL;
            }

            @Override
            public int number() {
                return c.nr;
            }

            @Override
            public String name() {
                return names.apply(c.nr);
            }

            @Override
            public long arg(int i) {
                if (i < 0 || i > 5) {
                    throw new IllegalArgumentException("argument index must be in [0, 5]: " + i);
                }
                return c.arg(i);
            }

            @Override
            public long sequence() {
                return seq;
            }

            @Override
            public String fileType() {
                return FileCalls.fileType(p, c, names.apply(c.nr));
            }

            @Override
            public long byteCount() {
                return FileCalls.byteCount(p, c, names.apply(c.nr));
            }

            @Override
            public String toString() {
                return p.pid + " #" + seq + " " + describe(c);
            }
        });
        if (a == null || a.isProceed()) {
            return;
        }
        trace.record(p.pid + " hook " + a + " before " + describe(c));
        if (a.lateNanos() != 0) {
            c.lateNs = a.lateNanos();
        } else if (a.realtimeStepNanos() != 0) {
            clock.stepRealtime(a.realtimeStepNanos());
        } else if (a.shortBytes() != 0) {
            c.shortTo = a.shortBytes();
        } else if (a.signal() != 0) {
            signals.sendSignal(p, Signals.Info.kernel(a.signal()));
        } else {
            completer.complete(c, -a.errno());
        }
    }

    private String describe(Call c) {
        return Trace.describeCall(names.apply(c.nr), c.a0, c.a1, c.a2, c.a3, c.a4, c.a5);
    }
}
