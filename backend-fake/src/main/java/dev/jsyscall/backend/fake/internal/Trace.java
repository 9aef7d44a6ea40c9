package dev.jsyscall.backend.fake.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The syscall trace (internal): a running hash of every record and the last records for dumps. */
final class Trace {
    private static final int TAIL = 64;
    private long hash = 0xcbf29ce484222325L;
    private long records;
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private List<String> full;

    void keepAll() {
        if (full == null) {
            full = new ArrayList<>();
        }
    }

    void record(String line) {
        records++;
        for (int i = 0; i < line.length(); i++) {
            hash ^= line.charAt(i);
            hash *= 0x100000001b3L;
        }
        hash ^= '\n';
        hash *= 0x100000001b3L;
        if (tail.size() == TAIL) {
            tail.removeFirst();
        }
        tail.addLast(line);
        if (full != null) {
            full.add(line);
        }
    }

    long hash() {
        return hash;
    }

    long records() {
        return records;
    }

    List<String> tail() {
        return new ArrayList<>(tail);
    }

    List<String> full() {
        return full == null ? null : new ArrayList<>(full);
    }
}
