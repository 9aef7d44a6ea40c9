// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.cli;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.ChildDiedException;
import dev.jsyscall.handle.Cgroup;
import dev.jsyscall.handle.Subreaper;
import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.SyscallTracer;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.linux.capability.CapSets;
import dev.jsyscall.linux.capability.Capabilities;
import dev.jsyscall.linux.landlock.LandlockRuleset;
import dev.jsyscall.linux.mount.MountPropagation;
import dev.jsyscall.linux.resource.Resource;
import dev.jsyscall.linux.resource.Resources;
import dev.jsyscall.linux.resource.Rlimit;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.linux.signal.SigSet;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.tty.Tty;
import dev.jsyscall.linux.tty.WinSize;
import dev.jsyscall.linux.wait.ChildState;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jsyscall run}: a {@link Spawn} built from the command line. Set-up options are collected by setter
 * methods, which picocli calls once per occurrence in command-line order, so the steps run in the child in the
 * order the user typed them. The option groups exist for the help's headings; their instances are inner objects
 * of this command (see {@link JsyscallCli.Factory}), so every setter appends to the same lists.
 */
@CommandLine.Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        exitCodeOnInvalidInput = JsyscallCli.FAILED,
        customSynopsis = "jsyscall run [OPTIONS] [--] PROGRAM [ARGS...]",
        description = {"Clone a driven child, set it up with syscalls made inside it, exec PROGRAM",
            "and wait. PROGRAM is a path, or a name searched in the program's PATH (after",
            "--env) as execvp(3) does: a file that is neither ELF nor #! runs with /bin/sh.",
            "What follows PROGRAM is its own arguments, options or not."},
        footerHeading = "%nOrder:%n",
        footer = {
            "  Set-up options run inside the child in the order given, after every fd",
            "  above 2 it inherited was marked close-on-exec (unless --keep-fds). Then the",
            "  files of --stdin, --stdout, --stderr and --fd are opened (relative paths",
            "  follow --cwd), the --sigmask mask is set, and execve runs.",
            "  --env and --unset-env apply in order; --clear-env empties the inherited",
            "  environment wherever it appears.",
            "",
            "Signals:",
            "  TERM, INT and HUP sent to jsyscall are sent on to the program (to its",
            "  process group when it leads one) and jsyscall keeps waiting for it, as",
            "  timeout(1) does. One that comes before the program was exec'd kills the",
            "  child in set-up (SIGKILL; it blocks all others) and jsyscall exits 128+N.",
            "  QUIT stays with the JVM, which prints a thread dump.",
            "",
            "Output:",
            "  jsyscall writes nothing of its own when all goes well, as env(1) and",
            "  timeout(1): --verbose adds how the program ended and each signal sent.",
            "",
            "Exit status:",
            "  the program's status, or 128+N if signal N killed it;",
            "  124 if --timeout expired, whatever the program did then, but 137",
            "  (128+9) if SIGKILL ended it then (as timeout(1));",
            "  128+N if jsyscall got signal N before the program was exec'd;",
            "  125 if jsyscall itself failed: a bad command line, an unknown",
            "  --backend, a set-up step (as env(1), timeout(1) and nice(1));",
            "  126 if PROGRAM cannot be executed, 127 if it does not exist.",
            "",
            "Examples:",
            "  jsyscall run --cwd /tmp -- /bin/pwd",
            "  jsyscall run --setsid --nice 10 --rlimit nofile=1024 --stdin null \\",
            "      -- /usr/bin/make -j2",
            "  jsyscall run --stdout out.log --stderr +err.log --fd 3=/etc/hosts \\",
            "      -- /bin/sh -c 'cat <&3'",
            "  jsyscall run --timeout 30s --grace 5s --setsid -- /usr/bin/long-job",
            "  jsyscall run --unshare user,net --trace -- /usr/bin/id -u",
            "  jsyscall run --unshare mount --propagation slave -- /bin/sh -c 'mount ...'",
            "  jsyscall run --clear-env --env A=1 --json -- /bin/sh -c 'exit 3'"})
final class RunCommand implements java.util.concurrent.Callable<Integer> {
    /** Exit status when --timeout expired, as coreutils timeout(1). */
    static final int TIMED_OUT = 124;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Set-up steps, in command-line order. */
    private final List<UnaryOperator<Spawn>> steps = new ArrayList<>();
    /** Environment edits, in command-line order. */
    private final List<UnaryOperator<Command>> envEdits = new ArrayList<>();
    private boolean leadsGroup;
    private boolean unsharesMount;
    private MountPropagation propagation;
    /** The paths of --landlock-ro and --landlock-rw, enforced as one ruleset; null without them. */
    private LandlockRuleset landlock;
    private Duration timeout;
    private String timeoutText;
    private Signal killSignal;
    private Duration grace;
    private String graceText;
    private boolean foreground;
    /** --pty: the program runs on a new pseudo-terminal. */
    private boolean pty;
    /** --pty-size; null: the size of the JVM's own terminal, or 80x24. */
    private WinSize ptySize;
    /** --subreaper: the JVM adopts what the program orphans for the run, and waits for it. */
    private boolean subreaper;
    /** The --cgroup the program runs in, once made or found; null without --cgroup. */
    private Cgroup contained;
    /**
     * The JVM's own task, once the kernel is open: --nice and --rlimit start from its niceness and limits, which the
     * child inherits over clone.
     */
    private LocalTask jvm;
    /** The limits each --rlimit leaves the child with, for the next one of the same resource to start from. */
    private final Map<Resource, Rlimit> limits = new EnumMap<>(Resource.class);

    /** The options that are not one syscall definition each; those are {@link #addDefinedOptions}'. */
    @ArgGroup(validate = false, order = 1, heading = "%nMore set-up, in the same order:%n")
    SetUp setUp = new SetUp();

    @ArgGroup(validate = false, order = 2, heading = "%nEnvironment:%n")
    Environment environment = new Environment();

    @ArgGroup(validate = false, order = 3, heading = "%nStandard streams and fds (null: /dev/null; +FILE: append; >FILE: truncate):%n")
    Streams streams = new Streams();

    @ArgGroup(validate = false, order = 4, heading = "%nWaiting and reporting:%n")
    Waiting waiting = new Waiting();

    @Parameters(index = "0", paramLabel = "PROGRAM", description = "Path of the program to execve.")
    String program;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Its arguments.")
    List<String> args = new ArrayList<>();

    /** The group instance picocli asks its factory for: ours, so that setters reach this command's lists. */
    Object group(Class<?> type) {
        for (Object g : new Object[] {setUp, environment, streams, waiting}) {
            if (g.getClass() == type) {
                return g;
            }
        }
        throw new IllegalArgumentException("not an option group of run: " + type);
    }

    /**
     * Adds the set-up options that are one syscall definition each ({@link SetupOptions}), first in the help.
     * Each occurrence queues its request as a step, among the hand-written steps, in command-line order.
     */
    void addDefinedOptions(CommandLine.Model.CommandSpec run) {
        run.addArgGroup(SetupOptions.group("%nSet-up inside the child, in the order given:%n",
                request -> {
                    // the program then leads its own group, which --timeout signals instead of making one
                    if (request.syscall() == Syscall.SETSID || request.syscall() == Syscall.SETPGID) {
                        leadsGroup = true;
                    }
                    steps.add(s -> s.step(request));
                }, (option, message) -> new CommandLine.ParameterException(run.commandLine(),
                        option + ": " + message)));
    }

    /** Parses {@code value} for {@code option}, turning a bad value into a usage error that names both. */
    private <T> T parse(String option, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    final class SetUp {
        @Option(names = "--nice", paramLabel = "N", order = 14,
                description = {"Add N to the niceness, as nice -n N: the result is clamped to -20..19 (nice(1)"
                    + " clamps too), lowering it needs privilege; the last --nice wins, as nice -n does. Made by"
                    + " setpriority() in the child from the niceness of the thread that clones it, which the child"
                    + " inherits. Unlike nice(1), which warns and runs the program anyway, a refused"
                    + " setpriority() fails the run (125): a set-up step that did not happen is an error here."})
        void nice(String value) {
            int increment = parse("--nice", value, OptionValues::integer);
            steps.add(s -> s.step(Resources.nice(OptionValues.niceAfter(jvm.call(Resources.getpriority(0)),
                    increment))));
        }

        @Option(names = "--rlimit", paramLabel = "NAME=SOFT[:HARD]", order = 15,
                description = {"prlimit64() as prlimit --NAME=SOFT:HARD: NAME is nofile, nproc, core, as, cpu,"
                    + " fsize, stack, data, memlock...; a limit is a number (bytes, seconds, count) or 'unlimited';"
                    + " SOFT alone sets both, SOFT: keeps the hard limit, :HARD keeps the soft one. Repeatable; a"
                    + " kept limit is the one the options before left, else the JVM's, which the child inherits."
                    + " HotSpot raises its own soft nofile limit to the hard one at start (the jsyscall script turns that"
                    + " off with -XX:-MaxFDLimit so that the program gets yours)."})
        void rlimit(String value) {
            OptionValues.Limit l = parse("--rlimit", value, OptionValues::rlimit);
            steps.add(s -> {
                Rlimit current = limits.computeIfAbsent(l.resource(),
                        r -> jvm.call(Resources.getrlimit(0, r)));
                Rlimit next = parse("--rlimit", value, v -> l.over(current));
                limits.put(l.resource(), next);
                return s.step(Resources.prlimit(l.resource(), next));
            });
        }

        @Option(names = "--sigmask", paramLabel = "SIG[,SIG...]", order = 16,
                description = "Signals blocked when the program starts (set just before execve; the last"
                        + " --sigmask wins).")
        void sigmask(String value) {
            SigSet mask = parse("--sigmask", value, OptionValues::signalSet);
            steps.add(s -> s.signalMask(mask));
        }

        @Option(names = "--pdeathsig", paramLabel = "SIG", order = 19,
                description = "PR_SET_PDEATHSIG: the program gets SIG if jsyscall dies.")
        void parentDeathSignal(String value) {
            Signal sig = parse("--pdeathsig", value, OptionValues::signal);
            steps.add(s -> s.parentDeathSignal(sig));
        }

        @Option(names = "--unshare", paramLabel = "NS[,NS...]", order = 20,
                description = {"New namespaces: user, mount, pid, net, uts, ipc, cgroup. 'user' comes first and"
                    + " maps your uid and gid to root (0) inside; the rest are one unshare(). With pid, the"
                    + " program's children are in the new pid namespace, not the program. With mount, its"
                    + " mounts are made private (see --propagation)."})
        void unshare(String value) {
            Set<String> names = parse("--unshare", value, OptionValues::namespaces);
            if (names.contains("user")) {
                steps.add(s -> s.userNamespace(0, 0));
            }
            List<CloneFlag> flags = new ArrayList<>();
            for (String n : names) {
                if (!n.equals("user")) {
                    flags.add(OptionValues.NAMESPACES.get(n));
                }
            }
            if (!flags.isEmpty()) {
                CloneFlag[] array = flags.toArray(new CloneFlag[0]);
                if (flags.contains(CloneFlag.NEWNS)) {
                    unsharesMount = true;
                    // read when the steps are applied, after parsing: --propagation may come after --unshare
                    steps.add(s -> s.unshare(propagation == null ? MountPropagation.PRIVATE : propagation, array));
                } else {
                    steps.add(s -> s.unshare(array));
                }
            }
        }

        @Option(names = "--propagation", paramLabel = "private|shared|slave|unchanged", order = 21,
                description = {"With --unshare mount: the propagation every mount of the new namespace gets, set"
                    + " right after the unshare, as unshare(1) (mount(NULL, \"/\", NULL, MS_REC|type)). Default:"
                    + " private, so that mounts made by the program stay inside; 'unchanged' keeps the host's"
                    + " (where / is shared, the program's mounts then appear outside). Unlike unshare(1), an"
                    + " error without --unshare mount."})
        void propagation(String value) {
            propagation = parse("--propagation", value, OptionValues::propagation);
        }

        @Option(names = "--ro-bind", paramLabel = "SRC:DST", order = 23,
                description = {"mount(SRC, DST, MS_BIND), then a remount read-only (with nosuid and nodev) in one"
                    + " step, as bwrap's --ro-bind: writes under DST fail with EROFS. The mounts below SRC are not"
                    + " carried over (bwrap carries them read-only). Needs --unshare mount."})
        void readOnlyBind(String value) {
            String[] pair = parse("--ro-bind", value, OptionValues::pathPair);
            steps.add(s -> s.readOnlyBind(pair[0], pair[1]));
        }

        @Option(names = "--chroot", paramLabel = "DIR", order = 24,
                description = "chroot(DIR), then chdir(\"/\"), as chroot(1).")
        void chroot(String value) {
            parse("--chroot", value, v -> Spawn.of(Command.of("/")).chroot(v));
            steps.add(s -> s.chroot(value));
        }

        @Option(names = "--setns", paramLabel = "PID[:NS,...]", order = 25,
                description = {"Join the namespaces of process PID, as nsenter -t PID: pidfd_open(PID) and one"
                    + " setns(pidfd, kinds) (Linux 5.8+). NS as for --unshare; without them every kind but user"
                    + " (a driven child shares jsyscall's memory, and the kernel lets only a process alone in its"
                    + " memory join a user namespace)."})
        void setns(String value) {
            Map.Entry<Integer, CloneFlag[]> e = parse("--setns", value, OptionValues::setns);
            steps.add(s -> s.joinNamespaces(e.getKey(), e.getValue()));
        }

        @Option(names = "--subreaper", order = 26,
                description = {"prctl(PR_SET_CHILD_SUBREAPER) in jsyscall for the run: what the program orphans"
                    + " (a background job outliving its shell, a daemon's double fork) is reparented to jsyscall"
                    + " instead of init. After the program ends, jsyscall waits until every orphan has ended too"
                    + " and reaps it (with -v: \"jsyscall: orphan (pid N) exited with status S\"); its own exit"
                    + " status stays the program's. A daemon that never ends keeps jsyscall waiting."})
        void subreaper(boolean on) {
            subreaper = on;
        }

        @Option(names = "--pid-ns", order = 27,
                description = {"Run the program as pid 1 of a new pid namespace with its own /proc, as unshare"
                    + " --pid --fork --mount-proc: the child is cloned with CLONE_NEWPID, then unshares a mount"
                    + " namespace (mounts private) and mounts proc on /proc. As the namespace's init it adopts what"
                    + " its descendants orphan, and when it dies the kernel kills everything in the namespace, so"
                    + " --timeout and an end of jsyscall leave nothing behind. Like any init it ignores signals it"
                    + " has no handler for (--kill-signal TERM too); --timeout's SIGKILL after --grace ends it."
                    + " Needs root, or --unshare user, which the same clone then makes."})
        void pidNamespace(boolean on) {
            if (on) {
                steps.add(s -> s.newPidNamespace("/proc"));
            }
        }

        @Option(names = "--cgroup", paramLabel = "PATH", order = 22,
                description = {"Start the program inside the cgroup v2 directory PATH (e.g."
                    + " /sys/fs/cgroup/unified/job), made first if it does not exist: the child is cloned into it"
                    + " (clone3's CLONE_INTO_CGROUP; where that is refused it moves itself in through cgroup.procs at"
                    + " this point of the set-up), so the program and all it starts are in it."
                    + " When --timeout expires, everything left in the cgroup is killed (cgroup.kill), even"
                    + " what left the program's process group or session. The cgroup is left in place."})
        void cgroup(String value) {
            parse("--cgroup", value, v -> {
                if (!v.startsWith("/")) {
                    throw new IllegalArgumentException("PATH must be absolute, was '" + v + "'");
                }
                return v;
            });
            steps.add(s -> {
                contained = Cgroup.createOrUse(jvm, value);
                return s.cgroup(contained);
            });
        }

        @Option(names = "--landlock-ro", paramLabel = "PATH", order = 27,
                description = {"Landlock (Linux 5.13+): the program may only read, list and execute beneath PATH"
                    + " and the --landlock-rw paths; the rest of the file system is denied (EACCES). All of them"
                    + " make one ruleset, enforced after every other step (files of --stdout... are opened first)"
                    + " and before --seccomp-deny, with every right the kernel's Landlock ABI knows. Needs"
                    + " --no-new-privs (or CAP_SYS_ADMIN). Repeatable."})
        void landlockReadOnly(String value) {
            landlock(value, parse("--landlock-ro", value, v -> LandlockRuleset.of().readOnly(v)));
        }

        @Option(names = "--landlock-rw", paramLabel = "PATH", order = 28,
                description = {"As --landlock-ro, with every right beneath PATH: also write, create, remove and"
                    + " rename. Repeatable."})
        void landlockReadWrite(String value) {
            landlock(value, parse("--landlock-rw", value, v -> LandlockRuleset.of().readWrite(v)));
        }

        private void landlock(String path, LandlockRuleset one) {
            if (landlock == null) {
                // one ruleset for all the paths: rulesets enforced one after another would each deny the others'
                steps.add(s -> s.landlock(landlock));
                landlock = LandlockRuleset.of();
            }
            landlock = landlock.allow(path, one.rules().get(0).access());
        }

        @Option(names = "--caps", paramLabel = "(+|-)CAP[,...]", order = 23,
                description = {"Limit the program to a capability set, e.g. -all,+net_bind_service: starting from"
                    + " the child's permitted set at this point, each -CAP removes and +CAP adds (all: every"
                    + " permitted one; names as setpriv, cap_ optional). The bounding, permitted, effective,"
                    + " inheritable and ambient sets all become that set, so the program has exactly it whether"
                    + " it runs as root or not; setpriv sets them apart (--bounding-set, --inh-caps,"
                    + " --ambient-caps). A capability not permitted cannot be added. After --uid away from root"
                    + " give --keep-caps before --uid. Dropping from the bounding set needs CAP_SETPCAP."})
        void caps(String value) {
            LongUnaryOperator spec = parse("--caps", value, OptionValues::caps);
            long bounding = OptionValues.jvmBoundingSet();
            steps.add(s -> s.then("--caps " + value, child -> {
                CapSets now = child.call(Capabilities.capget());
                for (SyscallRequest<?> r : Capabilities.limitTo(spec.applyAsLong(now.permitted()), now, bounding)) {
                    child.call(r);
                }
            }));
        }
    }

    final class Environment {
        @Option(names = "--env", paramLabel = "NAME=VALUE", order = 30, description = "Set a variable. Repeatable.")
        void env(String value) {
            Map.Entry<String, String> e = parse("--env", value, v -> {
                Map.Entry<String, String> kv = OptionValues.envAssignment(v);
                Command.of("/").env(kv.getKey(), kv.getValue());  // its checks, before anything runs
                return kv;
            });
            envEdits.add(c -> c.env(e.getKey(), e.getValue()));
        }

        @Option(names = "--unset-env", paramLabel = "NAME", order = 31, description = "Remove a variable."
                + " Repeatable.")
        void unsetEnv(String name) {
            parse("--unset-env", name, n -> Command.of("/").unsetEnv(n));
            envEdits.add(c -> c.unsetEnv(name));
        }

        @Option(names = "--clear-env", order = 32, description = "Start from an empty environment.")
        void clearEnv(boolean on) {
            envEdits.add(Command::clearEnv);
        }
    }

    final class Streams {
        @Option(names = "--stdin", paramLabel = "FILE|null", order = 40, description = "Where fd 0 reads from.")
        void stdin(String value) {
            Redirect r = parse("--stdin", value, v -> OptionValues.redirect(v, Redirect.Mode.READ, false));
            steps.add(s -> s.stdin(r));
        }

        @Option(names = "--stdout", paramLabel = "FILE|+FILE|null", order = 41,
                description = "Where fd 1 writes (FILE is truncated, +FILE appended to, both created 0644).")
        void stdout(String value) {
            Redirect r = parse("--stdout", value, v -> OptionValues.redirect(v, Redirect.Mode.WRITE, true));
            steps.add(s -> s.stdout(r));
        }

        @Option(names = "--stderr", paramLabel = "FILE|+FILE|null", order = 42, description = "Where fd 2 writes.")
        void stderr(String value) {
            Redirect r = parse("--stderr", value, v -> OptionValues.redirect(v, Redirect.Mode.WRITE, true));
            steps.add(s -> s.stderr(r));
        }

        @Option(names = "--fd", paramLabel = "N=FILE", order = 43,
                description = "Open FILE as fd N in the child: read-only, or N=>FILE, N=+FILE to write, N=null."
                        + " Repeatable.")
        void fd(String value) {
            OptionValues.FdMapping m = parse("--fd", value, OptionValues::fd);
            steps.add(s -> s.fd(m.target(), m.from()));
        }

        @Option(names = "--pty", order = 45,
                description = {"Run the program on a new pseudo-terminal, as script(1) does: the slave is its"
                    + " stdin, stdout, stderr and controlling terminal (in a session it leads), what it writes to"
                    + " the terminal is copied to this stdout, and this stdin to its input (this terminal is not"
                    + " put in raw mode, and the end of this stdin is not passed on: type ^D). A --stdin, --stdout"
                    + " or --stderr takes that fd off the terminal."})
        void pty(boolean on) {
            pty = true;
            leadsGroup = true;   // its setsid makes a group --timeout signals; a setpgid first would fail it (EPERM)
        }

        @Option(names = "--pty-size", paramLabel = "COLSxROWS", order = 46,
                description = "The --pty's window size (default: this terminal's, else 80x24).")
        void ptySize(String value) {
            ptySize = parse("--pty-size", value, WinSize::parse);
        }

        @Option(names = "--keep-fds", order = 44,
                description = "Let the program inherit every fd the JVM has open without close-on-exec.")
        void keepFds(boolean on) {
            steps.add(Spawn::keepInheritedFds);
        }
    }

    final class Waiting {
        @Option(names = "--timeout", paramLabel = "DURATION", order = 50,
                description = {"Send --kill-signal after DURATION (e.g. 500ms, 2s, 2m, 1h; a bare number is"
                    + " seconds), SIGKILL after --grace more, and exit 124 (137 if SIGKILL was needed). The time"
                    + " counts from before the clone: a set-up that is still running then (an open of a FIFO"
                    + " nobody reads) is ended with SIGKILL. The program runs in a process group of its own"
                    + " (setpgid(0, 0) first in its set-up, unless --setsid or --pgid-new make one), and the"
                    + " whole group is signalled."})
        void timeout(String value) {
            timeout = parse("--timeout", value, v -> {
                Duration d = OptionValues.duration(v);
                if (d.isZero()) {
                    throw OptionValues.bad("must be above 0", v);
                }
                return d;
            });
            timeoutText = value;
        }

        @Option(names = "--kill-signal", paramLabel = "SIG", order = 51,
                description = "The signal --timeout sends first (default: TERM).")
        void killSignal(String value) {
            killSignal = parse("--kill-signal", value, OptionValues::signal);
        }

        @Option(names = "--grace", paramLabel = "DURATION", order = 52,
                description = "How long --timeout waits after --kill-signal before SIGKILL (default: 2s).")
        void grace(String value) {
            grace = parse("--grace", value, OptionValues::duration);
            graceText = value;
        }

        @Option(names = "--foreground", order = 53,
                description = {"With --timeout, as timeout(1): make no process group for the program and signal"
                    + " only the program, not the processes it started (they are not timed out). Use it for a"
                    + " program that reads the terminal: in a group of its own it is not in the terminal's"
                    + " foreground group, so reading stops it (SIGTTIN), and Ctrl-C, Ctrl-\\ and Ctrl-Z reach"
                    + " jsyscall instead (it sends INT on; QUIT and TSTP do not reach the program)."})
        void foreground(boolean on) {
            foreground = on;
        }

        @Option(names = "--trace", order = 54,
                description = "Print each syscall made in the child (arguments, result, time) on stderr.")
        boolean trace;

        @Option(names = "--json", order = 55,
                description = {"When the program has ended, write its exit state as one line of JSON on stderr"
                    + " (as time(1) and strace(1) report there). Never on stdout: that is the program's, byte for"
                    + " byte. For a channel of its own, use --json-file."})
        boolean json;

        @Option(names = "--json-file", paramLabel = "FILE", order = 56,
                description = {"Like --json, but write the line to FILE (created, or truncated), opened before the"
                    + " program is started so that a FILE that cannot be written fails first (exit 125), as"
                    + " time -o does; /dev/fd/N writes to an fd the shell opened for jsyscall (--json-file"
                    + " /dev/fd/3 3>state.json). A relative FILE is from jsyscall's directory, not --cwd."})
        String jsonFile;

        @Option(names = {"-v", "--verbose"}, order = 57,
                description = {"Report on stderr how the program ended (\"jsyscall: PROG (pid N) exited with"
                    + " status 0\") and every signal jsyscall sends or passes on, as timeout --verbose does."
                    + " Without it jsyscall is silent unless it fails itself."})
        boolean verbose;

        @Option(names = "--backend", paramLabel = "ID", order = 58,
                description = "Backend to use (ffm, jnr); default: the best one available (see jsyscall"
                        + " backends).")
        String backend;
    }

    /** Where a run without picocli ({@link #plain}) reports; with picocli, the command line's stderr. */
    private PrintWriter plainErr;

    /** {@code run PROGRAM ARGS...} without options, parsed by {@link JsyscallCli#plainRun}, not picocli. */
    static int plain(String program, List<String> args, PrintWriter err) {
        RunCommand run = new RunCommand();
        run.program = program;
        run.args = new ArrayList<>(args);
        run.plainErr = err;
        return run.call();
    }

    @Override
    public Integer call() {
        try {
            return runProgram();
        } catch (IOException e) {
            throw new UncheckedIOException("--json-file: writing '" + waiting.jsonFile + "' failed: " + e, e);
        }
    }

    private int runProgram() throws IOException {
        if (timeout == null && (killSignal != null || grace != null || foreground)) {
            throw new CommandLine.ParameterException(spec.commandLine(), (killSignal != null ? "--kill-signal"
                    : grace != null ? "--grace" : "--foreground") + " only applies with --timeout");
        }
        if (propagation != null && !unsharesMount) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--propagation only applies with --unshare mount");
        }
        if (ptySize != null && !pty) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--pty-size only applies with --pty");
        }
        Command command = parse("PROGRAM", program, p -> Command.of(p, args.toArray(new String[0])));
        for (UnaryOperator<Command> edit : envEdits) {
            command = edit.apply(command);
        }
        Spawn spawn = Spawn.of(command);
        // timeout(1) moves itself into the new group too, so that from a shell prompt the group stays the
        // terminal's foreground group. The JVM stays where it is (a group it is in would get our own signals,
        // and no handler stops SIGKILL or an arbitrary --kill-signal), so the group is the program's alone and
        // --foreground is the way to keep the terminal
        boolean ownGroup = timeout != null && !foreground && !leadsGroup;
        if (ownGroup) {
            spawn = spawn.newProcessGroup();   // first: a later --setsid would fail with EPERM in a group leader
        }
        PrintWriter err = spec == null ? plainErr : spec.commandLine().getErr();
        try (OutputStream jsonOut = openJsonFile();
             Kernel kernel = waiting.backend == null ? Kernel.open() : Kernel.open(waiting.backend)) {
            LocalTask local = kernel.localTask();
            jvm = local;
            if (pty) {
                // first, so that a --stdin, --stdout or --stderr takes its fd off the terminal
                spawn = spawn.terminal(ptySize != null ? ptySize : ownWindowSize(local), Redirect.chunks(b -> {
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    System.out.write(bytes, 0, bytes.length);
                    System.out.flush();
                }));
            }
            for (UnaryOperator<Spawn> step : steps) {
                spawn = step.apply(spawn);
            }
            if (waiting.trace) {
                local.trace((pid, call, a, result, nanos) -> {
                    synchronized (err) {
                        err.println(SyscallTracer.format(pid, call, a, result, nanos));
                        err.flush();
                    }
                });
            }
            ChildState state;
            Boolean timedOut;
            int status;
            try (Subreaper reaper = subreaper ? Subreaper.become(local) : null;
                 Supervisor supervisor = new Supervisor(program, err, waiting.verbose, (leadsGroup || ownGroup) && !foreground,
                    timeout, timeoutText, killSignal == null ? Signal.SIGTERM : killSignal,
                    grace == null ? Duration.ofSeconds(2) : grace, graceText == null ? "2s" : graceText)) {
                supervisor.start();
                state = runAndWait(spawn.whenCloned(supervisor::cloned), local, supervisor, pty);
                status = supervisor.exitStatus(state);
                timedOut = supervisor.timedOut();
                if (reaper != null) {
                    reapOrphans(reaper, err);
                }
            }
            if (contained != null && Boolean.TRUE.equals(timedOut)) {
                killContained(err);
            }
            String json = waiting.json || jsonOut != null ? toJson(command, state, kernel.backendId(), timedOut)
                    : null;
            if (jsonOut != null) {
                jsonOut.write((json + "\n").getBytes(StandardCharsets.UTF_8));
                jsonOut.flush();
            } else if (json != null) {
                err.println(json);
                err.flush();
            }
            if (waiting.verbose) {
                err.println("jsyscall: " + program + " (pid " + state.pid() + ") " + state.describe());
                err.flush();
            }
            return status;
        }
    }

    /** --subreaper: waits for every orphan the program left, reaping each, and reports them with -v. */
    private void reapOrphans(Subreaper reaper, PrintWriter err) {
        while (!reaper.orphans().isEmpty()) {
            for (Subreaper.Orphan o : reaper.awaitOrphans(Duration.ofSeconds(1))) {
                if (waiting.verbose) {
                    err.println("jsyscall: orphan (pid " + o.pid() + ") " + o.state().describe());
                    err.flush();
                }
            }
        }
    }

    /**
     * After a timeout, ends what the program left in its cgroup: descendants that left its process group or
     * session, which the signals of --timeout did not reach.
     */
    private void killContained(PrintWriter err) {
        if (!contained.isPopulated()) {
            return;
        }
        Cgroup.KillMethod how = contained.kill();
        boolean empty = contained.awaitEmpty(Duration.ofSeconds(10));
        if (waiting.verbose || !empty) {
            err.println("jsyscall: killed what was left in " + contained.path() + " ("
                    + (how == Cgroup.KillMethod.CGROUP_KILL ? "cgroup.kill" : "freeze and SIGKILL") + ")"
                    + (empty ? "" : "; processes are still listed after 10 s: " + contained.pids()));
            err.flush();
        }
    }

    /** The --json-file destination, opened now so that a FILE that cannot be written stops the run first. */
    private OutputStream openJsonFile() {
        if (waiting.jsonFile == null) {
            return null;
        }
        try {
            return Files.newOutputStream(Paths.get(waiting.jsonFile));
        } catch (IOException | InvalidPathException e) {
            throw new IllegalStateException("--json-file: cannot write '" + waiting.jsonFile + "': " + e, e);
        }
    }

    /** The size of the terminal on the JVM's stdin, or 80x24 when stdin is no terminal. */
    private static WinSize ownWindowSize(LocalTask local) {
        try {
            WinSize own = local.call(Tty.getWindowSize(0));
            return own.columns() == 0 || own.rows() == 0 ? new WinSize(80, 24) : own;
        } catch (dev.jsyscall.linux.ErrnoException e) {
            return new WinSize(80, 24);   // ENOTTY: not a terminal
        }
    }

    /** Copies the JVM's stdin to the program's terminal until either ends; a daemon, as a read of stdin blocks. */
    private static void forwardStdin(Spawned s) {
        Thread t = new Thread(() -> {
            try {
                System.in.transferTo(s.terminal().input());
            } catch (IOException | RuntimeException e) {
                // the program ended and the master was closed: nothing is left to type into
            }
        }, "jsyscall-pty-stdin");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Starts the program and waits for it to end. The wait is on the exit watcher's future (woken by the pidfd
     * through epoll), not a waitid of ours: that would hold the child's lease and so refuse the signals that
     * {@code supervisor} sends meanwhile.
     * With --pty, also until the terminal's output was copied.
     */
    private static ChildState runAndWait(Spawn spawn, LocalTask local, Supervisor supervisor, boolean pty) {
        Spawned spawned;
        try {
            spawned = spawn.start(local);
        } catch (ChildDiedException e) {
            if (supervisor.killedInSetup()) {
                return e.state();   // start reaped it
            }
            throw e;
        }
        try (Spawned s = spawned) {
            supervisor.running();
            ChildProcess process = s.process();
            if (pty) {
                forwardStdin(s);
            }
            // on this (platform) thread, which then blocks on the pidfd itself: no exit watcher, no epoll thread
            // and no virtual thread for the completion start in this JVM for the one wait it makes
            ChildState state = process.waitForExit();
            if (pty) {
                s.waitForStreams();   // the output still buffered in the terminal, up to the last process's exit
            }
            return state;
        }
    }

    private static String toJson(Command command, ChildState s, String backendId, Boolean timedOut) {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"program\":").append(quote(command.executable()));
        sb.append(",\"pid\":").append(s.pid());
        sb.append(",\"state\":").append(quote(s.kind().name().toLowerCase(Locale.ROOT)));
        if (s.killedBy().isPresent()) {
            sb.append(",\"signal\":").append(quote(s.killedBy().get().name()));
        } else {
            sb.append(",\"status\":").append(s.exitStatus());
        }
        if (timedOut != null) {
            sb.append(",\"timedOut\":").append(timedOut);
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
