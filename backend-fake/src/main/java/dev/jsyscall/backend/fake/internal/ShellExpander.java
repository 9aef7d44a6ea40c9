// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import dev.jsyscall.backend.fake.internal.ShellLexer.SyntaxError;
import dev.jsyscall.backend.fake.internal.ShellLexer.Word;

/**
 * The fake /bin/sh's parameter expansion (internal): {@code $VAR ${VAR} $? $$ $! $# $0..$9 $@} in bare and
 * double-quoted parts of a word, read from the shell's state. No field splitting or globbing.
 */
final class ShellExpander {
    private final ShellState st;

    ShellExpander(ShellState st) {
        this.st = st;
    }

    String expand(Word w) {
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
                return Integer.toString(st.status);
            case "$":
                return Integer.toString(st.ctx.pid());
            case "!":
                return st.lastJob == 0 ? "" : Integer.toString(st.lastJob);
            case "#":
                return Integer.toString(st.positional.size());
            case "@":
            case "*":
                return String.join(" ", st.positional);
            case "0":
                return st.arg0;
            default:
                if (name.matches("\\d+")) {
                    int n = Integer.parseInt(name);
                    return n <= st.positional.size() ? st.positional.get(n - 1) : "";
                }
                return st.vars.getOrDefault(name, "");
        }
    }
}
