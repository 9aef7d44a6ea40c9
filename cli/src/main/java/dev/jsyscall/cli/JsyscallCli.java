// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.cli;

import dev.jsyscall.Backends;
import dev.jsyscall.SpawnFailedException;
import dev.jsyscall.handle.ChildDiedException;
import dev.jsyscall.handle.ExecFailedException;
import dev.jsyscall.linux.Errno;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * {@code jsyscall}: launch a program through a driven child, set up with real syscalls inside the child.
 *
 * <pre>
 * jsyscall run --cwd /tmp -- /bin/pwd
 * jsyscall run --setsid --timeout 30s --rlimit nofile=1024 --stdout out.log -- /usr/bin/make
 * jsyscall backends
 * </pre>
 */
@CommandLine.Command(name = "jsyscall", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        exitCodeOnInvalidInput = JsyscallCli.FAILED,
        description = "Linux system calls in processes you control.")
public final class JsyscallCli implements Callable<Integer> {
    /**
     * jsyscall's own failures, a bad command line among them, as env(1), timeout(1) and nice(1) exit: picocli's
     * default (2) is a status many programs exit with themselves, and a caller could not tell the two apart.
     */
    static final int FAILED = 125;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // only commandLine() makes one: the entry points are main and execute
    private JsyscallCli() {
    }

    /**
     * Runs the command line and exits the JVM with its exit code.
     *
     * @param args the command line, e.g. {@code run --cwd /tmp -- /bin/pwd}
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line and returns the exit code (for tests).
     *
     * @param args the command line
     * @return the exit code: that of the program {@code run} ran, or 125 for jsyscall's own failures
     */
    public static int execute(String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // what picocli would print, without loading it (see below)
            System.out.println("jsyscall " + VersionProvider.version());
            return 0;
        }
        int program = plainRun(args);
        if (program > 0) {
            // the common case needs no picocli at all: its classes (Java 5 class files) cannot be kept in an AOT
            // cache, and run's model is built by reflection; together they were most of a short run's start-up
            PrintWriter err = new PrintWriter(System.err, true);
            try {
                return RunCommand.plain(args[program], List.of(args).subList(program + 1, args.length), err);
            } catch (Exception e) {
                return failed(e, err);
            }
        }
        return commandLine(args).execute(args);
    }

    /**
     * Where PROGRAM is in {@code run [--] PROGRAM [ARGS...]} without any option of run's, else -1: then picocli
     * parses (an option, a help request, an {@code @file} to expand, a program that {@code Command.of} refuses).
     */
    static int plainRun(String... args) {
        if (args.length < 2 || !args[0].equals("run")) {
            return -1;
        }
        int program = args[1].equals("--") ? 2 : 1;
        if (program >= args.length || args[program].isEmpty() || (program == 1 && args[1].startsWith("-"))) {
            return -1;
        }
        for (String a : args) {
            if (a.startsWith("@") || a.indexOf('\0') >= 0) {
                return -1;
            }
        }
        return program;
    }

    /**
     * The command line for {@code args}, with jsyscall's error reporting; {@code setOut}/{@code setErr} on it to
     * capture. Only the subcommand that {@code args} name is modelled, and none for a lone version option: {@code
     * run}'s model (its annotations and every set-up definition, by reflection) is most of picocli's start-up.
     * Anything else (no arguments, help, a typo) gets every subcommand, for the listing and the suggestions.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new JsyscallCli(), new Factory());
        boolean version = args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
        boolean one = args.length > 0 && (args[0].equals("run") || args[0].equals("backends"));
        if (!version && (!one || args[0].equals("run"))) {
            cli.addSubcommand(RunCommand.class);
        }
        if (!version && (!one || args[0].equals("backends"))) {
            cli.addSubcommand(ListBackends.class);
        }
        // each occurrence of an option calls its setter again, in command-line order: that is how run's set-up
        // steps keep the user's order (a list-typed option would get the whole list each time)
        cli.setOverwrittenOptionsAllowed(true);
        CommandLine run = cli.getSubcommands().get("run");
        if (run != null) {
            ((RunCommand) run.getCommand()).addDefinedOptions(run.getCommandSpec());
            // `jsyscall run /bin/ls -l` passes -l to ls, as env(1) and timeout(1) do; `--` still works
            run.setStopAtPositional(true);
        }
        cli.setParameterExceptionHandler(JsyscallCli::usageError);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> failed(e, cmd.getErr()));
        return cli;
    }

    /** Reports a failure of the command on {@code err}; the exit code. */
    private static int failed(Exception e, PrintWriter err) {
        int code = FAILED;
        if (e instanceof ExecFailedException) {
            ExecFailedException x = (ExecFailedException) e;
            // the shell's conventions: 127 when the program is not found, 126 when it cannot be executed
            code = x.errno() == Errno.ENOENT ? 127 : 126;
            err.println("jsyscall: " + e.getMessage());
        } else if (e instanceof SpawnFailedException) {
            SpawnFailedException x = (SpawnFailedException) e;
            Throwable why = x.getCause() == null ? x : x.getCause();
            err.println("jsyscall: set-up step '" + x.step() + "' failed: " + why.getMessage());
        } else if (e instanceof ChildDiedException) {
            err.println("jsyscall: " + e.getMessage());
        } else {
            err.println("jsyscall: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        err.flush();
        return code;
    }

    /** A bad command line: one line naming the option and the value, a pointer to --help, and 125. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("jsyscall: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * Creates {@code run}'s option groups as inner objects of the one {@link RunCommand} instance, so their
     * setters append to its lists; picocli's own factory cannot make inner objects.
     */
    static final class Factory implements CommandLine.IFactory {
        private RunCommand run;

        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == RunCommand.class) {
                run = new RunCommand();
                return type.cast(run);
            }
            if (run != null && type.getEnclosingClass() == RunCommand.class) {
                return type.cast(run.group(type));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    @Override
    public Integer call() {
        // no subcommand is a usage error, as timeout(1) without operands: the usage goes where errors go
        spec.commandLine().getErr().println("jsyscall: missing subcommand");
        spec.commandLine().usage(spec.commandLine().getErr());
        return FAILED;
    }

    /** {@code jsyscall backends}. */
    @CommandLine.Command(name = "backends", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = FAILED,
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
