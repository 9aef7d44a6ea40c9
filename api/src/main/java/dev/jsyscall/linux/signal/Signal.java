// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.signal;

import java.util.Locale;

/**
 * A Linux signal number, standard (1–31) or real-time (32–64).
 *
 * <p>Real-time signals are named by the kernel's numbering: {@code SIGRTMIN} here is 32, the kernel's. The C
 * library reserves 32 and 33 for itself, so glibc's {@code SIGRTMIN} is 34 ({@link #GLIBC_SIGRTMIN}); a program
 * using glibc's {@code SIGRTMIN+n} means {@code Signal.of(34 + n)}.
 *
 * <pre>{@code
 * child.kill(Signal.SIGTERM);
 * Signal rt = Signal.realtime(2);   // SIGRTMIN+2, number 34
 * }</pre>
 *
 * @since 0.1
 */
public final class Signal implements Comparable<Signal> {
    /** The lowest real-time signal number (the kernel's {@code SIGRTMIN}). */
    public static final int RTMIN = 32;
    /** The highest signal number ({@code _NSIG - 1}). */
    public static final int MAX = 64;
    /** glibc's {@code SIGRTMIN}: 32 and 33 are used internally by the C library's threads. */
    public static final int GLIBC_SIGRTMIN = 34;

    private static final String[] NAMES = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
        "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
        "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
        "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};
    private static final Signal[] ALL = new Signal[MAX + 1];

    static {
        for (int i = 1; i <= MAX; i++) {
            ALL[i] = new Signal(i);
        }
    }

    /** Hangup of the controlling terminal, or a daemon's "reload"; terminates by default. */
    public static final Signal SIGHUP = ALL[1];
    /** Interrupt from the keyboard (Ctrl-C); terminates by default. */
    public static final Signal SIGINT = ALL[2];
    /** Quit from the keyboard (Ctrl-\); terminates with a core dump by default. */
    public static final Signal SIGQUIT = ALL[3];
    /** Illegal instruction; core dump by default. */
    public static final Signal SIGILL = ALL[4];
    /** Trace or breakpoint trap; core dump by default. */
    public static final Signal SIGTRAP = ALL[5];
    /** Abort, as {@code abort(3)} raises it; core dump by default. */
    public static final Signal SIGABRT = ALL[6];
    /** Bus error (bad memory access, e.g. past the end of a mapped file); core dump by default. */
    public static final Signal SIGBUS = ALL[7];
    /** Arithmetic exception (integer division by zero...); core dump by default. */
    public static final Signal SIGFPE = ALL[8];
    /** Kill: cannot be caught, blocked or ignored. */
    public static final Signal SIGKILL = ALL[9];
    /** User-defined signal 1; terminates by default. */
    public static final Signal SIGUSR1 = ALL[10];
    /** Invalid memory reference; core dump by default. */
    public static final Signal SIGSEGV = ALL[11];
    /** User-defined signal 2; terminates by default. */
    public static final Signal SIGUSR2 = ALL[12];
    /** Write to a pipe with no reader; terminates by default. */
    public static final Signal SIGPIPE = ALL[13];
    /** Timer expired ({@code alarm}); terminates by default. */
    public static final Signal SIGALRM = ALL[14];
    /** Polite request to terminate; terminates by default. */
    public static final Signal SIGTERM = ALL[15];
    /** Coprocessor stack fault (unused on x86_64 and aarch64); terminates by default. */
    public static final Signal SIGSTKFLT = ALL[16];
    /** A child stopped, continued or terminated; ignored by default. */
    public static final Signal SIGCHLD = ALL[17];
    /** Continue a stopped process. */
    public static final Signal SIGCONT = ALL[18];
    /** Stop: cannot be caught, blocked or ignored. */
    public static final Signal SIGSTOP = ALL[19];
    /** Stop from the terminal (Ctrl-Z); stops by default. */
    public static final Signal SIGTSTP = ALL[20];
    /** A background process read from its terminal; stops by default. */
    public static final Signal SIGTTIN = ALL[21];
    /** A background process wrote to its terminal; stops by default. */
    public static final Signal SIGTTOU = ALL[22];
    /** Urgent data on a socket; ignored by default. */
    public static final Signal SIGURG = ALL[23];
    /** CPU time limit ({@code RLIMIT_CPU}) exceeded; core dump by default. */
    public static final Signal SIGXCPU = ALL[24];
    /** File size limit ({@code RLIMIT_FSIZE}) exceeded; core dump by default. */
    public static final Signal SIGXFSZ = ALL[25];
    /** Virtual timer expired; terminates by default. */
    public static final Signal SIGVTALRM = ALL[26];
    /** Profiling timer expired; terminates by default. */
    public static final Signal SIGPROF = ALL[27];
    /** The terminal window changed size; ignored by default. */
    public static final Signal SIGWINCH = ALL[28];
    /** I/O is possible on an fd ({@code O_ASYNC}); terminates by default. */
    public static final Signal SIGIO = ALL[29];
    /** Power failure; terminates by default. */
    public static final Signal SIGPWR = ALL[30];
    /** Bad system call (a seccomp filter's {@code SECCOMP_RET_TRAP}); core dump by default. */
    public static final Signal SIGSYS = ALL[31];

    private final int number;

    private Signal(int number) {
        this.number = number;
    }

    /**
     * The signal with this number.
     *
     * @param number the signal number
     * @return the signal; the same instance for the same number
     * @throws IllegalArgumentException unless {@code 1 <= number <= 64}
     */
    public static Signal of(int number) {
        if (number < 1 || number > MAX) {
            throw new IllegalArgumentException("signal number must be in 1.." + MAX + ", was " + number);
        }
        return ALL[number];
    }

    /**
     * The real-time signal {@code SIGRTMIN+offset} in the kernel's numbering (32 + offset).
     *
     * @param offset the offset from the kernel's {@code SIGRTMIN}
     * @return the signal numbered {@code 32 + offset}
     * @throws IllegalArgumentException unless {@code 0 <= offset <= 32}
     */
    public static Signal realtime(int offset) {
        if (offset < 0 || offset > MAX - RTMIN) {
            throw new IllegalArgumentException("real-time signal offset must be in 0.." + (MAX - RTMIN)
                    + ", was " + offset);
        }
        return ALL[RTMIN + offset];
    }

    /**
     * The signal named {@code name} ("SIGTERM", "TERM", "term", "SIGRTMIN+3", or a number).
     *
     * @param name the name or number, case-insensitive, not null
     * @return the signal
     * @throws IllegalArgumentException for an unknown name
     */
    public static Signal parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
            return of(Integer.parseInt(n));
        }
        if (!n.startsWith("SIG")) {
            n = "SIG" + n;
        }
        if (n.startsWith("SIGRTMIN")) {
            String rest = n.substring("SIGRTMIN".length());
            if (rest.isEmpty()) {
                return realtime(0);
            }
            // exactly "+N": stripping every '+' made "SIGRTMIN+3+1" mean SIGRTMIN+31
            if (rest.matches("\\+[0-9]{1,9}")) {
                return realtime(Integer.parseInt(rest.substring(1)));
            }
            throw new IllegalArgumentException("unknown signal name: " + name);
        }
        for (int i = 1; i < NAMES.length; i++) {
            if (NAMES[i].equals(n)) {
                return ALL[i];
            }
        }
        throw new IllegalArgumentException("unknown signal name: " + name);
    }

    /**
     * The signal number.
     *
     * @return the number, 1 to 64
     */
    public int number() {
        return number;
    }

    /**
     * Whether this is a real-time signal (queued, never coalesced).
     *
     * @return true for numbers 32 and above
     */
    public boolean isRealtime() {
        return number >= RTMIN;
    }

    /**
     * The C name, e.g. {@code SIGTERM} or {@code SIGRTMIN+2}.
     *
     * @return the name, as strace and {@link #parse(String)} write it
     */
    public String name() {
        return number < RTMIN ? NAMES[number] : "SIGRTMIN+" + (number - RTMIN);
    }

    @Override
    public int compareTo(Signal o) {
        return Integer.compare(number, o.number);
    }

    @Override
    public String toString() {
        return name();
    }
}
