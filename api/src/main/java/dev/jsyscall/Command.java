// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import dev.jsyscall.internal.ExecStrings;
import dev.jsyscall.internal.LinuxPaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable description of a program to exec: the executable's path, the full argv (argv[0] included), and
 * changes to the environment inherited from the JVM. A {@link Spawn} execs it as {@code execvp} does: an
 * executable without '/' ({@code "ls"}) is looked up in the PATH of the program's environment.
 *
 * <pre>{@code
 * Command c = Command.of("/bin/echo", "hello")
 *         .env("LANG", "C")
 *         .unsetEnv("DISPLAY");
 * }</pre>
 *
 * <p>Linux passes argv and the environment as bytes, not text. Strings given here are encoded as UTF-8; the
 * {@code ...Bytes} methods ({@link #ofBytes}, {@link #argsBytes}, {@link #envBytes}...) take bytes that reach the
 * program unchanged, whatever their encoding. The environment inherited from the JVM is passed on byte for byte
 * too, as the JVM got it, even where it is not valid in the platform charset. The String accessors
 * ({@link #executable()}, {@link #argv()}, {@link #environment}, {@link #toString()}) decode, for display.
 *
 * <pre>{@code
 * byte[] latin1 = {'c', 'a', 'f', (byte) 0xE9};
 * Command c = Command.ofBytes("/bin/echo".getBytes(StandardCharsets.US_ASCII), latin1)
 *         .envBytes("NAME".getBytes(StandardCharsets.US_ASCII), latin1);
 * }</pre>
 *
 * @since 0.1
 */
public final class Command {
    static {
        ExecStrings.register(Command::execStrings);
    }

    private final Str executable;
    private final List<Str> argv;
    private final Map<Str, Str> envSet;
    private final Set<Str> envUnset;
    private final boolean clearEnv;
    /** argv decoded, made on first use (benign race: an immutable list). */
    private List<String> argvStrings;

    private Command(Str executable, List<Str> argv, Map<Str, Str> envSet, Set<Str> envUnset, boolean clearEnv) {
        this.executable = executable;
        this.argv = argv;
        this.envSet = envSet;
        this.envUnset = envUnset;
        this.clearEnv = clearEnv;
    }

    /**
     * Runs {@code executable} with argv[0] set to it and {@code args} after; strings are encoded as UTF-8.
     *
     * @param executable the path or a name to look up in PATH, not empty
     * @param args the arguments after argv[0]
     * @return the command
     * @throws IllegalArgumentException for an empty path or a NUL in any string
     */
    public static Command of(String executable, String... args) {
        Str exe = Str.of(executable, "executable");
        if (exe.length() == 0) {
            throw new IllegalArgumentException("executable must not be empty");
        }
        List<Str> argv = new ArrayList<>(args.length + 1);
        argv.add(exe);
        for (String a : args) {
            argv.add(Str.of(a, "argument"));
        }
        return new Command(exe, List.copyOf(argv), Map.of(), Set.of(), false);
    }

    /**
     * Runs the file at {@code executable} with argv[0] set to its path and {@code args} after. A path of one name
     * ({@code Path.of("ls")}) is looked up in PATH by a spawn, as {@code Command.of("ls")} is; write
     * {@code Path.of("./ls")} for the file in the cwd.
     *
     * <pre>{@code
     * Command.of(Path.of("/usr/bin/git"), "status")
     * }</pre>
     *
     * @param executable the path, not empty
     * @param args the arguments after argv[0]
     * @return the command
     * @throws IllegalArgumentException for an empty path, one of another file system than the default, or a NUL
     *     in any string
     * @since 0.2
     */
    public static Command of(Path executable, String... args) {
        return of(LinuxPaths.of(executable, "executable"), args);
    }

    /**
     * Runs {@code executable} with argv[0] set to it and {@code args} after, all given as the bytes the program
     * receives (no terminating NUL). The arrays are copied.
     *
     * <pre>{@code
     * Command.ofBytes("/bin/echo".getBytes(UTF_8), new byte[] {(byte) 0xE9})   // echo prints the byte 0xE9
     * }</pre>
     *
     * @param executable the path's bytes, not empty
     * @param args the arguments' bytes
     * @return the command
     * @throws IllegalArgumentException for an empty path or a NUL byte in any array
     * @since 0.2
     */
    public static Command ofBytes(byte[] executable, byte[]... args) {
        Str exe = Str.of(executable, "executable");
        if (exe.length() == 0) {
            throw new IllegalArgumentException("executable must not be empty");
        }
        Objects.requireNonNull(args, "args");
        List<Str> argv = new ArrayList<>(args.length + 1);
        argv.add(exe);
        for (byte[] a : args) {
            argv.add(Str.of(a, "argument"));
        }
        return new Command(exe, List.copyOf(argv), Map.of(), Set.of(), false);
    }

    /**
     * This command with more arguments appended.
     *
     * @param more the arguments to append
     * @return a new command; this one is unchanged
     */
    public Command args(String... more) {
        List<Str> argv = new ArrayList<>(this.argv);
        for (String a : more) {
            argv.add(Str.of(a, "argument"));
        }
        return new Command(executable, List.copyOf(argv), envSet, envUnset, clearEnv);
    }

    /**
     * This command with more arguments appended, as the bytes the program receives (copied).
     *
     * @param more the arguments to append
     * @return a new command; this one is unchanged
     * @throws IllegalArgumentException for a NUL byte in any argument
     * @since 0.2
     */
    public Command argsBytes(byte[]... more) {
        Objects.requireNonNull(more, "more");
        List<Str> argv = new ArrayList<>(this.argv);
        for (byte[] a : more) {
            argv.add(Str.of(a, "argument"));
        }
        return new Command(executable, List.copyOf(argv), envSet, envUnset, clearEnv);
    }

    /**
     * This command with argv[0] replaced (what the program sees as its name).
     *
     * @param name the new argv[0]
     * @return a new command; this one is unchanged
     */
    public Command argv0(String name) {
        return withArgv0(Str.of(name, "argv[0]"));
    }

    /**
     * This command with argv[0] replaced by {@code name}'s bytes (copied).
     *
     * @param name the new argv[0]'s bytes
     * @return a new command; this one is unchanged
     * @throws IllegalArgumentException for a NUL byte in {@code name}
     * @since 0.2
     */
    public Command argv0Bytes(byte[] name) {
        return withArgv0(Str.of(name, "argv[0]"));
    }

    private Command withArgv0(Str name) {
        List<Str> argv = new ArrayList<>(this.argv);
        argv.set(0, name);
        return new Command(executable, List.copyOf(argv), envSet, envUnset, clearEnv);
    }

    /**
     * This command with {@code name=value} in its environment.
     *
     * @param name the variable's name
     * @param value its value
     * @return a new command; this one is unchanged
     */
    public Command env(String name, String value) {
        Str n = checkEnvName(Str.of(name, "environment variable name"));
        return withEnv(n, Str.of(value, "environment value"));
    }

    /**
     * This command with {@code name=value} in its environment, both given as the bytes the program receives
     * (copied).
     *
     * @param name the variable's name, as bytes
     * @param value its value, as bytes
     * @return a new command; this one is unchanged
     * @throws IllegalArgumentException for an empty name, a name containing '=', or a NUL byte in either
     * @since 0.2
     */
    public Command envBytes(byte[] name, byte[] value) {
        Str n = checkEnvName(Str.of(name, "environment variable name"));
        return withEnv(n, Str.of(value, "environment value"));
    }

    private Command withEnv(Str name, Str value) {
        Map<Str, Str> set = new LinkedHashMap<>(envSet);
        set.put(name, value);
        Set<Str> unset = new LinkedHashSet<>(envUnset);
        unset.remove(name);
        return new Command(executable, argv, Collections.unmodifiableMap(set), Collections.unmodifiableSet(unset),
                clearEnv);
    }

    /**
     * This command without {@code name} in its environment.
     *
     * @param name the variable's name
     * @return a new command; this one is unchanged
     */
    public Command unsetEnv(String name) {
        return withoutEnv(checkEnvName(Str.of(name, "environment variable name")));
    }

    /**
     * This command without the variable whose name is {@code name}'s bytes in its environment.
     *
     * @param name the variable's name, as bytes
     * @return a new command; this one is unchanged
     * @throws IllegalArgumentException for an empty name, a name containing '=', or a NUL byte
     * @since 0.2
     */
    public Command unsetEnvBytes(byte[] name) {
        return withoutEnv(checkEnvName(Str.of(name, "environment variable name")));
    }

    private Command withoutEnv(Str name) {
        Map<Str, Str> set = new LinkedHashMap<>(envSet);
        set.remove(name);
        Set<Str> unset = new LinkedHashSet<>(envUnset);
        unset.add(name);
        return new Command(executable, argv, Collections.unmodifiableMap(set), Collections.unmodifiableSet(unset),
                clearEnv);
    }

    /**
     * This command starting from an empty environment (variables set with {@link #env} still apply).
     *
     * @return a new command; this one is unchanged
     */
    public Command clearEnv() {
        return new Command(executable, argv, envSet, Set.of(), true);
    }

    /**
     * The executable's path, decoded as UTF-8 for display (see {@link #executableBytes()}).
     *
     * @return the path, or the name looked up in PATH
     */
    public String executable() {
        return executable.decoded();
    }

    /**
     * The executable's path as the bytes execve gets (a copy, no terminating NUL).
     *
     * @return a copy of the bytes
     * @since 0.2
     */
    public byte[] executableBytes() {
        return executable.bytes();
    }

    /**
     * argv, argv[0] included, decoded as UTF-8 for display (see {@link #argvBytes()}).
     *
     * @return an unmodifiable list
     */
    public List<String> argv() {
        List<String> strings = argvStrings;
        if (strings == null) {
            List<String> out = new ArrayList<>(argv.size());
            for (Str a : argv) {
                out.add(a.decoded());
            }
            strings = List.copyOf(out);
            argvStrings = strings;
        }
        return strings;
    }

    /**
     * argv, argv[0] included, as the bytes the program receives (copies, no terminating NULs).
     *
     * @return copies of the arguments' bytes
     * @since 0.2
     */
    public List<byte[]> argvBytes() {
        List<byte[]> out = new ArrayList<>(argv.size());
        for (Str a : argv) {
            out.add(a.bytes());
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The environment the program gets, starting from {@code inherited}; names and values given as bytes are
     * decoded as UTF-8, for display.
     *
     * @param inherited the environment to start from, usually the JVM's
     * @return the resulting environment
     */
    public Map<String, String> environment(Map<String, String> inherited) {
        Map<String, String> env = new LinkedHashMap<>();
        if (!clearEnv) {
            env.putAll(inherited);
        }
        envUnset.forEach(n -> env.remove(n.decoded()));
        envSet.forEach((n, v) -> env.put(n.decoded(), v.decoded()));
        return env;
    }

    /**
     * The environment as {@code NAME=value} strings, starting from {@code inherited}; an immutable list, for
     * display (exec passes the JVM's environment as bytes, not this). Every command that leaves the environment
     * as it is shares one list per {@code inherited} map.
     *
     * @param inherited the environment to start from, usually the JVM's
     * @return the {@code NAME=value} strings
     */
    public List<String> envp(Map<String, String> inherited) {
        boolean unchanged = !clearEnv && envSet.isEmpty() && envUnset.isEmpty();
        if (unchanged) {
            SharedEnvp shared = sharedEnvp;
            if (shared != null && shared.inherited == inherited) {
                return shared.envp;
            }
        }
        List<String> out = new ArrayList<>();
        environment(inherited).forEach((k, v) -> out.add(k + "=" + v));
        List<String> envp = List.copyOf(out);
        if (unchanged) {
            sharedEnvp = new SharedEnvp(inherited, envp);
        }
        return envp;
    }

    /** The last inherited environment seen, by identity, with its envp. */
    private static final class SharedEnvp {
        final Map<String, String> inherited;
        final List<String> envp;

        SharedEnvp(Map<String, String> inherited, List<String> envp) {
            this.inherited = inherited;
            this.envp = envp;
        }
    }

    private static volatile SharedEnvp sharedEnvp;

    /** The last environment a backend gave (by identity), parsed: a kernel's spawns share one. */
    private static volatile Inherited backendEnv;

    /** What execve gets, starting from {@code inherited} (null: the JVM's environment): see {@link ExecStrings}. */
    private ExecStrings execStrings(List<byte[]> inherited) {
        List<byte[]> args = new ArrayList<>(argv.size());
        for (Str a : argv) {
            args.add(a.c);
        }
        Inherited env = Inherited.jvm();
        if (inherited != null) {
            env = backendEnv;
            if (env == null || env.source != inherited) {
                env = new Inherited(inherited);
                backendEnv = env;
            }
        }
        return new ExecStrings(executable.c, Collections.unmodifiableList(args), envp(env));
    }

    /**
     * The environment as NUL-terminated {@code NAME=value} entries, starting from {@code inherited}. A command
     * that leaves the environment unchanged gets {@code inherited.entries} itself, so spawns share one encoded
     * envp. Otherwise: inherited entries in order, an unset name's dropped, a set name's first entry replaced in
     * place (later duplicates dropped), new names appended; entries without '=' are kept as they are.
     */
    List<byte[]> envp(Inherited inherited) {
        if (!clearEnv && envSet.isEmpty() && envUnset.isEmpty()) {
            return inherited.entries;
        }
        List<byte[]> out = new ArrayList<>();
        Set<Str> placed = new HashSet<>();
        if (!clearEnv) {
            for (int i = 0; i < inherited.entries.size(); i++) {
                Str name = inherited.names.get(i);
                Str value = name == null ? null : envSet.get(name);
                if (value != null) {
                    if (placed.add(name)) {
                        out.add(entry(name, value));
                    }
                } else if (name == null || !envUnset.contains(name)) {
                    out.add(inherited.entries.get(i));
                }
            }
        }
        envSet.forEach((name, value) -> {
            if (!placed.contains(name)) {
                out.add(entry(name, value));
            }
        });
        return Collections.unmodifiableList(out);
    }

    private static byte[] entry(Str name, Str value) {
        byte[] e = new byte[name.length() + 1 + value.c.length];
        System.arraycopy(name.c, 0, e, 0, name.length());
        e[name.length()] = '=';
        System.arraycopy(value.c, 0, e, name.length() + 1, value.c.length);
        return e;
    }

    /**
     * An environment as execve takes it: NUL-terminated entries, and each one's name (the bytes before its first
     * '='; null for an entry without '=').
     */
    static final class Inherited {
        final List<byte[]> entries;
        final List<Str> names;
        /** The list it was made from, to recognise it again. */
        final List<byte[]> source;

        Inherited(List<byte[]> entries) {
            this.source = entries;
            this.entries = Collections.unmodifiableList(entries);
            List<Str> names = new ArrayList<>(entries.size());
            for (byte[] e : entries) {
                int eq = indexOf(e, (byte) '=', e.length - 1);
                if (eq < 0) {
                    names.add(null);
                } else {
                    byte[] n = Arrays.copyOf(e, eq + 1);
                    n[eq] = 0;
                    names.add(new Str(n));
                }
            }
            this.names = names;
        }

        /** The JVM's environment, read on first use. */
        static Inherited jvm() {
            return Jvm.ENV;
        }

        /** Entries of a /proc/PID/environ image: NUL-terminated strings one after another. */
        static Inherited parse(byte[] environ) {
            List<byte[]> entries = new ArrayList<>();
            int start = 0;
            while (start < environ.length) {
                // copyOfRange pads with 0 past the end: an area cut short before its final NUL is terminated too
                int end = start;
                while (end < environ.length && environ[end] != 0) {
                    end++;
                }
                entries.add(Arrays.copyOfRange(environ, start, end + 1));
                start = end + 1;
            }
            return new Inherited(entries);
        }

        /**
         * From {@code System.getenv()}, encoded with the charset the JVM decoded it with ({@code sun.jnu.encoding},
         * the platform's): right for every value that was valid in that charset.
         */
        static Inherited fromMap(Map<String, String> env, Charset charset) {
            List<byte[]> entries = new ArrayList<>(env.size());
            env.forEach((k, v) -> {
                byte[] e = (k + "=" + v).getBytes(charset);
                entries.add(Arrays.copyOf(e, e.length + 1));
            });
            return new Inherited(entries);
        }

        private static final class Jvm {
            static final Inherited ENV = load();

            /*
             * System.getenv() decodes the environment with the platform charset and replaces the bytes that are
             * invalid in it (a Latin-1 0xE9 under a UTF-8 locale becomes U+FFFD): encoding it again would hand the
             * program EF BF BD instead of E9. /proc/self/environ is the block the kernel gave this process at
             * execve, as bytes; like System.getenv(), it does not see later setenv calls from native code.
             */
            private static Inherited load() {
                try {
                    return parse(Files.readAllBytes(Paths.get("/proc/self/environ")));
                } catch (IOException | SecurityException e) {
                    String jnu = System.getProperty("sun.jnu.encoding");
                    Charset charset = jnu != null && Charset.isSupported(jnu) ? Charset.forName(jnu)
                            : Charset.defaultCharset();
                    return fromMap(System.getenv(), charset);
                }
            }
        }
    }

    private static int indexOf(byte[] b, byte x, int end) {
        for (int i = 0; i < end; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static Str checkEnvName(Str name) {
        if (name.length() == 0 || indexOf(name.c, (byte) '=', name.length()) >= 0) {
            throw new IllegalArgumentException("environment variable name must be non-empty and contain no '=': '"
                    + name.shown() + "'");
        }
        return name;
    }

    /** An immutable C string: the bytes and a terminating NUL, which no other byte is. */
    static final class Str {
        final byte[] c;

        Str(byte[] c) {
            this.c = c;
        }

        static Str of(String s, String what) {
            Objects.requireNonNull(s, what);
            if (s.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(what + " must not contain a NUL character: "
                        + s.replace("\0", "\\0"));
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return new Str(Arrays.copyOf(b, b.length + 1));
        }

        static Str of(byte[] b, String what) {
            Objects.requireNonNull(b, what);
            byte[] c = Arrays.copyOf(b, b.length + 1);
            Str s = new Str(c);
            if (indexOf(c, (byte) 0, b.length) >= 0) {
                throw new IllegalArgumentException(what + " must not contain a NUL byte: " + s.shown());
            }
            return s;
        }

        int length() {
            return c.length - 1;
        }

        byte[] bytes() {
            return Arrays.copyOf(c, c.length - 1);
        }

        String decoded() {
            return new String(c, 0, c.length - 1, StandardCharsets.UTF_8);
        }

        /** For messages: UTF-8 text, with each byte that is not valid UTF-8 as {@code \xNN} and NUL as {@code \0}. */
        String shown() {
            CharsetDecoder d = StandardCharsets.UTF_8.newDecoder();
            ByteBuffer in = ByteBuffer.wrap(c, 0, c.length - 1);
            CharBuffer out = CharBuffer.allocate(c.length);
            StringBuilder sb = new StringBuilder();
            while (true) {
                CoderResult r = d.decode(in, out, true);
                out.flip();
                sb.append(out);
                out.clear();
                if (r.isError()) {
                    for (int i = 0; i < r.length(); i++) {
                        sb.append(String.format("\\x%02X", in.get() & 0xFF));
                    }
                } else if (r.isUnderflow()) {
                    break;
                }
            }
            return sb.toString().replace("\0", "\\0");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Str && Arrays.equals(c, ((Str) o).c);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(c);
        }

        @Override
        public String toString() {
            return shown();
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Command)) {
            return false;
        }
        Command c = (Command) o;
        return executable.equals(c.executable) && argv.equals(c.argv) && envSet.equals(c.envSet)
                && envUnset.equals(c.envUnset) && clearEnv == c.clearEnv;
    }

    @Override
    public int hashCode() {
        return Objects.hash(executable, argv, envSet, envUnset, clearEnv);
    }

    /**
     * The executable, a changed argv[0], the arguments and the environment changes; bytes that are not UTF-8
     * appear as {@code \xNN}.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Command(").append(executable.shown());
        if (!argv.get(0).equals(executable)) {
            sb.append(" as ").append(argv.get(0).shown());
        }
        for (int i = 1; i < argv.size(); i++) {
            sb.append(' ').append(argv.get(i).shown());
        }
        if (clearEnv || !envSet.isEmpty() || !envUnset.isEmpty()) {
            sb.append(", env ").append(clearEnv ? "cleared" : "inherited");
            envSet.forEach((k, v) -> sb.append(' ').append(k.shown()).append('=').append(v.shown()));
            envUnset.forEach(k -> sb.append(" -").append(k.shown()));
        }
        return sb.append(')').toString();
    }
}
