// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.dst;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The blocks of docs/dst.md marked {@code <!-- example: NAME -->} show exactly the region of this module's test
 * sources between {@code // tag::NAME[]} and {@code // end::NAME[]}, which the build compiles and runs: the
 * guide's mechanism (guide's GuideInSyncTest), for the examples of dst.md that are whole tests. Its other blocks
 * are excerpts of the example and fixtures, which ExampleCaughtTest and the others run.
 */
class DstDocExamplesTest {
    private static final Pattern TAG = Pattern.compile("^\\s*// (tag|end)::([a-z0-9-]+)\\[\\]\\s*$");
    private static final Pattern MARKER = Pattern.compile("^<!-- example: ([a-z0-9-]+) -->$");

    @Test
    @DisplayName("every example block of docs/dst.md equals the tagged test source it names, and every tag is shown")
    void examplesAreTheTestedSources() throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (root != null && !Files.isRegularFile(root.resolve("docs/dst.md"))) {
            root = root.getParent();
        }
        assertThat(root).as("a parent of %s holding docs/dst.md", System.getProperty("user.dir")).isNotNull();
        Map<String, String> tags = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(root.resolve("dst/src/test/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                tags.putAll(tags(Files.readString(f)));
            }
        }
        assertThat(tags).as("tagged examples in dst/src/test").isNotEmpty();
        List<String> problems = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        String[] lines = Files.readString(root.resolve("docs/dst.md")).split("\n", -1);
        for (int i = 0; i + 1 < lines.length; i++) {
            Matcher m = MARKER.matcher(lines[i].strip());
            if (!m.matches()) {
                continue;
            }
            String name = m.group(1);
            shown.add(name);
            if (!lines[i + 1].startsWith("```")) {
                problems.add("docs/dst.md:" + (i + 1) + ": example " + name + " is not followed by a fenced block");
                continue;
            }
            StringBuilder block = new StringBuilder();
            for (int j = i + 2; j < lines.length && !lines[j].startsWith("```"); j++) {
                block.append(lines[j]).append('\n');
            }
            if (!block.toString().equals(tags.get(name))) {
                problems.add("docs/dst.md:" + (i + 2) + ": example " + name + " differs from its tagged source:\n"
                        + "--- source\n" + tags.get(name) + "--- docs/dst.md\n" + block);
            }
        }
        for (String t : tags.keySet()) {
            if (!shown.contains(t)) {
                problems.add("example " + t + " is tagged but docs/dst.md never shows it");
            }
        }
        assertThat(problems).as("docs/dst.md against dst/src/test:\n%s", String.join("\n", problems)).isEmpty();
    }

    /** The tagged regions of one source, each without the indentation its lines share. */
    private static Map<String, String> tags(String text) {
        Map<String, String> found = new LinkedHashMap<>();
        String open = null;
        List<String> body = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            Matcher m = TAG.matcher(line);
            if (!m.matches()) {
                if (open != null) {
                    body.add(line);
                }
            } else if (m.group(1).equals("tag")) {
                open = m.group(2);
                body.clear();
            } else {
                found.put(open, dedent(body));
                open = null;
            }
        }
        return found;
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.isBlank() ? "" : l.substring(indent).stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
