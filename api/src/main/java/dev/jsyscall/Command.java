package dev.jsyscall;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable description of a program to exec: the executable's path, the full argv (argv[0] included), and
 * changes to the environment inherited from the JVM.
 *
 * <pre>{@code
 * Command c = Command.of("/bin/echo", "hello")
 *         .env("LANG", "C")
 *         .unsetEnv("DISPLAY");
 * }</pre>
 *
 * @since 0.1
 */
public final class Command {
    private final String executable;
    private final List<String> argv;
    private final Map<String, String> envSet;
    private final Set<String> envUnset;
    private final boolean clearEnv;

    private Command(String executable, List<String> argv, Map<String, String> envSet, Set<String> envUnset,
                    boolean clearEnv) {
        this.executable = executable;
        this.argv = argv;
        this.envSet = envSet;
        this.envUnset = envUnset;
        this.clearEnv = clearEnv;
    }

    /**
     * Runs {@code executable} with argv[0] set to it and {@code args} after.
     *
     * @throws IllegalArgumentException for an empty path or a NUL in any string
     */
    public static Command of(String executable, String... args) {
        checkString(executable, "executable");
        if (executable.isEmpty()) {
            throw new IllegalArgumentException("executable must not be empty");
        }
        List<String> argv = new ArrayList<>(args.length + 1);
        argv.add(executable);
        for (String a : args) {
            argv.add(checkString(a, "argument"));
        }
        return new Command(executable, List.copyOf(argv), Map.of(), Set.of(), false);
    }

    /** This command with more arguments appended. */
    public Command args(String... more) {
        List<String> argv = new ArrayList<>(this.argv);
        for (String a : more) {
            argv.add(checkString(a, "argument"));
        }
        return new Command(executable, List.copyOf(argv), envSet, envUnset, clearEnv);
    }

    /** This command with argv[0] replaced (what the program sees as its name). */
    public Command argv0(String name) {
        List<String> argv = new ArrayList<>(this.argv);
        argv.set(0, checkString(name, "argv[0]"));
        return new Command(executable, List.copyOf(argv), envSet, envUnset, clearEnv);
    }

    /** This command with {@code name=value} in its environment. */
    public Command env(String name, String value) {
        checkEnvName(name);
        checkString(value, "environment value");
        Map<String, String> set = new LinkedHashMap<>(envSet);
        set.put(name, value);
        Set<String> unset = new LinkedHashSet<>(envUnset);
        unset.remove(name);
        return new Command(executable, argv, Collections.unmodifiableMap(set), Collections.unmodifiableSet(unset),
                clearEnv);
    }

    /** This command without {@code name} in its environment. */
    public Command unsetEnv(String name) {
        checkEnvName(name);
        Map<String, String> set = new LinkedHashMap<>(envSet);
        set.remove(name);
        Set<String> unset = new LinkedHashSet<>(envUnset);
        unset.add(name);
        return new Command(executable, argv, Collections.unmodifiableMap(set), Collections.unmodifiableSet(unset),
                clearEnv);
    }

    /** This command starting from an empty environment (variables set with {@link #env} still apply). */
    public Command clearEnv() {
        return new Command(executable, argv, envSet, Set.of(), true);
    }

    public String executable() {
        return executable;
    }

    /** argv, argv[0] included. */
    public List<String> argv() {
        return argv;
    }

    /** The environment the program gets, starting from {@code inherited}. */
    public Map<String, String> environment(Map<String, String> inherited) {
        Map<String, String> env = new LinkedHashMap<>();
        if (!clearEnv) {
            env.putAll(inherited);
        }
        envUnset.forEach(env::remove);
        env.putAll(envSet);
        return env;
    }

    /**
     * The environment as {@code NAME=value} strings, starting from {@code inherited}; an immutable list. Every
     * command that leaves the environment as it is shares one list per {@code inherited} map, so that spawning
     * from {@code System.getenv()} (one map for the JVM's life) does not rebuild it each time.
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

    private static String checkString(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " must not contain a NUL character: "
                    + s.replace("\0", "\\0"));
        }
        return s;
    }

    private static void checkEnvName(String name) {
        checkString(name, "environment variable name");
        if (name.isEmpty() || name.indexOf('=') >= 0) {
            throw new IllegalArgumentException("environment variable name must be non-empty and contain no '=': '"
                    + name + "'");
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

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Command(").append(executable);
        if (!argv.get(0).equals(executable)) {
            sb.append(" as ").append(argv.get(0));
        }
        for (int i = 1; i < argv.size(); i++) {
            sb.append(' ').append(argv.get(i));
        }
        if (clearEnv || !envSet.isEmpty() || !envUnset.isEmpty()) {
            sb.append(", env ").append(clearEnv ? "cleared" : "inherited");
            envSet.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            envUnset.forEach(k -> sb.append(" -").append(k));
        }
        return sb.append(')').toString();
    }
}
