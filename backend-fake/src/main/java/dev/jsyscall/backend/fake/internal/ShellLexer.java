// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The fake /bin/sh's lexer (internal): a script to words and operators. A word keeps how each of its parts was
 * quoted, because expansion depends on it; nothing is expanded here.
 */
final class ShellLexer {
    private ShellLexer() {}

    /** A word: segments of text, each literal (single-quoted), expandable (double-quoted) or bare. */
    static final class Word {
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
    static final class Tok {
        final Word word;
        final String op;
        final int line;

        Tok(Word word, String op, int line) {
            this.word = word;
            this.op = op;
            this.line = line;
        }
    }

    static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyntaxError(String m) {
            super(m);
        }
    }

    static List<Tok> lex(String s) {
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
}
