// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.backend.fake.ProgramContext;
import dev.jsyscall.backend.fake.SimulatedProgram;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
        put(k, "/bin/true", new ExitOnly(0));
        put(k, "/bin/false", new ExitOnly(1));
        put(k, "/bin/echo", Programs::echo);
        put(k, "/bin/cat", Programs::cat);
        put(k, "/bin/sleep", Programs::sleep);
        put(k, "/bin/pwd", Programs::pwd);
        put(k, "/usr/bin/env", Programs::env);
        put(k, "/bin/sh", Shell::main);
        put(k, "/bin/kill", ShellBuiltins::killMain);
        put(k, "/usr/bin/true", new ExitOnly(0));
        put(k, "/usr/bin/false", new ExitOnly(1));
        put(k, "/bin/rm", Programs::rm);
        put(k, "/bin/ls", Programs::ls);
        put(k, "/bin/hostname", Programs::hostname);
        put(k, "/usr/bin/id", Programs::id);
        put(k, "/bin/stty", Programs::stty);
        put(k, "/usr/bin/tty", Programs::tty);
        put(k, "/usr/bin/test", Programs::test);
        put(k, "/usr/bin/printf", Programs::printf);
        k.vfs.putFile("/etc/passwd", 0644, ("root:x:0:0:root:/root:/bin/sh\n"
                + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n").getBytes(StandardCharsets.UTF_8), null);
        k.vfs.putFile("/etc/group", 0644, "root:x:0:\nnogroup:x:65534:\n".getBytes(StandardCharsets.UTF_8), null);
        k.vfs.putFile("/etc/hostname", 0644, "jsyscall-fake\n".getBytes(StandardCharsets.UTF_8), null);
    }

    static int rm(ProgramContext ctx) {
        boolean force = false;
        int status = 0;
        for (String a : ctx.argv().subList(1, ctx.argv().size())) {
            if (a.equals("-f")) {
                force = true;
                continue;
            }
            ProgramContextImpl c = (ProgramContextImpl) ctx;
            long r = ctx.syscall(Syscall.UNLINKAT, AT_FDCWD, c.cString(a), 0);
            if (ErrnoException.isError(r) && !(force && r == -ENOENT)) {
                ctx.print(2, "rm: cannot remove '" + a + "': " + Errno.of((int) -r).message() + "\n");
                status = 1;
            }
        }
        return status;
    }

    /** ls [-a] [PATH...]: names one per line (no long format). */
    static int ls(ProgramContext ctx) {
        ProgramContextImpl c = (ProgramContextImpl) ctx;
        boolean all = false;
        List<String> paths = new ArrayList<>();
        for (String a : ctx.argv().subList(1, ctx.argv().size())) {
            if (a.equals("-a")) {
                all = true;
            } else if (!a.equals("-1")) {
                paths.add(a);
            }
        }
        if (paths.isEmpty()) {
            paths.add(".");
        }
        int status = 0;
        StringBuilder out = new StringBuilder();
        long st = ctx.allocate(144);
        for (String path : paths) {
            long r = ctx.syscall(Syscall.NEWFSTATAT, AT_FDCWD, c.cString(path), st, AT_SYMLINK_NOFOLLOW);
            if (ErrnoException.isError(r)) {
                ctx.print(2, "ls: cannot access '" + path + "': " + Errno.of((int) -r).message() + "\n");
                status = 2;
                continue;
            }
            byte[] mode = new byte[4];
            ctx.memory().read(st + 24, mode, 0, 4);
            if ((Bytes.getInt(mode, 0) & S_IFMT) != S_IFDIR) {
                out.append(path).append('\n');
                continue;
            }
            int fd = ctx.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
            List<String> names = new ArrayList<>();
            long buf = ctx.allocate(8192);
            long n;
            while ((n = ctx.check(Syscall.GETDENTS64, fd, buf, 8192)) > 0) {
                byte[] d = new byte[(int) n];
                ctx.memory().read(buf, d, 0, d.length);
                for (int at = 0; at < n;) {
                    int reclen = Bytes.getShort(d, at + 16) & 0xffff;
                    int end = at + 19;
                    while (d[end] != 0) {
                        end++;
                    }
                    String name = new String(d, at + 19, end - at - 19, StandardCharsets.UTF_8);
                    if (all || !name.startsWith(".")) {
                        names.add(name);
                    }
                    at += reclen;
                }
            }
            ctx.syscall(Syscall.CLOSE, fd);
            java.util.Collections.sort(names);
            if (paths.size() > 1) {
                out.append(path).append(":\n");
            }
            for (String name : names) {
                out.append(name).append('\n');
            }
        }
        ctx.print(1, out.toString());
        return status;
    }

    static int hostname(ProgramContext ctx) {
        long buf = ctx.allocate(65 * 6);
        ctx.check(Syscall.UNAME, buf);
        byte[] node = new byte[65];
        ctx.memory().read(buf + 65, node, 0, 65);
        int end = 0;
        while (end < 65 && node[end] != 0) {
            end++;
        }
        ctx.print(1, new String(node, 0, end, StandardCharsets.UTF_8) + "\n");
        return 0;
    }

    /** id [-u|-g] [-n]. */
    static int id(ProgramContext ctx) {
        List<String> args = ctx.argv().subList(1, ctx.argv().size());
        int uid = (int) ctx.check(Syscall.GETEUID);
        int gid = (int) ctx.check(Syscall.GETEGID);
        boolean names = args.contains("-n") || args.contains("-un") || args.contains("-gn");
        if (args.contains("-u") || args.contains("-un")) {
            ctx.print(1, (names ? userName(uid) : Integer.toString(uid)) + "\n");
        } else if (args.contains("-g") || args.contains("-gn")) {
            ctx.print(1, (names ? groupName(gid) : Integer.toString(gid)) + "\n");
        } else {
            ctx.print(1, "uid=" + uid + "(" + userName(uid) + ") gid=" + gid + "(" + groupName(gid) + ") groups="
                    + gid + "(" + groupName(gid) + ")\n");
        }
        return 0;
    }

    /** stty size: the rows and columns of the terminal on stdin (TIOCGWINSZ), as coreutils prints them. */
    static int stty(ProgramContext ctx) {
        List<String> args = ctx.argv().subList(1, ctx.argv().size());
        if (!args.equals(List.of("size"))) {
            ctx.print(2, "stty: only 'stty size' is simulated by the fake, not " + args + "\n");
            return 1;
        }
        long ws = ctx.allocate(8);
        long r = ctx.syscall(Syscall.IOCTL, 0, Ptys.TIOCGWINSZ, ws);
        if (ErrnoException.isError(r)) {
            ctx.print(2, "stty: 'standard input': " + Errno.of((int) -r).message() + "\n");
            return 1;
        }
        byte[] b = new byte[4];
        ctx.memory().read(ws, b, 0, 4);
        ctx.print(1, ((b[0] & 0xff) | (b[1] & 0xff) << 8) + " " + ((b[2] & 0xff) | (b[3] & 0xff) << 8) + "\n");
        return 0;
    }

    /** tty: the name of the terminal on stdin (isatty by TCGETS, then /proc/self/fd/0), or "not a tty", 1. */
    static int tty(ProgramContext ctx) {
        ProgramContextImpl c = (ProgramContextImpl) ctx;
        if (ErrnoException.isError(ctx.syscall(Syscall.IOCTL, 0, Ptys.TCGETS, ctx.allocate(64)))) {
            ctx.print(1, "not a tty\n");
            return 1;
        }
        long buf = ctx.allocate(4096);
        long n = ctx.check(Syscall.READLINKAT, AT_FDCWD, c.cString("/proc/self/fd/0"), buf, 4096);
        byte[] name = new byte[(int) n];
        ctx.memory().read(buf, name, 0, name.length);
        ctx.print(1, new String(name, StandardCharsets.UTF_8) + "\n");
        return 0;
    }

    /**
     * test EXPR: the unary -t, -n, -z, a lone string, = and !=, each optionally after !; anything else is status 2
     * with a message naming what the fake does not simulate.
     */
    static int test(ProgramContext ctx) {
        List<String> a = new ArrayList<>(ctx.argv().subList(1, ctx.argv().size()));
        boolean not = !a.isEmpty() && a.get(0).equals("!") && a.size() > 1;
        if (not) {
            a.remove(0);
        }
        Boolean r;
        if (a.isEmpty()) {
            r = false;
        } else if (a.size() == 1) {
            r = !a.get(0).isEmpty();
        } else if (a.size() == 2 && a.get(0).equals("-t")) {
            int fd;
            try {
                fd = Integer.parseInt(a.get(1));
            } catch (NumberFormatException e) {
                ctx.print(2, "test: " + a.get(1) + ": bad number\n");
                return 2;
            }
            // isatty: TCGETS succeeds only on a terminal
            r = !ErrnoException.isError(ctx.syscall(Syscall.IOCTL, fd, Ptys.TCGETS, ctx.allocate(64)));
        } else if (a.size() == 2 && (a.get(0).equals("-n") || a.get(0).equals("-z"))) {
            r = a.get(1).isEmpty() == a.get(0).equals("-z");
        } else if (a.size() == 3 && (a.get(1).equals("=") || a.get(1).equals("!="))) {
            r = a.get(0).equals(a.get(2)) == a.get(1).equals("=");
        } else {
            ctx.print(2, "test: the fake's test simulates only -t, -n, -z, = and !=, not " + a + "\n");
            return 2;
        }
        return r != not ? 0 : 1;
    }

    /**
     * printf FORMAT [ARG...]: the format's backslash escapes ({@code \n \t \\}) and conversions %s, %d and %%,
     * reused while arguments are left, as coreutils does; another conversion is status 1 naming it.
     */
    static int printf(ProgramContext ctx) {
        List<String> args = ctx.argv().subList(1, ctx.argv().size());
        if (args.isEmpty()) {
            ctx.print(2, "printf: missing operand\n");
            return 1;
        }
        String fmt = args.get(0);
        StringBuilder out = new StringBuilder();
        int next = 1;
        do {
            boolean consumed = false;
            for (int i = 0; i < fmt.length(); i++) {
                char ch = fmt.charAt(i);
                if (ch == '\\' && i + 1 < fmt.length()) {
                    char e = fmt.charAt(++i);
                    out.append(e == 'n' ? '\n' : e == 't' ? '\t' : e == '\\' ? '\\' : e);
                } else if (ch == '%' && i + 1 < fmt.length()) {
                    char conv = fmt.charAt(++i);
                    if (conv == '%') {
                        out.append('%');
                    } else if (conv == 's' || conv == 'd') {
                        String v = next < args.size() ? args.get(next++) : conv == 'd' ? "0" : "";
                        consumed = true;
                        out.append(v);
                    } else {
                        ctx.print(2, "printf: %" + conv + ": not simulated by the fake\n");
                        return 1;
                    }
                } else {
                    out.append(ch);
                }
            }
            if (!consumed) {
                break;
            }
        } while (next < args.size());
        ctx.print(1, out.toString());
        return 0;
    }

    private static String userName(int uid) {
        return uid == 0 ? "root" : uid == 65534 ? "nobody" : Integer.toString(uid);
    }

    private static String groupName(int gid) {
        return gid == 0 ? "root" : gid == 65534 ? "nogroup" : Integer.toString(gid);
    }

    /**
     * A program whose only syscall is its exit ({@code true}, {@code false}): {@link ProgramThreads} runs it on the
     * driving thread instead of a program thread, because nothing of it can be interleaved with another process
     * (see {@link ProgramThreads#startProgram}), which exits with {@link #status} without calling {@link #run}.
     */
    static final class ExitOnly implements SimulatedProgram {
        private final int status;

        ExitOnly(int status) {
            this.status = status;
        }

        int status() {
            return status;
        }

        @Override
        public int run(ProgramContext ctx) {
            return status;
        }
    }

    private static void put(Kernel k, String path, SimulatedProgram program) {
        k.vfs.putFile(path, 0755, marker(path), program);
    }

    /** echo [-n] ARG...: the arguments' bytes as they came, as coreutils' echo prints them. */
    static int echo(ProgramContext ctx) {
        List<byte[]> args = ctx.argvBytes().subList(1, ctx.argvBytes().size());
        boolean newline = true;
        if (!args.isEmpty() && Arrays.equals(args.get(0), new byte[] {'-', 'n'})) {
            newline = false;
            args = args.subList(1, args.size());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                out.write(' ');
            }
            out.writeBytes(args.get(i));
        }
        if (newline) {
            out.write('\n');
        }
        ctx.write(1, out.toByteArray());
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

    /**
     * env [-i] [-u NAME] [NAME=VALUE]... [COMMAND ARG...]: works on bytes, so that the environment and the
     * arguments pass through unchanged whatever their encoding, as with coreutils' env.
     */
    static int env(ProgramContext ctx) {
        List<byte[]> env = new ArrayList<>(ctx.envpBytes());
        List<byte[]> args = ctx.argvBytes();
        List<String> text = ctx.argv();
        int i = 1;
        for (; i < args.size(); i++) {
            String a = text.get(i);
            byte[] arg = args.get(i);
            int eq = indexOf(arg, (byte) '=');
            if (a.equals("-i") || a.equals("-")) {
                env.clear();
            } else if (a.equals("-u") && i + 1 < args.size()) {
                byte[] name = args.get(++i);
                env.removeIf(e -> hasName(e, name));
            } else if (eq > 0) {
                byte[] name = Arrays.copyOf(arg, eq);
                env.removeIf(e -> hasName(e, name));
                env.add(arg);
            } else {
                break;
            }
        }
        if (i == args.size()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] e : env) {
                out.writeBytes(e);
                out.write('\n');
            }
            ctx.write(1, out.toByteArray());
            return 0;
        }
        String path = text.get(i);
        String pathVar = null;
        for (byte[] e : env) {
            if (hasName(e, new byte[] {'P', 'A', 'T', 'H'})) {
                pathVar = new String(e, 5, e.length - 5, StandardCharsets.UTF_8);
            }
        }
        int err = execvpBytes((ProgramContextImpl) ctx, path, args.subList(i, args.size()), env, pathVar);
        ctx.print(2, "env: '" + path + "': " + Errno.of(err).message() + "\n");
        return err == ENOENT ? 127 : 126;
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    /** Whether environment entry {@code e} is {@code name=...}. */
    private static boolean hasName(byte[] e, byte[] name) {
        return e.length > name.length && e[name.length] == '='
                && Arrays.equals(e, 0, name.length, name, 0, name.length);
    }

    /** execve with a PATH search, strings encoded as UTF-8; returns the errno if nothing could be executed. */
    static int execvp(ProgramContextImpl ctx, String file, List<String> argv, List<String> env, String pathVar) {
        return execvpBytes(ctx, file, utf8(argv), utf8(env), pathVar);
    }

    private static List<byte[]> utf8(List<String> strings) {
        List<byte[]> out = new ArrayList<>(strings.size());
        for (String s : strings) {
            out.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** execve with a PATH search; returns the errno if nothing could be executed. */
    static int execvpBytes(ProgramContextImpl ctx, String file, List<byte[]> argv, List<byte[]> env,
            String pathVar) {
        long argvAddr = ctx.cByteStringArray(argv);
        long envAddr = ctx.cByteStringArray(env);
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
        for (int i = 1; i < SIGRTMIN; i++) {
            String name = signalName(i);
            m.put(name, i);
            m.put(name.substring(3), i);
        }
        return m;
    }
}
