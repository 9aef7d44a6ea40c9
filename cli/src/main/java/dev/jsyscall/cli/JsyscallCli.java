package dev.jsyscall.cli;

import dev.jsyscall.Backends;
import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.ExecFailedException;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.wait.ChildState;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jsyscall}: launch a program through a driven child, set up with real syscalls inside the child.
 *
 * <pre>
 * jsyscall run --cwd /tmp -- /bin/pwd
 * jsyscall backends
 * </pre>
 */
@CommandLine.Command(name = "jsyscall", mixinStandardHelpOptions = true, version = "jsyscall 0.1.0-SNAPSHOT",
        description = "Linux system calls in processes you control.",
        subcommands = {JsyscallCli.Run.class, JsyscallCli.ListBackends.class})
public final class JsyscallCli implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new JsyscallCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("jsyscall: " + e.getMessage());
            cmd.getErr().flush();
            // the shell's conventions: 127 when the program is not found, 126 when it cannot be executed
            if (e instanceof ExecFailedException) {
                return ((ExecFailedException) e).errno() == Errno.ENOENT ? 127 : 126;
            }
            return 125;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    /** {@code jsyscall run}. */
    @CommandLine.Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Clone a driven child, set it up with syscalls made inside it, exec PROGRAM and wait.",
                "Exits with the program's status, or 128+N when signal N killed it."})
    static final class Run implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--cwd", paramLabel = "DIR", description = "Working directory of the child (chdir).")
        String cwd;

        @Option(names = "--env", paramLabel = "NAME=VALUE", description = "Set an environment variable.")
        List<String> env = new ArrayList<>();

        @Option(names = "--unset-env", paramLabel = "NAME", description = "Remove an environment variable.")
        List<String> unsetEnv = new ArrayList<>();

        @Option(names = "--clear-env", description = "Start from an empty environment.")
        boolean clearEnv;

        @Option(names = "--backend", paramLabel = "ID",
                description = "Backend to use (ffm, jnr, fake); default: -Djsyscall.backend, else the best one.")
        String backend;

        @Option(names = "--json", description = "Print the child's exit state as JSON on stdout.")
        boolean json;

        @Parameters(index = "0", paramLabel = "PROGRAM", description = "Absolute path of the program.")
        String program;

        @Parameters(index = "1..*", paramLabel = "ARGS", description = "Its arguments.")
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            Command command = Command.of(program, args.toArray(new String[0]));
            if (clearEnv) {
                command = command.clearEnv();
            }
            for (String name : unsetEnv) {
                command = command.unsetEnv(name);
            }
            for (String e : env) {
                int eq = e.indexOf('=');
                if (eq <= 0) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--env needs NAME=VALUE, got '" + e + "'");
                }
                command = command.env(e.substring(0, eq), e.substring(eq + 1));
            }
            try (Kernel kernel = backend == null ? Kernel.open() : Kernel.open(backend)) {
                ChildTask child = kernel.localTask().cloneChild();
                ChildProcess process;
                try {
                    if (cwd != null) {
                        child.chdir(cwd);
                    }
                    process = child.exec(command);
                } catch (RuntimeException e) {
                    child.close();                     // a child still serving sees EOF and exits
                    child.childProcess().waitForExit(); // reap it: nothing is left behind
                    throw e;
                } finally {
                    child.close();
                }
                ChildState state = process.waitForExit();
                if (json) {
                    spec.commandLine().getOut().println(toJson(command, state, kernel.backendId()));
                    spec.commandLine().getOut().flush();
                } else {
                    err.println("jsyscall: " + program + " (pid " + state.pid() + ") " + state.describe());
                    err.flush();
                }
                return state.shellStatus();
            }
        }

        private static String toJson(Command command, ChildState s, String backendId) {
            StringBuilder sb = new StringBuilder("{");
            sb.append("\"program\":").append(quote(command.executable()));
            sb.append(",\"pid\":").append(s.pid());
            sb.append(",\"state\":").append(quote(s.kind().name().toLowerCase(java.util.Locale.ROOT)));
            if (s.kind() == ChildState.Kind.EXITED) {
                sb.append(",\"status\":").append(s.status());
            } else {
                sb.append(",\"signal\":").append(quote(s.signal().name()));
            }
            sb.append(",\"backend\":").append(quote(backendId));
            return sb.append('}').toString();
        }

        private static String quote(String s) {
            StringBuilder sb = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c < 0x20) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            return sb.append('"').toString();
        }
    }

    /** {@code jsyscall backends}. */
    @CommandLine.Command(name = "backends", mixinStandardHelpOptions = true,
            description = "List the backends found and why each is or is not available.")
    static final class ListBackends implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Backends.Discovery d = Backends.discover();
            for (Map.Entry<String, String> e : Backends.report(d).entrySet()) {
                out.println(e.getKey() + ": " + e.getValue());
            }
            for (String f : d.failures()) {
                out.println("(broken) " + f);
            }
            try {
                out.println("selected: " + Backends.select().id());
            } catch (RuntimeException e) {
                out.println("selected: none: " + e.getMessage());
                out.flush();
                return 1;
            }
            out.flush();
            return 0;
        }
    }
}
