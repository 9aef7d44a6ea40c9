// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code jsyscall run} beside the coreutils and util-linux tools it stands in for: the same case through the tool
 * installed on this machine and through jsyscall, compared, so that a change in either shows up here rather than
 * in a user's script.
 */
class DifferentialTest {

    /** A tool of this machine run directly; stdout and stderr kept apart. */
    static JsyscallCliTest.Result tool(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null")));
        java.io.File err = java.io.File.createTempFile("tool", ".err");
        try {
            Process p = pb.redirectError(err).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s ended", cmd).isTrue();
            return new JsyscallCliTest.Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    java.nio.file.Files.readString(err.toPath()), 0);
        } finally {
            java.nio.file.Files.delete(err.toPath());
        }
    }

    static Stream<Arguments> exitCodes() {
        return Stream.of(
            Arguments.of("success", List.of("env", "/bin/true"), List.of("run", "--", "/bin/true"), 0),
            Arguments.of("the program's own 2", List.of("env", "/bin/sh", "-c", "exit 2"),
                    List.of("run", "--", "/bin/sh", "-c", "exit 2"), 2),
            Arguments.of("an unknown option", List.of("env", "--no-such-option", "/bin/true"),
                    List.of("run", "--no-such-option", "--", "/bin/true"), 125),
            Arguments.of("a bad option value", List.of("timeout", "soon", "/bin/true"),
                    List.of("run", "--timeout", "soon", "--", "/bin/true"), 125),
            Arguments.of("no operand", List.of("timeout"), List.of(), 125),
            Arguments.of("a failed set-up step", List.of("env", "-C", "/nonexistent", "/bin/true"),
                    List.of("run", "--cwd", "/nonexistent", "--", "/bin/true"), 125),
            Arguments.of("a file that cannot be executed", List.of("env", "/etc/passwd"),
                    List.of("run", "--", "/etc/passwd"), 126),
            Arguments.of("a program that does not exist", List.of("env", "/nonexistent/program"),
                    List.of("run", "--", "/nonexistent/program"), 127),
            Arguments.of("a name found in PATH", List.of("env", "sh", "-c", "echo found"),
                    List.of("run", "--", "sh", "-c", "echo found"), 0),
            Arguments.of("a name not in PATH", List.of("env", "jsyscall-no-such-program"),
                    List.of("run", "--", "jsyscall-no-such-program"), 127),
            Arguments.of("a PATH of the program's own", List.of("env", "PATH=/nonexistent", "sh", "-c", "exit 0"),
                    List.of("run", "--env", "PATH=/nonexistent", "--", "sh", "-c", "exit 0"), 127),
            Arguments.of("a timeout", List.of("timeout", "0.3", "/bin/sleep", "10"),
                    List.of("run", "--timeout", "300ms", "--", "/bin/sleep", "10"), 124),
            // 2 s before the TERM: the shell must have run its trap by then, even on a loaded machine (a TERM
            // before the trap ends it at once, 124 instead of 137, for either tool)
            Arguments.of("a timeout that needs SIGKILL", List.of("timeout", "-k", "0.3", "2", "/bin/sh", "-c",
                    "trap '' TERM; /bin/sleep 10"), List.of("run", "--timeout", "2s", "--grace", "300ms", "--",
                    "/bin/sh", "-c", "trap '' TERM; /bin/sleep 10"), 128 + 9),
            Arguments.of("a program killed by SIGTERM", List.of("timeout", "10", "/bin/sh", "-c", "kill -TERM $$"),
                    List.of("run", "--timeout", "10s", "--", "/bin/sh", "-c", "kill -TERM $$"), 128 + 15));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exitCodes")
    @DisplayName("jsyscall run exits as env(1) and timeout(1) do, and is silent when they are")
    void exitCode(String name, List<String> reference, List<String> jsyscall, int expected) throws Exception {
        JsyscallCliTest.Result ref = tool(reference);
        assertThat(ref.exit()).as("%s exits %d here: %s", reference, expected, ref.err()).isEqualTo(expected);
        JsyscallCliTest.Result r = JsyscallCliTest.cli(jsyscall.toArray(new String[0]));
        assertThat(r.exit()).as("%s, stderr: %s", jsyscall, r.err()).isEqualTo(ref.exit());
        assertThat(r.out()).as("stdout of %s", jsyscall).isEqualTo(ref.out());
        // the tool's own words differ; whether it said anything must not
        assertThat(r.err().isEmpty()).as("stderr empty, as %s's (%s); jsyscall wrote: %s", reference.get(0),
                ref.err(), r.err()).isEqualTo(ref.err().isEmpty());
    }

    @Test
    @DisplayName("a file that is neither ELF nor #! runs with /bin/sh, as env(1) runs it through execvp")
    void scriptWithoutInterpreterLine() throws Exception {
        java.nio.file.Path script = java.nio.file.Files.createTempFile("no-shebang", ".sh");
        try {
            java.nio.file.Files.writeString(script, "echo \"ran by sh with $# args: $1\"\n");
            script.toFile().setExecutable(true);
            JsyscallCliTest.Result ref = tool(List.of("env", script.toString(), "one"));
            assertThat(ref.out()).isEqualTo("ran by sh with 1 args: one\n");
            JsyscallCliTest.Result r = JsyscallCliTest.cli("run", "--", script.toString(), "one");
            assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
            assertThat(r.out()).isEqualTo(ref.out());
        } finally {
            java.nio.file.Files.delete(script);
        }
    }

    @Test
    @DisplayName("a name not found says which PATH was searched")
    void notFoundNamesThePath() throws Exception {
        JsyscallCliTest.Result r = JsyscallCliTest.cli("run", "--env", "PATH=/nonexistent:/also-not", "--",
                "jsyscall-no-such-program");
        assertThat(r.exit()).isEqualTo(127);
        assertThat(r.err()).contains("jsyscall-no-such-program").contains("/nonexistent:/also-not");
    }

    /** Starts the CLI's JVM under {@code prefix}, with {@code jvmOptions} added: the helper's launcher hook. */
    private static List<String> launcher(List<String> prefix, String... jvmOptions) {
        List<String> l = new ArrayList<>(prefix);
        l.addAll(List.of("/bin/sh", "-c", "j=$1; shift; exec \"$j\" " + String.join(" ", jvmOptions) + " \"$@\"",
                "sh"));
        return l;
    }

    @ParameterizedTest(name = "nice -n {0} under nice -n {1}")
    @CsvSource({"5, 0", "5, 3", "30, 3", "-100, 0", "-5, 3"})
    @DisplayName("--nice N adds N to the niceness and clamps, as nice -n N")
    void nice(int n, int start) throws Exception {
        List<String> under = List.of("nice", "-n", String.valueOf(start));
        List<String> ref = new ArrayList<>(under);
        ref.addAll(List.of("nice", "-n", String.valueOf(n), "nice"));
        JsyscallCliTest.Result expected = tool(ref);
        // unprivileged, nice(1) warns and runs the program anyway, where jsyscall fails (its help says why)
        Assumptions.assumeThat(expected.err()).as("lowering the niceness needs CAP_SYS_NICE here: %s",
                expected.err()).isEmpty();
        JsyscallCliTest.Result r = JsyscallCliTest.cli(launcher(under), "run", "--nice", String.valueOf(n), "--",
                "/usr/bin/nice");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).as("niceness the program sees").isEqualTo(expected.out());
        assertThat(r.exit()).isZero();
    }

    @Test
    @DisplayName("the last --nice wins, as with nice -n")
    void lastNiceWins() throws Exception {
        JsyscallCliTest.Result expected = tool(List.of("nice", "-n", "7", "-n", "2", "nice"));
        JsyscallCliTest.Result r = JsyscallCliTest.cli("run", "--nice", "7", "--nice", "2", "--", "/usr/bin/nice");
        assertThat(r.out()).isEqualTo(expected.out()).isEqualTo("2\n");
    }

    /** The "Max open files" line of /proc/self/limits in {@code out}. */
    private static String openFiles(String out) {
        return out.lines().filter(l -> l.startsWith("Max open files")).findFirst().orElse("(none in: " + out + ")");
    }

    @ParameterizedTest(name = "--nofile={0}")
    @ValueSource(strings = {"64:", ":2000", "64:128", "64", "unlimited:", ":500", "100 50:", "100:200 :150"})
    @DisplayName("--rlimit nofile=... sets what prlimit --nofile=... sets, an empty side kept, refusing the same")
    void rlimit(String limits) throws Exception {
        // both start from soft 1000, hard 4000; -XX:-MaxFDLimit keeps HotSpot from raising the JVM's soft limit
        // to the hard one, which the program would inherit (./jsyscall passes it too)
        List<String> under = List.of("prlimit", "--nofile=1000:4000");
        List<String> ref = new ArrayList<>(under);
        List<String> args = new ArrayList<>(List.of("run"));
        ref.add("prlimit");
        for (String l : limits.split(" ")) {
            ref.add("--nofile=" + l);
            args.addAll(List.of("--rlimit", "nofile=" + l));
        }
        ref.addAll(List.of("cat", "/proc/self/limits"));
        args.addAll(List.of("--", "/bin/cat", "/proc/self/limits"));
        JsyscallCliTest.Result expected = tool(ref);
        JsyscallCliTest.Result r = JsyscallCliTest.cli(launcher(under, "-XX:-MaxFDLimit"),
                args.toArray(new String[0]));
        if (expected.exit() == 0) {
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(openFiles(r.out())).isEqualTo(openFiles(expected.out()));
        } else {
            // prlimit exits 1 for its own failures; jsyscall, a wrapper like env(1), exits 125
            assertThat(r.exit()).as("refused as prlimit refused (%s)", expected.err()).isEqualTo(JsyscallCli.FAILED);
            assertThat(r.out()).as("the program did not run").isEmpty();
            assertThat(r.err()).startsWith("jsyscall: ");
        }
    }

    @Test
    @DisplayName("an unknown --backend is jsyscall's own failure: 125, with the backends it knows")
    void unknownBackend() throws Exception {
        JsyscallCliTest.Result r = JsyscallCliTest.cli("run", "--backend", "nope", "--", "/bin/true");
        assertThat(r.err()).startsWith("jsyscall: ").contains("nope");
        assertThat(r.exit()).isEqualTo(JsyscallCli.FAILED);
    }
}
