// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.differential;

import dev.jsyscall.differential.Program.Step;
import java.util.List;

/**
 * The first step at which the fake's outcome differs from the real kernel's, with both outcome lists.
 *
 * @param program the program, up to and including the divergent step
 * @param index the divergent step
 * @param real the real kernel's outcomes
 * @param fake the fake's outcomes
 */
public record Divergence(Program program, int index, List<String> real, List<String> fake) {

    /** The first divergence of two outcome lists, or null when they agree on every step. */
    static Divergence of(Program program, List<String> real, List<String> fake) {
        int n = Math.max(real.size(), fake.size());
        for (int i = 0; i < n; i++) {
            String a = i < real.size() ? real.get(i) : "(ended)";
            String b = i < fake.size() ? fake.get(i) : "(ended)";
            if (!a.equals(b)) {
                return new Divergence(program.prefix(i + 1), i, real, fake);
            }
        }
        return null;
    }

    public Step step() {
        return program.steps().get(index);
    }

    public String realOutcome() {
        return index < real.size() ? real.get(index) : "(ended)";
    }

    public String fakeOutcome() {
        return index < fake.size() ? fake.get(index) : "(ended)";
    }

    /** What shrinking keeps: the same syscall failing the same way on each side (values may shift). */
    String signature() {
        return step().op() + " " + kind(realOutcome()) + "/" + kind(fakeOutcome());
    }

    private static String kind(String outcome) {
        return outcome.startsWith("-") || outcome.equals(Target.BLOCKS) || outcome.startsWith("THREW")
                || outcome.equals("(ended)") ? outcome : "ok";
    }

    @Override
    public String toString() {
        return "step " + index + " " + step() + ": real " + realOutcome() + ", fake " + fakeOutcome()
                + "\n  program: " + program;
    }
}
