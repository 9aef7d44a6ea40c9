// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Not API (the kit's own rules and jsyscall's backend tests use it; it may change in any release). Runs backend
 * discovery in a JVM other than the test's: another Java version, other flags, another class path.
 * That is how a test sees what a user of Java 17, or of {@code --illegal-native-access=deny}, would see.
 *
 * <pre>{@code
 * Path java17 = OtherJvm.requireJdk(feature -> feature == 17, "JDK 17");
 * OtherJvm.Listing run = OtherJvm.listProviders(java17, OtherJvm.testClassPath(), tempDir);
 * assertThat(run.lines()).contains("ffm|false|needs Java 22+ (running 17)");
 * }</pre>
 *
 * @since 0.1
 */
public final class OtherJvm {
    private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");
    private static final Pattern JDK_HOME = Pattern.compile("<jdkHome>([^<]+)</jdkHome>");
    private static final Path TOOLCHAINS = Paths.get(System.getProperty("user.home"), ".m2", "toolchains.xml");

    /** The program: one line {@code id|available|reason} per provider that ServiceLoader yields. */
    private static final String LIST_PROVIDERS = String.join("\n",
            "import dev.jsyscall.spi.SyscallBackendProvider;",
            "import java.util.ServiceLoader;",
            "public class ListProviders {",
            "    public static void main(String[] args) {",
            "        for (SyscallBackendProvider p : ServiceLoader.load(SyscallBackendProvider.class)) {",
            "            System.out.println(p.id() + '|' + p.availability().isAvailable() + '|'",
            "                    + p.availability().reason());",
            "        }",
            "    }",
            "}",
            "");

    private OtherJvm() {}

    /** What the other JVM printed and how it ended. */
    public static final class Listing {
        private final int exitStatus;
        private final List<String> lines;
        private final String stderr;

        Listing(int exitStatus, List<String> lines, String stderr) {
            this.exitStatus = exitStatus;
            this.lines = lines;
            this.stderr = stderr;
        }

        /**
         * The exit status of the listing JVM.
         *
         * @return the status
         */
        public int exitStatus() {
            return exitStatus;
        }

        /**
         * One {@code id|available|reason} line per provider found.
         *
         * @return the lines
         */
        public List<String> lines() {
            return lines;
        }

        /**
         * What the listing JVM wrote to stderr.
         *
         * @return the text
         */
        public String stderr() {
            return stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitStatus + ", stdout " + lines + ", stderr:\n" + stderr;
        }
    }

    /**
     * This test JVM's class path, as the build gave it.
     *
     * @return the class path
     */
    public static String testClassPath() {
        return System.getProperty("java.class.path");
    }

    /**
     * The test's class path without the entries whose file name contains {@code fragment}.
     *
     * @param fragment the part of a file name to leave out, e.g. {@code "jnr"}
     * @return the class path
     */
    public static String testClassPathWithout(String fragment) {
        return Arrays.stream(testClassPath().split(java.io.File.pathSeparator))
                .filter(entry -> !Paths.get(entry).getFileName().toString().contains(fragment))
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    /**
     * The {@code java} launcher of a JDK whose feature version matches: this JVM's if it does, else one named by
     * {@code -Djsyscall.test.jdk<feature>.home}, else one of Maven's toolchains ({@code ~/.m2/toolchains.xml},
     * which the project's {@code build/jdks} writes). If there is none the test is skipped with the reason,
     * except when the environment says {@code CI=true}: then it fails.
     *
     * @param feature accepts the wanted feature versions
     * @param description the wanted versions, for the skip message
     * @return the launcher's path
     */
    public static Path requireJdk(IntPredicate feature, String description) {
        Optional<Path> java = findJdk(feature);
        if (java.isEmpty()) {
            String why = "this test needs a " + description + " and found none (this JVM is "
                    + Runtime.version().feature() + ", none in " + TOOLCHAINS + "); run build/jdks to list the JDKs"
                    + " installed there, or set -Djsyscall.test.jdk<N>.home";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        return java.get();
    }

    private static Optional<Path> findJdk(IntPredicate feature) {
        if (feature.test(Runtime.version().feature())) {
            return Optional.of(Paths.get(System.getProperty("java.home"), "bin", "java"));
        }
        for (int n = 8; n < 100; n++) {
            String configured = System.getProperty("jsyscall.test.jdk" + n + ".home");
            if (configured != null && feature.test(n)) {
                return Optional.of(Paths.get(configured, "bin", "java"));
            }
        }
        if (!Files.isRegularFile(TOOLCHAINS)) {
            return Optional.empty();
        }
        try {
            // Maven's toolchains format: a jdkHome element per JDK; a regular expression is enough for it and
            // keeps java.xml out of the kit's module
            Matcher homes = JDK_HOME.matcher(Files.readString(TOOLCHAINS));
            List<Path> found = new ArrayList<>();
            while (homes.find()) {
                found.add(Paths.get(homes.group(1).strip()));
            }
            return found.stream()
                    .filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> featureOf(home).stream().anyMatch(feature::test))
                    .map(home -> home.resolve("bin/java"))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Integer> featureOf(Path home) {
        try {
            Matcher m = JAVA_VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // a directory without a release file is not a JDK we can use
        }
    }

    /**
     * Runs the listing program with {@code java} (the source launcher) on {@code classPath}.
     *
     * @param java the launcher
     * @param classPath the class path
     * @param workDir the working directory
     * @param jvmOptions options before the program
     * @return the listing
     * @throws java.io.IOException if the JVM cannot be started or read
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    public static Listing listProviders(Path java, String classPath, Path workDir, String... jvmOptions)
            throws IOException, InterruptedException {
        Path source = workDir.resolve("ListProviders.java");
        Files.writeString(source, LIST_PROVIDERS);
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(Arrays.asList(jvmOptions));
        command.add("-cp");
        command.add(classPath);
        command.add(source.toString());
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("no answer within 60 s from " + command);
        }
        return new Listing(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
