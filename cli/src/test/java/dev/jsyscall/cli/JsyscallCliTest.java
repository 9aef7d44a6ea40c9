package dev.jsyscall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Runs the CLI in a separate JVM, as a user would: the programs it launches write to the real stdout, which
 * must not mix with the test JVM's channel to the build.
 */
class JsyscallCliTest {

    record Result(int exit, String out, String err) {
    }

    private static Result cli(String... args) throws IOException, InterruptedException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), JsyscallCli.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("run --cwd /tmp -- /bin/pwd prints /tmp and exits with the program's status")
    void runPwd() throws Exception {
        Result r = cli("run", "--cwd", "/tmp", "--", "/bin/pwd");
        assertThat(r.out()).isEqualTo("/tmp\n");
        assertThat(r.err()).containsPattern("jsyscall: /bin/pwd \\(pid \\d+\\) exited with status 0");
        assertThat(r.exit()).isZero();
    }

    @Test
    @DisplayName("--json reports the exit state on stdout, and the CLI exits with the child's status")
    void json() throws Exception {
        Result r = cli("run", "--json", "--", "/bin/sh", "-c", "exit 3");
        assertThat(r.out()).matches("\\{\"program\":\"/bin/sh\",\"pid\":\\d+,\"state\":\"exited\",\"status\":3,"
                + "\"backend\":\"(ffm|jnr)\"}\n");
        assertThat(r.exit()).isEqualTo(3);
    }

    @Test
    @DisplayName("a child killed by a signal makes the CLI exit with 128+N")
    void killed() throws Exception {
        Result r = cli("run", "--", "/bin/sh", "-c", "kill -TERM $$");
        assertThat(r.err()).contains("killed by SIGTERM");
        assertThat(r.exit()).isEqualTo(128 + 15);
    }

    @Test
    @DisplayName("--env and --clear-env shape the program's environment")
    void env() throws Exception {
        Result r = cli("run", "--clear-env", "--env", "A=1", "--", "/usr/bin/env");
        assertThat(r.out()).isEqualTo("A=1\n");
        assertThat(r.exit()).isZero();
    }

    @Test
    @DisplayName("a program that does not exist is reported with errno and path, exit 127")
    void missing() throws Exception {
        Result r = cli("run", "--", "/nonexistent/prog");
        assertThat(r.err()).contains("jsyscall: ENOENT (No such file or directory) from execve(path=/nonexistent/prog");
        assertThat(r.exit()).isEqualTo(127);
    }

    @Test
    @DisplayName("a bad --env is a usage error naming the option")
    void badEnv() throws Exception {
        Result r = cli("run", "--env", "NOEQUALS", "--", "/bin/true");
        assertThat(r.err()).contains("--env needs NAME=VALUE, got 'NOEQUALS'");
        assertThat(r.exit()).isEqualTo(2);
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
}
