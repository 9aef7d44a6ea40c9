// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.differential;

import dev.jsyscall.differential.Program.Op;
import dev.jsyscall.differential.Program.Step;
import java.util.List;
import java.util.function.Predicate;

/**
 * A divergence of the fake from Linux that is known and accepted for now, with its reason. A divergence that
 * {@link #matches} an entry is accepted; the entry is stale, and the build fails, once its {@link #minimal}
 * program no longer diverges this way (someone fixed the fake: remove the entry).
 *
 * @param id a short name
 * @param status {@code being fixed (issue 17 cause N)} or why it stays
 * @param reason what differs and why
 * @param minimal the smallest program known to show it, run by the stale check
 * @param matcher which divergences it covers
 * @param applies false when the machine lacks what makes an environment difference (then the minimal program
 *     must not diverge)
 */
public record KnownDifference(String id, String status, String reason, Program minimal,
        Predicate<Divergence> matcher, boolean applies) {

    /** Whether {@code d} is this difference. */
    public boolean matches(Divergence d) {
        return applies && matcher.test(d);
    }

    /**
     * The list. The thirteen causes the first issue 17 campaign found were fixed in the fake (each is now a test of
     * the testkit's {@code FidelityContract}); what remains stays for the reason it gives.
     */
    public static final List<KnownDifference> ALL = List.of(
            new KnownDifference("packet-pipes", "accepted: not simulated", "pipe2 with O_DIRECT, or F_SETFL"
                    + " O_DIRECT on a pipe (packet mode), throws FakeUnsupportedException: the fake's pipes are"
                    + " byte streams only",
                    Program.parse("pipe2(OUT,0x4000)"),
                    d -> (d.step().op() == Op.PIPE2 && (num(d.step(), 1) & 0x4000) != 0
                            || d.step().op() == Op.FCNTL && num(d.step(), 1) == 4
                                    && (num(d.step(), 2) & 0x4000) != 0)
                            && d.fakeOutcome().equals("THREW FakeUnsupportedException"), true),
            new KnownDifference("directory-seek-end", "accepted: filesystem-specific", "lseek(SEEK_END) with a"
                    + " positive offset on a directory: Linux refuses it with EINVAL on ext4 (an htree directory ends"
                    + " at LLONG_MAX, so the offset overflows) and on tmpfs (dcache_dir_lseek takes only SEEK_SET and"
                    + " SEEK_CUR); the fake's directories seek like a 4096-byte file",
                    Program.parse("openat(-100,PATH:/,0x80000,0); lseek(fd0,100,2)"),
                    d -> d.step().op() == Op.LSEEK && num(d.step(), 2) == 2 && d.realOutcome().equals("-EINVAL")
                            && d.fakeOutcome().equals("dir-offset"), true),
            new KnownDifference("directory-end-offset", "accepted: filesystem-specific", "after lseek(SEEK_END)"
                    + " on a directory, a read through it: Linux leaves the offset at the filesystem's end cookie"
                    + " (LLONG_MAX for an ext4 htree directory), so rw_verify_area's offset plus count overflows with"
                    + " EINVAL before the directory's EISDIR; the fake's directories end at 4096",
                    Program.parse("openat(-100,PATH:/,0,0); lseek(fd0,0,2); read(fd0,BUF,100)"),
                    d -> d.step().op() == Op.READ && d.realOutcome().equals("-EINVAL")
                            && d.fakeOutcome().equals("-EISDIR")
                            && earlier(d, s -> s.op() == Op.LSEEK && num(s, 2) == 2), true),
            new KnownDifference("raise-hard-limit", "environment: root without CAP_SYS_RESOURCE",
                    "raising a hard limit needs CAP_SYS_RESOURCE; the fake's root has every capability, and so does"
                    + " root on some machines but not in most containers",
                    Program.parse("setrlimit(7,IN:64:64); setrlimit(7,IN:64:4096)"),
                    d -> (d.step().op() == Op.PRLIMIT64 || d.step().op() == Op.SETRLIMIT)
                            && d.realOutcome().equals("-EPERM") && !d.fakeOutcome().equals("-EPERM"),
                    !Capabilities.effective(Capabilities.CAP_SYS_RESOURCE)),
            new KnownDifference("parent-group-nice", "environment: a JVM whose process group runs at another nice value",
                    "getpriority(PRIO_PGRP, 0) in the real child sees the best nice value of the JVM's whole process"
                    + " group (Maven, the JVM, a shell), where the fake's child shares its group with a local process"
                    + " at nice 0: they differ once the child's nice is above the group's (run-long.sh runs at"
                    + " nice 19)",
                    Program.parse("setpriority(0,0,19); getpriority(1,0)"),
                    d -> d.step().op() == Op.GETPRIORITY && num(d.step(), 0) == 1
                            && d.step().args().get(1).equals("0") && !d.realOutcome().startsWith("-")
                            && !d.fakeOutcome().startsWith("-"),
                    Capabilities.groupNice() != 0),
            new KnownDifference("outer-process-group", "environment: a JVM whose process group is outside its pid"
                    + " namespace", "in a container entered from another session, the JVM's process group leader is"
                    + " not in its pid namespace, so Linux reports the group as 0 and PPGID resolves to 0, which"
                    + " setpgid reads as 'the caller's own pid' (setpgid(0, 0) makes the child a group leader;"
                    + " setpgid(-1, 0) is EINVAL before ESRCH); the fake's local process leads a group it can name",
                    Program.parse("setpgid(0,PPGID); getpgid(0)"),
                    d -> earlier(d, s -> s.args().contains("PPGID")) || d.step().args().contains("PPGID"),
                    Capabilities.groupOutsideNamespace()));

    private static KnownDifference being(int cause, String id, String reason, String minimal,
            Predicate<Divergence> matcher) {
        return new KnownDifference(id, "being fixed (issue 17 cause " + cause + ")", reason, Program.parse(minimal),
                matcher, true);
    }

    private static long num(Step s, int i) {
        try {
            return i < s.args().size() ? Long.decode(s.args().get(i)) : Long.MIN_VALUE;
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    private static long parse(String outcome) {
        try {
            return Long.parseLong(outcome.split(" ")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean opensPath(Step s) {
        return s.op() == Op.OPENAT && (num(s, 2) & 0x200000) != 0;
    }

    private static boolean earlier(Divergence d, Predicate<Step> p) {
        return d.program().steps().subList(0, d.index()).stream().anyMatch(p);
    }
}
