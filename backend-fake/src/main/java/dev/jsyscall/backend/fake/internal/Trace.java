package dev.jsyscall.backend.fake.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The syscall trace (internal): a running hash of every record and the last records for dumps.
 *
 * <p>A completed syscall is recorded on every call, so its line is hashed from a reused buffer and the tail keeps
 * the syscall's numbers, not a string: a line is only made when a dump asks for the tail (or the full trace is
 * kept). The hash is the same as of the line itself.
 */
final class Trace {
    private static final int TAIL = 64;
    private long hash = 0xcbf29ce484222325L;
    private long records;
    /** The ring of the last records: a text line, or (text null) a syscall's numbers. */
    private final String[] text = new String[TAIL];
    private final int[] pid = new int[TAIL];
    private final String[] name = new String[TAIL];
    private final long[] args = new long[TAIL * 6];
    private final long[] result = new long[TAIL];
    private final StringBuilder line = new StringBuilder(128);
    private List<String> full;

    void keepAll() {
        if (full == null) {
            full = new ArrayList<>();
        }
    }

    void record(String line) {
        hashLine(line);
        int slot = nextSlot();
        text[slot] = line;
        name[slot] = null;
        if (full != null) {
            full.add(line);
        }
    }

    /** Records {@code PID NAME(A0, ..., A5) = RESULT}, exactly as {@link #record} of that line would. */
    void recordSyscall(int pid, String name, long a0, long a1, long a2, long a3, long a4, long a5, long result) {
        StringBuilder sb = line;
        sb.setLength(0);
        appendSyscall(sb, pid, name, a0, a1, a2, a3, a4, a5, result);
        hashLine(sb);
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
            full.add(sb.toString());
        }
    }

    private int nextSlot() {
        return (int) (records++ % TAIL);
    }

    private void hashLine(CharSequence s) {
        long h = hash;
        for (int i = 0, n = s.length(); i < n; i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= '\n';
        h *= 0x100000001b3L;
        hash = h;
    }

    long hash() {
        return hash;
    }

    long records() {
        return records;
    }

    List<String> tail() {
        int n = (int) Math.min(records, TAIL);
        List<String> out = new ArrayList<>(n);
        for (long r = records - n; r < records; r++) {
            int slot = (int) (r % TAIL);
            if (text[slot] != null) {
                out.add(text[slot]);
            } else {
                int a = slot * 6;
                out.add(appendSyscall(new StringBuilder(), pid[slot], name[slot], args[a], args[a + 1], args[a + 2],
                        args[a + 3], args[a + 4], args[a + 5], result[slot]).toString());
            }
        }
        return out;
    }

    List<String> full() {
        return full == null ? null : new ArrayList<>(full);
    }

    // ---------------------------------------------------------------- formatting (no allocation)

    private static StringBuilder appendSyscall(StringBuilder sb, int pid, String name, long a0, long a1, long a2,
            long a3, long a4, long a5, long result) {
        sb.append(pid).append(' ');
        appendCall(sb, name, a0, a1, a2, a3, a4, a5);
        sb.append(" = ");
        return appendResult(sb, result);
    }

    /** {@code NAME(A0, A1, A2, A3, A4, A5)}, each argument as {@link #appendArg}. */
    static StringBuilder appendCall(StringBuilder sb, String name, long a0, long a1, long a2, long a3, long a4,
            long a5) {
        sb.append(name).append('(');
        appendArg(sb, a0).append(", ");
        appendArg(sb, a1).append(", ");
        appendArg(sb, a2).append(", ");
        appendArg(sb, a3).append(", ");
        appendArg(sb, a4).append(", ");
        return appendArg(sb, a5).append(')');
    }

    /** Small values in decimal, others as unsigned hex with 0x. */
    static StringBuilder appendArg(StringBuilder sb, long v) {
        if (v >= -4096 && v <= 4096) {
            return sb.append(v);
        }
        sb.append("0x");
        for (int shift = (63 - Long.numberOfLeadingZeros(v)) & ~3; shift >= 0; shift -= 4) {
            sb.append(Character.forDigit((int) (v >>> shift) & 0xf, 16));
        }
        return sb;
    }

    /** -ERRNO by name for an error, else as an argument. */
    static StringBuilder appendResult(StringBuilder sb, long r) {
        if (r < 0 && r >= -4095) {
            int e = (int) -r;
            sb.append('-');
            return dev.jsyscall.linux.Errno.isDefined(e) ? sb.append(dev.jsyscall.linux.Errno.of(e).name())
                    : sb.append(e);
        }
        return appendArg(sb, r);
    }
}
