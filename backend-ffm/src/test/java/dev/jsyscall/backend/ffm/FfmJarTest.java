// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.ffm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.spi.SyscallBackendProvider;
import dev.jsyscall.testkit.internal.OtherJvm;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, as users get it (run by the pom after {@code package}): a Multi-Release jar that Java 17 loads
 * on the class path and on the module path, where FfmProvider says why ffm is unavailable, and that Java 22+ runs.
 */
class FfmJarTest {
    private static final String ON_17 = "ffm|false|needs Java 22+ (running 17)";

    private static Path jar;
    private static String apiAndJar;

    @TempDir
    Path dir;

    @BeforeAll
    static void locate() throws Exception {
        String configured = System.getProperty("jsyscall.ffm.jar");
        // -Dtest=FfmJarTest also selects it in the test phase, before the jar exists; the pom's jar-test
        // execution, after package, names the jar
        Assumptions.assumeTrue(configured != null, "runs after package, in the pom's jar-test execution");
        jar = Paths.get(configured);
        assertThat(jar).exists();
        Path api = Paths.get(SyscallBackendProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        apiAndJar = api + File.pathSeparator + jar;
    }

    private static int majorVersion(JarFile file, String entry) throws IOException {
        assertThat(file.getJarEntry(entry)).as(entry).isNotNull();
        try (InputStream in = file.getInputStream(file.getJarEntry(entry))) {
            DataInputStream data = new DataInputStream(in);
            data.readInt();
            data.readUnsignedShort();
            return data.readUnsignedShort();
        }
    }

    @Test
    @DisplayName("the base is release 17 (module-info, FfmProvider) and the FFM classes are under versions/22 only")
    void layout() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Multi-Release")).isEqualTo("true");
            assertThat(majorVersion(file, "module-info.class")).isEqualTo(61);
            assertThat(majorVersion(file, "dev/jsyscall/backend/ffm/FfmProvider.class")).isEqualTo(61);
            assertThat(file.getJarEntry("dev/jsyscall/backend/ffm/FfmNativeAccess.class")).isNull();
            assertThat(majorVersion(file, "META-INF/versions/22/dev/jsyscall/backend/ffm/FfmNativeAccess.class"))
                    .isEqualTo(66);
        }
    }

    @Test
    @DisplayName("Java 17, class path: the provider loads and says ffm needs Java 22+")
    void java17ClassPath() throws Exception {
        Path java17 = OtherJvm.requireJdk(feature -> feature == 17, "JDK 17");
        OtherJvm.Listing run = OtherJvm.listProviders(java17, apiAndJar, dir);
        assertThat(run.exitStatus()).as("%s", run).isZero();
        assertThat(run.lines()).as("%s", run).contains(ON_17);
    }

    @Test
    @DisplayName("Java 17, module path: the release-17 module-info is readable, and ffm says it needs Java 22+")
    void java17ModulePath() throws Exception {
        Path java17 = OtherJvm.requireJdk(feature -> feature == 17, "JDK 17");
        Files.createDirectories(dir.resolve("empty"));
        OtherJvm.Listing run = OtherJvm.listProviders(java17, dir.resolve("empty").toString(), dir,
                "--module-path", apiAndJar, "--add-modules", "ALL-MODULE-PATH");
        assertThat(run.exitStatus()).as("%s", run).isZero();
        assertThat(run.lines()).as("%s", run).contains(ON_17);
    }

    @Test
    @DisplayName("Java 22+, module path: the versioned classes are found and ffm is available")
    void java22ModulePath() throws Exception {
        Path java = OtherJvm.requireJdk(feature -> feature >= 22, "JDK 22+");
        Files.createDirectories(dir.resolve("empty"));
        OtherJvm.Listing run = OtherJvm.listProviders(java, dir.resolve("empty").toString(), dir,
                "--module-path", apiAndJar, "--add-modules", "ALL-MODULE-PATH",
                "--enable-native-access=dev.jsyscall.backend.ffm");
        assertThat(run.exitStatus()).as("%s", run).isZero();
        assertThat(run.lines()).as("%s", run).anyMatch(line -> line.startsWith("ffm|true|"));
    }

    @Test
    @DisplayName("Java 22+, class path: the versioned classes are found and ffm is available")
    void java22ClassPath() throws Exception {
        Path java = OtherJvm.requireJdk(feature -> feature >= 22, "JDK 22+");
        OtherJvm.Listing run = OtherJvm.listProviders(java, apiAndJar, dir, "--enable-native-access=ALL-UNNAMED");
        assertThat(run.exitStatus()).as("%s", run).isZero();
        assertThat(run.lines()).as("%s", run).anyMatch(line -> line.startsWith("ffm|true|"));
    }
}
