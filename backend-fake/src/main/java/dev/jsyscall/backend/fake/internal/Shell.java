package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.backend.fake.ProgramContext;
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
 */
final class Shell {
    private final ProgramContextImpl ctx;
    private final Map<String, String> vars = new LinkedHashMap<>();
    private final java.util.Set<String> exported = new java.util.HashSet<>();
    private final List<String> positional = new ArrayList<>();
    private String arg0 = "sh";
    private int status;
    private int line = 1;

    private Shell(ProgramContextImpl ctx) {
        this.ctx = ctx;
        for (String e : ctx.envp()) {
            int eq = e.indexOf('=');
            if (eq > 0) {
                vars.put(e.substring(0, eq), e.substring(eq + 1));
                exported.add(e.substring(0, eq));
            }
        }
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
                sh.arg0 = argv.get(3);
                sh.positional.addAll(argv.subList(4, argv.size()));
            } else {
                sh.arg0 = argv.get(0);
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
            sh.arg0 = argv.get(1);
            sh.positional.addAll(argv.subList(2, argv.size()));
        } else {
            script = new String(ctx.readAll(0), StandardCharsets.UTF_8);
        }
        return sh.run(script);
    }

    // ------------------------------------------------------------------ parsing

    /** A word: segments of text, each literal (single-quoted), expandable (double-quoted) or bare. */
    private static final class Word {
        final List<String> text = new ArrayList<>();
        final List<Character> quote = new ArrayList<>();
        boolean opNext;

        void add(String s, char q) {
            text.add(s);
            quote.add(q);
        }

        String raw() {
            return String.join("", text);
        }

        boolean bare() {
            return quote.stream().allMatch(q -> q == ' ');
        }
    }

    /** A token: a word or an operator. */
    private static final class Tok {
        final Word word;
        final String op;
        final int line;

        Tok(Word word, String op, int line) {
            this.word = word;
            this.op = op;
            this.line = line;
        }
    }

    private static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyntaxError(String m) {
            super(m);
        }
    }

    private static List<Tok> lex(String s) {
        List<Tok> out = new ArrayList<>();
        int i = 0;
        int ln = 1;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch == ' ' || ch == '\t') {
                i++;
                continue;
            }
            if (ch == '#') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (ch == '\n') {
                out.add(new Tok(null, "\n", ln++));
                i++;
                continue;
            }
            if (s.startsWith("&&", i) || s.startsWith("||", i) || s.startsWith(">>", i) || s.startsWith(">&", i)
                    || s.startsWith("<&", i)) {
                out.add(new Tok(null, s.substring(i, i + 2), ln));
                i += 2;
                continue;
            }
            if (";|&<>()".indexOf(ch) >= 0) {
                out.add(new Tok(null, String.valueOf(ch), ln));
                i++;
                continue;
            }
            Word w = new Word();
            StringBuilder bare = new StringBuilder();
            while (i < s.length()) {
                ch = s.charAt(i);
                if (" \t\n;|&<>()".indexOf(ch) >= 0) {
                    break;
                }
                if (ch == '\'') {
                    flush(w, bare);
                    int end = s.indexOf('\'', i + 1);
                    if (end < 0) {
                        throw new SyntaxError("Syntax error: Unterminated quoted string");
                    }
                    w.add(s.substring(i + 1, end), '\'');
                    i = end + 1;
                } else if (ch == '"') {
                    flush(w, bare);
                    StringBuilder q = new StringBuilder();
                    i++;
                    while (i < s.length() && s.charAt(i) != '"') {
                        if (s.charAt(i) == '\\' && i + 1 < s.length() && "$`\"\\\n".indexOf(s.charAt(i + 1)) >= 0) {
                            q.append('\\').append(s.charAt(i + 1));
                            i += 2;
                        } else {
                            q.append(s.charAt(i++));
                        }
                    }
                    if (i >= s.length()) {
                        throw new SyntaxError("Syntax error: Unterminated quoted string");
                    }
                    w.add(q.toString(), '"');
                    i++;
                } else if (ch == '\\' && i + 1 < s.length()) {
                    flush(w, bare);
                    if (s.charAt(i + 1) != '\n') {
                        w.add(String.valueOf(s.charAt(i + 1)), '\'');
                    }
                    i += 2;
                } else {
                    bare.append(ch);
                    i++;
                }
            }
            flush(w, bare);
            // "2>" and "2>&1": a bare number right before a redirection is its fd
            if (i < s.length() && (s.charAt(i) == '>' || s.charAt(i) == '<') && w.bare() && w.raw().matches("\\d+")) {
                w.opNext = true;
            }
            out.add(new Tok(w, null, ln));
        }
        return out;
    }

    private static void flush(Word w, StringBuilder bare) {
        if (bare.length() > 0) {
            w.add(bare.toString(), ' ');
            bare.setLength(0);
        }
    }

    // ------------------------------------------------------------------ expansion

    private String expand(Word w) {
        StringBuilder out = new StringBuilder();
        for (int s = 0; s < w.text.size(); s++) {
            String t = w.text.get(s);
            char q = w.quote.get(s);
            if (q == '\'') {
                out.append(t);
                continue;
            }
            for (int i = 0; i < t.length(); i++) {
                char ch = t.charAt(i);
                if (ch == '\\' && q == '"' && i + 1 < t.length()) {
                    out.append(t.charAt(++i));
                } else if (ch == '$' && i + 1 < t.length()) {
                    char n = t.charAt(i + 1);
                    if (n == '{') {
                        int end = t.indexOf('}', i);
                        if (end < 0) {
                            throw new SyntaxError("Syntax error: Missing '}'");
                        }
                        out.append(param(t.substring(i + 2, end)));
                        i = end;
                    } else if (Character.isLetter(n) || n == '_') {
                        int j = i + 1;
                        while (j < t.length() && (Character.isLetterOrDigit(t.charAt(j)) || t.charAt(j) == '_')) {
                            j++;
                        }
                        out.append(param(t.substring(i + 1, j)));
                        i = j - 1;
                    } else if ("?$#@*!0123456789".indexOf(n) >= 0) {
                        out.append(param(String.valueOf(n)));
                        i++;
                    } else {
                        out.append(ch);
                    }
                } else {
                    out.append(ch);
                }
            }
        }
        return out.toString();
    }

    private String param(String name) {
        switch (name) {
            case "?":
                return Integer.toString(status);
            case "$":
                return Integer.toString(ctx.pid());
            case "!":
                return lastJob == 0 ? "" : Integer.toString(lastJob);
            case "#":
                return Integer.toString(positional.size());
            case "@":
            case "*":
                return String.join(" ", positional);
            case "0":
                return arg0;
            default:
                if (name.matches("\\d+")) {
                    int n = Integer.parseInt(name);
                    return n <= positional.size() ? positional.get(n - 1) : "";
                }
                return vars.getOrDefault(name, "");
        }
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
            toks = lex(script);
        } catch (SyntaxError e) {
            ctx.print(2, "sh: " + line + ": " + e.getMessage() + "\n");
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
            ctx.print(2, "sh: " + line + ": " + e.getMessage() + "\n");
            return 2;
        }
        return status;
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
            boolean run = i == 0 || (ops.get(i - 1).equals("&&") ? status == 0 : status != 0);
            if (run) {
                execute(pipes.get(i), true);
            }
        }
        return false;
    }

    private final List<Integer> jobs = new ArrayList<>();
    private int lastJob;

    private void background(List<Simple> pipeline) {
        if (pipeline.size() > 1) {
            execute(pipeline, false);
            return;
        }
        Simple s = pipeline.get(0);
        Map<String, String> assigns = new LinkedHashMap<>();
        for (Word a : s.assigns) {
            String v = expand(a);
            assigns.put(v.substring(0, v.indexOf('=')), v.substring(v.indexOf('=') + 1));
        }
        List<String> argv = new ArrayList<>();
        for (Word w : s.words) {
            argv.add(expand(w));
        }
        if (argv.isEmpty() || BUILTINS.contains(argv.get(0))) {
            error("background builtins are not supported by the fake's sh (it cannot fork itself)");
            status = 2;
            return;
        }
        String path = Programs.which(ctx, argv.get(0), assigns.getOrDefault("PATH", vars.get("PATH")));
        if (path == null) {
            error(argv.get(0) + ": not found");
            status = 127;
            return;
        }
        List<int[]> saved = redirect(s.redirects);
        if (saved == null) {
            return;
        }
        try {
            // a background job of a non-interactive shell ignores SIGINT and SIGQUIT and reads /dev/null
            int pid = ctx.spawn(path, argv, environment(assigns), Map.of());
            jobs.add(pid);
            lastJob = pid;
            status = 0;
        } catch (ErrnoException e) {
            error(argv.get(0) + ": " + e.errno().message());
            status = 126;
        } finally {
            restore(saved);
        }
    }

    private static final java.util.Set<String> BUILTINS = java.util.Set.of("exit", "true", ":", "false", "echo",
            "pwd", "cd", "export", "unset", "kill", "trap", "exec", "wait", "read", "umask");

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
            line = t.line;
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

    /** Null for the shell ("sh: LINE: "), or the prefix of a program built on the shell's code. */
    private String programPrefix;

    private void error(String msg) {
        ctx.print(2, (programPrefix != null ? programPrefix : "sh: " + line + ": ") + msg + "\n");
    }

    /** /bin/kill: the shell's kill builtin as a program. */
    static int killMain(ProgramContext c) {
        Shell sh = new Shell((ProgramContextImpl) c);
        sh.programPrefix = "";
        List<String> argv = new ArrayList<>(c.argv());
        if (argv.isEmpty()) {
            argv.add("kill");
        }
        return sh.kill(argv);
    }

    private List<String> environment(Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : vars.keySet()) {
            if (exported.contains(name)) {
                env.put(name, vars.get(name));
            }
        }
        env.putAll(extra);
        List<String> out = new ArrayList<>();
        env.forEach((k, v) -> out.add(k + "=" + v));
        return out;
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
                error("pipelines with redirections are not supported by the fake's sh");
                status = 2;
                return;
            }
            Map<String, String> assigns = new LinkedHashMap<>();
            for (Word a : s.assigns) {
                String v = expand(a);
                assigns.put(v.substring(0, v.indexOf('=')), v.substring(v.indexOf('=') + 1));
            }
            List<String> argv = new ArrayList<>();
            for (Word w : s.words) {
                argv.add(expand(w));
            }
            String path = Programs.which(ctx, argv.get(0), vars.get("PATH"));
            int[] next = null;
            if (i < pipeline.size() - 1) {
                long two = ctx.allocate(8);
                ctx.check(Syscall.PIPE2, two, O_CLOEXEC);
                byte[] b = new byte[8];
                ctx.memory().read(two, b, 0, 8);
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
                error(argv.get(0) + ": not found");
                status = 127;
            } else {
                try {
                    pids.add(ctx.spawn(path, argv, environment(assigns), fds));
                } catch (ErrnoException e) {
                    error(argv.get(0) + ": " + e.errno().message());
                    status = 126;
                }
            }
            if (prevRead >= 0) {
                ctx.syscall(Syscall.CLOSE, prevRead);
            }
            if (next != null) {
                ctx.syscall(Syscall.CLOSE, next[1]);
                prevRead = next[0];
            }
        }
        if (!wait) {
            jobs.addAll(pids);
            lastJob = pids.isEmpty() ? lastJob : pids.get(pids.size() - 1);
            status = 0;
            return;
        }
        for (int pid : pids) {
            status = statusOf(ctx.waitFor(pid));
        }
    }

    private static int statusOf(int ws) {
        return (ws & 0x7f) == 0 ? (ws >> 8) & 0xff : 128 + (ws & 0x7f);
    }

    private void executeSimple(Simple s) {
        Map<String, String> assigns = new LinkedHashMap<>();
        for (Word a : s.assigns) {
            String v = expand(a);
            int eq = v.indexOf('=');
            assigns.put(v.substring(0, eq), v.substring(eq + 1));
        }
        List<String> argv = new ArrayList<>();
        for (Word w : s.words) {
            argv.add(expand(w));
        }
        if (argv.isEmpty()) {
            vars.putAll(assigns);
            List<int[]> saved = redirect(s.redirects);
            if (saved != null) {
                restore(saved);
                status = 0;
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
            if (!builtin(argv, assigns)) {
                String path = Programs.which(ctx, name, assigns.getOrDefault("PATH", vars.get("PATH")));
                if (path == null) {
                    error(name + ": not found");
                    status = 127;
                    return;
                }
                try {
                    int pid = ctx.spawn(path, argv, environment(assigns), Map.of());
                    status = statusOf(ctx.waitFor(pid));
                } catch (ErrnoException e) {
                    error(name + ": " + e.errno().message());
                    status = e.errno() == Errno.ENOENT ? 127 : 126;
                }
            }
        } finally {
            if (!permanent) {
                restore(saved);
            }
        }
    }

    /** Applies redirections in this process; returns what to restore, or null after reporting an error. */
    private List<int[]> redirect(List<Redirect> rs) {
        List<int[]> saved = new ArrayList<>();
        for (Redirect r : rs) {
            String target = expand(r.target);
            long keep = ctx.syscall(Syscall.FCNTL, r.fd, F_DUPFD_CLOEXEC, 10);
            saved.add(new int[] {r.fd, (int) (ErrnoException.isError(keep) ? -1 : keep)});
            int src;
            if (r.op.equals(">&") || r.op.equals("<&")) {
                if (target.equals("-")) {
                    ctx.syscall(Syscall.CLOSE, r.fd);
                    continue;
                }
                if (!target.matches("\\d+")) {
                    error(target + ": Bad fd number");
                    restore(saved);
                    status = 2;
                    return null;
                }
                src = Integer.parseInt(target);
                long d = ctx.syscall(Syscall.DUP2, src, r.fd);
                if (ErrnoException.isError(d)) {
                    error(target + ": Bad file descriptor");
                    restore(saved);
                    status = 2;
                    return null;
                }
                continue;
            }
            int flags = r.op.equals("<") ? O_RDONLY
                    : O_WRONLY | O_CREAT | (r.op.equals(">>") ? O_APPEND : O_TRUNC);
            long fd = ctx.syscall(Syscall.OPENAT, AT_FDCWD, ctx.cString(target), flags, 0666);
            if (ErrnoException.isError(fd)) {
                error("cannot " + (r.op.equals("<") ? "open " : "create ") + target + ": "
                        + Errno.of((int) -fd).message());
                restore(saved);
                status = 2;
                return null;
            }
            if (fd != r.fd) {
                ctx.syscall(Syscall.DUP2, fd, r.fd);
                ctx.syscall(Syscall.CLOSE, fd);
            }
        }
        return saved;
    }

    private void restore(List<int[]> saved) {
        for (int i = saved.size() - 1; i >= 0; i--) {
            int[] s = saved.get(i);
            if (s[1] >= 0) {
                ctx.syscall(Syscall.DUP2, s[1], s[0]);
                ctx.syscall(Syscall.CLOSE, s[1]);
            } else {
                ctx.syscall(Syscall.CLOSE, s[0]);
            }
        }
    }

    private boolean builtin(List<String> argv, Map<String, String> assigns) {
        String name = argv.get(0);
        switch (name) {
            case "exit": {
                int code = status;
                if (argv.size() > 1) {
                    try {
                        code = Integer.parseInt(argv.get(1));
                    } catch (NumberFormatException e) {
                        error("exit: Illegal number: " + argv.get(1));
                        code = 2;
                    }
                }
                ctx.exit(code & 0xff);
                return true;
            }
            case "true":
            case ":":
                status = 0;
                return true;
            case "false":
                status = 1;
                return true;
            case "echo": {
                List<String> args = argv.subList(1, argv.size());
                boolean nl = true;
                if (!args.isEmpty() && args.get(0).equals("-n")) {
                    nl = false;
                    args = args.subList(1, args.size());
                }
                try {
                    ctx.print(1, String.join(" ", args) + (nl ? "\n" : ""));
                    status = 0;
                } catch (ErrnoException e) {
                    error("echo: I/O error");
                    status = 1;
                }
                return true;
            }
            case "pwd": {
                long buf = ctx.allocate(PATH_MAX);
                long r = ctx.syscall(Syscall.GETCWD, buf, PATH_MAX);
                if (ErrnoException.isError(r)) {
                    error("pwd: " + Errno.of((int) -r).message());
                    status = 2;
                    return true;
                }
                byte[] b = new byte[(int) r - 1];
                ctx.memory().read(buf, b, 0, b.length);
                ctx.print(1, new String(b, StandardCharsets.UTF_8) + "\n");
                status = 0;
                return true;
            }
            case "cd": {
                String dir = argv.size() > 1 ? argv.get(1) : vars.getOrDefault("HOME", "/");
                long r = ctx.syscall(Syscall.CHDIR, ctx.cString(dir));
                if (ErrnoException.isError(r)) {
                    error("cd: can't cd to " + dir);
                    status = 2;
                } else {
                    status = 0;
                }
                return true;
            }
            case "export":
                for (String a : argv.subList(1, argv.size())) {
                    int eq = a.indexOf('=');
                    if (eq > 0) {
                        vars.put(a.substring(0, eq), a.substring(eq + 1));
                        exported.add(a.substring(0, eq));
                    } else {
                        exported.add(a);
                    }
                }
                status = 0;
                return true;
            case "unset":
                for (String a : argv.subList(1, argv.size())) {
                    vars.remove(a);
                    exported.remove(a);
                }
                status = 0;
                return true;
            case "kill":
                status = kill(argv);
                return true;
            case "wait":
                status = waitBuiltin(argv);
                return true;
            case "umask": {
                if (argv.size() == 1) {
                    long old = ctx.syscall(Syscall.UMASK, 0);
                    ctx.syscall(Syscall.UMASK, old);
                    ctx.print(1, String.format("%04o%n", old));
                } else {
                    try {
                        ctx.syscall(Syscall.UMASK, Integer.parseInt(argv.get(1), 8));
                    } catch (NumberFormatException e) {
                        error("umask: Illegal number: " + argv.get(1));
                        status = 2;
                        return true;
                    }
                }
                status = 0;
                return true;
            }
            case "read":
                status = read(argv);
                return true;
            case "trap":
                error("trap: not supported by the fake's sh");
                status = 2;
                return true;
            case "exec": {
                if (argv.size() == 1) {
                    status = 0;
                    return true;
                }
                List<String> cmd = argv.subList(1, argv.size());
                int err = Programs.execvp(ctx, cmd.get(0), cmd, environment(assigns),
                        assigns.getOrDefault("PATH", vars.get("PATH")));
                error("exec: " + cmd.get(0) + ": " + (err == ENOENT ? "not found" : Errno.of(err).message()));
                ctx.exit(err == ENOENT ? 127 : 126);
                return true;
            }
            default:
                return false;
        }
    }

    private int waitBuiltin(List<String> argv) {
        if (argv.size() == 1) {
            int st = 0;
            for (int pid : new ArrayList<>(jobs)) {
                ctx.waitFor(pid);
                jobs.remove(Integer.valueOf(pid));
            }
            return st;
        }
        int st = 0;
        for (String a : argv.subList(1, argv.size())) {
            int pid;
            try {
                pid = Integer.parseInt(a);
            } catch (NumberFormatException e) {
                error("wait: Illegal number: " + a);
                return 2;
            }
            if (!jobs.remove(Integer.valueOf(pid))) {
                st = 127;
                continue;
            }
            st = statusOf(ctx.waitFor(pid));
        }
        return st;
    }

    /** read [-r] NAME...: one line from stdin, a byte at a time (like dash, to leave the rest unread). */
    private int read(List<String> argv) {
        List<String> names = new ArrayList<>(argv.subList(1, argv.size()));
        boolean raw = !names.isEmpty() && names.get(0).equals("-r");
        if (raw) {
            names.remove(0);
        }
        if (names.isEmpty()) {
            error("read: arg count");
            return 2;
        }
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        boolean eof = false;
        while (true) {
            byte[] b = ctx.read(0, 1);
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
            vars.put(names.get(i), i < fields.length ? fields[i] : "");
        }
        return eof && line.size() == 0 ? 1 : 0;
    }

    private int kill(List<String> argv) {
        Map<String, Integer> names = Programs.signalNumbers();
        int sig = SIGTERM;
        int i = 1;
        if (i < argv.size() && argv.get(i).equals("-s") && i + 1 < argv.size()) {
            Integer n = names.get(argv.get(i + 1).toUpperCase(java.util.Locale.ROOT));
            if (n == null) {
                error("kill: invalid signal number or name: " + argv.get(i + 1));
                return 2;
            }
            sig = n;
            i += 2;
        } else if (i < argv.size() && argv.get(i).startsWith("-") && !argv.get(i).equals("--")) {
            String spec = argv.get(i).substring(1);
            Integer n = spec.matches("\\d+") ? Integer.valueOf(spec) : names.get(spec.toUpperCase(java.util.Locale.ROOT));
            if (n == null || n > NSIG) {
                error("kill: invalid signal number or name: " + spec);
                return 2;
            }
            sig = n;
            i++;
        }
        if (i < argv.size() && argv.get(i).equals("--")) {
            i++;
        }
        if (i >= argv.size()) {
            error("kill: usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]");
            return 2;
        }
        int result = 0;
        for (; i < argv.size(); i++) {
            int pid;
            try {
                pid = Integer.parseInt(argv.get(i));
            } catch (NumberFormatException e) {
                error("kill: Illegal number: " + argv.get(i));
                result = 2;
                continue;
            }
            long r = ctx.syscall(Syscall.KILL, pid, sig);
            if (ErrnoException.isError(r)) {
                error("kill: " + Errno.of((int) -r).message());
                result = 1;
            }
        }
        return result;
    }
}
