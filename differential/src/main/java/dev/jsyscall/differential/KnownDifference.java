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
     * The list. The thirteen causes the issue 17 campaign found are being fixed in the fake; each fix makes its
     * entry stale, and the entry is then removed.
     */
    public static final List<KnownDifference> ALL = List.of(
            being(1, "openat-accmode-3", "openat with access mode 3 (both O_WRONLY and O_RDWR bits) is refused with"
                    + " EINVAL; Linux opens it (for ioctl-only use)",
                    "openat(-100,PATH:/dev/null,3,0)",
                    d -> d.step().op() == Op.OPENAT && (num(d.step(), 2) & 3) == 3 && d.fakeOutcome().equals("-EINVAL")),
            being(2, "fcntl-getown-getsig", "fcntl F_GETOWN and F_GETSIG give EINVAL (not implemented); Linux"
                    + " returns the owner and the signal (0)",
                    "pipe2(OUT,0); fcntl(fd0,9,0)",
                    d -> d.step().op() == Op.FCNTL && (num(d.step(), 1) == 9 || num(d.step(), 1) == 11)
                            && d.fakeOutcome().equals("-EINVAL")),
            being(3, "lseek-order", "lseek checks the file type before whence: ESPIPE on a pipe where Linux gives"
                    + " EINVAL for a bad whence, and a bad whence accepted on /dev/null",
                    "pipe2(OUT,0); lseek(fd0,0,5)",
                    d -> d.step().op() == Op.LSEEK && d.realOutcome().equals("-EINVAL")
                            && !d.fakeOutcome().equals("-EINVAL")),
            being(4, "o-path", "O_PATH fds: F_GETFL shows access bits, lseek and F_SETFL succeed, F_GET_SEALS gives"
                    + " EINVAL; Linux gives EBADF for the last three and no access bits",
                    "openat(-100,PATH:/dev/null,0x200000,0); lseek(fd0,0,0)",
                    d -> (d.step().op() == Op.LSEEK || d.step().op() == Op.FCNTL || d.step().op() == Op.READ
                            || d.step().op() == Op.WRITE) && d.realOutcome().equals("-EBADF")
                            && !d.fakeOutcome().equals("-EBADF") && earlier(d, KnownDifference::opensPath)
                            || d.step().op() == Op.FCNTL && num(d.step(), 1) == 3
                            && (parse(d.realOutcome()) & 0x200000) != 0),
            being(5, "prlimit-bad-old", "prlimit64 with a bad old-limit pointer: Linux applies the new limit, then"
                    + " returns EFAULT; the fake applies nothing",
                    "prlimit64(0,7,IN:64:4096,RO); getrlimit(7,OUT)",
                    d -> earlier(d, s -> s.op() == Op.PRLIMIT64 && !s.args().get(2).equals("NULL")
                            && List.of("RO", "NONE", "KERNEL").contains(s.args().get(3)))),
            being(6, "rlimit-error-order", "prlimit64/setrlimit error order: Linux copies in (EFAULT), looks up the"
                    + " pid (ESRCH), then validates (EINVAL); the fake validates the resource first",
                    "prlimit64(NOPID,16,NULL,NULL)",
                    d -> (d.step().op() == Op.PRLIMIT64 || d.step().op() == Op.SETRLIMIT)
                            && d.fakeOutcome().equals("-EINVAL")
                            && (d.realOutcome().equals("-EFAULT") || d.realOutcome().equals("-ESRCH"))),
            being(7, "rlimit-null", "getrlimit/setrlimit with a NULL pointer succeed; Linux gives EFAULT",
                    "getrlimit(7,NULL)",
                    d -> (d.step().op() == Op.GETRLIMIT || d.step().op() == Op.SETRLIMIT)
                            && d.step().args().get(1).equals("NULL") && d.realOutcome().equals("-EFAULT")),
            being(8, "read-buffer-first", "read does not check the buffer first: EAGAIN, 0 or EISDIR (or blocking"
                    + " forever on an empty pipe) where Linux gives EFAULT for a kernel-space buffer",
                    "openat(-100,PATH:/,0x10000,0); read(fd0,KERNEL,1)",
                    d -> d.step().op() == Op.READ && d.realOutcome().equals("-EFAULT")),
            being(9, "write-buffer-first", "write copies the buffer before checking the file: EFAULT where Linux"
                    + " returns the count on /dev/null, EPIPE or EAGAIN; and 0 where Linux gives EFAULT for"
                    + " write(fd, -1, 0)",
                    "openat(-100,PATH:/dev/null,1,0); write(fd0,NULL,100)",
                    d -> d.step().op() == Op.WRITE && (d.fakeOutcome().equals("-EFAULT")
                            || d.realOutcome().equals("-EFAULT") && !d.fakeOutcome().startsWith("-"))),
            being(10, "zero-write-no-reader", "a zero-length write to a pipe with no readers gives EPIPE; Linux"
                    + " returns 0",
                    "pipe2(OUT,0); close(fd0); write(fd1,BUF,0)",
                    d -> d.step().op() == Op.WRITE && num(d.step(), 2) == 0 && d.fakeOutcome().equals("-EPIPE")),
            being(11, "openat-order", "openat check order: a non-directory dirfd with an empty path gives"
                    + " EBADF/ENOTDIR where Linux gives ENOENT; with a soft NOFILE of 0, EISDIR where Linux gives"
                    + " EMFILE (Linux reserves the fd before the lookup)",
                    "openat(-100,PATH:/dev/null,0,0); openat(fd0,PATH:,0,0)",
                    d -> d.step().op() == Op.OPENAT && (d.realOutcome().equals("-ENOENT")
                            && (d.fakeOutcome().equals("-EBADF") || d.fakeOutcome().equals("-ENOTDIR"))
                            || d.realOutcome().equals("-EMFILE"))),
            being(12, "o-trunc-directory", "O_TRUNC on a directory opens it; Linux gives EISDIR",
                    "openat(-100,PATH:/,0x200,0)",
                    d -> d.step().op() == Op.OPENAT && (num(d.step(), 2) & 0x200) != 0
                            && d.realOutcome().equals("-EISDIR")),
            being(13, "setfl-o-direct", "F_SETFL accepts O_DIRECT on /dev/null; Linux gives EINVAL",
                    "openat(-100,PATH:/dev/null,0,0); fcntl(fd0,4,0x4000)",
                    d -> d.step().op() == Op.FCNTL && num(d.step(), 1) == 4 && (num(d.step(), 2) & 0x4000) != 0
                            && d.realOutcome().equals("-EINVAL")),
            new KnownDifference("packet-pipes", "accepted: not simulated", "pipe2 with O_DIRECT (a packet-mode"
                    + " pipe) throws FakeUnsupportedException: the fake's pipes are byte streams only",
                    Program.parse("pipe2(OUT,0x4000)"),
                    d -> d.step().op() == Op.PIPE2 && (num(d.step(), 1) & 0x4000) != 0
                            && d.fakeOutcome().equals("THREW FakeUnsupportedException"), true),
            new KnownDifference("raise-hard-limit", "environment: root without CAP_SYS_RESOURCE",
                    "raising a hard limit needs CAP_SYS_RESOURCE; the fake's root has every capability, and so does"
                    + " root on some machines but not in most containers",
                    Program.parse("setrlimit(7,IN:64:64); setrlimit(7,IN:64:4096)"),
                    d -> (d.step().op() == Op.PRLIMIT64 || d.step().op() == Op.SETRLIMIT)
                            && d.realOutcome().equals("-EPERM") && !d.fakeOutcome().equals("-EPERM"),
                    !Capabilities.effective(Capabilities.CAP_SYS_RESOURCE)));

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
