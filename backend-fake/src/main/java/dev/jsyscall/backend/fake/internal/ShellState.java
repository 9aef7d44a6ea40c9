// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the fake /bin/sh remembers between commands (internal): variables and which are exported, the positional
 * parameters, the last status, background jobs, and where an error is reported. Shared by the executor, the
 * expander and the builtins.
 */
final class ShellState {
    final ProgramContextImpl ctx;
    final Map<String, String> vars = new LinkedHashMap<>();
    final java.util.Set<String> exported = new java.util.HashSet<>();
    final List<String> positional = new ArrayList<>();
    String arg0 = "sh";
    int status;
    /** The line of the command being run, for error messages. */
    int line = 1;
    final List<Integer> jobs = new ArrayList<>();
    int lastJob;
    /** Null for the shell ("sh: LINE: "), or the prefix of a program built on the shell's code. */
    String programPrefix;

    ShellState(ProgramContextImpl ctx) {
        this.ctx = ctx;
        for (String e : ctx.envp()) {
            int eq = e.indexOf('=');
            if (eq > 0) {
                vars.put(e.substring(0, eq), e.substring(eq + 1));
                exported.add(e.substring(0, eq));
            }
        }
    }

    void error(String msg) {
        ctx.print(2, (programPrefix != null ? programPrefix : "sh: " + line + ": ") + msg + "\n");
    }

    List<String> environment(Map<String, String> extra) {
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
}
