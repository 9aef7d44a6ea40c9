// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One backend's conformance results and their TSV file format, shared by the writer
 * ({@link ConformanceReportExtension}) and the reader ({@code ConformanceMatrix}, in the unpublished {@code conformance-report} module).
 *
 * <p>Format, UTF-8, lines end with {@code \n}, fields separated by one tab:
 * <pre>
 * #jsyscall-conformance-report	1	ffm (JDK 25)
 * area	test	status	detail
 * Process handles	kill on a reaped child throws	passed
 * Process handles › Pidfds	waitid on a pidfd reaps the child	skipped	needs pidfd_open (Linux 5.3+)
 * </pre>
 * Line 1 is a magic word, the format version and the report name; line 2 names the columns. {@code area} is the
 * path of {@code @Nested} class display names below the suite class (empty for the suite's own tests),
 * {@code test} the test's display name (a parameterized invocation adds {@code " › "} and its own name);
 * the test's path is {@code area › test}. {@code status} is one of {@link Status}; {@code detail} is the skip
 * reason, the disabled reason, or a one-line failure summary. In every field, backslash, tab, newline and
 * carriage return are written as {@code \\ \t \n \r}.
 */
final class ConformanceReport {

    static final String MAGIC = "#jsyscall-conformance-report";
    static final String VERSION = "1";
    static final String COLUMNS = "area\ttest\tstatus\tdetail";
    /** Joins the display names of a test's path, here and in the matrix. */
    static final String PATH_SEPARATOR = " › ";

    enum Status {
        PASSED, FAILED, SKIPPED, DISABLED;

        String token() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status fromToken(String token) {
            for (Status s : values()) {
                if (s.token().equals(token)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown status '" + token + "' (expected passed, failed, skipped or disabled)");
        }
    }

    /** One test's outcome; {@code detail} is empty when there is nothing to say. */
    record Entry(String area, String test, Status status, String detail) {
        Entry {
            Objects.requireNonNull(area, "area");
            Objects.requireNonNull(test, "test");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
        }

        String path() {
            return area.isEmpty() ? test : area + PATH_SEPARATOR + test;
        }
    }

    private final String name;
    private final List<Entry> entries;

    ConformanceReport(String name, List<Entry> entries) {
        this.name = Objects.requireNonNull(name, "name");
        this.entries = List.copyOf(entries);
    }

    String name() {
        return name;
    }

    List<Entry> entries() {
        return entries;
    }

    /**
     * The file name for a report: {@code "ffm (JDK 25)"} becomes {@code "ffm-jdk-25.tsv"}; anything but ASCII
     * letters and digits becomes one dash, so the name is safe on every file system and in a shell.
     */
    static String fileName(String reportName) {
        StringBuilder slug = new StringBuilder();
        for (char c : reportName.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                slug.append(c);
            } else if (slug.length() > 0 && slug.charAt(slug.length() - 1) != '-') {
                slug.append('-');
            }
        }
        while (slug.length() > 0 && slug.charAt(slug.length() - 1) == '-') {
            slug.setLength(slug.length() - 1);
        }
        return (slug.length() == 0 ? "report" : slug) + ".tsv";
    }

    String toTsv() {
        StringBuilder out = new StringBuilder();
        out.append(MAGIC).append('\t').append(VERSION).append('\t').append(escape(name)).append('\n');
        out.append(COLUMNS).append('\n');
        for (Entry e : entries) {
            out.append(escape(e.area())).append('\t')
                    .append(escape(e.test())).append('\t')
                    .append(e.status().token()).append('\t')
                    .append(escape(e.detail())).append('\n');
        }
        return out.toString();
    }

    /** Writes the report into {@code dir} (created if needed) and returns the file. */
    Path writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(fileName(name));
            // A matrix build reading the directory must never see half a report.
            Path tmp = Files.createTempFile(dir, ".tmp-", ".tsv");
            try {
                Files.writeString(tmp, toTsv(), StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the conformance report '" + name + "' into " + dir, e);
        }
    }

    /** Reads a report; a malformed file raises an exception naming the file and line. */
    static ConformanceReport read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            String[] h = header == null ? new String[0] : header.split("\t", -1);
            if (h.length != 3 || !h[0].equals(MAGIC)) {
                throw malformed(file, 1, "expected the header '" + MAGIC + "<TAB>" + VERSION + "<TAB><report name>'"
                        + " (is this a jsyscall conformance report?)");
            }
            if (!h[1].equals(VERSION)) {
                throw malformed(file, 1, "format version " + h[1] + " is not supported (this reader knows " + VERSION + ")");
            }
            String name = unescape(h[2], file, 1);
            if (!COLUMNS.equals(in.readLine())) {
                throw malformed(file, 2, "expected the column line '" + COLUMNS.replace("\t", "<TAB>") + "'");
            }
            List<Entry> entries = new ArrayList<>();
            int lineNo = 2;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                String[] f = line.split("\t", -1);
                if (f.length != 4) {
                    throw malformed(file, lineNo, "expected 4 tab-separated fields, found " + f.length);
                }
                Status status;
                try {
                    status = Status.fromToken(f[2]);
                } catch (IllegalArgumentException e) {
                    throw malformed(file, lineNo, e.getMessage());
                }
                entries.add(new Entry(unescape(f[0], file, lineNo), unescape(f[1], file, lineNo), status,
                        unescape(f[3], file, lineNo)));
            }
            return new ConformanceReport(name, entries);
        }
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String s, Path file, int lineNo) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = i + 1 < s.length() ? s.charAt(++i) : '\0';
            switch (next) {
                case '\\' -> out.append('\\');
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                default -> throw malformed(file, lineNo, "bad escape '\\" + (next == '\0' ? "" : next)
                        + "' (only \\\\ \\t \\n \\r are allowed)");
            }
        }
        return out.toString();
    }

    private static IllegalArgumentException malformed(Path file, int lineNo, String what) {
        return new IllegalArgumentException(file + ":" + lineNo + ": " + what);
    }
}
