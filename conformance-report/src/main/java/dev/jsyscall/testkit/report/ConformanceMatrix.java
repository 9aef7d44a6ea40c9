// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit.report;

import dev.jsyscall.testkit.report.ConformanceReport.Entry;
import dev.jsyscall.testkit.report.ConformanceReport.Status;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Assembles the per-backend reports written by {@link ConformanceReportExtension} into the markdown matrix
 * {@code docs/conformance.md}: one row per test, one column per backend and JDK.
 *
 * <pre>{@code
 * java -cp jsyscall-testkit.jar:conformance-report/target/classes dev.jsyscall.testkit.report.ConformanceMatrix \
 *     docs/conformance.md backend-ffm/target/conformance backend-jnr/target/conformance
 * }</pre>
 *
 * <p>Arguments: the output file, then report files or directories (scanned for {@code *.tsv}, not recursively).
 * A path that does not exist is skipped with a note. With no report at all the command fails (exit status 1)
 * unless {@code --required=false} is given, in which case it leaves the output untouched. The output depends only
 * on the reports' contents, never on the time or the paths, so regenerating from the same results gives the same
 * bytes; an unchanged file is not rewritten.
 *
 * <p>{@code --append=<file.md>} adds a section generated elsewhere (the differential campaign's, from the
 * {@code differential} module) after the matrix, as it is; a file that does not exist is skipped with a note.
 *
 * <p>Columns: ffm, jnr, fake, then other backends alphabetically; a backend's columns by JDK. Rows: grouped by
 * area ({@code @Nested} class), both in the order first seen in the reports taken in column order. Cells:
 * {@code pass}, {@code FAIL}, {@code skip} with a footnote number for the reason (identical reasons share a
 * number; a disabled test counts as skipped), {@code —} when the report has no such test.
 *
 * @since 0.1
 */
public final class ConformanceMatrix {

    static final String USAGE = "usage: ConformanceMatrix [--required=true|false] [--append=<section.md>]... <output.md> <report-dir-or-tsv>...";
    private static final List<String> KNOWN_BACKENDS = List.of("ffm", "jnr", "fake");
    private static final Pattern JDK = Pattern.compile("\\bJDK\\s*(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final String SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    private static final String MISSING = "—";

    private ConformanceMatrix() {
    }

    /**
     * Runs the generator; exits with status 1 on a missing or malformed report, 2 on bad arguments.
     *
     * @param args options, the output file and the reports, as the usage message printed on bad arguments says
     */
    public static void main(String[] args) {
        int status = run(Arrays.asList(args), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean required = true;
        List<String> positional = new ArrayList<>();
        List<Path> sections = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--required=")) {
                String value = arg.substring("--required=".length());
                if (!value.equals("true") && !value.equals("false")) {
                    err.println("ConformanceMatrix: --required takes true or false, not '" + value + "'\n" + USAGE);
                    return 2;
                }
                required = Boolean.parseBoolean(value);
            } else if (arg.startsWith("--append=")) {
                sections.add(Paths.get(arg.substring("--append=".length())).normalize());
            } else if (arg.startsWith("--")) {
                err.println("ConformanceMatrix: unknown option " + arg + "\n" + USAGE);
                return 2;
            } else {
                positional.add(arg);
            }
        }
        if (positional.size() < 2) {
            err.println("ConformanceMatrix: give the output file and at least one report directory or file\n" + USAGE);
            return 2;
        }
        // normalize(): Maven passes module/../backend-x/...; messages read better without the detour.
        Path output = Paths.get(positional.get(0)).normalize();
        List<Path> inputs = positional.subList(1, positional.size()).stream().map(p -> Paths.get(p).normalize())
                .toList();
        try {
            List<Path> files = new ArrayList<>();
            for (Path input : inputs) {
                if (Files.isDirectory(input)) {
                    List<Path> found = tsvFilesIn(input);
                    if (found.isEmpty()) {
                        err.println("ConformanceMatrix: no *.tsv report in " + input + ", skipped");
                    }
                    files.addAll(found);
                } else if (Files.isRegularFile(input)) {
                    files.add(input);
                } else {
                    err.println("ConformanceMatrix: " + input + " does not exist, skipped"
                            + " (that backend's conformance tests did not run in this build)");
                }
            }
            if (files.isEmpty()) {
                String what = "no conformance report found in " + inputs.stream().map(Path::toString)
                        .reduce((a, b) -> a + ", " + b).orElse("") + ". Run the backends' tests first "
                        + "(./mvnw verify writes them to <backend>/target/conformance/*.tsv).";
                if (required) {
                    err.println("ConformanceMatrix: " + what);
                    return 1;
                }
                err.println("ConformanceMatrix: " + what + " " + output + " left unchanged.");
                return 0;
            }
            List<ConformanceReport> reports = new ArrayList<>();
            Map<String, Path> seen = new HashMap<>();
            for (Path file : files) {
                ConformanceReport report = ConformanceReport.read(file);
                Path previous = seen.putIfAbsent(report.name(), file);
                if (previous != null) {
                    err.println("ConformanceMatrix: two reports are named '" + report.name() + "': " + previous
                            + " and " + file + ". Delete the stale one.");
                    return 1;
                }
                reports.add(report);
            }
            StringBuilder markdown = new StringBuilder(render(reports));
            for (Path section : sections) {
                if (Files.isRegularFile(section)) {
                    markdown.append('\n').append(Files.readString(section, StandardCharsets.UTF_8));
                } else {
                    err.println("ConformanceMatrix: " + section + " does not exist, section skipped"
                            + " (the module that writes it did not run in this build)");
                }
            }
            byte[] bytes = markdown.toString().getBytes(StandardCharsets.UTF_8);
            if (Files.isRegularFile(output) && Arrays.equals(Files.readAllBytes(output), bytes)) {
                out.println("ConformanceMatrix: " + output + " is up to date (" + reports.size() + " reports)");
            } else {
                Path parent = output.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.write(output, bytes);
                out.println("ConformanceMatrix: wrote " + output + " from " + reports.size() + " reports");
            }
            return 0;
        } catch (IOException | UncheckedIOException e) {
            err.println("ConformanceMatrix: " + e);
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("ConformanceMatrix: malformed report: " + e.getMessage());
            return 1;
        }
    }

    private static List<Path> tsvFilesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tsv") && Files.isRegularFile(p))
                    .sorted().toList();
        }
    }

    /** The column order: ffm, jnr, fake, others by name; then by JDK; then by the full name. */
    static final Comparator<String> COLUMN_ORDER = Comparator
            .comparingInt((String name) -> {
                int i = KNOWN_BACKENDS.indexOf(backend(name));
                return i < 0 ? KNOWN_BACKENDS.size() : i;
            })
            .thenComparing(ConformanceMatrix::backend)
            .thenComparingInt(ConformanceMatrix::jdk)
            .thenComparing(Comparator.naturalOrder());

    /** The backend id: the report name up to the first blank or parenthesis, e.g. {@code "ffm"}. */
    static String backend(String reportName) {
        String s = reportName.strip();
        int end = 0;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '(') {
            end++;
        }
        return s.substring(0, end).toLowerCase(Locale.ROOT);
    }

    private static int jdk(String reportName) {
        Matcher m = JDK.matcher(reportName);
        // Ten digits or more is no JDK we will see; it must not throw either.
        return m.find() && m.group(1).length() < 10 ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    static String render(List<ConformanceReport> unordered) {
        List<ConformanceReport> reports = new ArrayList<>(unordered);
        reports.sort(Comparator.comparing(ConformanceReport::name, COLUMN_ORDER));

        // area -> test -> one result per report (null: the report lacks the test), in first-seen order.
        Map<String, Map<String, Entry[]>> areas = new LinkedHashMap<>();
        for (int col = 0; col < reports.size(); col++) {
            for (Entry e : reports.get(col).entries()) {
                Entry[] row = areas.computeIfAbsent(e.area(), a -> new LinkedHashMap<>())
                        .computeIfAbsent(e.test(), t -> new Entry[reports.size()]);
                // Two classes with one report name may have run the same test: the worst outcome shows.
                if (row[col] == null || severity(e.status()) > severity(row[col].status())) {
                    row[col] = e;
                }
            }
        }

        StringBuilder md = new StringBuilder();
        md.append("# Conformance matrix\n\n");
        md.append("Generated by `./mvnw verify` (module `conformance-report` runs `")
                .append(ConformanceMatrix.class.getName())
                .append("` over each backend's `target/conformance/*.tsv`); do not edit by hand.\n\n");
        md.append("Each column is one backend on one JDK running `SyscallConformanceSuite`. `pass` passed, `FAIL` "
                + "failed, `skip` was skipped or disabled (the number points to the reason below), `")
                .append(MISSING).append("` means that run has no such test.\n\n");

        md.append("## Summary\n\n");
        md.append("| Report | passed | failed | skipped | total |\n");
        md.append("|---|---:|---:|---:|---:|\n");
        for (int col = 0; col < reports.size(); col++) {
            int passed = 0;
            int failed = 0;
            int skipped = 0;
            for (Map<String, Entry[]> tests : areas.values()) {
                for (Entry[] row : tests.values()) {
                    Entry e = row[col];
                    if (e == null) {
                        continue;
                    }
                    switch (e.status()) {
                        case PASSED -> passed++;
                        case FAILED -> failed++;
                        case SKIPPED, DISABLED -> skipped++;
                    }
                }
            }
            md.append("| ").append(markdown(reports.get(col).name())).append(" | ").append(passed).append(" | ")
                    .append(failed).append(" | ").append(skipped).append(" | ").append(passed + failed + skipped)
                    .append(" |\n");
        }

        md.append("\n## Matrix\n");
        Map<String, Integer> footnotes = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Entry[]>> area : areas.entrySet()) {
            md.append("\n### ").append(area.getKey().isEmpty() ? "Top-level tests" : markdown(area.getKey()))
                    .append("\n\n");
            md.append("| Test |");
            for (ConformanceReport r : reports) {
                md.append(' ').append(markdown(r.name())).append(" |");
            }
            md.append("\n|---|");
            md.append("---|".repeat(reports.size()));
            md.append('\n');
            for (Map.Entry<String, Entry[]> test : area.getValue().entrySet()) {
                md.append("| ").append(markdown(test.getKey())).append(" |");
                for (Entry e : test.getValue()) {
                    md.append(' ').append(cell(e, footnotes)).append(" |");
                }
                md.append('\n');
            }
        }

        if (!footnotes.isEmpty()) {
            md.append("\n## Skip reasons\n\n");
            for (Map.Entry<String, Integer> f : footnotes.entrySet()) {
                md.append(f.getValue()).append(". ").append(markdown(f.getKey())).append('\n');
            }
        }
        return md.toString();
    }

    private static int severity(Status s) {
        return switch (s) {
            case PASSED -> 0;
            case DISABLED -> 1;
            case SKIPPED -> 2;
            case FAILED -> 3;
        };
    }

    private static String cell(Entry e, Map<String, Integer> footnotes) {
        if (e == null) {
            return MISSING;
        }
        return switch (e.status()) {
            case PASSED -> "pass";
            case FAILED -> "FAIL";
            case SKIPPED, DISABLED -> {
                String reason = e.detail().strip().replaceAll("\\s+", " ");
                if (reason.isEmpty()) {
                    reason = "no reason given";
                }
                int n = footnotes.computeIfAbsent(reason, r -> footnotes.size() + 1);
                yield "skip" + superscript(n);
            }
        };
    }

    private static String superscript(int n) {
        StringBuilder s = new StringBuilder();
        for (char c : Integer.toString(n).toCharArray()) {
            s.append(SUPERSCRIPT_DIGITS.charAt(c - '0'));
        }
        return s.toString();
    }

    /**
     * Text as it must appear in a markdown table cell or heading: one line, with the characters that markdown
     * would read as a cell border, emphasis, code, a link or HTML escaped, so a display name shows verbatim.
     */
    static String markdown(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        StringBuilder out = new StringBuilder(oneLine.length());
        for (char c : oneLine.toCharArray()) {
            if ("\\|`*_[]<>".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
