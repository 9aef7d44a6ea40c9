// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * docs/guide.md shows the examples as the build compiles and runs them: each Java and shell block names a tagged
 * region of this module's test sources and equals it. {@code -Djsyscall.guide.update=true} copies the sources into
 * the guide instead of failing (then review the change with git diff).
 */
class GuideInSyncTest {

    @Test
    @DisplayName("every java and sh block of docs/guide.md equals the tagged source it names")
    void guideShowsTheTestedSources() throws IOException {
        Map<String, String> tags = Snippets.tags();
        String guide = Snippets.read(Snippets.guide());
        if (Boolean.getBoolean("jsyscall.guide.update")) {
            Files.writeString(Snippets.guide(), Snippets.updated(guide, tags), StandardCharsets.UTF_8);
            guide = Snippets.read(Snippets.guide());
        }
        assertThat(tags).as("tagged examples in guide/src/test").isNotEmpty();
        List<String> problems = Snippets.problems(guide, tags);
        assertThat(problems).as("docs/guide.md against guide/src/test:\n%s", String.join("\n\n", problems))
                .isEmpty();
    }

    @Test
    @DisplayName("a block that drifted from its source fails with a diff naming the line")
    void driftIsReportedWithADiff() {
        Map<String, String> tags = Map.of("hello", "String s = \"hi\";\nint n = 1;\n");
        String guide = "# t\n\n<!-- example: hello -->\n```java\nString s = \"hello\";\nint n = 1;\n```\n";
        List<String> problems = Snippets.problems(guide, tags);
        assertThat(problems).singleElement().asString()
                .contains("docs/guide.md:4: example hello differs")
                .contains("- String s = \"hi\";\n+ String s = \"hello\";\n  int n = 1;");
        assertThat(Snippets.problems(Snippets.updated(guide, tags), tags)).isEmpty();
    }

    @Test
    @DisplayName("an unmarked java block, an unknown example and a tag never shown are each reported")
    void missingMarkersAndUnusedTags() {
        Map<String, String> tags = Map.of("used", "a();\n", "unused", "b();\n");
        String guide = "```java\nx();\n```\n\n<!-- example: used -->\n```java\na();\n```\n"
                + "<!-- example: nope -->\n```sh\nls\n```\n\n```python\nprint(1)\n```\n";
        assertThat(Snippets.problems(guide, tags)).satisfiesExactly(
                p -> assertThat(p).startsWith("docs/guide.md:1: a ```java block without <!-- example: NAME -->"),
                p -> assertThat(p).startsWith("docs/guide.md:10: example nope is not tagged"),
                p -> assertThat(p).isEqualTo("example unused is tagged but docs/guide.md never shows it"));
    }

    @Test
    @DisplayName("tagged regions lose their shared indentation; a nested or unclosed tag is refused")
    void tagParsing() {
        String src = "class A {\n    void f() {\n        // tag::x[]\n        if (a) {\n            b();\n        }\n"
                + "\n        // end::x[]\n    }\n}\n# tag::y[]\nls\n# end::y[]\n";
        assertThat(Snippets.tags("A.java", src)).containsExactly(Map.entry("x", "if (a) {\n    b();\n}\n\n"),
                Map.entry("y", "ls\n"));
        assertThatThrownBy(() -> Snippets.tags("B.java", "// tag::a[]\n// tag::b[]\n"))
                .hasMessageContaining("B.java:2: tag b opens inside tag a");
        assertThatThrownBy(() -> Snippets.tags("C.java", "// tag::a[]\nx\n"))
                .hasMessageContaining("C.java: tag a is never closed");
    }
}
