// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The tagged regions of the example sources ({@code // tag::NAME[]} ... {@code // end::NAME[]}, or with {@code #}
 * in shell files) and the fenced blocks of the guide that show them ({@code <!-- example: NAME -->} on the line
 * before): the guide shows exactly what the build compiles and runs, or {@link #problems} says where it does not.
 */
final class Snippets {
    private static final Pattern TAG = Pattern.compile("^\\s*(?://|#) (tag|end)::([a-z0-9-]+)\\[\\]\\s*$");
    private static final Pattern MARKER = Pattern.compile("^<!-- example: ([a-z0-9-]+) -->$");
    private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");
    /** The languages whose blocks must be examples; others (Python, for comparison) are free text. */
    private static final List<String> CHECKED = List.of("java", "sh");

    private Snippets() {
    }

    /** The repository's root: the build passes it, so that the checks read the files themselves. */
    static Path root() {
        String root = System.getProperty("jsyscall.guide.root");
        if (root == null) {
            throw new IllegalStateException("the system property jsyscall.guide.root is not set (the guide module's"
                    + " pom sets it for surefire; run the tests through Maven)");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    static Path guide() {
        return root().resolve("docs/guide.md");
    }

    /** Every tagged region of the guide module's test sources, by name. */
    static Map<String, String> tags() {
        Map<String, String> all = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(root().resolve("guide/src/test"))) {
            for (Path f : files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                for (Map.Entry<String, String> e : tags(f.toString(), Files.readString(f)).entrySet()) {
                    if (all.put(e.getKey(), e.getValue()) != null) {
                        throw new IllegalStateException("tag " + e.getKey() + " is defined twice (again in " + f + ")");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** The tagged regions of one file, each without the indentation its lines share. */
    static Map<String, String> tags(String file, String text) {
        Map<String, String> found = new LinkedHashMap<>();
        String open = null;
        List<String> body = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = TAG.matcher(lines[i]);
            if (!m.matches()) {
                if (open != null) {
                    body.add(lines[i]);
                }
                continue;
            }
            String where = file + ":" + (i + 1);
            if (m.group(1).equals("tag")) {
                if (open != null) {
                    throw new IllegalStateException(where + ": tag " + m.group(2) + " opens inside tag " + open);
                }
                open = m.group(2);
                body.clear();
            } else {
                if (!m.group(2).equals(open)) {
                    throw new IllegalStateException(where + ": end::" + m.group(2) + " closes "
                            + (open == null ? "nothing" : "tag " + open));
                }
                if (found.put(open, dedent(body)) != null) {
                    throw new IllegalStateException(where + ": tag " + open + " is defined twice");
                }
                open = null;
            }
        }
        if (open != null) {
            throw new IllegalStateException(file + ": tag " + open + " is never closed");
        }
        return found;
    }

    private static String dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.isBlank() ? "" : l.substring(indent).stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** A fenced block of the guide: its language, the example it names (null: none), its text and place. */
    static final class Block {
        final String language;
        final String example;
        final String text;
        final int firstLine;
        final int lastLine;

        Block(String language, String example, String text, int firstLine, int lastLine) {
            this.language = language;
            this.example = example;
            this.text = text;
            this.firstLine = firstLine;
            this.lastLine = lastLine;
        }
    }

    /** The fenced blocks of {@code markdown}; lines are counted from 0, fences included. */
    static List<Block> blocks(String markdown) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        String previous = "";
        for (int i = 0; i < lines.length; i++) {
            Matcher fence = FENCE.matcher(lines[i]);
            if (!fence.matches()) {
                if (!lines[i].isBlank()) {
                    previous = lines[i];
                }
                continue;
            }
            int start = i;
            StringBuilder text = new StringBuilder();
            for (i++; i < lines.length && !lines[i].startsWith("```"); i++) {
                text.append(lines[i]).append('\n');
            }
            Matcher marker = MARKER.matcher(previous.strip());
            blocks.add(new Block(fence.group(1), marker.matches() ? marker.group(1) : null, text.toString(), start,
                    i));
            previous = "";
        }
        return blocks;
    }

    /**
     * What is wrong with {@code markdown}'s examples against {@code tags}: a Java or shell block that names no
     * example or an unknown one, a block that differs from its source (with a diff), a tag the guide never shows.
     */
    static List<String> problems(String markdown, Map<String, String> tags) {
        List<String> problems = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (Block b : blocks(markdown)) {
            String where = "docs/guide.md:" + (b.firstLine + 1);
            if (b.example == null) {
                if (CHECKED.contains(b.language)) {
                    problems.add(where + ": a ```" + b.language + " block without <!-- example: NAME --> on the line"
                            + " before it; every such block must be a tagged example that the build runs");
                }
                continue;
            }
            shown.add(b.example);
            String source = tags.get(b.example);
            if (source == null) {
                problems.add(where + ": example " + b.example + " is not tagged in guide/src/test (tags: "
                        + tags.keySet() + ")");
            } else if (!source.equals(b.text)) {
                problems.add(where + ": example " + b.example + " differs from its source (- source, + guide);"
                        + " run with -Djsyscall.guide.update=true to copy the sources into the guide:\n"
                        + diff(source, b.text));
            }
        }
        for (String t : tags.keySet()) {
            if (!shown.contains(t)) {
                problems.add("example " + t + " is tagged but docs/guide.md never shows it");
            }
        }
        return problems;
    }

    /** {@code markdown} with every example block replaced by its source. */
    static String updated(String markdown, Map<String, String> tags) {
        String[] lines = markdown.split("\n", -1);
        List<Block> blocks = blocks(markdown);
        StringBuilder sb = new StringBuilder();
        int next = 0;
        for (Block b : blocks) {
            if (b.example == null || !tags.containsKey(b.example)) {
                continue;
            }
            for (; next <= b.firstLine; next++) {
                sb.append(lines[next]).append('\n');
            }
            sb.append(tags.get(b.example));
            next = b.lastLine;
        }
        for (; next < lines.length; next++) {
            sb.append(lines[next]).append(next == lines.length - 1 ? "" : "\n");
        }
        return sb.toString();
    }

    /** A line diff (longest common subsequence), enough for blocks of a few dozen lines. */
    static String diff(String expected, String actual) {
        String[] a = expected.split("\n");
        String[] b = actual.split("\n");
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                sb.append("  ").append(a[i++]).append('\n');
                j++;
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                sb.append("- ").append(a[i++]).append('\n');
            } else {
                sb.append("+ ").append(b[j++]).append('\n');
            }
        }
        return sb.toString();
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
