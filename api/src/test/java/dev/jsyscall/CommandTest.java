// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.jsyscall.internal.ExecStrings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
            assertThatThrownBy(() -> Command.of((String) null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("executable");
            assertThatThrownBy(() -> Command.of((java.nio.file.Path) null)).isInstanceOf(NullPointerException.class)
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

    /** Bytes of a string whose chars are all below 256, one byte per char: "\u00e9" is the byte 0xE9. */
    private static byte[] b(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The inverse of {@link #b}, for readable assertions on byte strings. */
    private static List<String> latin1(List<byte[]> strings) {
        List<String> out = new ArrayList<>();
        for (byte[] s : strings) {
            out.add(new String(s, StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    @Nested
    class Bytes {
        @Test
        @DisplayName("ofBytes, argsBytes and argv0Bytes keep every byte; the String accessors decode for display")
        void argvBytes() {
            Command c = Command.ofBytes(b("/bin/\u00e9cho"), b("a\u00e9"), b("\u00ff")).argsBytes(b("z=\u0080"))
                    .argv0Bytes(b("n\u00e9"));
            assertThat(c.executableBytes()).isEqualTo(b("/bin/\u00e9cho"));
            assertThat(latin1(c.argvBytes())).containsExactly("n\u00e9", "a\u00e9", "\u00ff", "z=\u0080");
            assertThat(c.argv()).containsExactly("n\ufffd", "a\ufffd", "\ufffd", "z=\ufffd");
            assertThat(c.executable()).isEqualTo("/bin/\ufffdcho");
            assertThat(latin1(ExecStrings.of(c).argv()))
                    .containsExactly("n\u00e9\0", "a\u00e9\0", "\u00ff\0", "z=\u0080\0");
            assertThat(ExecStrings.of(c).path()).isEqualTo(b("/bin/\u00e9cho\0"));
        }

        @Test
        @DisplayName("bytes are copied in and out: changing an array later changes no command")
        void copies() {
            byte[] arg = b("x");
            Command c = Command.ofBytes(b("/bin/echo"), arg).envBytes(b("A"), arg);
            arg[0] = 'y';
            c.argvBytes().get(1)[0] = 'z';
            c.executableBytes()[0] = 'q';
            assertThat(c).isEqualTo(Command.of("/bin/echo", "x").env("A", "x"));
        }

        @Test
        @DisplayName("a command given as UTF-8 bytes equals the one given as Strings")
        void sameAsStrings() {
            Command bytes = Command.ofBytes("/bin/\u00e9".getBytes(StandardCharsets.UTF_8))
                    .envBytes(b("A"), "\u00e9".getBytes(StandardCharsets.UTF_8)).unsetEnvBytes(b("B"));
            Command strings = Command.of("/bin/\u00e9").env("A", "\u00e9").unsetEnv("B");
            assertThat(bytes).isEqualTo(strings).hasSameHashCodeAs(strings);
            assertThat(bytes.argv()).containsExactly("/bin/\u00e9");
        }

        @Test
        @DisplayName("toString shows bytes that are not UTF-8 as \\xNN")
        void string() {
            assertThat(Command.ofBytes(b("/bin/echo"), b("caf\u00e9")).envBytes(b("V"), b("\u00ff")))
                    .hasToString("Command(/bin/echo caf\\xE9, env inherited V=\\xFF)");
        }

        @Test
        @DisplayName("a NUL byte anywhere, an empty executable, and bad names are refused, naming the argument")
        void refusals() {
            assertThatThrownBy(() -> Command.ofBytes(b("/bin/e\0cho"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("executable must not contain a NUL byte: /bin/e\\0cho");
            assertThatThrownBy(() -> Command.ofBytes(new byte[0])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("executable must not be empty");
            assertThatThrownBy(() -> Command.ofBytes(b("/bin/echo"), b("\u00e9\0")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("argument must not contain a NUL byte: \\xE9\\0");
            assertThatThrownBy(() -> Command.of("/bin/echo").argsBytes(b("ok"), b("\0")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("argument must not contain a NUL byte: \\0");
            assertThatThrownBy(() -> Command.of("/bin/echo").argv0Bytes(b("a\0")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("argv[0] must not contain a NUL byte: a\\0");
            assertThatThrownBy(() -> Command.of("/bin/echo").envBytes(b("A"), b("1\0")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("environment value must not contain a NUL byte: 1\\0");
            assertThatThrownBy(() -> Command.of("/bin/echo").envBytes(b("A\0"), b("1")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("environment variable name must not contain a NUL byte: A\\0");
            assertThatThrownBy(() -> Command.of("/bin/echo").envBytes(b("A=\u00e9"), b("1")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("environment variable name must be non-empty and contain no '=': 'A=\\xE9'");
            assertThatThrownBy(() -> Command.of("/bin/echo").unsetEnvBytes(new byte[0]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("environment variable name must be non-empty and contain no '=': ''");
            assertThatThrownBy(() -> Command.of("/bin/echo").unsetEnvBytes(b("=")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("environment variable name must be non-empty and contain no '=': '='");
            assertThatThrownBy(() -> Command.ofBytes(null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("executable");
            assertThatThrownBy(() -> Command.ofBytes(b("/bin/echo"), (byte[]) null))
                    .isInstanceOf(NullPointerException.class).hasMessage("argument");
            assertThatThrownBy(() -> Command.of("/bin/echo").envBytes(b("A"), null))
                    .isInstanceOf(NullPointerException.class).hasMessage("environment value");
            assertThatThrownBy(() -> Command.of("/bin/echo").unsetEnvBytes(null))
                    .isInstanceOf(NullPointerException.class).hasMessage("environment variable name");
        }

        private final Command.Inherited inherited =
                Command.Inherited.parse(b("PATH=/bin\0V=\u00e9\0NOEQ\0HOME=/root\0V=dup\0"));

        @Test
        @DisplayName("an environ image splits at NULs; entries without '=' and without a final NUL are kept")
        void parse() {
            assertThat(latin1(inherited.entries))
                    .containsExactly("PATH=/bin\0", "V=\u00e9\0", "NOEQ\0", "HOME=/root\0", "V=dup\0");
            assertThat(latin1(Command.Inherited.parse(b("A=1\0\0B")).entries)).containsExactly("A=1\0", "\0", "B\0");
            assertThat(Command.Inherited.parse(new byte[0]).entries).isEmpty();
        }

        @Test
        @DisplayName("byte changes apply to the inherited bytes: set in place, unset, append; the rest untouched")
        void resolution() {
            Command c = Command.of("/bin/env").envBytes(b("V"), b("\u00ff")).unsetEnvBytes(b("HOME"))
                    .envBytes(b("NEW"), b("\u00e9"));
            assertThat(latin1(c.envp(inherited)))
                    .containsExactly("PATH=/bin\0", "V=\u00ff\0", "NOEQ\0", "NEW=\u00e9\0");
            assertThat(latin1(Command.of("/bin/env").unsetEnv("PATH").envp(inherited)))
                    .containsExactly("V=\u00e9\0", "NOEQ\0", "HOME=/root\0", "V=dup\0");
            assertThat(latin1(Command.of("/bin/env").clearEnv().envBytes(b("A"), b("\u00e9")).envp(inherited)))
                    .containsExactly("A=\u00e9\0");
            assertThat(c.environment(Map.of())).containsExactly(entry("V", "\ufffd"), entry("NEW", "\ufffd"));
        }

        @Test
        @DisplayName("commands that keep the inherited environment all exec its one list of bytes")
        void sharedEnvp() {
            assertThat(Command.of("/bin/true").envp(inherited)).isSameAs(inherited.entries);
            assertThat(ExecStrings.of(Command.of("/bin/true")).envp())
                    .isSameAs(ExecStrings.of(Command.ofBytes(b("/bin/false"), b("x"))).envp())
                    .isSameAs(Command.Inherited.jvm().entries);
            assertThat(ExecStrings.of(Command.of("/bin/true").env("A", "1")).envp())
                    .isNotSameAs(Command.Inherited.jvm().entries);
        }

        @Test
        @DisplayName("the JVM's environment is read as bytes, or encoded in the JVM's charset when /proc is missing")
        void jvmEnvironment() {
            String path = System.getenv("PATH");
            assertThat(latin1(Command.Inherited.jvm().entries)).contains("PATH=" + path + "\0");
            Map<String, String> env = new LinkedHashMap<>();
            env.put("V", "\u00e9");
            assertThat(latin1(Command.Inherited.fromMap(env, StandardCharsets.ISO_8859_1).entries))
                    .containsExactly("V=\u00e9\0");
            assertThat(latin1(Command.Inherited.fromMap(env, StandardCharsets.UTF_8).entries))
                    .containsExactly("V=\u00c3\u00a9\0");
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
