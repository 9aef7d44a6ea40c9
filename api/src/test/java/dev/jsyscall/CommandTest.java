package dev.jsyscall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CommandTest {
    private static final Map<String, String> INHERITED = inherited("PATH", "/bin", "HOME", "/root", "LANG", "en");

    private static Map<String, String> inherited(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Nested
    class Argv {
        @Test
        @DisplayName("of sets argv[0] to the executable and appends the arguments")
        void of() {
            Command c = Command.of("/bin/echo", "hello", "world");
            assertThat(c.executable()).isEqualTo("/bin/echo");
            assertThat(c.argv()).containsExactly("/bin/echo", "hello", "world");
            assertThat(Command.of("/bin/true").argv()).containsExactly("/bin/true");
        }

        @Test
        @DisplayName("args appends, argv0 replaces argv[0] but not the executable")
        void argsAndArgv0() {
            Command c = Command.of("/bin/echo", "a").args("b", "c").argv0("echo");
            assertThat(c.executable()).isEqualTo("/bin/echo");
            assertThat(c.argv()).containsExactly("echo", "a", "b", "c");
            assertThat(c.args()).isEqualTo(c);
            assertThat(c.argv0("")).extracting(Command::argv).isEqualTo(List.of("", "a", "b", "c"));
        }

        @Test
        @DisplayName("every builder step returns a new command and leaves the original unchanged")
        void immutable() {
            String[] args = {"x"};
            Command base = Command.of("/bin/echo", args);
            args[0] = "changed";
            Command more = base.args("y");
            Command renamed = base.argv0("e");
            Command withEnv = base.env("A", "1");
            Command unset = base.unsetEnv("A");
            Command cleared = base.clearEnv();
            assertThat(List.of(more, renamed, withEnv, unset, cleared)).doesNotContain(base);
            assertThat(base.argv()).containsExactly("/bin/echo", "x");
            assertThat(base.environment(INHERITED)).isEqualTo(INHERITED);
            assertThat(base).isEqualTo(Command.of("/bin/echo", "x"));
        }

        @Test
        @DisplayName("argv cannot be modified through its getter")
        void argvUnmodifiable() {
            Command c = Command.of("/bin/echo", "x");
            assertThatThrownBy(() -> c.argv().add("y")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> c.argv().set(0, "y")).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        @DisplayName("an empty executable is refused")
        void emptyExecutable() {
            assertThatThrownBy(() -> Command.of("")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("executable must not be empty");
        }

        @Test
        @DisplayName("a NUL in any string is refused with the string shown and the NUL escaped")
        void nul() {
            assertThatThrownBy(() -> Command.of("/bin/e\0cho")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("executable must not contain a NUL character: /bin/e\\0cho");
            assertThatThrownBy(() -> Command.of("/bin/echo", "a\0b")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("argument must not contain a NUL character: a\\0b");
            assertThatThrownBy(() -> Command.of("/bin/echo").args("ok", "\0"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("argument must not contain a NUL character: \\0");
            assertThatThrownBy(() -> Command.of("/bin/echo").argv0("ec\0ho"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("argv[0] must not contain a NUL character: ec\\0ho");
            assertThatThrownBy(() -> Command.of("/bin/echo").env("A", "1\0"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("environment value must not contain a NUL character: 1\\0");
            assertThatThrownBy(() -> Command.of("/bin/echo").env("A\0", "1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("environment variable name must not contain a NUL character: A\\0");
            assertThatThrownBy(() -> Command.of("/bin/echo").unsetEnv("\0"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("environment variable name must not contain a NUL character: \\0");
        }

        @Test
        @DisplayName("null strings are refused with the argument named")
        void nulls() {
            assertThatThrownBy(() -> Command.of(null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("executable");
            assertThatThrownBy(() -> Command.of("/bin/echo", "a", null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("argument");
            assertThatThrownBy(() -> Command.of("/bin/echo").env("A", null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("environment value");
            assertThatThrownBy(() -> Command.of("/bin/echo").env(null, "1")).isInstanceOf(NullPointerException.class)
                    .hasMessage("environment variable name");
        }
    }

    @Nested
    class Environment {
        @Test
        @DisplayName("without changes the environment is the inherited one, as a copy")
        void inheritedCopy() {
            Command c = Command.of("/bin/env");
            Map<String, String> env = c.environment(INHERITED);
            assertThat(env).containsExactly(entry("PATH", "/bin"), entry("HOME", "/root"), entry("LANG", "en"));
            env.put("X", "y");
            assertThat(c.environment(INHERITED)).doesNotContainKey("X");
            assertThat(INHERITED).doesNotContainKey("X");
        }

        @Test
        @DisplayName("inherited, then unset removes, then set overrides in place or appends")
        void resolutionOrder() {
            Command c = Command.of("/bin/env").env("LANG", "C").unsetEnv("HOME").env("NEW", "1");
            assertThat(c.environment(INHERITED))
                    .containsExactly(entry("PATH", "/bin"), entry("LANG", "C"), entry("NEW", "1"));
        }

        @Test
        @DisplayName("the last of env and unsetEnv for a name wins")
        void lastWins() {
            assertThat(Command.of("/bin/env").env("PATH", "/x").unsetEnv("PATH").environment(INHERITED))
                    .doesNotContainKey("PATH");
            assertThat(Command.of("/bin/env").unsetEnv("PATH").env("PATH", "/x").environment(INHERITED))
                    .containsEntry("PATH", "/x");
            assertThat(Command.of("/bin/env").env("A", "1").env("A", "2").environment(Map.of()))
                    .containsExactly(entry("A", "2"));
        }

        @Test
        @DisplayName("clearEnv drops the inherited environment but keeps variables set before or after")
        void clearEnv() {
            Command before = Command.of("/bin/env").env("A", "1").clearEnv().env("B", "2");
            assertThat(before.environment(INHERITED)).containsExactly(entry("A", "1"), entry("B", "2"));
            assertThat(Command.of("/bin/env").unsetEnv("PATH").clearEnv().environment(INHERITED)).isEmpty();
        }

        @Test
        @DisplayName("envp renders NAME=value in resolution order; values may contain '='")
        void envp() {
            Command c = Command.of("/bin/env").env("OPTS", "a=b").unsetEnv("LANG");
            assertThat(c.envp(INHERITED)).containsExactly("PATH=/bin", "HOME=/root", "OPTS=a=b");
            assertThat(Command.of("/bin/env").clearEnv().envp(INHERITED)).isEmpty();
        }

        @Test
        @DisplayName("commands that keep the inherited environment share one immutable envp per inherited map")
        void sharedEnvp() {
            List<String> first = Command.of("/bin/true").envp(INHERITED);
            assertThat(Command.of("/bin/false", "x").envp(INHERITED)).isSameAs(first);
            assertThat(first).containsExactly("PATH=/bin", "HOME=/root", "LANG=en");
            assertThatThrownBy(() -> first.add("X=1")).isInstanceOf(UnsupportedOperationException.class);
            Map<String, String> other = new LinkedHashMap<>(INHERITED);
            other.put("EXTRA", "1");
            assertThat(Command.of("/bin/true").envp(other)).as("another map is another environment")
                    .isNotSameAs(first).contains("EXTRA=1");
            List<String> changed = Command.of("/bin/true").env("A", "1").envp(INHERITED);
            assertThat(changed).isNotSameAs(first).endsWith("A=1");
        }

        @Test
        @DisplayName("a variable name that is empty or contains '=' is refused")
        void badNames() {
            assertThatThrownBy(() -> Command.of("/bin/env").env("A=B", "1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("environment variable name must be non-empty and contain no '=': 'A=B'");
            assertThatThrownBy(() -> Command.of("/bin/env").env("", "1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("environment variable name must be non-empty and contain no '=': ''");
            assertThatThrownBy(() -> Command.of("/bin/env").unsetEnv("=X"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("environment variable name must be non-empty and contain no '=': '=X'");
        }
    }

    @Nested
    class Identity {
        @Test
        @DisplayName("commands built the same way are equal with equal hash codes")
        void equal() {
            Command a = Command.of("/bin/echo", "x").env("A", "1").unsetEnv("B");
            Command b = Command.of("/bin/echo").args("x").unsetEnv("B").env("A", "1");
            assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
            assertThat(Command.of("/bin/echo").env("A", "1").env("B", "2"))
                    .isEqualTo(Command.of("/bin/echo").env("B", "2").env("A", "1"));
        }

        @Test
        @DisplayName("each part of a command takes part in equality")
        void unequal() {
            Command base = Command.of("/bin/echo", "x");
            assertThat(base).isNotEqualTo(Command.of("/usr/bin/echo", "x"))
                    .isNotEqualTo(Command.of("/bin/echo", "y"))
                    .isNotEqualTo(base.argv0("echo"))
                    .isNotEqualTo(base.env("A", "1"))
                    .isNotEqualTo(base.unsetEnv("A"))
                    .isNotEqualTo(base.clearEnv())
                    .isNotEqualTo("Command(/bin/echo x)")
                    .isNotEqualTo(null);
        }

        @Test
        @DisplayName("toString shows the executable, a changed argv[0], the arguments and the environment changes")
        void string() {
            assertThat(Command.of("/bin/echo", "hello", "world")).hasToString("Command(/bin/echo hello world)");
            assertThat(Command.of("/bin/echo", "hi").argv0("echo")).hasToString("Command(/bin/echo as echo hi)");
            assertThat(Command.of("/bin/echo").env("LANG", "C").unsetEnv("DISPLAY"))
                    .hasToString("Command(/bin/echo, env inherited LANG=C -DISPLAY)");
            assertThat(Command.of("/bin/true").clearEnv()).hasToString("Command(/bin/true, env cleared)");
            assertThat(Command.of("/bin/true").clearEnv().env("A", "1"))
                    .hasToString("Command(/bin/true, env cleared A=1)");
        }
    }
}
