// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every package a published module exports has a {@code package-info.java} with Javadoc: the exported packages are
 * the public surface, and each says what it holds and which layers it may use (docs/architecture.md).
 */
class ExportedPackagesDocumentedTest {
    private static final Pattern EXPORTS = Pattern.compile("^\\s*exports\\s+([\\w.]+)\\s*[;\\s]", Pattern.MULTILINE);

    @Test
    void everyExportedPackageHasAPackageInfoWithJavadoc() throws IOException {
        // the reactor root: surefire runs in this module's directory
        Path root = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).getParent();
        List<Path> moduleInfos;
        try (Stream<Path> modules = Files.list(root)) {
            moduleInfos = modules.map(m -> m.resolve("src/main/java/module-info.java")).filter(Files::isRegularFile)
                    .sorted().toList();
        }
        // api, the three backends, testkit, guice and cli: a wrong root would find none and check nothing
        assertTrue(moduleInfos.size() >= 7, () -> "found only " + moduleInfos + " under " + root);
        List<String> missing = new ArrayList<>();
        int exported = 0;
        for (Path moduleInfo : moduleInfos) {
            // drop comments, so that an export that was commented out does not count
            String source = Files.readString(moduleInfo).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
            Matcher m = EXPORTS.matcher(source);
            while (m.find()) {
                exported++;
                Path info = moduleInfo.resolveSibling(m.group(1).replace('.', '/')).resolve("package-info.java");
                if (!Files.isRegularFile(info) || !Files.readString(info).contains("/**")) {
                    missing.add(root.relativize(info).toString());
                }
            }
        }
        assertTrue(exported > 0, "no exports found");
        assertEquals(List.of(), missing, "exported packages without a documented package-info.java");
    }
}
