// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Runs the CLI in a separate JVM, as a user would: the programs it launches write to the real stdout, which
 * must not mix with the test JVM's channel to the build.
 */
class JsyscallCliTest {

    record Result(int exit, String out, String err, long millis) {
    }

    static Result cli(String... args) throws IOException, InterruptedException {
        return cli(List.of(), args);
    }

    /** Runs the CLI's JVM through {@code launcher} (a command that ends by exec'ing its arguments). */
    static Result cli(List<String> launcher, String... args) throws IOException, InterruptedException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
                // a short-lived JVM: C2 compilations only slow it down on a shared machine; -UsePerfData as the
                // launcher (its warning about another JVM's hsperfdata file would go to stdout)
                "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
                JsyscallCli.class.getName()));
        cmd.addAll(List.of(args));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        // stderr on another thread: a child writing much to it must not block while we read stdout
        StringBuilder err = new StringBuilder();
        Thread errReader = new Thread(() -> {
            try {
                err.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.append("(reading stderr failed: ").append(e).append(')');
            }
        });
        errReader.start();
        byte[] out = p.getInputStream().readAllBytes();
        errReader.join();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), err.toString(), millis);
    }

    /** Fields of a /proc/PID/stat line, numbered as in proc(5): 1 is the pid, 6 the session, 19 the nice value. */
    private static String statField(String stat, int field) {
        if (field <= 2) {
            return field == 1 ? stat.substring(0, stat.indexOf(' ')) : stat.substring(stat.indexOf('('),
                    stat.lastIndexOf(')') + 1);
        }
        // the command name (field 2) may hold spaces: count from the closing parenthesis
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return rest[field - 3];
    }

    @Test
    @DisplayName("run --cwd /tmp -- /bin/pwd prints /tmp, nothing else, and exits with the program's status")
    void runPwd() throws Exception {
        Result r = cli("run", "--cwd", "/tmp", "--", "/bin/pwd");
        assertThat(r.out()).isEqualTo("/tmp\n");
        assertThat(r.err()).as("silent unless asked, as env(1) and timeout(1)").isEmpty();
        assertThat(r.exit()).isZero();
    }

    @Test
    @DisplayName("--verbose reports how the program ended on stderr")
    void verbose() throws Exception {
        Result r = cli("run", "--verbose", "--", "/bin/sh", "-c", "exit 3");
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).matches("jsyscall: /bin/sh \\(pid \\d+\\) exited with status 3\n");
        assertThat(r.exit()).isEqualTo(3);
    }

    @Test
    @DisplayName("set-up steps run in the order given: a relative --cwd follows the one before it")
    void order() throws Exception {
        Result r = cli("run", "--cwd", "/", "--cwd", "tmp", "/bin/pwd");  // no --: PROGRAM ends the options
        assertThat(r.out()).isEqualTo("/tmp\n");
        assertThat(r.exit()).isZero();
    }

    @Test
    @DisplayName("--setsid makes the program a session leader, --nice sets its nice value")
    void setsidAndNice() throws Exception {
        Result r = cli("run", "--setsid", "--nice", "5", "--", "/bin/cat", "/proc/self/stat");
        assertThat(r.exit()).as(r.err()).isZero();
        String stat = r.out().trim();
        assertThat(statField(stat, 2)).isEqualTo("(cat)");
        assertThat(statField(stat, 6)).as("session id of %s", stat).isEqualTo(statField(stat, 1));
        assertThat(statField(stat, 5)).as("process group of %s", stat).isEqualTo(statField(stat, 1));
        assertThat(statField(stat, 19)).as("nice value in %s", stat).isEqualTo("5");
    }

    @Test
    @DisplayName("without --setsid the program stays in the CLI's session")
    void noSetsid() throws Exception {
        Result r = cli("run", "--", "/bin/cat", "/proc/self/stat");
        String stat = r.out().trim();
        assertThat(statField(stat, 6)).as("session id of %s", stat).isNotEqualTo(statField(stat, 1));
    }

    @Test
    @DisplayName("--rlimit and --umask are what the program sees")
    void rlimitAndUmask() throws Exception {
        Result r = cli("run", "--rlimit", "nofile=64", "--rlimit", "core=0:unlimited", "--umask", "027", "--",
                "/bin/sh", "-c", "ulimit -n; ulimit -Hn; ulimit -c; ulimit -Hc; umask");
        assertThat(r.out()).isEqualTo("64\n64\n0\nunlimited\n0027\n");
        assertThat(r.exit()).isZero();
    }

    @Test
    @DisplayName("--pty runs the program on a terminal of --pty-size, which it controls, and copies its output to"
            + " stdout")
    void ptyWithSize() throws Exception {
        // with --timeout, whose own process group would make the terminal's setsid fail
        Result r = cli("run", "--timeout", "20s", "--pty", "--pty-size", "100x30", "--", "/bin/sh", "-c",
                "tty; stty size; test -t 0 && echo stdin-is-a-tty; echo via-dev-tty >/dev/tty; exit 3");
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        assertThat(r.out()).matches("/dev/pts/\\d+\r\n30 100\r\nstdin-is-a-tty\r\nvia-dev-tty\r\n");
    }

    @Test
    @DisplayName("--pty without a terminal on stdin defaults to 80x24, and a --stdout takes fd 1 off the terminal")
    void ptyDefaultsAndStdout(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("out.txt");
        Result r = cli("run", "--pty", "--stdout", f.toString(), "--", "/bin/sh", "-c",
                "stty size >&2; test -t 1 || echo stdout-is-a-file");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("24 80\r\n");
        assertThat(Files.readString(f)).isEqualTo("stdout-is-a-file\n");
    }

    @Test
    @DisplayName("--pty-size is refused without --pty, or when it is not COLSxROWS")
    void ptySizeRefused() throws Exception {
        Result alone = cli("run", "--pty-size", "80x24", "--", "/bin/true");
        assertThat(alone.exit()).isEqualTo(125);
        assertThat(alone.err()).contains("--pty-size only applies with --pty");
        Result bad = cli("run", "--pty", "--pty-size", "80", "--", "/bin/true");
        assertThat(bad.exit()).isEqualTo(125);
        assertThat(bad.err()).contains("--pty-size: a window size is COLSxROWS");
    }

    @Test
    @DisplayName("--stdout truncates its file, --stderr +FILE appends to it")
    void stdoutToFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("out.txt");
        Files.writeString(f, "old content, longer than what replaces it\n");
        Result r = cli("run", "-v", "--stdout", f.toString(), "--stderr", "+" + f, "--", "/bin/sh", "-c",
                "echo out; echo err >&2");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(f)).isEqualTo("out\nerr\n");
        assertThat(r.err()).contains("jsyscall: /bin/sh");  // the CLI's own report still reaches the terminal
    }

    @Test
    @DisplayName("--stdin null gives the program /dev/null, --fd N=FILE opens a file as fd N")
    void stdinNullAndFd(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.txt");
        Files.writeString(in, "from fd 3\n");
        Path out = dir.resolve("fd4.txt");
        Result r = cli("run", "--stdin", "null", "--fd", "3=" + in, "--fd", "4=>" + out, "--", "/bin/sh", "-c",
                "readlink /proc/self/fd/0; cat <&3; echo to fd 4 >&4");
        assertThat(r.out()).isEqualTo("/dev/null\nfrom fd 3\n");
        assertThat(Files.readString(out)).isEqualTo("to fd 4\n");
        assertThat(r.exit()).isZero();
    }

    @Test
    @DisplayName("inherited fds are closed unless --keep-fds")
    void keepFds() throws Exception {
        Result closed = cli("run", "--", "/bin/ls", "/proc/self/fd");
        // 3 is ls's own directory handle
        assertThat(closed.out()).isEqualTo("0\n1\n2\n3\n");
        Result kept = cli("run", "--keep-fds", "--", "/bin/ls", "/proc/self/fd");
        assertThat(kept.out().split("\n")).as("the JVM leaves some fds without close-on-exec")
                .hasSizeGreaterThan(4);
    }

    @Test
    @DisplayName("--timeout 1s -- /bin/sleep 10 is killed after about a second, reported, exit 124")
    void timeout() throws Exception {
        Result r = cli("run", "--verbose", "--timeout", "1s", "--", "/bin/sleep", "10");
        assertThat(r.err()).containsPattern("jsyscall: /bin/sleep \\(pid \\d+\\) timed out after 1s: sending SIGTERM")
                .containsPattern("jsyscall: /bin/sleep \\(pid \\d+\\) killed by SIGTERM");
        assertThat(r.exit()).isEqualTo(RunCommand.TIMED_OUT);
        // JVM start included, which a loaded 2-core machine has taken 4.5 s for: only 10 s (the sleep's end) would
        // mean the timeout did nothing
        assertThat(r.millis()).isLessThan(9000);
    }

    @Test
    @DisplayName("a program that ignores the kill signal gets SIGKILL after --grace, and jsyscall exits 137")
    void grace() throws Exception {
        Result r = cli("run", "--verbose", "--timeout", "300ms", "--grace", "300ms", "--ignore-signal", "TERM",
                "--json", "--",
                "/bin/sleep", "10");
        assertThat(r.err()).contains("timed out after 300ms: sending SIGTERM")
                .contains("still running 300ms after SIGTERM: sending SIGKILL");
        assertThat(r.err()).containsPattern("(?m)^\\{\"program\":\"/bin/sleep\",\"pid\":\\d+,\"state\":\"killed\","
                + "\"signal\":\"SIGKILL\",\"timedOut\":true,\"backend\":\"(ffm|jnr)\"}\n");
        assertThat(r.out()).isEmpty();
        assertThat(r.exit()).as("128+9, as timeout -k").isEqualTo(128 + 9);
        assertThat(r.millis()).as("the sleep's 10 s would mean no timeout").isLessThan(9000);
    }

    @Test
    @DisplayName("with --setsid, --timeout signals the whole process group")
    void timeoutKillsGroup() throws Exception {
        // if only sh died, sleep would keep our stdout pipe open for 10 s
        Result r = cli("run", "-v", "--setsid", "--timeout", "300ms", "--", "/bin/sh", "-c",
                "/bin/sleep 10; echo not reached");
        assertThat(r.err()).contains("sending SIGTERM to its process group").contains("killed by SIGTERM");
        assertThat(r.out()).isEmpty();
        assertThat(r.exit()).isEqualTo(RunCommand.TIMED_OUT);
        assertThat(r.millis()).as("the sleep's 10 s would mean no timeout").isLessThan(9000);
    }

    @Test
    @DisplayName("--subreaper adopts the job the program orphans, waits for it to end and reports it with -v")
    void subreaper() throws Exception {
        // the job outlives the shell (a job that ends first is reaped by the shell itself) and holds no pipe of ours
        Result r = cli("run", "-v", "--subreaper", "--", "/bin/sh", "-c",
                "/bin/sh -c 'sleep 0.3; exit 5' </dev/null >/dev/null 2>&1 & echo $!");
        assertThat(r.exit()).as(r.err()).isZero();
        String pid = r.out().trim();
        assertThat(r.err()).contains("exited with status 0")
                .contains("jsyscall: orphan (pid " + pid + ") exited with status 5");
        assertThat(Paths.get("/proc", pid)).as("reaped, not left a zombie").doesNotExist();
    }

    @Test
    @DisplayName("--pid-ns runs the program as pid 1 of a new pid namespace with a fresh /proc")
    void pidNamespace() throws Exception {
        // set and the glob are the shell's own: the shell is the only process the fresh /proc can list
        Result r = cli("run", "--pid-ns", "--", "/bin/sh", "-c", "echo $$; set -- /proc/[0-9]*; echo \"$@\"");
        Assumptions.assumeThat(r.err()).as("clone(CLONE_NEWPID) allowed here").doesNotContain("EPERM");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("1\n/proc/1\n");
    }

    @Test
    @DisplayName("--pid-ns with --timeout: the namespace's init ignores TERM, SIGKILL ends it and all its namespace")
    void pidNamespaceTimeout() throws Exception {
        String marker = "1000." + ProcessHandle.current().pid() % 1000;
        // setsid takes one sleep out of the program's group, and the subshell's exit orphans it: only the
        // namespace holds it; the init is a sleep too, which has no handler for TERM
        Result r = cli("run", "--pid-ns", "--timeout", "300ms", "--grace", "300ms", "--", "/bin/sh", "-c",
                "(setsid /bin/sleep " + marker + " >/dev/null 2>&1 &); echo started; exec /bin/sleep " + marker);
        Assumptions.assumeThat(r.err()).as("clone(CLONE_NEWPID) allowed here").doesNotContain("EPERM");
        assertThat(r.out()).isEqualTo("started\n");
        assertThat(r.exit()).as(r.err()).isEqualTo(128 + 9);
        try (var ds = Files.newDirectoryStream(Paths.get("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : ds) {
                assertThat(readOrEmpty(p.resolve("cmdline"))).as(p + " left alive")
                        .isNotEqualTo("/bin/sleep\u0000" + marker + "\u0000");
            }
        }
    }

    /** A fresh cgroup path under the test JVM's own cgroup v2 cgroup (not made yet); a visible skip without one. */
    private static Path freshCgroup(String name) throws IOException {
        String mount = null;
        for (String line : Files.readAllLines(Paths.get("/proc/self/mountinfo"))) {
            String[] before = line.substring(0, line.indexOf(" - ")).split(" ");
            if (line.substring(line.indexOf(" - ") + 3).startsWith("cgroup2 ") && before[3].equals("/")) {
                mount = before[4];
            }
        }
        Assumptions.assumeThat(mount).as("a cgroup v2 hierarchy in /proc/self/mountinfo").isNotNull();
        String own = Files.readAllLines(Paths.get("/proc/self/cgroup")).stream().filter(l -> l.startsWith("0::"))
                .findFirst().orElseThrow().substring(3);
        return Paths.get(mount + own, name + "-" + ProcessHandle.current().pid());
    }

    @Test
    @DisplayName("--cgroup PATH makes the cgroup and starts the program inside it")
    void cgroup() throws Exception {
        Path cg = freshCgroup("jsyscall-cli-cgroup");
        try {
            Result r = cli("run", "--cgroup", cg.toString(), "--", "/bin/cat", "/proc/self/cgroup");
            assertThat(r.err()).isEmpty();
            assertThat(r.exit()).isZero();
            String own = Files.readAllLines(Paths.get("/proc/self/cgroup")).stream()
                    .filter(l -> l.startsWith("0::")).findFirst().orElseThrow().substring(3);
            assertThat(r.out()).endsWith("\n0::" + (own.equals("/") ? "" : own) + "/" + cg.getFileName() + "\n");
            // an existing cgroup is used as it is
            assertThat(cli("run", "--cgroup", cg.toString(), "--", "/bin/true").exit()).isZero();
        } finally {
            removeCgroup(cg);
        }
    }

    @Test
    @DisplayName("--cgroup with --timeout: nothing of the tree is left alive, even a job that left the group")
    void cgroupTimeoutKillsTree() throws Exception {
        Path cg = freshCgroup("jsyscall-cli-timeout");
        try {
            // setsid takes one sleep out of the program's process group: the signals of --timeout miss it
            // the timeout must come after the set-up (one that ends the set-up leaves no tree to find): 3 s, since a
            // loaded machine has taken over 500 ms to set up the cgroup and exec
            Result r = cli("run", "-v", "--cgroup", cg.toString(), "--timeout", "3s", "--", "/bin/sh", "-c",
                    "setsid /bin/sleep 100 >/dev/null 2>&1 & echo $!; /bin/sleep 100 >/dev/null 2>&1 & echo $!;"
                    + " wait");
            assertThat(r.exit()).as(r.err()).isEqualTo(RunCommand.TIMED_OUT);
            assertThat(r.err()).contains("killed what was left in " + cg + " (cgroup.kill)");
            assertThat(Files.readString(cg.resolve("cgroup.procs"))).as("cgroup.procs").isEmpty();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (String pid : r.out().trim().split("\n")) {
                // gone, not even a zombie (init reaps the orphans): /proc/PID disappears, or names another process
                Path cmdline = Paths.get("/proc", pid, "cmdline");
                while ((readOrEmpty(cmdline).startsWith("/bin/sleep\u0000100") || statusState(pid).startsWith("Z"))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(readOrEmpty(cmdline)).as("pid " + pid + " of the tree").doesNotStartWith("/bin/sleep");
                assertThat(statusState(pid)).as("pid " + pid + " of the tree").doesNotStartWith("Z");
            }
        } finally {
            removeCgroup(cg);
        }
    }

    /** Kills what a failed test left in {@code cg} (cgroup.kill), so the failure shows and nothing lingers. */
    private static void removeCgroup(Path cg) throws IOException, InterruptedException {
        if (!Files.exists(cg)) {
            return;
        }
        Files.writeString(cg.resolve("cgroup.kill"), "1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Files.readString(cg.resolve("cgroup.events")).contains("populated 1") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Files.delete(cg);
    }

    private static String readOrEmpty(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException gone) {
            return "";
        }
    }

    private static String statusState(String pid) {
        String stat = readOrEmpty(Paths.get("/proc", pid, "stat"));
        return stat.isEmpty() ? "gone" : statField(stat, 3);
    }

    @Test
    @DisplayName("--sigmask TERM: the program starts with TERM blocked and survives kill -TERM $$")
    void sigmask() throws Exception {
        Result r = cli("run", "--sigmask", "TERM", "--", "/bin/sh", "-c", "kill -TERM $$; echo survived");
        assertThat(r.out()).isEqualTo("survived\n");
        assertThat(r.exit()).isZero();
    }

    @Test
    @DisplayName("--trace prints the syscalls made in the child, chdir and execve among them")
    void trace() throws Exception {
        Result r = cli("run", "--trace", "--cwd", "/tmp", "--", "/bin/true");
        assertThat(r.err()).containsPattern("(?m)^\\[\\d+] chdir\\(0x[0-9a-f]+\\) = 0 <\\d+ us>$")
                .containsPattern("(?m)^\\[\\d+] execve\\(0x[0-9a-f]+, .*\\) = \\? \\(channel closed\\) <\\d+ us>$");
        assertThat(r.err().indexOf("chdir(")).isLessThan(r.err().indexOf("execve("));
        assertThat(r.exit()).isZero();
    }

    @Test
    @DisplayName("--unshare user: the program is root in a new user namespace mapping one id")
    void unshareUser() throws Exception {
        Result r = cli("run", "--unshare", "user", "--", "/bin/sh", "-c", "id -u; cat /proc/self/uid_map");
        Assumptions.assumeThat(r.err()).as("user namespaces need privilege here: %s", r.err())
                .doesNotContain("EPERM").doesNotContain("EACCES").doesNotContain("ENOSPC");
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).isEqualTo("0");
        // the initial namespace maps 4294967295 ids; ours maps exactly one, 0 inside
        assertThat(lines[1].trim().split("\\s+")).as(r.out()).containsExactly("0",
                String.valueOf(Files.getAttribute(Paths.get("/proc/self"), "unix:uid")), "1");
        assertThat(r.exit()).isZero();
    }

    /** Runs a command of the test machine (mount(8), umount(8)); its exit status, output and error together. */
    private static Result tool(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, "", 0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "(default)  | false | ''",
        "private    | false | ''",
        "slave      | false | master:",
        "shared     | true  | shared:",
        "unchanged  | true  | shared:",
    })
    @DisplayName("--unshare mount makes the program's mounts private unless --propagation says otherwise")
    void unshareMountPropagation(String propagation, boolean seenOutside, String tag, @TempDir Path tmp)
            throws Exception {
        // a shared mount stands for a shared / (systemd's default; here / may be private): its copy in the new
        // namespace starts as its peer, so the program's mounts below it get out unless propagation is changed
        Path dir = Files.createDirectory(tmp.resolve("shared"));
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Result bind = tool("mount", "--bind", dir.toString(), dir.toString());
        Assumptions.assumeThat(bind.exit()).as("mount --bind needs privilege here: %s", bind.out()).isZero();
        try {
            assertThat(tool("mount", "--make-shared", dir.toString()).exit()).isZero();
            List<String> args = new ArrayList<>(List.of("run", "--unshare", "mount"));
            if (!propagation.equals("(default)")) {
                args.addAll(List.of("--propagation", propagation));
            }
            args.addAll(List.of("--", "/bin/sh", "-c", "mount -t tmpfs jsyscall-cli " + sub
                    + " && grep ' " + dir + " ' /proc/self/mountinfo"));
            Result r = cli(args.toArray(new String[0]));
            assertThat(r.exit()).as(r.err()).isZero();
            // mountinfo's optional fields, between the mount options and " - ", hold shared:N or master:N
            String fields = r.out().substring(0, r.out().indexOf(" - "));
            if (tag.isEmpty()) {
                assertThat(fields).as(r.out()).doesNotContain("shared:").doesNotContain("master:");
            } else {
                assertThat(fields).as(r.out()).contains(tag);
            }
            boolean outside = Files.readAllLines(Paths.get("/proc/self/mounts")).stream()
                    .anyMatch(l -> l.contains(" " + sub + " "));
            assertThat(outside).as("the program's tmpfs on %s seen outside", sub).isEqualTo(seenOutside);
        } finally {
            tool("umount", "--lazy", dir.toString());
        }
    }

    @Test
    @DisplayName("--json reports the exit state on stderr, and the CLI exits with the child's status")
    void json() throws Exception {
        Result r = cli("run", "--json", "--", "/bin/sh", "-c", "exit 3");
        assertThat(r.err()).matches("\\{\"program\":\"/bin/sh\",\"pid\":\\d+,\"state\":\"exited\",\"status\":3,"
                + "\"backend\":\"(ffm|jnr)\"}\n");
        assertThat(r.out()).isEmpty();
        assertThat(r.exit()).isEqualTo(3);
    }

    /** Bytes a program writes that a line-oriented report could corrupt: a NUL, and no final newline. */
    private static final String RAW = "a\0b\nno newline";

    @Test
    @DisplayName("with --json the program's stdout stays byte for byte its own")
    void jsonLeavesStdoutAlone() throws Exception {
        Result r = cli("run", "--json", "--", "/usr/bin/printf", "a\\000b\\nno newline");
        assertThat(r.out()).isEqualTo(RAW);
        assertThat(r.err()).matches("\\{\"program\":\"/usr/bin/printf\",.*\"status\":0,.*}\n");
        assertThat(r.exit()).isZero();
    }

    @Test
    @DisplayName("--json-file writes the exit state to its file, and leaves stdout and stderr to the program")
    void jsonFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("state.json");
        Result r = cli("run", "--json-file", f.toString(), "--", "/bin/sh", "-c",
                "printf 'a\\000b\\nno newline'; exit 4");
        assertThat(r.out()).isEqualTo(RAW);
        assertThat(r.err()).isEmpty();
        assertThat(Files.readString(f)).matches("\\{\"program\":\"/bin/sh\",\"pid\":\\d+,\"state\":\"exited\","
                + "\"status\":4,\"backend\":\"(ffm|jnr)\"}\n");
        assertThat(r.exit()).isEqualTo(4);
    }

    @Test
    @DisplayName("a --json-file that cannot be written fails before the program starts, exit 125")
    void jsonFileUnwritable(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("no-such-dir").resolve("state.json");
        Result r = cli("run", "--json-file", f.toString(), "--", "/bin/sh", "-c", "echo started");
        assertThat(r.out()).as("the program did not run").isEmpty();
        assertThat(r.err()).startsWith("jsyscall: --json-file: cannot write '" + f + "'");
        assertThat(r.exit()).isEqualTo(125);
    }

    @Test
    @DisplayName("a child killed by a signal makes the CLI exit with 128+N")
    void killed() throws Exception {
        Result r = cli("run", "--", "/bin/sh", "-c", "kill -TERM $$");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isEqualTo(128 + 15);
    }

    @Test
    @DisplayName("--env, --unset-env and --clear-env shape the program's environment")
    void env() throws Exception {
        Result r = cli("run", "--env", "A=1", "--clear-env", "--env", "B=2", "--env", "C=3", "--unset-env", "B",
                "--", "/usr/bin/env");
        assertThat(r.out()).isEqualTo("A=1\nC=3\n");
        assertThat(r.exit()).isZero();
    }

    @Test
    @DisplayName("the JVM's environment reaches the program byte for byte, bytes that are not UTF-8 included")
    void inheritedEnvironmentBytes() throws Exception {
        // the JVM decodes its environment (System.getenv) and would replace 0xE9 and 0xFF: only the bytes
        // themselves, from /proc/self/environ, pass them on; a Java String cannot even hold them, hence the shell.
        // The name is read from the program's own /proc/PID/environ: sh does not pass a name like that to its
        // children.
        List<String> launcher = List.of("/bin/sh", "-c",
                "exec /usr/bin/env \"V=$(printf '\\351\\377')\" \"$(printf 'JSYSCALL_\\351')=x\" \"$@\"", "sh");
        Result r = cli(launcher, "run", "--", "/bin/sh", "-c",
                "printf %s \"$V\" | od -An -tx1;"
                        + " tr '\\0' '\\n' </proc/$$/environ | grep -a '^JSYSCALL_' | od -An -tx1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().replaceAll("\\s+", " ").trim()).as("V, then JSYSCALL_\\xE9=x")
                .isEqualTo("e9 ff 4a 53 59 53 43 41 4c 4c 5f e9 3d 78 0a");
    }

    @Test
    @DisplayName("a program that does not exist is reported with errno and path, exit 127")
    void missing() throws Exception {
        Result r = cli("run", "--", "/nonexistent/prog");
        assertThat(r.err()).contains("jsyscall: ENOENT (No such file or directory) from execve(path=/nonexistent/prog");
        assertThat(r.exit()).isEqualTo(127);
    }

    @Test
    @DisplayName("a failed set-up step is named, with the kernel's answer, exit 125")
    void setUpFails() throws Exception {
        Result r = cli("run", "--cwd", "/nonexistent", "--", "/bin/true");
        assertThat(r.err()).contains("jsyscall: set-up step 'chdir(path=/nonexistent)' failed: ENOENT (No such file or"
                + " directory) from chdir(path=/nonexistent)");
        assertThat(r.exit()).isEqualTo(125);
    }

    @Test
    @DisplayName("--no-new-privs: the program runs with NoNewPrivs: 1")
    void noNewPrivs() throws Exception {
        Result r = cli("run", "--no-new-privs", "--", "/bin/grep", "NoNewPrivs", "/proc/self/status");
        assertThat(r.out()).isEqualTo("NoNewPrivs:\t1\n");
        assertThat(r.exit()).isZero();
    }

    @Test
    @DisplayName("--seccomp-deny SYSCALL:ERRNO: the program's call fails with that errno, after every other step")
    void seccompDeny() throws Exception {
        // chdir exists on x86_64 and aarch64; the filter goes after --cwd's own chdir though it comes first
        Result r = cli("run", "--seccomp-deny", "chdir:EROFS", "--no-new-privs", "--cwd", "/", "--", "/usr/bin/perl",
                "-e", "chdir('/tmp') or print \"$!\\n\"; open F, '/proc/self/status'; print grep /^Seccomp:/, <F>");
        assertThat(r.out()).isEqualTo("Read-only file system\nSeccomp:\t2\n");
        assertThat(r.exit()).isZero();
        Result bad = cli("run", "--seccomp-deny", "nosuchcall", "--", "/bin/true");
        assertThat(bad.err()).startsWith("jsyscall: --seccomp-deny: no such syscall: 'nosuchcall'\n");
        assertThat(bad.exit()).isEqualTo(125);
    }

    @Test
    @DisplayName("--landlock-ro and --landlock-rw make one ruleset: the program reads and writes only beneath them")
    void landlock() throws Exception {
        Result bad = cli("run", "--landlock-ro", "", "--", "/bin/true");
        assertThat(bad.err()).startsWith("jsyscall: --landlock-ro: ");
        assertThat(bad.exit()).isEqualTo(125);
        Result probe = cli("run", "--landlock-ro", "/", "--", "/bin/true");
        Assumptions.assumeThat(probe.exit()).as("Landlock on this kernel: %s", probe.err()).isZero();
        Path rw = Files.createDirectories(Paths.get(System.getProperty("java.io.tmpdir"), "jsyscall-cli-landlock-"
                + ProcessHandle.current().pid()));
        try {
            Result r = cli("run", "--no-new-privs", "--landlock-ro", "/usr", "--landlock-rw", rw.toString(), "--",
                    "/bin/sh", "-c", "echo w > \"$1\"/f && cat \"$1\"/f; cat /etc/hostname || echo denied", "sh",
                    rw.toString());
            assertThat(r.out()).isEqualTo("w\ndenied\n");
            assertThat(r.err()).contains("Permission denied");
            assertThat(r.exit()).isZero();
        } finally {
            Files.deleteIfExists(rw.resolve("f"));
            Files.delete(rw);
        }
    }

    @Test
    @DisplayName("--caps -all,+net_bind_service: the program has only that capability, as root and after"
            + " --keep-caps --uid (root only)")
    void caps() throws Exception {
        Result bad = cli("run", "--caps", "net_raw", "--", "/bin/true");
        assertThat(bad.err()).startsWith("jsyscall: --caps: each item must be +CAP or -CAP: 'net_raw'\n");
        assertThat(bad.exit()).isEqualTo(125);
        Result unknown = cli("run", "--caps", "-all,+cap_nosuch", "--", "/bin/true");
        assertThat(unknown.err()).startsWith("jsyscall: --caps: no such capability: 'cap_nosuch'\n");
        int uid = (Integer) Files.getAttribute(Paths.get("/proc/self"), "unix:uid");
        Assumptions.assumeThat(uid).as("changing the bounding set needs root").isZero();
        String one = "0000000000000400";
        Result root = cli("run", "--caps", "-all,+net_bind_service", "--", "/bin/grep", "^Cap", "/proc/self/status");
        assertThat(root.out()).isEqualTo("CapInh:\t" + one + "\nCapPrm:\t" + one + "\nCapEff:\t" + one
                + "\nCapBnd:\t" + one + "\nCapAmb:\t" + one + "\n");
        Result nobody = cli("run", "--keep-caps", "--gid", "65534", "--uid", "65534", "--caps",
                "-all,+NET_BIND_SERVICE", "--", "/bin/grep", "-E", "^(Uid|CapEff|CapAmb)", "/proc/self/status");
        assertThat(nobody.out()).isEqualTo("Uid:\t65534\t65534\t65534\t65534\nCapEff:\t" + one + "\nCapAmb:\t"
                + one + "\n");
        Result lost = cli("run", "--gid", "65534", "--uid", "65534", "--caps", "+net_bind_service", "--", "/bin/true");
        assertThat(lost.err()).contains("cap_net_bind_service is not in the permitted set");
        assertThat(lost.exit()).isEqualTo(125);
    }

    @Test
    @DisplayName("--groups, --gid, --uid in that order drop root's ids; --groups after --uid is refused (root only)")
    void credentials() throws Exception {
        int uid = (Integer) Files.getAttribute(Paths.get("/proc/self"), "unix:uid");
        Result own = cli("run", "--uid", Integer.toString(uid), "--", "/bin/true");
        assertThat(own.exit()).as("setresuid to one's own uid: %s", own.err()).isZero();
        Assumptions.assumeThat(uid).as("changing to other ids needs root").isZero();
        Result r = cli("run", "--groups", "5,6", "--gid", "5", "--uid", "7", "--", "/bin/grep", "-E",
                "^(Uid|Gid|Groups):", "/proc/self/status");
        assertThat(r.out()).isEqualTo("Uid:\t7\t7\t7\t7\nGid:\t5\t5\t5\t5\nGroups:\t5 6 \n");
        Result late = cli("run", "--uid", "7", "--groups", "5", "--", "/bin/true");
        assertThat(late.err()).contains("set-up step 'setgroups(size=1, [5])' failed").contains("EPERM");
        assertThat(late.exit()).isEqualTo(125);
    }

    @Test
    @DisplayName("a bad value is a usage error naming the option and the value, exit 125")
    void badValueInItsOwnJvm() throws Exception {
        Result r = cli("run", "--nice", "x", "--", "/bin/true");
        assertThat(r.err()).startsWith("jsyscall: --nice: not a number: 'x'\n")
                .contains("Try 'jsyscall run --help'");
        assertThat(r.exit()).isEqualTo(125);
    }

    @Test
    @DisplayName("run --help shows the option groups, the order rule, exit statuses and examples")
    void help() throws Exception {
        Result r = cli("run", "--help");
        assertThat(r.out()).contains("Set-up inside the child, in the order given:", "--rlimit=NAME=SOFT[:HARD]",
                "--propagation=private|shared|slave|unchanged", "124 if --timeout expired",
                "(128+9) if SIGKILL ended it", "Signals:", "--foreground", "Examples:",
                "jsyscall run --cwd /tmp -- /bin/pwd");
        assertThat(r.exit()).isZero();
    }

    @Test
    @DisplayName("backends lists each backend and which one is selected")
    void backends() throws Exception {
        Result r = cli("backends");
        assertThat(r.out()).contains("jnr: available (priority 50)");
        if (Runtime.version().feature() >= 22) {
            assertThat(r.out()).contains("ffm: available (priority 100)").contains("selected: ffm");
        } else {
            assertThat(r.out()).doesNotContain("selected: ffm").contains("selected: jnr");
        }
        assertThat(r.exit()).isZero();
    }

    /**
     * What timeout(1) does, checked against timeout itself where that is cheap: signals sent to jsyscall reach the
     * program, --timeout covers set-up and the program's own children, and nothing is left running. The CLI runs
     * in its own JVM, with stdout and stderr in files, so that a process it strands can neither hang the test on
     * a pipe nor outlive it: every pid seen is killed at the end.
     */
    @Nested
    @DisplayName("signals and --timeout, as timeout(1)")
    class Supervision {
        @TempDir
        Path dir;
        private final List<Long> seen = new ArrayList<>();
        private final List<Launched> launched = new ArrayList<>();

        /** A process started with stdout and stderr in files. */
        final class Launched {
            final Process process;
            final Path out;
            final Path err;
            final long start = System.nanoTime();

            Launched(List<String> cmd) throws IOException {
                int n = launched.size();
                out = dir.resolve("out" + n);
                err = dir.resolve("err" + n);
                process = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                        "/dev/null"))).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                launched.add(this);
            }

            /** The first line the program printed: the CLI runs it once it set up its signal handlers. */
            String firstLine() throws Exception {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() < deadline) {
                    String text = Files.readString(out);
                    if (text.contains("\n")) {
                        return text.substring(0, text.indexOf('\n'));
                    }
                    assertThat(process.isAlive()).as("exited before printing: %s", Files.readString(err)).isTrue();
                    Thread.sleep(20);
                }
                throw new AssertionError("no line on stdout within 30 s: " + Files.readString(err));
            }

            /** The pid of the process's first child, once it has one: the driven child, cloned after the handlers. */
            long firstChild() throws Exception {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() < deadline) {
                    Optional<ProcessHandle> c = process.children().findFirst();
                    if (c.isPresent()) {
                        seen.add(c.get().pid());
                        return c.get().pid();
                    }
                    Thread.sleep(20);
                }
                throw new AssertionError("no child within 30 s: " + Files.readString(err));
            }

            void signal(String sig) throws Exception {
                assertThat(new ProcessBuilder("/usr/bin/kill", "-" + sig, String.valueOf(process.pid())).start()
                        .waitFor()).isZero();
            }

            /** Waits for the exit; a process still running after 30 s fails the test (which then kills it). */
            Result finish() throws Exception {
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited within 30 s; stderr: %s",
                        Files.readString(err)).isTrue();
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                return new Result(process.exitValue(), Files.readString(out), Files.readString(err), millis);
            }
        }

        Launched jsyscall(String... args) throws IOException {
            Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
            List<String> cmd = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
                    "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
                    JsyscallCli.class.getName()));
            cmd.addAll(List.of(args));
            return new Launched(cmd);
        }

        Launched timeout1(String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/timeout"));
            cmd.addAll(List.of(args));
            return new Launched(cmd);
        }

        /** A pid the test saw: whatever happens, it is killed at the end. */
        long pid(String text) {
            long pid = Long.parseLong(text.trim());
            seen.add(pid);
            return pid;
        }

        /** The pid a jsyscall message names ("jsyscall: PROGRAM (pid N) ..."). */
        long pidIn(String err) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(pid (\\d+)\\)").matcher(err);
            assertThat(m.find()).as("a pid in %s", err).isTrue();
            return pid(m.group(1));
        }

        /** The one child of {@code parent} once it has one (a shell's foreground command). */
        long childOf(long parent) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                Optional<ProcessHandle> c = ProcessHandle.of(parent).flatMap(p -> p.children().findFirst());
                if (c.isPresent()) {
                    seen.add(c.get().pid());
                    return c.get().pid();
                }
                Thread.sleep(20);
            }
            throw new AssertionError("process " + parent + " started no child within 30 s");
        }

        /**
         * Whether {@code pid} stops running within 10 s: a signal is delivered when its target next runs, which on
         * a loaded machine can be a while after jsyscall (or timeout) has exited.
         */
        boolean ended(long pid) throws Exception {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (running(pid)) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(10);
            }
            return true;
        }

        /** Alive, not a zombie: a zombie has ended, whoever will reap it. */
        boolean running(long pid) throws IOException {
            try {
                return !statField(Files.readString(Paths.get("/proc/" + pid + "/stat")), 3).equals("Z");
            } catch (java.nio.file.NoSuchFileException e) {
                return false;
            } catch (IOException e) {
                // reaped between the open and the read: the read fails with ESRCH
                if ("No such process".equals(e.getMessage())) {
                    return false;
                }
                throw e;
            }
        }

        String stat(long pid, int field) throws IOException {
            return statField(Files.readString(Paths.get("/proc/" + pid + "/stat")), field);
        }

        Path fifo() throws Exception {
            Path f = dir.resolve("fifo");
            assertThat(new ProcessBuilder("/usr/bin/mkfifo", f.toString()).start().waitFor()).isZero();
            return f;
        }

        /** A signal this JVM inherited as ignored stays ignored in the CLI's JVM, which then cannot catch it. */
        void assumeCatchable(String sig) throws IOException {
            int n = List.of("HUP", "INT").indexOf(sig) + 1;
            if (n == 0) {
                return;
            }
            String status = Files.readString(Paths.get("/proc/self/status"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("SigIgn:\\s*([0-9a-f]+)").matcher(status);
            assertThat(m.find()).isTrue();
            boolean ignored = (Long.parseUnsignedLong(m.group(1), 16) & (1L << (n - 1))) != 0;
            Assumptions.assumeThat(ignored).as("SIG%s is ignored here (nohup, or a background job of a shell"
                    + " without job control), so no JVM started from here can catch it", sig).isFalse();
        }

        @org.junit.jupiter.api.AfterEach
        void killLeftovers() throws Exception {
            for (Launched l : launched) {
                l.process.descendants().forEach(ProcessHandle::destroyForcibly);
                l.process.destroyForcibly();
            }
            for (long pid : seen) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }

        @ParameterizedTest(name = "SIG{0}")
        @ValueSource(strings = {"TERM", "INT", "HUP"})
        @DisplayName("a signal sent to jsyscall reaches the program, and jsyscall exits 128+N as timeout does")
        void signalReachesProgram(String sig) throws Exception {
            assumeCatchable(sig);
            String script = "echo $$; exec /bin/sleep 30";
            Launched j = jsyscall("run", "-v", "--", "/bin/sh", "-c", script);
            long program = pid(j.firstLine());
            j.signal(sig);
            Result r = j.finish();
            assertThat(r.err()).contains("(pid " + program + "): received SIG" + sig + ", sending it on\n")
                    .contains("(pid " + program + ") killed by SIG" + sig);
            assertThat(ended(program)).as("program %d still running", program).isTrue();

            Launched t = timeout1("60", "/bin/sh", "-c", script);
            long timed = pid(t.firstLine());
            t.signal(sig);
            int expected = t.finish().exit();
            assertThat(ended(timed)).isTrue();
            assertThat(r.exit()).as("timeout(1) exits %d", expected).isEqualTo(expected);
        }

        @Test
        @DisplayName("HUP sent to jsyscall --timeout reaches the program's process group: its children end too")
        void signalReachesGroup() throws Exception {
            String script = "/bin/sleep 30 & echo $$ $!; wait";
            Launched j = jsyscall("run", "-v", "--timeout", "60s", "--", "/bin/sh", "-c", script);
            String[] pids = j.firstLine().split(" ");
            long program = pid(pids[0]);
            long sleep = pid(pids[1]);
            assertThat(stat(sleep, 5)).as("the process group of sleep").isEqualTo(String.valueOf(program));
            j.signal("HUP");
            Result r = j.finish();
            assertThat(r.err()).contains("received SIGHUP, sending it on to its process group");
            assertThat(ended(program)).as("program %d still running", program).isTrue();
            assertThat(ended(sleep)).as("its child %d still running", sleep).isTrue();

            Launched t = timeout1("60", "/bin/sh", "-c", script);
            String[] timed = t.firstLine().split(" ");
            pid(timed[0]);
            t.signal("HUP");
            int expected = t.finish().exit();
            assertThat(ended(pid(timed[1]))).isTrue();
            assertThat(r.exit()).as("timeout(1) exits %d", expected).isEqualTo(expected).isEqualTo(128 + 1);
        }

        @Test
        @DisplayName("a signal sent during set-up kills the child there, reaped, and jsyscall exits 128+N")
        void signalDuringSetUp() throws Exception {
            // nobody opens the FIFO for reading: the child's openat blocks until it is killed
            Launched j = jsyscall("run", "-v", "--stdout", fifo().toString(), "--", "/bin/echo", "not printed");
            long child = j.firstChild();
            // the child is visible from its clone on, before jsyscall has registered it (a TERM then is "before
            // its set-up"); blocked in the FIFO's openat (x86_64 257, aarch64 56), it is registered
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(Path.of("/proc/" + child + "/syscall")).matches("(257|56) .*\\s*")) {
                assertThat(System.nanoTime()).as("child %d never blocked in openat", child).isLessThan(deadline);
                Thread.sleep(10);
            }
            j.signal("TERM");
            Result r = j.finish();
            // the child blocks signals during set-up, and TERM cannot end its blocked openat: SIGKILL follows
            assertThat(r.err()).contains("(pid " + child + "): received SIGTERM, sending it on")
                    .contains("(pid " + child + ") still in set-up 200 ms after SIGTERM: sending SIGKILL")
                    .contains("(pid " + child + ") killed by SIGKILL");
            assertThat(r.exit()).isEqualTo(128 + 15);
            assertThat(ended(child)).as("child %d still running", child).isTrue();
        }

        @Test
        @DisplayName("--timeout covers set-up: a --stdout FIFO nobody reads ends in SIGKILL and exit 124")
        void timeoutDuringSetUp() throws Exception {
            Path fifo = fifo();
            Launched j = jsyscall("run", "-v", "--timeout", "1s", "--stdout", fifo.toString(), "--", "/bin/echo",
                    "x");
            Result r = j.finish();
            assertThat(r.err()).contains("timed out after 1s during its set-up: sending SIGKILL")
                    .contains("killed by SIGKILL");
            long child = pidIn(r.err());
            assertThat(ended(child)).as("child %d still running", child).isTrue();
            // JVM start included: 1 s of timeout plus a JVM on a shared machine, not a hang
            assertThat(r.millis()).isLessThan(15_000);

            int expected = timeout1("1s", "/bin/sh", "-c", "echo x > '" + fifo + "'").finish().exit();
            assertThat(r.exit()).as("timeout(1) exits %d", expected).isEqualTo(expected)
                    .isEqualTo(RunCommand.TIMED_OUT);
        }

        @Test
        @DisplayName("--timeout signals the program's own process group: sh -c 'sleep 38; :' leaves no sleep")
        void timeoutReachesChildren() throws Exception {
            String script = "echo $$; /bin/sleep 38; :";
            Launched j = jsyscall("run", "-v", "--timeout", "1s", "--", "/bin/sh", "-c", script);
            long program = pid(j.firstLine());
            long sleep = childOf(program);
            assertThat(stat(program, 5)).as("the program leads a process group").isEqualTo(String.valueOf(program));
            Result r = j.finish();
            assertThat(r.err()).contains("timed out after 1s: sending SIGTERM to its process group");
            assertThat(ended(sleep)).as("sleep %d still running", sleep).isTrue();

            Launched t = timeout1("1s", "/bin/sh", "-c", script);
            long timedSleep = childOf(pid(t.firstLine()));
            int expected = t.finish().exit();
            assertThat(ended(timedSleep)).isTrue();
            assertThat(r.exit()).as("timeout(1) exits %d", expected).isEqualTo(expected)
                    .isEqualTo(RunCommand.TIMED_OUT);
        }

        @Test
        @DisplayName("a program ignoring TERM with --timeout 1s --grace 1s is killed, exit 137 as timeout -k 1s 1s")
        void graceEndsInKill() throws Exception {
            String script = "trap '' TERM; echo $$; /bin/sleep 30";
            Launched j = jsyscall("run", "-v", "--timeout", "1s", "--grace", "1s", "--", "/bin/sh", "-c", script);
            long program = pid(j.firstLine());
            long sleep = childOf(program);
            Result r = j.finish();
            assertThat(r.err()).contains("still running 1s after SIGTERM: sending SIGKILL")
                    .contains("killed by SIGKILL");
            assertThat(ended(program)).isTrue();
            assertThat(ended(sleep)).as("sleep %d, which ignores TERM too", sleep).isTrue();

            int expected = timeout1("-k", "1s", "1s", "/bin/sh", "-c", script).finish().exit();
            assertThat(r.exit()).as("timeout(1) exits %d", expected).isEqualTo(expected).isEqualTo(128 + 9);
        }

        @Test
        @DisplayName("--foreground makes no process group and signals only the program, as timeout --foreground")
        void foreground() throws Exception {
            String script = "echo $$; /bin/sleep 38; :";
            Launched j = jsyscall("run", "-v", "--foreground", "--timeout", "1s", "--", "/bin/sh", "-c", script);
            long program = pid(j.firstLine());
            long sleep = childOf(program);
            assertThat(stat(program, 5)).as("the program stays in jsyscall's process group")
                    .isEqualTo(stat(j.process.pid(), 5));
            Result r = j.finish();
            assertThat(r.err()).contains("timed out after 1s: sending SIGTERM\n").contains("killed by SIGTERM");
            assertThat(ended(program)).isTrue();
            assertThat(running(sleep)).as("sleep, not signalled").isTrue();

            Launched t = timeout1("--foreground", "1s", "/bin/sh", "-c", script);
            long timedSleep = childOf(pid(t.firstLine()));
            int expected = t.finish().exit();
            assertThat(running(timedSleep)).as("timeout --foreground leaves it too").isTrue();
            assertThat(r.exit()).as("timeout(1) exits %d", expected).isEqualTo(expected)
                    .isEqualTo(RunCommand.TIMED_OUT);
        }
    }

    /**
     * Bad command lines, run in this JVM: they are refused while parsing, before any backend is opened or any
     * child cloned, so nothing can write to the build's stdout (and a JVM each would cost half a second).
     */
    @Nested
    @DisplayName("bad values")
    class BadValues {
        @ParameterizedTest(name = "{0} {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "--nice         | x            | --nice: not a number: 'x'",
            "--nice         | 1.5          | --nice: not a number: '1.5'",
            "--rlimit       | nofile=:     | --rlimit: no limit given (SOFT, SOFT:HARD, SOFT: or :HARD): 'nofile=:'",
            "--rlimit       | foo=1        | --rlimit: unknown resource 'foo'; known: cpu, fsize, data, stack,"
                + " core, rss, nproc, nofile, memlock, as, locks, sigpending, msgqueue, nice, rtprio, rttime",
            "--rlimit       | nofile       | --rlimit: not NAME=SOFT[:HARD]: 'nofile'",
            "--rlimit       | nofile=lots  | --rlimit: not a limit (a number >= 0 or 'unlimited'): 'lots' in"
                + " 'nofile=lots'",
            "--rlimit       | nofile=10:5  | --rlimit: the soft limit is above the hard limit: 'nofile=10:5'",
            "--timeout      | 1x           | --timeout: not a duration (examples: 500ms, 1s, 1.5s, 2m, 1h): '1x'",
            "--timeout      | 0            | --timeout: must be above 0: '0'",
            "--grace        | soon         | --grace: not a duration (examples: 500ms, 1s, 1.5s, 2m, 1h): 'soon'",
            "--unshare      | user,time    | --unshare: unknown namespace 'time'; known: user, mount, pid, net,"
                + " uts, ipc, cgroup",
            "--umask        | 0999         | --umask: not an octal mode in 000..777: '0999'",
            "--sigmask      | TERM,,INT    | --sigmask: empty signal name in the list: 'TERM,,INT'",
            "--kill-signal  | SIGFOO       | --kill-signal: not a signal (a name like TERM or SIGTERM, or a number"
                + " 1..64): 'SIGFOO'",
            "--ignore-signal| KILL         | --ignore-signal: SIGKILL cannot be ignored, caught or reset: 'KILL'",
            "--pdeathsig    | 99           | --pdeathsig: not a signal (a name like TERM or SIGTERM, or a number"
                + " 1..64): '99'",
            "--stdin        | +in.txt      | --stdin: stdin is read from; +FILE and >FILE are for output: '+in.txt'",
            "--stdout       | +            | --stdout: no file name: '+'",
            "--fd           | 3            | --fd: not N=FILE: '3'",
            "--fd           | x=/dev/null  | --fd: not an fd number: 'x'",
            "--env          | NOEQUALS     | --env: not NAME=VALUE: 'NOEQUALS'",
            "--uid          | x            | --uid: not a number: 'x'",
            "--groups       | 1,-2         | --groups: not a number >= 0: '-2'",
            "--groups       | 1,,2         | --groups: not a number: ''",
            "--propagation  | rprivate     | --propagation: not a mount propagation (private, shared, slave or"
                + " unchanged): 'rprivate'",
        })
        void refused(String option, String value, String message) {
            Parsed p = parse("run", option.trim(), value.trim(), "--", "/bin/true");
            assertThat(p.err()).startsWith("jsyscall: " + message + "\n");
            assertThat(p.exit()).isEqualTo(125);
        }

        @Test
        @DisplayName("--grace, --kill-signal and --foreground without --timeout are refused")
        void graceNeedsTimeout() {
            Parsed p = parse("run", "--grace", "1s", "--", "/bin/true");
            assertThat(p.err()).startsWith("jsyscall: --grace only applies with --timeout\n");
            assertThat(p.exit()).isEqualTo(125);
            assertThat(parse("run", "--kill-signal", "INT", "--", "/bin/true").err())
                    .startsWith("jsyscall: --kill-signal only applies with --timeout\n");
            assertThat(parse("run", "--foreground", "--", "/bin/true").err())
                    .startsWith("jsyscall: --foreground only applies with --timeout\n");
        }

        @Test
        @DisplayName("--propagation without --unshare mount is refused")
        void propagationNeedsMountNamespace() {
            Parsed p = parse("run", "--propagation", "shared", "--unshare", "uts", "--", "/bin/true");
            assertThat(p.err()).startsWith("jsyscall: --propagation only applies with --unshare mount\n");
            assertThat(p.exit()).isEqualTo(125);
        }

        @Test
        @DisplayName("an unknown option gets a suggestion")
        void unknownOption() {
            Parsed p = parse("run", "--time-out", "1s", "--", "/bin/true");
            assertThat(p.err()).startsWith("jsyscall: Unknown option: '--time-out'").contains("--timeout");
            assertThat(p.exit()).isEqualTo(125);
        }
    }

    record Parsed(int exit, String out, String err) {
    }

    private static Parsed parse(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = JsyscallCli.commandLine(args);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        assertThat(out.toString()).as("stdout of %s", Arrays.toString(args)).isEmpty();
        return new Parsed(exit, out.toString(), err.toString());
    }
}
