// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.seccomp;

import static dev.jsyscall.linux.SyscallRequest.in;
import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.SetupOption;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code seccomp} syscall and its constants.
 *
 * <p>A filter constrains the caller and everything it starts, for good: it survives {@code execve}, {@code fork}
 * and {@code clone}, and filters only add up (the strictest answer of all installed filters wins). Installing one
 * needs {@code no_new_privs} ({@link dev.jsyscall.linux.prctl.Prctl#setNoNewPrivs()}) or {@code CAP_SYS_ADMIN};
 * without either the kernel answers EACCES. As a spawn step it runs after every other step, just before the
 * {@code execve} (see {@code SetupPlan.runsLast}), so a filter must still allow what that needs: {@code read} and
 * {@code write} (the set-up channel), {@code rt_sigprocmask} and {@code execve}.
 *
 * <pre>{@code
 * Spawn.of(Command.of("mkdir", "/tmp/x"))
 *         .step(Prctl.setNoNewPrivs())
 *         .step(Seccomp.setModeFilter(SeccompFilter.builder().deny(Syscall.MKDIR, Errno.EPERM).build()));
 * }</pre>
 *
 * @since 0.2
 */
public final class Seccomp {
    private Seccomp() {
    }

    /** {@code seccomp} operation: install a BPF filter (args: flags, {@code struct sock_fprog *}). */
    public static final int SECCOMP_SET_MODE_FILTER = 1;
    /** Flag: synchronize every thread of the caller to the filter (useless in a single-threaded child). */
    public static final int SECCOMP_FILTER_FLAG_TSYNC = 1;
    /** Flag: log every action but {@code allow} (Linux 4.14). */
    public static final int SECCOMP_FILTER_FLAG_LOG = 2;
    /** {@code prctl} option: the result is the caller's seccomp mode (0 none, 1 strict, 2 filter). */
    public static final int PR_GET_SECCOMP = 21;

    /**
     * {@code seccomp(SECCOMP_SET_MODE_FILTER, 0, &prog)}: installs {@code filter} on the caller.
     *
     * @param filter the filter
     * @return the request: run it with {@code Task.call}, or make it a set-up step with {@code Spawn.step}
     * @since 0.2
     */
    public static SyscallRequest<Void> setModeFilter(SeccompFilter filter) {
        return setModeFilter(filter, 0);
    }

    /**
     * {@code seccomp(SECCOMP_SET_MODE_FILTER, flags, &prog)}: installs {@code filter} on the caller. EACCES means
     * the caller has neither no_new_privs nor CAP_SYS_ADMIN; the error says so.
     *
     * @param filter the filter
     * @param flags the {@code SECCOMP_FILTER_FLAG_*} flags
     * @return the request: run it with {@code Task.call}, or make it a set-up step with {@code Spawn.step}
     * @since 0.2
     */
    public static SyscallRequest<Void> setModeFilter(SeccompFilter filter, int flags) {
        Objects.requireNonNull(filter, "filter");
        byte[] bpf = filter.bpf();
        // struct sock_fprog { unsigned short len; struct sock_filter *filter; }: the filter follows at 16
        byte[] prog = new byte[16 + bpf.length];
        int len = filter.length();
        prog[0] = (byte) len;
        prog[1] = (byte) (len >>> 8);
        prog[8] = 16;
        System.arraycopy(bpf, 0, prog, 16, bpf.length);
        return SyscallRequest.of(Syscall.SECCOMP, List.of(word(SECCOMP_SET_MODE_FILTER), word(flags), in(prog, 8)),
                (r, o) -> null, "SECCOMP_SET_MODE_FILTER", "flags=" + flags, "filter=" + filter,
                "(it needs no_new_privs or CAP_SYS_ADMIN)");
    }

    /**
     * A filter for the JVM's architecture that fails one syscall with an errno and allows all else, installed as
     * {@link #setModeFilter(SeccompFilter)} does: {@code "mkdir"} (EPERM) or {@code "mkdir:EACCES"}; the errno by
     * name or number. Several such steps add up.
     *
     * <pre>{@code
     * Spawn.of(cmd).step(Prctl.setNoNewPrivs()).step(Seccomp.deny("mkdir:EROFS"));
     * }</pre>
     *
     * @param spec {@code SYSCALL} or {@code SYSCALL:ERRNO}
     * @return the request: run it with {@code Task.call}, or make it a set-up step with {@code Spawn.step}
     * @throws IllegalArgumentException for an unknown syscall or errno, or a syscall the architecture lacks
     * @since 0.2
     */
    @SetupOption(name = "--seccomp-deny", paramLabel = "SYSCALL[:ERRNO]", description = "A seccomp filter that"
            + " fails SYSCALL with ERRNO (name or number, EPERM if none) and allows all else; installed after every"
            + " other step, just before execve. Needs --no-new-privs (or CAP_SYS_ADMIN). Repeatable.")
    public static SyscallRequest<Void> deny(String spec) {
        Objects.requireNonNull(spec, "spec");
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        Errno errno = colon < 0 ? Errno.EPERM : errno(spec.substring(colon + 1));
        Syscall syscall;
        try {
            syscall = syscall(name);
        } catch (IllegalArgumentException e) {
            // without the value: a tool quotes it after the message (SetupOption)
            throw new IllegalArgumentException("no such syscall", e);
        }
        return setModeFilter(SeccompFilter.builder(Arch.current()).deny(syscall, errno).build());
    }

    /**
     * {@code prctl(PR_GET_SECCOMP)}: the caller's seccomp mode, 0 (none), 1 (strict) or 2 (filter).
     *
     * @return the request: run it with {@code Task.call}, or make it a set-up step with {@code Spawn.step}
     * @since 0.2
     */
    public static SyscallRequest<Integer> getMode() {
        return SyscallRequest.of(Syscall.PRCTL, List.of(word(PR_GET_SECCOMP), word(0), word(0), word(0), word(0)),
                (r, o) -> (int) r, "PR_GET_SECCOMP");
    }

    /**
     * The syscall with this C name ({@code "mkdir"}).
     *
     * @param name the name
     * @return the text
     * @throws IllegalArgumentException naming the syscall if jsyscall's table has none by that name
     */
    public static Syscall syscall(String name) {
        for (Syscall s : Syscall.values()) {
            if (s.cName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown syscall '" + name + "'");
    }

    private static Errno errno(String text) {
        String t = text.trim();
        try {
            return Errno.of(Integer.parseInt(t));
        } catch (NumberFormatException e) {
            try {
                return Errno.valueOf(t.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("no such errno", unknown);
            }
        }
    }
}
