// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.backend.fake.ProgramContext;
import dev.jsyscall.backend.fake.internal.ShellLexer.SyntaxError;
import dev.jsyscall.backend.fake.internal.ShellLexer.Tok;
import dev.jsyscall.backend.fake.internal.ShellLexer.Word;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /bin/sh of the fake kernel (internal): a small POSIX-shell subset in the manner of dash. Simple commands with
 * assignments and redirections ({@code > >> < n>&m n>&-}), pipelines of external commands, {@code ; && ||},
 * quoting, {@code $VAR ${VAR} $? $$ $! $# $0..$9 $@}, background external commands ({@code &}) and the
 * builtins {@code exit kill true false : echo cd pwd export unset exec wait read}. Not supported (reported on
 * stderr, status 2): {@code trap}, control flow, subshells, globbing, field splitting of expansions, builtins in
 * the background or inside a pipeline (every stage of a pipeline is an external command), redirections inside a
 * pipeline.
 *
 * <p>This class parses the tokens into commands and executes them; {@link ShellLexer} tokenises,
 * {@link ShellExpander} expands parameters, {@link ShellBuiltins} runs builtins, and {@link ShellState} is what
 * they share.
 */
final class Shell {
    private final ShellState st;
    private final ShellExpander ex;
    private final ShellBuiltins builtins;

    private Shell(ProgramContextImpl ctx) {
        this.st = new ShellState(ctx);
        this.ex = new ShellExpander(st);
        this.builtins = new ShellBuiltins(st);
    }

    static int main(ProgramContext c) {
        ProgramContextImpl ctx = (ProgramContextImpl) c;
        Shell sh = new Shell(ctx);
        List<String> argv = ctx.argv();
        String script;
        if (argv.size() >= 2 && argv.get(1).equals("-c")) {
            if (argv.size() < 3) {
                ctx.print(2, "sh: 0: -c requires an argument\n");
                return 2;
            }
            script = argv.get(2);
            if (argv.size() > 3) {
                sh.st.arg0 = argv.get(3);
                sh.st.positional.addAll(argv.subList(4, argv.size()));
            } else {
                sh.st.arg0 = argv.get(0);
            }
        } else if (argv.size() >= 2) {
            try {
                int fd = ctx.open(argv.get(1), O_RDONLY, 0);
                script = new String(ctx.readAll(fd), StandardCharsets.UTF_8);
                ctx.syscall(Syscall.CLOSE, fd);
            } catch (ErrnoException e) {
                ctx.print(2, "sh: 0: cannot open " + argv.get(1) + ": " + e.errno().message() + "\n");
                return 2;
            }
            sh.st.arg0 = argv.get(1);
            sh.st.positional.addAll(argv.subList(2, argv.size()));
        } else {
            script = new String(ctx.readAll(0), StandardCharsets.UTF_8);
        }
        return sh.run(script);
    }

    // ------------------------------------------------------------------ execution

    private static final class Redirect {
        int fd;
        String op;
        Word target;
    }

    private static final class Simple {
        final List<Word> assigns = new ArrayList<>();
        final List<Word> words = new ArrayList<>();
        final List<Redirect> redirects = new ArrayList<>();
    }

    private int run(String script) {
        List<Tok> toks;
        try {
            toks = ShellLexer.lex(script);
        } catch (SyntaxError e) {
            st.ctx.print(2, "sh: " + st.line + ": " + e.getMessage() + "\n");
            return 2;
        }
        int[] pos = {0};
        try {
            while (pos[0] < toks.size()) {
                if (toks.get(pos[0]).op != null && (toks.get(pos[0]).op.equals("\n")
                        || toks.get(pos[0]).op.equals(";"))) {
                    pos[0]++;
                    continue;
                }
                if (andOr(toks, pos)) {
                    continue;
                }
                if (pos[0] < toks.size()) {
                    String op = toks.get(pos[0]).op;
                    if (op == null || !(op.equals(";") || op.equals("\n"))) {
                        throw new SyntaxError("Syntax error: \"" + (op == null ? toks.get(pos[0]).word.raw() : op)
                                + "\" unexpected");
                    }
                    pos[0]++;
                }
            }
        } catch (SyntaxError e) {
            st.ctx.print(2, "sh: " + st.line + ": " + e.getMessage() + "\n");
            return 2;
        }
        return st.status;
    }

    /** Runs one and-or list; returns whether it ended with {@code &} (which also separates commands). */
    private boolean andOr(List<Tok> toks, int[] pos) {
        List<List<Simple>> pipes = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        pipes.add(pipeline(toks, pos));
        while (pos[0] < toks.size() && toks.get(pos[0]).op != null
                && (toks.get(pos[0]).op.equals("&&") || toks.get(pos[0]).op.equals("||"))) {
            ops.add(toks.get(pos[0]++).op);
            while (pos[0] < toks.size() && "\n".equals(toks.get(pos[0]).op)) {
                pos[0]++;
            }
            pipes.add(pipeline(toks, pos));
        }
        if (pos[0] < toks.size() && "&".equals(toks.get(pos[0]).op)) {
            pos[0]++;
            if (pipes.size() > 1) {
                throw new SyntaxError("a background && or || list is not supported by the fake's sh");
            }
            background(pipes.get(0));
            return true;
        }
        for (int i = 0; i < pipes.size(); i++) {
            boolean run = i == 0 || (ops.get(i - 1).equals("&&") ? st.status == 0 : st.status != 0);
            if (run) {
                execute(pipes.get(i), true);
            }
        }
        return false;
    }

    private void background(List<Simple> pipeline) {
        if (pipeline.size() > 1) {
            execute(pipeline, false);
            return;
        }
        Simple s = pipeline.get(0);
        Map<String, String> assigns = new LinkedHashMap<>();
        for (Word a : s.assigns) {
            String v = ex.expand(a);
            assigns.put(v.substring(0, v.indexOf('=')), v.substring(v.indexOf('=') + 1));
        }
        List<String> argv = new ArrayList<>();
        for (Word w : s.words) {
            argv.add(ex.expand(w));
        }
        if (argv.isEmpty() || ShellBuiltins.BUILTINS.contains(argv.get(0))) {
            st.error("background builtins are not supported by the fake's sh (it cannot fork itself)");
            st.status = 2;
            return;
        }
        String path = Programs.which(st.ctx, argv.get(0), assigns.getOrDefault("PATH", st.vars.get("PATH")));
        if (path == null) {
            st.error(argv.get(0) + ": not found");
            st.status = 127;
            return;
        }
        List<int[]> saved = redirect(s.redirects);
        if (saved == null) {
            return;
        }
        try {
            // a background job of a non-interactive shell ignores SIGINT and SIGQUIT and reads /dev/null
            int pid = st.ctx.spawn(path, argv, st.environment(assigns), Map.of());
            st.jobs.add(pid);
            st.lastJob = pid;
            st.status = 0;
        } catch (ErrnoException e) {
            st.error(argv.get(0) + ": " + e.errno().message());
            st.status = 126;
        } finally {
            restore(saved);
        }
    }

    private List<Simple> pipeline(List<Tok> toks, int[] pos) {
        List<Simple> cmds = new ArrayList<>();
        cmds.add(simple(toks, pos));
        while (pos[0] < toks.size() && "|".equals(toks.get(pos[0]).op)) {
            pos[0]++;
            cmds.add(simple(toks, pos));
        }
        return cmds;
    }

    private Simple simple(List<Tok> toks, int[] pos) {
        Simple s = new Simple();
        while (pos[0] < toks.size()) {
            Tok t = toks.get(pos[0]);
            st.line = t.line;
            if (t.op != null) {
                if (t.op.equals("(") || t.op.equals(")")) {
                    throw new SyntaxError("subshells are not supported by the fake's sh");
                }
                if (t.op.equals(">") || t.op.equals(">>") || t.op.equals("<") || t.op.equals(">&")
                        || t.op.equals("<&")) {
                    Redirect r = new Redirect();
                    r.op = t.op;
                    r.fd = t.op.startsWith("<") ? 0 : 1;
                    pos[0]++;
                    if (pos[0] >= toks.size() || toks.get(pos[0]).word == null) {
                        throw new SyntaxError("Syntax error: redirection unexpected");
                    }
                    r.target = toks.get(pos[0]++).word;
                    s.redirects.add(r);
                    continue;
                }
                break;
            }
            if (t.word.opNext) {
                Tok op = toks.get(pos[0] + 1);
                Redirect r = new Redirect();
                r.fd = Integer.parseInt(t.word.raw());
                r.op = op.op;
                pos[0] += 2;
                if (pos[0] >= toks.size() || toks.get(pos[0]).word == null) {
                    throw new SyntaxError("Syntax error: redirection unexpected");
                }
                r.target = toks.get(pos[0]++).word;
                s.redirects.add(r);
                continue;
            }
            String raw = t.word.raw();
            if (s.words.isEmpty() && t.word.quote.get(0) == ' ' && raw.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                s.assigns.add(t.word);
            } else {
                s.words.add(t.word);
            }
            pos[0]++;
        }
        if (s.words.isEmpty() && s.assigns.isEmpty() && s.redirects.isEmpty()) {
            String what = pos[0] < toks.size() ? toks.get(pos[0]).op : "end of file";
            throw new SyntaxError("Syntax error: " + ("\n".equals(what) ? "newline" : "\"" + what + "\"")
                    + " unexpected");
        }
        return s;
    }

    private void execute(List<Simple> pipeline, boolean wait) {
        if (pipeline.size() == 1 && wait) {
            executeSimple(pipeline.get(0));
            return;
        }
        // a pipeline of external commands: each child gets its ends of the pipes as stdin/stdout
        List<Integer> pids = new ArrayList<>();
        int prevRead = -1;
        for (int i = 0; i < pipeline.size(); i++) {
            Simple s = pipeline.get(i);
            if (!s.redirects.isEmpty() || s.words.isEmpty()) {
                st.error("pipelines with redirections are not supported by the fake's sh");
                st.status = 2;
                return;
            }
            Map<String, String> assigns = new LinkedHashMap<>();
            for (Word a : s.assigns) {
                String v = ex.expand(a);
                assigns.put(v.substring(0, v.indexOf('=')), v.substring(v.indexOf('=') + 1));
            }
            List<String> argv = new ArrayList<>();
            for (Word w : s.words) {
                argv.add(ex.expand(w));
            }
            String path = Programs.which(st.ctx, argv.get(0), st.vars.get("PATH"));
            int[] next = null;
            if (i < pipeline.size() - 1) {
                long two = st.ctx.allocate(8);
                st.ctx.check(Syscall.PIPE2, two, O_CLOEXEC);
                byte[] b = new byte[8];
                st.ctx.memory().read(two, b, 0, 8);
                next = new int[] {Bytes.getInt(b, 0), Bytes.getInt(b, 4)};
            }
            Map<Integer, Integer> fds = new LinkedHashMap<>();
            if (prevRead >= 0) {
                fds.put(0, prevRead);
            }
            if (next != null) {
                fds.put(1, next[1]);
            }
            if (path == null) {
                st.error(argv.get(0) + ": not found");
                st.status = 127;
            } else {
                try {
                    pids.add(st.ctx.spawn(path, argv, st.environment(assigns), fds));
                } catch (ErrnoException e) {
                    st.error(argv.get(0) + ": " + e.errno().message());
                    st.status = 126;
                }
            }
            if (prevRead >= 0) {
                st.ctx.syscall(Syscall.CLOSE, prevRead);
            }
            if (next != null) {
                st.ctx.syscall(Syscall.CLOSE, next[1]);
                prevRead = next[0];
            }
        }
        if (!wait) {
            st.jobs.addAll(pids);
            st.lastJob = pids.isEmpty() ? st.lastJob : pids.get(pids.size() - 1);
            st.status = 0;
            return;
        }
        for (int pid : pids) {
            st.status = ShellBuiltins.statusOf(st.ctx.waitFor(pid));
        }
    }

    private void executeSimple(Simple s) {
        Map<String, String> assigns = new LinkedHashMap<>();
        for (Word a : s.assigns) {
            String v = ex.expand(a);
            int eq = v.indexOf('=');
            assigns.put(v.substring(0, eq), v.substring(eq + 1));
        }
        List<String> argv = new ArrayList<>();
        for (Word w : s.words) {
            argv.add(ex.expand(w));
        }
        if (argv.isEmpty()) {
            st.vars.putAll(assigns);
            List<int[]> saved = redirect(s.redirects);
            if (saved != null) {
                restore(saved);
                st.status = 0;
            }
            return;
        }
        String name = argv.get(0);
        boolean permanent = name.equals("exec");
        List<int[]> saved = redirect(s.redirects);
        if (saved == null) {
            return;
        }
        try {
            if (!builtins.builtin(argv, assigns)) {
                String path = Programs.which(st.ctx, name, assigns.getOrDefault("PATH", st.vars.get("PATH")));
                if (path == null) {
                    st.error(name + ": not found");
                    st.status = 127;
                    return;
                }
                try {
                    int pid = st.ctx.spawn(path, argv, st.environment(assigns), Map.of());
                    st.status = ShellBuiltins.statusOf(st.ctx.waitFor(pid));
                } catch (ErrnoException e) {
                    st.error(name + ": " + e.errno().message());
                    st.status = e.errno() == Errno.ENOENT ? 127 : 126;
                }
            }
        } finally {
            if (!permanent) {
                restore(saved);
            }
        }
    }

    /** Applies redirections in this process; returns what to restore, or null after reporting an st.error. */
    private List<int[]> redirect(List<Redirect> rs) {
        List<int[]> saved = new ArrayList<>();
        for (Redirect r : rs) {
            String target = ex.expand(r.target);
            long keep = st.ctx.syscall(Syscall.FCNTL, r.fd, F_DUPFD_CLOEXEC, 10);
            saved.add(new int[] {r.fd, (int) (ErrnoException.isError(keep) ? -1 : keep)});
            int src;
            if (r.op.equals(">&") || r.op.equals("<&")) {
                if (target.equals("-")) {
                    st.ctx.syscall(Syscall.CLOSE, r.fd);
                    continue;
                }
                if (!target.matches("\\d+")) {
                    st.error(target + ": Bad fd number");
                    restore(saved);
                    st.status = 2;
                    return null;
                }
                src = Integer.parseInt(target);
                long d = st.ctx.syscall(Syscall.DUP2, src, r.fd);
                if (ErrnoException.isError(d)) {
                    st.error(target + ": Bad file descriptor");
                    restore(saved);
                    st.status = 2;
                    return null;
                }
                continue;
            }
            int flags = r.op.equals("<") ? O_RDONLY
                    : O_WRONLY | O_CREAT | (r.op.equals(">>") ? O_APPEND : O_TRUNC);
            long fd = st.ctx.syscall(Syscall.OPENAT, AT_FDCWD, st.ctx.cString(target), flags, 0666);
            if (ErrnoException.isError(fd)) {
                st.error("cannot " + (r.op.equals("<") ? "open " : "create ") + target + ": "
                        + Errno.of((int) -fd).message());
                restore(saved);
                st.status = 2;
                return null;
            }
            if (fd != r.fd) {
                st.ctx.syscall(Syscall.DUP2, fd, r.fd);
                st.ctx.syscall(Syscall.CLOSE, fd);
            }
        }
        return saved;
    }

    private void restore(List<int[]> saved) {
        for (int i = saved.size() - 1; i >= 0; i--) {
            int[] s = saved.get(i);
            if (s[1] >= 0) {
                st.ctx.syscall(Syscall.DUP2, s[1], s[0]);
                st.ctx.syscall(Syscall.CLOSE, s[1]);
            } else {
                st.ctx.syscall(Syscall.CLOSE, s[0]);
            }
        }
    }

}
