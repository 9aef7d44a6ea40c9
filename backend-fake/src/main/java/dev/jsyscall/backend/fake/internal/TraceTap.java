// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import dev.jsyscall.backend.fake.TraceListener;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Syscall;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Hands each trace record to a {@link TraceListener} with the virtual time and the process's memory (internal). */
final class TraceTap {
    /** The trace names syscalls by their C name; the listener wants the number too. */
    private static final Map<String, Integer> NUMBERS = new HashMap<>();

    static {
        for (Syscall s : Syscall.values()) {
            if (s.existsOn(Arch.X86_64)) {
                NUMBERS.put(s.cName(), s.number(Arch.X86_64));
            }
        }
    }

    private final Kernel kernel;
    private final TraceListener listener;

    TraceTap(Kernel kernel, TraceListener listener) {
        this.kernel = kernel;
        this.listener = listener;
    }

    void text(String line) {
        listener.record(new Record(line, null, 0, -1, null, 0));
    }

    /**
     * {@code kernelNr} (the simulated arch's number, whose name never changes) to the x86_64 number the listener
     * gets, or -1; {@code UNKNOWN} until first looked up, so that a syscall's record costs no map lookup.
     */
    private final int[] numbers = new int[512];
    private static final int UNKNOWN = Integer.MIN_VALUE;

    {
        java.util.Arrays.fill(numbers, UNKNOWN);
    }

    void syscall(int pid, int kernelNr, String name, long[] args, long result) {
        int nr = kernelNr >= 0 && kernelNr < numbers.length ? numbers[kernelNr] : UNKNOWN;
        if (nr == UNKNOWN) {
            Integer n = NUMBERS.get(name);
            nr = n == null ? -1 : n;
            if (kernelNr >= 0 && kernelNr < numbers.length) {
                numbers[kernelNr] = nr;
            }
        }
        listener.record(new Record(null, name, pid, nr, args, result));
    }

    private final class Record implements TraceListener.Event {
        /** A syscall's line is made when first asked for: null until then. */
        private String text;
        private final String name;
        private final int pid;
        private final int nr;
        private final long[] args;
        private final long result;
        private final long time = kernel.clock.monotonicNs();

        Record(String text, String name, int pid, int nr, long[] args, long result) {
            this.text = text;
            this.name = name;
            this.pid = pid;
            this.nr = nr;
            this.args = args;
            this.result = result;
        }

        @Override
        public long monotonicNanos() {
            return time;
        }

        @Override
        public String text() {
            if (text == null) {
                text = Trace.describeSyscall(pid, name, args, result);
            }
            return text;
        }

        @Override
        public boolean isSyscall() {
            return args != null;
        }

        @Override
        public int pid() {
            return pid;
        }

        @Override
        public int number() {
            return nr;
        }

        @Override
        public long arg(int i) {
            if (args == null || i < 0 || i > 5) {
                throw new IllegalArgumentException("argument index must be in [0, 5] of a syscall record: " + i);
            }
            return args[i];
        }

        @Override
        public long result() {
            return result;
        }

        @Override
        public String cString(long address, int max) {
            Proc p = kernel.pids.find(pid);
            if (p == null || p.mm == null || address == 0 || max <= 0) {
                return null;
            }
            byte[] b = p.mm.copyString(address, max);
            return b == null ? null : new String(b, StandardCharsets.UTF_8);
        }

        @Override
        public byte[] bytes(long address, int length) {
            Proc p = kernel.pids.find(pid);
            if (p == null || p.mm == null || address == 0 || length < 0 || length > 4096) {
                return null;
            }
            return p.mm.copyIn(address, length);
        }
    }
}
