package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.backend.fake.ProgramContext;
import dev.jsyscall.backend.fake.SimulatedProgram;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The simulated programs every fake kernel ships (internal). */
final class Programs {
    private Programs() {}

    /** What a program file contains: a recognisable text, not an ELF image (reading it shows what it is). */
    static byte[] marker(String path) {
        return ("jsyscall fake kernel: simulated program " + path + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    static void install(Kernel k) {
        put(k, "/bin/true", ctx -> 0);
        put(k, "/bin/false", ctx -> 1);
        put(k, "/bin/echo", Programs::echo);
        put(k, "/bin/cat", Programs::cat);
        put(k, "/bin/sleep", Programs::sleep);
        put(k, "/bin/pwd", Programs::pwd);
        put(k, "/usr/bin/env", Programs::env);
        put(k, "/bin/sh", Shell::main);
        put(k, "/bin/kill", Shell::killMain);
        put(k, "/usr/bin/true", ctx -> 0);
        put(k, "/usr/bin/false", ctx -> 1);
    }

    private static void put(Kernel k, String path, SimulatedProgram program) {
        k.vfs.putFile(path, 0755, marker(path), program);
    }

    static int echo(ProgramContext ctx) {
        List<String> args = ctx.argv().subList(1, ctx.argv().size());
        boolean newline = true;
        if (!args.isEmpty() && args.get(0).equals("-n")) {
            newline = false;
            args = args.subList(1, args.size());
        }
        ctx.print(1, String.join(" ", args) + (newline ? "\n" : ""));
        return 0;
    }

    static String name(ProgramContext ctx) {
        String a0 = ctx.argv().isEmpty() ? "?" : ctx.argv().get(0);
        return a0.substring(a0.lastIndexOf('/') + 1);
    }

    static String strerror(ErrnoException e) {
        return e.errno().message();
    }

    static int cat(ProgramContext ctx) {
        List<String> files = new ArrayList<>(ctx.argv().subList(1, ctx.argv().size()));
        if (files.isEmpty()) {
            files.add("-");
        }
        int status = 0;
        for (String f : files) {
            int fd = 0;
            try {
                if (!f.equals("-")) {
                    fd = ctx.open(f, O_RDONLY, 0);
                }
                while (true) {
                    byte[] b = ctx.read(fd, 65536);
                    if (b.length == 0) {
                        break;
                    }
                    ctx.write(1, b);
                }
            } catch (ErrnoException e) {
                if (e.errno() == Errno.EPIPE) {
                    return 1;
                }
                ctx.print(2, "cat: " + f + ": " + strerror(e) + "\n");
                status = 1;
            } finally {
                if (fd > 0) {
                    ctx.syscall(Syscall.CLOSE, fd);
                }
            }
        }
        return status;
    }

    static int sleep(ProgramContext ctx) {
        if (ctx.argv().size() < 2) {
            ctx.print(2, "sleep: missing operand\n");
            return 1;
        }
        double total = 0;
        for (String a : ctx.argv().subList(1, ctx.argv().size())) {
            double mult = 1;
            String num = a;
            if (a.endsWith("s")) {
                num = a.substring(0, a.length() - 1);
            } else if (a.endsWith("m")) {
                mult = 60;
                num = a.substring(0, a.length() - 1);
            } else if (a.endsWith("h")) {
                mult = 3600;
                num = a.substring(0, a.length() - 1);
            } else if (a.endsWith("d")) {
                mult = 86400;
                num = a.substring(0, a.length() - 1);
            }
            try {
                total += Double.parseDouble(num) * mult;
            } catch (NumberFormatException e) {
                ctx.print(2, "sleep: invalid time interval '" + a + "'\n");
                return 1;
            }
        }
        long nanos = (long) (total * 1e9);
        ctx.sleep(Duration.ofNanos(nanos));
        return 0;
    }

    static int pwd(ProgramContext ctx) {
        long buf = ctx.allocate(PATH_MAX);
        long r = ctx.syscall(Syscall.GETCWD, buf, PATH_MAX);
        if (ErrnoException.isError(r)) {
            ctx.print(2, "pwd: " + Errno.of((int) -r).message() + "\n");
            return 1;
        }
        byte[] b = new byte[(int) r - 1];
        ctx.memory().read(buf, b, 0, b.length);
        ctx.print(1, new String(b, StandardCharsets.UTF_8) + "\n");
        return 0;
    }

    static int env(ProgramContext ctx) {
        List<String> env = new ArrayList<>(ctx.envp());
        List<String> args = ctx.argv();
        int i = 1;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-i") || a.equals("-")) {
                env.clear();
            } else if (a.equals("-u") && i + 1 < args.size()) {
                String name = args.get(++i);
                env.removeIf(e -> e.startsWith(name + "="));
            } else if (a.contains("=") && !a.startsWith("=")) {
                String name = a.substring(0, a.indexOf('='));
                env.removeIf(e -> e.startsWith(name + "="));
                env.add(a);
            } else {
                break;
            }
        }
        if (i == args.size()) {
            StringBuilder sb = new StringBuilder();
            for (String e : env) {
                sb.append(e).append('\n');
            }
            ctx.print(1, sb.toString());
            return 0;
        }
        List<String> cmd = args.subList(i, args.size());
        String path = cmd.get(0);
        String pathVar = null;
        for (String e : env) {
            if (e.startsWith("PATH=")) {
                pathVar = e.substring(5);
            }
        }
        int err = execvp((ProgramContextImpl) ctx, path, cmd, env, pathVar);
        ctx.print(2, "env: '" + path + "': " + Errno.of(err).message() + "\n");
        return err == ENOENT ? 127 : 126;
    }

    /** execve with a PATH search; returns the errno if nothing could be executed. */
    static int execvp(ProgramContextImpl ctx, String file, List<String> argv, List<String> env, String pathVar) {
        long argvAddr = ctx.cStringArray(argv);
        long envAddr = ctx.cStringArray(env);
        if (file.contains("/")) {
            return (int) -ctx.syscall(Syscall.EXECVE, ctx.cString(file), argvAddr, envAddr);
        }
        String search = pathVar != null ? pathVar : "/usr/local/bin:/usr/bin:/bin";
        int err = ENOENT;
        for (String dir : search.split(":", -1)) {
            String full = (dir.isEmpty() ? "." : dir) + "/" + file;
            long r = ctx.syscall(Syscall.EXECVE, ctx.cString(full), argvAddr, envAddr);
            if (r == -EACCES) {
                err = EACCES;
            } else if (r != -ENOENT && r != -ENOTDIR) {
                return (int) -r;
            }
        }
        return err;
    }

    /** Looks a command up in PATH the way a shell does; null if absent. */
    static String which(ProgramContextImpl ctx, String file, String pathVar) {
        if (file.contains("/")) {
            return file;
        }
        String search = pathVar != null ? pathVar : "/usr/local/bin:/usr/bin:/bin";
        for (String dir : search.split(":", -1)) {
            String full = (dir.isEmpty() ? "." : dir) + "/" + file;
            long r = ctx.syscall(Syscall.FACCESSAT, AT_FDCWD, ctx.cString(full), 1 /* X_OK */, 0);
            if (r == 0) {
                return full;
            }
        }
        return null;
    }

    static Map<String, Integer> signalNumbers() {
        Map<String, Integer> m = new java.util.HashMap<>();
        for (int i = 1; i < SIGNAL_NAMES.length; i++) {
            m.put(SIGNAL_NAMES[i], i);
            m.put(SIGNAL_NAMES[i].substring(3), i);
        }
        return m;
    }
}
