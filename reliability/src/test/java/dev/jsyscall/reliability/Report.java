// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The table of figures: one row per scenario and backend. Rewritten after every row to
 * {@code target/reliability-report.md} (the system property {@code reliability.report}), so that a run cut short
 * still leaves its figures; {@link #print()} shows it at the end of the run.
 */
final class Report {
    private static final List<Row> ROWS = new ArrayList<>();
    private static final List<String> NOTES = new ArrayList<>();

    private Report() {
    }

    record Row(String scenario, String backend, int spawns, Census before, Census after, int hangs,
               int wrongEffects, long millis, String result) {
    }

    static synchronized void add(Row row) {
        ROWS.add(row);
        write();
    }

    /** A free-form observation (e.g. which children survived the JVM's SIGKILL), listed under the table. */
    static synchronized void note(String text) {
        NOTES.add(text);
        write();
    }

    static synchronized String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("# jsyscall reliability report\n\n");
        sb.append("Mode: ").append(Scenario.LONG ? "long" : "short").append(", JDK ").append(Runtime.version())
                .append(", ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cpus\n\n");
        sb.append("| scenario | backend | spawns | fds before/after | threads before/after | zombies | strays "
                + "| allocator bytes before/after | hangs | wrong-process effects | ms | result |\n");
        sb.append("|---|---|---:|---|---|---:|---:|---|---:|---:|---:|---|\n");
        int spawns = 0;
        int hangs = 0;
        int wrong = 0;
        int failed = 0;
        long ms = 0;
        for (Row r : ROWS) {
            sb.append("| ").append(r.scenario()).append(" | ").append(r.backend()).append(" | ").append(r.spawns())
                    .append(" | ").append(r.before().fds.size()).append('/').append(r.after().fds.size())
                    .append(" | ").append(r.before().threads).append('/').append(r.after().threads)
                    .append(" | ").append(r.after().zombies.size())
                    .append(" | ").append(Math.max(0, r.after().descendants.size() - r.before().descendants.size()))
                    .append(" | ").append(r.before().allocatorBytes).append('/').append(r.after().allocatorBytes)
                    .append(" | ").append(r.hangs()).append(" | ").append(r.wrongEffects())
                    .append(" | ").append(r.millis()).append(" | ").append(r.result().replace('|', '/'))
                    .append(" |\n");
            spawns += r.spawns();
            hangs += r.hangs();
            wrong += r.wrongEffects();
            ms += r.millis();
            failed += r.result().equals("pass") ? 0 : 1;
        }
        sb.append("\nTotal: ").append(ROWS.size()).append(" scenario runs, ").append(failed).append(" failed, ")
                .append(spawns).append(" spawns, ").append(hangs).append(" hangs, ").append(wrong)
                .append(" wrong-process effects, ").append(ms).append(" ms\n");
        if (!NOTES.isEmpty()) {
            sb.append("\n## Notes\n\n");
            for (String n : NOTES) {
                sb.append(n).append("\n\n");
            }
        }
        return sb.toString();
    }

    private static void write() {
        String where = System.getProperty("reliability.report");
        if (where == null) {
            return;
        }
        Path p = Paths.get(where);
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, table());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p, e);
        }
    }

    static void print() {
        System.out.println(table());
    }
}
