// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dumps (internal): the process table with each process's state, signals and fds, as failure messages show
 * it, and the per-process snapshots tools read. They only read kernel state.
 */
final class Dumps {
    private Dumps() {}

    static String processTable(Kernel k) {
        // every exit of the local process and every deadlock builds this, so it appends rather than formats: the
        // first String.format in a JVM loads the Formatter and the locale data (tens of ms of CPU, seconds at nice 19
        // on a busy machine), which made a cold exit_group or pause the slowest call of issue 17's fuzz
        StringBuilder sb = new StringBuilder();
        sb.append("fake kernel (seed ").append(k.config.seed).append(", pid_max ").append(k.pids.max)
                .append(", monotonic ").append(k.clock.monotonicNs()).append(" ns, ").append(k.trace.records())
                .append(" syscalls traced)\n");
        row(sb, "PID", "PPID", "PGID", "SID", "S", "KIND", "COMM", "SYSCALL");
        Map<Integer, Integer> tables = new java.util.HashMap<>();
        for (Proc p : k.pids.all()) {
            String call = p.call == null || p.call.done ? "-"
                    : k.describeCall(p.call) + (p.call.waitingFor != null && p.run == Proc.Run.BLOCKED
                            ? " waiting for " + p.call.waitingFor : p.run == Proc.Run.READY ? " (not started)" : "");
            row(sb, Integer.toString(p.pid), Integer.toString(p.parent == null ? 0 : p.parent.pid),
                    Integer.toString(p.pgid), Integer.toString(p.sid), String.valueOf(p.stateLetter()),
                    p.kind.name().toLowerCase(java.util.Locale.ROOT), p.comm, call);
            if (p.state == Proc.State.ZOMBIE) {
                sb.append("        zombie: ").append(Kernel.describeStatus(p.waitStatus)).append('\n');
                continue;
            }
            sb.append("        pending ").append(Signals.maskToString(p.pending)).append(" blocked ")
                    .append(Signals.maskToString(p.blocked));
            if (p.stopped) {
                sb.append(" stopped by ").append(signalName(p.stopSignal));
            }
            sb.append('\n');
            if (p.files != null && !p.files.fds.isEmpty()) {
                // numbered within this dump: the tables' own ids count across every kernel in the JVM, so they
                // would make the dump of one seed differ with what ran before it
                Integer table = tables.computeIfAbsent(p.files.id, x -> tables.size() + 1);
                sb.append("        fds (table ").append(table).append("):");
                // the lowest fds, as many as the trace's tail: a table of 100,000 fds would make every exit and
                // deadlock cost what was opened over the whole run, and a message nobody reads to the end
                int shown = 0;
                for (Map.Entry<Integer, Files.Entry> e : p.files.fds.entrySet()) {
                    if (shown++ == FDS_SHOWN) {
                        sb.append(" and ").append(p.files.fds.size() - FDS_SHOWN).append(" more;");
                        break;
                    }
                    sb.append(' ').append(e.getKey()).append('=').append(e.getValue().file.describe());
                    if (e.getValue().cloexec) {
                        sb.append(" [cloexec]");
                    }
                    sb.append(';');
                }
                sb.append('\n');
            }
        }
        sb.append("last syscalls:\n");
        // a dump is read in an exception message: the trace keeps more, for FakeKernel.trace()
        for (String line : k.trace.tail(64)) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }

    /** How many fds of each table a dump lists. */
    static final int FDS_SHOWN = 64;

    /** One row of the table: "%7s %7s %7s %7s %s %-7s %-16s %s%n" without the Formatter. */
    private static void row(StringBuilder sb, String pid, String ppid, String pgid, String sid, String state,
            String kind, String comm, String call) {
        pad(sb, pid, 7, false).append(' ');
        pad(sb, ppid, 7, false).append(' ');
        pad(sb, pgid, 7, false).append(' ');
        pad(sb, sid, 7, false).append(' ');
        sb.append(state).append(' ');
        pad(sb, kind, 7, true).append(' ');
        pad(sb, comm, 16, true).append(' ');
        sb.append(call).append(System.lineSeparator());
    }

    private static StringBuilder pad(StringBuilder sb, String s, int width, boolean left) {
        if (left) {
            sb.append(s);
        }
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
        return left ? sb : sb.append(s);
    }

    /** fd number to what readlink of /proc/PID/fd/N shows. */
    static java.util.SortedMap<Integer, String> fds(Proc p) {
        java.util.SortedMap<Integer, String> out = new TreeMap<>();
        if (p.files != null) {
            for (Map.Entry<Integer, Files.Entry> e : p.files.fds.entrySet()) {
                out.put(e.getKey(), ProcFs.target(e.getValue().file));
            }
        }
        return out;
    }

    /** A snapshot of one process, for tests and tools. */
    static Map<String, Object> processInfo(Proc p) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("pid", p.pid);
        m.put("ppid", p.parent == null ? 0 : p.parent.pid);
        m.put("pgid", p.pgid);
        m.put("sid", p.sid);
        m.put("state", p.stateLetter());
        m.put("kind", p.kind.name());
        m.put("comm", p.comm);
        m.put("exe", p.exe);
        m.put("fds", p.files == null ? List.of() : new ArrayList<>(p.files.fds.keySet()));
        m.put("pending", p.pending);
        m.put("blocked", p.blocked);
        m.put("nice", p.nice);
        int[] handled = p.handled.clone();
        m.put("handled", handled);
        return m;
    }
}
