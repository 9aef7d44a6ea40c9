// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The syscall trace (internal): a running hash of every record and the last records for dumps.
 *
 * <p>A completed syscall is recorded on every call, so its line is written into a reused char buffer and hashed
 * from there, and the tail keeps the syscall's numbers, not a string: a line is only made when a dump asks for the
 * tail (or the full trace is kept). The hash is the same as of the line itself.
 */
final class Trace {
    private static final long FNV_PRIME = 0x100000001b3L;
    private final int tailSize;
    private long hash = 0xcbf29ce484222325L;
    private long records;
    /** The ring of the last records: a text line, or (text null) a syscall's numbers. */
    private final String[] text;
    private final int[] pid;
    private final String[] name;
    private final long[] args;
    private final long[] result;
    private final Line line = new Line();
    /** The numbers of the syscall whose text {@link #line} holds, while {@link Line#len} is not 0. */
    private int linePid;
    private String lineName;
    private final long[] lineArgs = new long[6];
    private long lineResult;
    /** What {@link #hashLine} knows of that line: whether all its chars are ASCII, P^length, D by low 7 bits. */
    private boolean lineAscii;
    private long linePower;
    private final long[] lineOffsets = new long[128];
    private final long[] lineKnown = new long[2];
    private List<String> full;
    /** Sees every record as it is made, if a listener was configured. */
    TraceTap tap;

    Trace(int tailSize) {
        this.tailSize = tailSize;
        text = new String[tailSize];
        pid = new int[tailSize];
        name = new String[tailSize];
        args = new long[tailSize * 6];
        result = new long[tailSize];
    }

    void keepAll() {
        if (full == null) {
            full = new ArrayList<>();
        }
    }

    void record(String line) {
        long h = hash;
        for (int i = 0, n = line.length(); i < n; i++) {
            h ^= line.charAt(i);
            h *= FNV_PRIME;
        }
        hash = endLine(h);
        int slot = nextSlot();
        text[slot] = line;
        name[slot] = null;
        if (full != null) {
            full.add(line);
        }
        if (tap != null) {
            tap.text(line);
        }
    }

    /**
     * Records {@code PID NAME(A0, ..., A5) = RESULT}, exactly as {@link #record} of that line would; {@code nr} is
     * the kernel's number of {@code name}, for the listener.
     */
    void recordSyscall(int pid, int nr, String name, long a0, long a1, long a2, long a3, long a4, long a5,
                       long result) {
        Line l = line;
        boolean same = l.len > 0 && pid == linePid && result == lineResult && a0 == lineArgs[0]
                && a1 == lineArgs[1] && a2 == lineArgs[2] && a3 == lineArgs[3] && a4 == lineArgs[4]
                && a5 == lineArgs[5] && name.equals(lineName);
        if (!same) {
            l.len = 0;
            l.syscall(pid, name, a0, a1, a2, a3, a4, a5, result);
            linePid = pid;
            lineName = name;
            lineResult = result;
            lineArgs[0] = a0;
            lineArgs[1] = a1;
            lineArgs[2] = a2;
            lineArgs[3] = a3;
            lineArgs[4] = a4;
            lineArgs[5] = a5;
        }
        hash = endLine(hashLine(same));
        int slot = nextSlot();
        text[slot] = null;
        this.pid[slot] = pid;
        this.name[slot] = name;
        int a = slot * 6;
        args[a] = a0;
        args[a + 1] = a1;
        args[a + 2] = a2;
        args[a + 3] = a3;
        args[a + 4] = a4;
        args[a + 5] = a5;
        this.result[slot] = result;
        if (full != null) {
            full.add(l.toString());
        }
        if (tap != null) {
            // Most listeners read only the numbers: the tap formats the line again if one asks for its text.
            tap.syscall(pid, nr, name, new long[] {a0, a1, a2, a3, a4, a5}, result);
        }
    }

    /**
     * The hash after the line in {@link #line}, from {@link #hash}: a loop that repeats one syscall (a poll, the
     * getpid benchmark) would otherwise spend most of each simulated call on FNV's chain of one multiply per char.
     * When every char of a line is below 128, XOR with it changes only the hash's low 7 bits, and so do the
     * multiplications' carries into them: the line maps a hash {@code h} to {@code h·P^n + D(h mod 128)}, where
     * {@code P^n} is FNV's prime to the line's length and D one number per low-7-bit value, kept here for the line
     * until another replaces it. The result is the chain's to the bit.
     *
     * @param same whether the line is the one hashed last ({@link #lineOffsets} then belong to it)
     */
    private long hashLine(boolean same) {
        long h = hash;
        int low = (int) h & 127;
        long bit = 1L << low;
        int word = low >>> 6;
        if (same && lineAscii) {
            if ((lineKnown[word] & bit) != 0) {
                return h * linePower + lineOffsets[low];
            }
        } else {
            lineKnown[0] = 0;
            lineKnown[1] = 0;
        }
        char[] b = line.buf;
        long start = h;
        long power = 1;
        int chars = 0;
        for (int i = 0, n = line.len; i < n; i++) {
            char c = b[i];
            chars |= c;
            h ^= c;
            h *= FNV_PRIME;
            power *= FNV_PRIME;   // not on the hash's dependency chain: it costs next to nothing
        }
        lineAscii = chars < 128;
        linePower = power;
        lineOffsets[low] = h - start * power;
        lineKnown[word] |= bit;
        return h;
    }

    private static long endLine(long h) {
        h ^= '\n';
        return h * FNV_PRIME;
    }

    private int nextSlot() {
        return (int) (records++ % tailSize);
    }

    long hash() {
        return hash;
    }

    long records() {
        return records;
    }

    List<String> tail() {
        return tail(tailSize);
    }

    /** The last {@code max} records kept, at most. */
    List<String> tail(int max) {
        int n = (int) Math.min(records, Math.min(max, tailSize));
        List<String> out = new ArrayList<>(n);
        for (long r = records - n; r < records; r++) {
            int slot = (int) (r % tailSize);
            if (text[slot] != null) {
                out.add(text[slot]);
            } else {
                int a = slot * 6;
                Line l = new Line();
                l.syscall(pid[slot], name[slot], args[a], args[a + 1], args[a + 2], args[a + 3], args[a + 4],
                        args[a + 5], result[slot]);
                out.add(l.toString());
            }
        }
        return out;
    }

    List<String> full() {
        return full == null ? null : new ArrayList<>(full);
    }

    /** {@code PID NAME(A0, ..., A5) = RESULT}, the line {@link #recordSyscall} hashes. */
    static String describeSyscall(int pid, String name, long[] args, long result) {
        Line l = new Line();
        l.syscall(pid, name, args[0], args[1], args[2], args[3], args[4], args[5], result);
        return l.toString();
    }

    /** {@code NAME(A0, A1, A2, A3, A4, A5)} as the trace shows a call. */
    static String describeCall(String name, long a0, long a1, long a2, long a3, long a4, long a5) {
        Line l = new Line();
        l.call(name, a0, a1, a2, a3, a4, a5);
        return l.toString();
    }

    /** A line being written: chars, as the hash reads them, without a StringBuilder's per-append checks. */
    private static final class Line {
        char[] buf = new char[128];
        int len;

        void syscall(int pid, String name, long a0, long a1, long a2, long a3, long a4, long a5, long result) {
            decimal(pid);
            put(' ');
            call(name, a0, a1, a2, a3, a4, a5);
            string(" = ");
            if (result < 0 && result >= -4095) {
                int e = (int) -result;
                put('-');
                if (dev.jsyscall.linux.Errno.isDefined(e)) {
                    string(dev.jsyscall.linux.Errno.of(e).name());
                } else {
                    decimal(e);
                }
            } else {
                arg(result);
            }
        }

        void call(String name, long a0, long a1, long a2, long a3, long a4, long a5) {
            string(name);
            put('(');
            arg(a0);
            string(", ");
            arg(a1);
            string(", ");
            arg(a2);
            string(", ");
            arg(a3);
            string(", ");
            arg(a4);
            string(", ");
            arg(a5);
            put(')');
        }

        /** Small values in decimal, others as unsigned hex with 0x (as Long.toHexString). */
        void arg(long v) {
            if (v >= -4096 && v <= 4096) {
                decimal(v);
                return;
            }
            room(18);
            buf[len++] = '0';
            buf[len++] = 'x';
            for (int shift = (63 - Long.numberOfLeadingZeros(v)) & ~3; shift >= 0; shift -= 4) {
                buf[len++] = Character.forDigit((int) (v >>> shift) & 0xf, 16);
            }
        }

        /** As Long.toString (only for values far from Long.MIN_VALUE: pids, errnos, small arguments). */
        void decimal(long v) {
            room(20);
            if (v < 0) {
                buf[len++] = '-';
                v = -v;
            }
            if (v < 10) { // most arguments are 0 or a small fd: no division at all
                buf[len++] = (char) ('0' + v);
                return;
            }
            if (v <= Integer.MAX_VALUE) { // pids and errnos: int division is cheaper than long
                int w = (int) v;
                int digits = w < 100 ? 2 : w < 1000 ? 3 : w < 10000 ? 4 : w < 100000 ? 5 : 6;
                for (int t = w / 1000000; t > 0; t /= 10) {
                    digits++;
                }
                for (int i = len + digits - 1; i >= len; i--) {
                    buf[i] = (char) ('0' + w % 10);
                    w /= 10;
                }
                len += digits;
                return;
            }
            int digits = 1;
            for (long t = v; t >= 10; t /= 10) {
                digits++;
            }
            for (int i = len + digits - 1; i >= len; i--) {
                buf[i] = (char) ('0' + v % 10);
                v /= 10;
            }
            len += digits;
        }

        void put(char c) {
            room(1);
            buf[len++] = c;
        }

        void string(String s) {
            int n = s.length();
            room(n);
            s.getChars(0, n, buf, len);
            len += n;
        }

        private void room(int n) {
            if (len + n > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
        }

        @Override
        public String toString() {
            return new String(buf, 0, len);
        }
    }
}
