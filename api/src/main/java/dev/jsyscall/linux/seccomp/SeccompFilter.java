// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.seccomp;

import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A seccomp filter as a value: rules that give a syscall (optionally only with certain arguments) an
 * {@link Action}, a default action for every other syscall, and the architecture whose syscall numbers it uses.
 * {@link #bpf()} compiles it to classic BPF: the program first checks {@code seccomp_data.arch} against the
 * architecture's {@code AUDIT_ARCH} and kills the process on any other (a syscall number means nothing without
 * its ABI), on x86_64 also for x32 numbers (bit 30 set, same {@code AUDIT_ARCH}), then tries the rules in the order
 * they were added; the first that matches decides.
 *
 * <pre>{@code
 * SeccompFilter f = SeccompFilter.builder(Arch.X86_64)
 *         .deny(Syscall.MKDIR, Errno.EPERM)
 *         .rule(Syscall.KILL, Action.KILL_PROCESS, ArgCheck.eq(1, 9))   // kill(_, SIGKILL)
 *         .build();
 * task.call(Seccomp.setModeFilter(f));
 * }</pre>
 *
 * <p>Filters are immutable values: equal when they compile to the same program.
 *
 * @since 0.2
 */
public final class SeccompFilter {
    /** The architectures' {@code AUDIT_ARCH_*}: the ELF machine with the 64-bit and little-endian flags. */
    public static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    /** {@code AUDIT_ARCH_AARCH64}. */
    public static final int AUDIT_ARCH_AARCH64 = 0xC00000B7;
    /** x32 syscalls enter through the x86_64 ABI with this bit in the number. */
    public static final int X32_SYSCALL_BIT = 0x40000000;
    /** The kernel refuses longer programs ({@code BPF_MAXINSNS}). */
    public static final int MAX_INSTRUCTIONS = 4096;

    // classic BPF opcodes (linux/bpf_common.h) and seccomp_data offsets (linux/seccomp.h)
    static final int LD_W_ABS = 0x20;
    static final int JEQ_K = 0x15;
    static final int JGT_K = 0x25;
    static final int JGE_K = 0x35;
    static final int AND_K = 0x54;
    static final int RET_K = 0x06;
    static final int OFF_NR = 0;
    static final int OFF_ARCH = 4;
    static final int OFF_ARGS = 16;

    /**
     * What the kernel does with a syscall a rule matches ({@code SECCOMP_RET_*}).
     *
     * @param value the filter's return value: the action in the high 16 bits, its data in the low 16
     * @since 0.2
     */
    public record Action(int value) {
        /** Runs the syscall. */
        public static final Action ALLOW = new Action(0x7fff0000);
        /** Runs the syscall and logs it (kernel audit log; needs {@code kernel.seccomp.actions_logged}). */
        public static final Action LOG = new Action(0x7ffc0000);
        /** Kills the whole process with SIGSYS (it dumps core as that signal's default action says). */
        public static final Action KILL_PROCESS = new Action(0x80000000);
        /** Kills the calling thread with SIGSYS. */
        public static final Action KILL_THREAD = new Action(0);
        /** Sends SIGSYS to the thread, which may catch it. */
        public static final Action TRAP = new Action(0x00030000);

        /**
         * Fails the syscall with {@code errno}, without running it.
         *
         * @param errno the errno the syscall fails with
         * @return the action
         */
        public static Action errno(Errno errno) {
            Objects.requireNonNull(errno, "errno");
            return new Action(0x00050000 | errno.number());
        }

        @Override
        public String toString() {
            switch (value) {
                case 0x7fff0000: return "allow";
                case 0x7ffc0000: return "log";
                case 0x80000000: return "kill-process";
                case 0: return "kill-thread";
                case 0x00030000: return "trap";
                default:
                    return (value & 0xffff0000) == 0x00050000 && Errno.isDefined(value & 0xffff)
                            ? "errno " + Errno.of(value & 0xffff) : String.format("0x%08x", value);
            }
        }
    }

    /**
     * A test of one syscall argument, as an unsigned 64-bit value (as the kernel passes it; a negative int
     * argument is sign-extended by the C library, so compare with its 64-bit form).
     *
     * @param index the argument, 0 to 5
     * @param op the comparison
     * @param mask for {@link Op#MASKED_EQ}: the bits compared; else all ones
     * @param value what the argument is compared with
     * @since 0.2
     */
    public record ArgCheck(int index, Op op, long mask, long value) {
        /** The comparisons, all unsigned over the argument's 64 bits. */
        public enum Op {
            /** Equal. */
            EQ,
            /** Not equal. */
            NE,
            /** Less than. */
            LT,
            /** Less than or equal. */
            LE,
            /** Greater than. */
            GT,
            /** Greater than or equal. */
            GE,
            /** Equal after masking the argument. */
            MASKED_EQ
        }

        /** Checks the components. */
        public ArgCheck {
            if (index < 0 || index > 5) {
                throw new IllegalArgumentException("argument index must be 0 to 5, was " + index);
            }
            Objects.requireNonNull(op, "op");
        }

        /**
         * Argument {@code index} equals {@code value} (unsigned).
         *
         * @param index the argument, 0 to 5
         * @param value the value compared with
         * @return the comparison
         */
        public static ArgCheck eq(int index, long value) {
            return new ArgCheck(index, Op.EQ, -1L, value);
        }

        /**
         * Argument {@code index} differs from {@code value} (unsigned).
         *
         * @param index the argument, 0 to 5
         * @param value the value compared with
         * @return the comparison
         */
        public static ArgCheck ne(int index, long value) {
            return new ArgCheck(index, Op.NE, -1L, value);
        }

        /**
         * Argument {@code index} is below {@code value} (unsigned).
         *
         * @param index the argument, 0 to 5
         * @param value the value compared with
         * @return the comparison
         */
        public static ArgCheck lt(int index, long value) {
            return new ArgCheck(index, Op.LT, -1L, value);
        }

        /**
         * Argument {@code index} is at most {@code value} (unsigned).
         *
         * @param index the argument, 0 to 5
         * @param value the value compared with
         * @return the comparison
         */
        public static ArgCheck le(int index, long value) {
            return new ArgCheck(index, Op.LE, -1L, value);
        }

        /**
         * Argument {@code index} is above {@code value} (unsigned).
         *
         * @param index the argument, 0 to 5
         * @param value the value compared with
         * @return the comparison
         */
        public static ArgCheck gt(int index, long value) {
            return new ArgCheck(index, Op.GT, -1L, value);
        }

        /**
         * Argument {@code index} is at least {@code value} (unsigned).
         *
         * @param index the argument, 0 to 5
         * @param value the value compared with
         * @return the comparison
         */
        public static ArgCheck ge(int index, long value) {
            return new ArgCheck(index, Op.GE, -1L, value);
        }

        /**
         * {@code (arg & mask) == value}, e.g. a flag set: {@code maskedEq(1, O_WRONLY, O_WRONLY)}.
         *
         * @param index the argument, 0 to 5
         * @param mask the bits of the argument compared
         * @param value the value compared with
         * @return the comparison
         */
        public static ArgCheck maskedEq(int index, long mask, long value) {
            return new ArgCheck(index, Op.MASKED_EQ, mask, value);
        }

        @Override
        public String toString() {
            String a = "arg" + index;
            return op == Op.MASKED_EQ ? "(" + a + " & 0x" + Long.toHexString(mask) + ") == 0x"
                    + Long.toHexString(value) : a + " " + op.name().toLowerCase(java.util.Locale.ROOT) + " " + value;
        }
    }

    /**
     * One rule: {@code syscall} with every check true gets {@code action}.
     *
     * @param action what the filter does
     * @param checks the argument comparisons, all of which must hold
     * @param syscall the syscall
     * @since 0.2
     */
    public record Rule(Syscall syscall, Action action, List<ArgCheck> checks) {
        /** Checks the syscall and action and copies the checks. */
        public Rule {
            Objects.requireNonNull(syscall, "syscall");
            Objects.requireNonNull(action, "action");
            checks = List.copyOf(checks);
        }

        @Override
        public String toString() {
            return syscall.cName() + (checks.isEmpty() ? "" : checks.toString()) + " -> " + action;
        }
    }

    private final Arch arch;
    private final List<Rule> rules;
    private final Action defaultAction;
    private final byte[] bpf;

    private SeccompFilter(Arch arch, List<Rule> rules, Action defaultAction) {
        this.arch = arch;
        this.rules = List.copyOf(rules);
        this.defaultAction = defaultAction;
        this.bpf = compile();
    }

    /**
     * A builder for a filter of {@code arch}'s syscalls that allows what no rule matches.
     *
     * @param arch the architecture the filter is for
     * @return a new builder
     */
    public static Builder builder(Arch arch) {
        return new Builder(Objects.requireNonNull(arch, "arch"));
    }

    /**
     * A builder for the JVM's architecture, which is also its driven children's (they are clones of it).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return builder(Arch.current());
    }

    /**
     * Builds a {@link SeccompFilter}.
     *
     * @since 0.2
     */
    public static final class Builder {
        private final Arch arch;
        private final List<Rule> rules = new ArrayList<>();
        private Action defaultAction = Action.ALLOW;

        private Builder(Arch arch) {
            this.arch = arch;
        }

        /**
         * What a syscall no rule matches gets (allow unless set).
         *
         * @param action what the filter does
         * @return this builder
         */
        public Builder defaultAction(Action action) {
            this.defaultAction = Objects.requireNonNull(action, "action");
            return this;
        }

        /**
         * Adds a rule, tried after the ones before it.
         *
         * @param action what the filter does
         * @param checks the argument comparisons, all of which must hold
         * @param syscall the syscall
         * @return this builder
         * @throws IllegalArgumentException naming the syscall if the architecture has no such syscall
         */
        public Builder rule(Syscall syscall, Action action, ArgCheck... checks) {
            Objects.requireNonNull(syscall, "syscall");
            try {
                syscall.number(arch);
            } catch (UnsupportedOperationException e) {
                throw new IllegalArgumentException("syscall " + syscall.cName() + " does not exist on "
                        + arch.uname(), e);
            }
            rules.add(new Rule(syscall, action, List.of(checks)));
            return this;
        }

        /**
         * The syscall runs (before a later rule or the default could refuse it).
         *
         * @param syscall the syscall
         * @param checks the argument comparisons, all of which must hold
         * @return this builder
         */
        public Builder allow(Syscall syscall, ArgCheck... checks) {
            return rule(syscall, Action.ALLOW, checks);
        }

        /**
         * The syscall fails with {@code errno} and does nothing.
         *
         * @param checks the argument comparisons, all of which must hold
         * @param errno the errno the syscall fails with
         * @param syscall the syscall
         * @return this builder
         */
        public Builder deny(Syscall syscall, Errno errno, ArgCheck... checks) {
            return rule(syscall, Action.errno(errno), checks);
        }

        /**
         * The process is killed by SIGSYS when it makes the syscall.
         *
         * @param syscall the syscall
         * @param checks the argument comparisons, all of which must hold
         * @return this builder
         */
        public Builder kill(Syscall syscall, ArgCheck... checks) {
            return rule(syscall, Action.KILL_PROCESS, checks);
        }

        /**
         * The syscall runs and is logged.
         *
         * @param syscall the syscall
         * @param checks the argument comparisons, all of which must hold
         * @return this builder
         */
        public Builder log(Syscall syscall, ArgCheck... checks) {
            return rule(syscall, Action.LOG, checks);
        }

        /**
         * The filter.
         *
         * @return the compiled filter
         * @throws IllegalArgumentException if it compiles to more than {@link SeccompFilter#MAX_INSTRUCTIONS} instructions
         */
        public SeccompFilter build() {
            return new SeccompFilter(arch, rules, defaultAction);
        }
    }

    /**
     * The architecture whose syscall numbers the filter checks (any other is killed).
     *
     * @return the architecture
     */
    public Arch arch() {
        return arch;
    }

    /**
     * The rules, in the order they are tried.
     *
     * @return the rules
     */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * What a syscall that no rule matches gets.
     *
     * @return the action
     */
    public Action defaultAction() {
        return defaultAction;
    }

    /**
     * The compiled program: {@code struct sock_filter} entries of 8 bytes, little-endian.
     *
     * @return the encoded bytes
     */
    public byte[] bpf() {
        return bpf.clone();
    }

    /**
     * The number of BPF instructions.
     *
     * @return the count (the kernel takes at most 4096)
     */
    public int length() {
        return bpf.length / 8;
    }

    private byte[] compile() {
        List<int[]> out = new ArrayList<>();
        int audit = arch == Arch.X86_64 ? AUDIT_ARCH_X86_64 : AUDIT_ARCH_AARCH64;
        out.add(insn(LD_W_ABS, 0, 0, OFF_ARCH));
        out.add(insn(JEQ_K, 1, 0, audit));
        out.add(insn(RET_K, 0, 0, Action.KILL_PROCESS.value()));
        out.add(insn(LD_W_ABS, 0, 0, OFF_NR));
        if (arch == Arch.X86_64) {
            out.add(insn(JGE_K, 0, 1, X32_SYSCALL_BIT));
            out.add(insn(RET_K, 0, 0, Action.KILL_PROCESS.value()));
        }
        for (Rule r : rules) {
            out.addAll(block(r));
        }
        out.add(insn(RET_K, 0, 0, defaultAction.value()));
        if (out.size() > MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("the filter compiles to " + out.size() + " BPF instructions, more"
                    + " than the kernel's " + MAX_INSTRUCTIONS + "; split it or use fewer rules");
        }
        byte[] b = new byte[8 * out.size()];
        for (int i = 0; i < out.size(); i++) {
            int[] in = out.get(i);
            b[8 * i] = (byte) in[0];
            b[8 * i + 1] = (byte) (in[0] >>> 8);
            b[8 * i + 2] = (byte) in[1];
            b[8 * i + 3] = (byte) in[2];
            for (int k = 0; k < 4; k++) {
                b[8 * i + 4 + k] = (byte) (in[3] >>> (8 * k));
            }
        }
        return b;
    }

    private static int[] insn(int code, int jt, int jf, int k) {
        return new int[] {code, jt, jf, k};
    }

    /** Jump targets in a block before they are resolved: the end of the block means "this rule does not match". */
    private static final int NEXT_RULE = -1;

    /**
     * One rule's instructions, entered with the syscall number in the accumulator and leaving it there when the
     * rule does not match: {@code jeq nr}, the argument checks, {@code ret action}, then {@code ld nr} again
     * when an argument check loaded an argument. Jumps are relative and forward only (at most 255).
     */
    private List<int[]> block(Rule r) {
        // each entry: code, jt target, jf target, k; targets are indexes in the block or NEXT_RULE
        List<int[]> b = new ArrayList<>();
        b.add(new int[] {JEQ_K, 1, NEXT_RULE, r.syscall().number(arch)});
        for (ArgCheck c : r.checks()) {
            int hiOff = OFF_ARGS + 8 * c.index() + 4;
            int loOff = OFF_ARGS + 8 * c.index();
            int hi = (int) (c.value() >>> 32);
            int lo = (int) c.value();
            int pass;
            int at = b.size();
            switch (c.op()) {
                case EQ:
                    pass = at + 4;
                    b.add(new int[] {LD_W_ABS, 0, 0, hiOff});
                    b.add(new int[] {JEQ_K, at + 2, NEXT_RULE, hi});
                    b.add(new int[] {LD_W_ABS, 0, 0, loOff});
                    b.add(new int[] {JEQ_K, pass, NEXT_RULE, lo});
                    break;
                case NE:
                    pass = at + 4;
                    b.add(new int[] {LD_W_ABS, 0, 0, hiOff});
                    b.add(new int[] {JEQ_K, at + 2, pass, hi});
                    b.add(new int[] {LD_W_ABS, 0, 0, loOff});
                    b.add(new int[] {JEQ_K, NEXT_RULE, pass, lo});
                    break;
                case GT:
                case GE:
                    pass = at + 5;
                    b.add(new int[] {LD_W_ABS, 0, 0, hiOff});
                    b.add(new int[] {JGT_K, pass, at + 2, hi});
                    b.add(new int[] {JEQ_K, at + 3, NEXT_RULE, hi});
                    b.add(new int[] {LD_W_ABS, 0, 0, loOff});
                    b.add(new int[] {c.op() == ArgCheck.Op.GT ? JGT_K : JGE_K, pass, NEXT_RULE, lo});
                    break;
                case LT:
                case LE:
                    // not GE / not GT
                    pass = at + 5;
                    b.add(new int[] {LD_W_ABS, 0, 0, hiOff});
                    b.add(new int[] {JGT_K, NEXT_RULE, at + 2, hi});
                    b.add(new int[] {JEQ_K, at + 3, pass, hi});
                    b.add(new int[] {LD_W_ABS, 0, 0, loOff});
                    b.add(new int[] {c.op() == ArgCheck.Op.LT ? JGE_K : JGT_K, NEXT_RULE, pass, lo});
                    break;
                case MASKED_EQ:
                    pass = at + 6;
                    b.add(new int[] {LD_W_ABS, 0, 0, hiOff});
                    b.add(new int[] {AND_K, 0, 0, (int) (c.mask() >>> 32)});
                    b.add(new int[] {JEQ_K, at + 3, NEXT_RULE, (int) ((c.value() & c.mask()) >>> 32)});
                    b.add(new int[] {LD_W_ABS, 0, 0, loOff});
                    b.add(new int[] {AND_K, 0, 0, (int) c.mask()});
                    b.add(new int[] {JEQ_K, pass, NEXT_RULE, (int) (c.value() & c.mask())});
                    break;
                default:
                    throw new AssertionError(c.op());
            }
        }
        b.add(new int[] {RET_K, 0, 0, r.action().value()});
        boolean reload = !r.checks().isEmpty();
        if (reload) {
            // a failed argument check left an argument in the accumulator; the next rule needs the number
            b.add(new int[] {LD_W_ABS, 0, 0, OFF_NR});
        }
        // a failed "jeq nr" skips the reload: the accumulator still holds the number
        int next = b.size();
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) {
            int[] in = b.get(i);
            boolean jump = in[0] == JEQ_K || in[0] == JGT_K || in[0] == JGE_K;
            if (!jump) {
                out.add(insn(in[0], 0, 0, in[3]));
                continue;
            }
            int failTarget = i == 0 ? next : (reload ? next - 1 : next);
            out.add(insn(in[0], rel(i, in[1] == NEXT_RULE ? failTarget : in[1], r),
                    rel(i, in[2] == NEXT_RULE ? failTarget : in[2], r), in[3]));
        }
        return out;
    }

    private static int rel(int from, int to, Rule r) {
        int d = to - from - 1;
        if (d < 0 || d > 255) {
            throw new IllegalArgumentException("rule " + r + " is too long for a BPF jump");
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeccompFilter && java.util.Arrays.equals(((SeccompFilter) o).bpf, bpf);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bpf);
    }

    /** {@code seccomp(x86_64: mkdir -> errno EPERM, default allow)}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Rule r : rules) {
            parts.add(r.toString());
        }
        parts.add("default " + defaultAction);
        return arch.uname() + ": " + String.join(", ", parts);
    }
}
