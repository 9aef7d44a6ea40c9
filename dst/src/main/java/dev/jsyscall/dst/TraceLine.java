// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.dst;

import java.util.Objects;

/**
 * One decoded line of a fake kernel's trace: when it happened on the virtual clock, which process, and what, in
 * words ({@code openat(AT_FDCWD, "/etc/hosts", O_RDONLY|O_CLOEXEC, 0) = 3}).
 *
 * <pre>{@code
 * for (TraceLine l : run.trace().lines()) System.out.println(l);   // "+0.000042s 2 getpid() = 2"
 * }</pre>
 *
 * @param monotonicNanos the virtual CLOCK_MONOTONIC at the record
 * @param pid the process (0 for a kernel event that names its processes in its text)
 * @param kind {@code "syscall"}, {@code "mark"} (the test's own), {@code "event"} (exit, reap, clock jump...) or
 *     {@code "process_table"} (a simulation's table at its failure)
 * @param text the decoded line, without time
 * @param raw the line as the fake's own trace shows it (what the trace hash reads)
 * @since 0.2
 */
public record TraceLine(long monotonicNanos, int pid, String kind, String text, String raw) {

    /** Checks the parts are present. */
    public TraceLine {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(raw, "raw");
    }

    /** The line with its virtual time in seconds since the fake's boot, as failure reports print it. */
    @Override
    public String toString() {
        long t = monotonicNanos - BOOT_NANOS;
        return String.format("+%d.%06ds %s", t / 1_000_000_000L, (t % 1_000_000_000L) / 1_000, text);
    }

    /**
     * This line as one JSON object (no line break), the format of {@link SimulationTrace#writeJsonLines}.
     *
     * @return the JSON text
     */
    public String toJson() {
        return "{\"t_ns\":" + monotonicNanos + ",\"pid\":" + pid + ",\"kind\":" + quote(kind) + ",\"text\":"
                + quote(text) + ",\"raw\":" + quote(raw) + "}";
    }

    /** The fake's CLOCK_MONOTONIC at boot (an uptime of 1000 s): times are printed relative to it. */
    static final long BOOT_NANOS = 1_000_000_000_000L;

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
