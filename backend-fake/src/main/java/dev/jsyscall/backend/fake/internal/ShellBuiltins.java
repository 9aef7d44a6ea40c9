// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.backend.fake.ProgramContext;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fake /bin/sh's builtins (internal): {@code exit true : false echo pwd cd export unset kill wait umask read
 * trap exec}, run in the shell's own process on its state; also /bin/kill, which is the kill builtin as a
 * program.
 */
final class ShellBuiltins {
    static final java.util.Set<String> BUILTINS = java.util.Set.of("exit", "true", ":", "false", "echo",
            "pwd", "cd", "export", "unset", "kill", "trap", "exec", "wait", "read", "umask");

    private final ShellState st;

    ShellBuiltins(ShellState st) {
        this.st = st;
    }

    /** /bin/kill: the shell's kill builtin as a program. */
    static int killMain(ProgramContext c) {
        ShellState st = new ShellState((ProgramContextImpl) c);
        st.programPrefix = "";
        List<String> argv = new ArrayList<>(c.argv());
        if (argv.isEmpty()) {
            argv.add("kill");
        }
        return new ShellBuiltins(st).kill(argv);
    }

    static int statusOf(int ws) {
        return (ws & 0x7f) == 0 ? (ws >> 8) & 0xff : 128 + (ws & 0x7f);
    }

    boolean builtin(List<String> argv, Map<String, String> assigns) {
        String name = argv.get(0);
        switch (name) {
            case "exit": {
                int code = st.status;
                if (argv.size() > 1) {
                    try {
                        code = Integer.parseInt(argv.get(1));
                    } catch (NumberFormatException e) {
                        st.error("exit: Illegal number: " + argv.get(1));
                        code = 2;
                    }
                }
                st.ctx.exit(code & 0xff);
                return true;
            }
            case "true":
            case ":":
                st.status = 0;
                return true;
            case "false":
                st.status = 1;
                return true;
            case "echo": {
                List<String> args = argv.subList(1, argv.size());
                boolean nl = true;
                if (!args.isEmpty() && args.get(0).equals("-n")) {
                    nl = false;
                    args = args.subList(1, args.size());
                }
                try {
                    st.ctx.print(1, String.join(" ", args) + (nl ? "\n" : ""));
                    st.status = 0;
                } catch (ErrnoException e) {
                    st.error("echo: I/O error");
                    st.status = 1;
                }
                return true;
            }
            case "pwd": {
                long buf = st.ctx.allocate(PATH_MAX);
                long r = st.ctx.syscall(Syscall.GETCWD, buf, PATH_MAX);
                if (ErrnoException.isError(r)) {
                    st.error("pwd: " + Errno.of((int) -r).message());
                    st.status = 2;
                    return true;
                }
                byte[] b = new byte[(int) r - 1];
                st.ctx.memory().read(buf, b, 0, b.length);
                st.ctx.print(1, new String(b, StandardCharsets.UTF_8) + "\n");
                st.status = 0;
                return true;
            }
            case "cd": {
                String dir = argv.size() > 1 ? argv.get(1) : st.vars.getOrDefault("HOME", "/");
                long r = st.ctx.syscall(Syscall.CHDIR, st.ctx.cString(dir));
                if (ErrnoException.isError(r)) {
                    st.error("cd: can't cd to " + dir);
                    st.status = 2;
                } else {
                    st.status = 0;
                }
                return true;
            }
            case "export":
                for (String a : argv.subList(1, argv.size())) {
                    int eq = a.indexOf('=');
                    if (eq > 0) {
                        st.vars.put(a.substring(0, eq), a.substring(eq + 1));
                        st.exported.add(a.substring(0, eq));
                    } else {
                        st.exported.add(a);
                    }
                }
                st.status = 0;
                return true;
            case "unset":
                for (String a : argv.subList(1, argv.size())) {
                    st.vars.remove(a);
                    st.exported.remove(a);
                }
                st.status = 0;
                return true;
            case "kill":
                st.status = kill(argv);
                return true;
            case "wait":
                st.status = waitBuiltin(argv);
                return true;
            case "umask": {
                if (argv.size() == 1) {
                    long old = st.ctx.syscall(Syscall.UMASK, 0);
                    st.ctx.syscall(Syscall.UMASK, old);
                    st.ctx.print(1, String.format("%04o%n", old));
                } else {
                    try {
                        st.ctx.syscall(Syscall.UMASK, Integer.parseInt(argv.get(1), 8));
                    } catch (NumberFormatException e) {
                        st.error("umask: Illegal number: " + argv.get(1));
                        st.status = 2;
                        return true;
                    }
                }
                st.status = 0;
                return true;
            }
            case "read":
                st.status = read(argv);
                return true;
            case "trap":
                st.error("trap: not supported by the fake's sh");
                st.status = 2;
                return true;
            case "exec": {
                if (argv.size() == 1) {
                    st.status = 0;
                    return true;
                }
                List<String> cmd = argv.subList(1, argv.size());
                int err = Programs.execvp(st.ctx, cmd.get(0), cmd, st.environment(assigns),
                        assigns.getOrDefault("PATH", st.vars.get("PATH")));
                st.error("exec: " + cmd.get(0) + ": " + (err == ENOENT ? "not found" : Errno.of(err).message()));
                st.ctx.exit(err == ENOENT ? 127 : 126);
                return true;
            }
            default:
                return false;
        }
    }

    private int waitBuiltin(List<String> argv) {
        if (argv.size() == 1) {
            int result = 0;
            for (int pid : new ArrayList<>(st.jobs)) {
                st.ctx.waitFor(pid);
                st.jobs.remove(Integer.valueOf(pid));
            }
            return result;
        }
        int result = 0;
        for (String a : argv.subList(1, argv.size())) {
            int pid;
            try {
                pid = Integer.parseInt(a);
            } catch (NumberFormatException e) {
                st.error("wait: Illegal number: " + a);
                return 2;
            }
            if (!st.jobs.remove(Integer.valueOf(pid))) {
                result = 127;
                continue;
            }
            result = statusOf(st.ctx.waitFor(pid));
        }
        return result;
    }

    /** read [-r] NAME...: one line from stdin, a byte at a time (like dash, to leave the rest unread). */
    private int read(List<String> argv) {
        List<String> names = new ArrayList<>(argv.subList(1, argv.size()));
        boolean raw = !names.isEmpty() && names.get(0).equals("-r");
        if (raw) {
            names.remove(0);
        }
        if (names.isEmpty()) {
            st.error("read: arg count");
            return 2;
        }
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        boolean eof = false;
        while (true) {
            byte[] b = st.ctx.read(0, 1);
            if (b.length == 0) {
                eof = true;
                break;
            }
            if (b[0] == '\n') {
                break;
            }
            line.write(b[0]);
        }
        String text = new String(line.toByteArray(), StandardCharsets.UTF_8);
        if (!raw) {
            StringBuilder un = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch == '\\' && i + 1 < text.length()) {
                    ch = text.charAt(++i);
                }
                un.append(ch);
            }
            text = un.toString();
        }
        String[] fields = text.trim().split("[ \t]+", names.size());
        for (int i = 0; i < names.size(); i++) {
            st.vars.put(names.get(i), i < fields.length ? fields[i] : "");
        }
        return eof && line.size() == 0 ? 1 : 0;
    }

    int kill(List<String> argv) {
        Map<String, Integer> names = Programs.signalNumbers();
        int sig = SIGTERM;
        int i = 1;
        if (i < argv.size() && argv.get(i).equals("-s") && i + 1 < argv.size()) {
            Integer n = names.get(argv.get(i + 1).toUpperCase(java.util.Locale.ROOT));
            if (n == null) {
                st.error("kill: invalid signal number or name: " + argv.get(i + 1));
                return 2;
            }
            sig = n;
            i += 2;
        } else if (i < argv.size() && argv.get(i).startsWith("-") && !argv.get(i).equals("--")) {
            String spec = argv.get(i).substring(1);
            Integer n = spec.matches("\\d+") ? Integer.valueOf(spec) : names.get(spec.toUpperCase(java.util.Locale.ROOT));
            if (n == null || n > NSIG) {
                st.error("kill: invalid signal number or name: " + spec);
                return 2;
            }
            sig = n;
            i++;
        }
        if (i < argv.size() && argv.get(i).equals("--")) {
            i++;
        }
        if (i >= argv.size()) {
            st.error("kill: usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]");
            return 2;
        }
        int result = 0;
        for (; i < argv.size(); i++) {
            int pid;
            try {
                pid = Integer.parseInt(argv.get(i));
            } catch (NumberFormatException e) {
                st.error("kill: Illegal number: " + argv.get(i));
                result = 2;
                continue;
            }
            long r = st.ctx.syscall(Syscall.KILL, pid, sig);
            if (ErrnoException.isError(r)) {
                st.error("kill: " + Errno.of((int) -r).message());
                result = 1;
            }
        }
        return result;
    }
}
