// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux;

import dev.jsyscall.JsyscallException;
import java.util.Objects;

/**
 * A system call failed with an errno. Carries the {@link Errno}, the syscall and the arguments that matter.
 *
 * <pre>{@code
 * try {
 *     process.kill(Signal.SIGTERM);
 * } catch (ErrnoException e) {
 *     if (e.errno() == Errno.ESRCH) { ... }   // "ESRCH (No such process) from kill(pid=4242, SIGTERM)"
 * }
 * }</pre>
 *
 * @since 0.1
 */
public class ErrnoException extends JsyscallException {
    private static final long serialVersionUID = 1L;

    /** The error. */
    private final Errno errno;
    /** The C name of the syscall that failed. */
    private final String syscall;
    /** The arguments that matter, as the message shows them. */
    private final String arguments;

    /**
     * An exception for {@code errno} from {@code syscall}; use {@link #of} or {@link #check} to make one from a raw
     * result.
     *
     * @param errno the error, not null
     * @param syscall the syscall's C name
     * @param arguments the arguments that matter, e.g. {@code "pid=4242, SIGTERM"}
     */
    public ErrnoException(Errno errno, String syscall, String arguments) {
        super(errno.name() + " (" + errno.message() + ") from " + syscall + "(" + arguments + ")");
        this.errno = Objects.requireNonNull(errno, "errno");
        this.syscall = syscall;
        this.arguments = arguments;
    }

    /**
     * The error.
     *
     * @return the errno
     */
    public Errno errno() {
        return errno;
    }

    /**
     * The C name of the syscall that failed.
     *
     * @return the name
     */
    public String syscall() {
        return syscall;
    }

    /**
     * The arguments that matter, as shown in the message, e.g. {@code "pid=4242, SIGTERM"}.
     *
     * @return the arguments
     */
    public String arguments() {
        return arguments;
    }

    /**
     * Whether a raw syscall result is {@code -errno}.
     *
     * @param raw the result
     * @return true from -4095 to -1
     */
    public static boolean isError(long raw) {
        return raw < 0 && raw >= -4095;
    }

    /**
     * Throws if {@code raw} is {@code -errno}, otherwise returns it.
     *
     * @param arguments rendered lazily only on failure
     * @param raw the result
     * @param syscall the syscall, for the message
     * @return {@code raw}
     */
    public static long check(long raw, Syscall syscall, Object... arguments) {
        if (raw < 0 && raw >= -4095) {
            throw of((int) -raw, syscall.cName(), arguments);
        }
        return raw;
    }

    /**
     * Builds the exception for errno number {@code number}.
     *
     * @param number the positive errno
     * @param syscall the syscall's C name
     * @param arguments the arguments that matter
     * @return the exception
     * @throws IllegalStateException if Linux defines no such errno: the kernel never returns one to user space
     *     (its internal restart codes included), so the backend that produced it is broken
     */
    public static ErrnoException of(int number, String syscall, Object... arguments) {
        StringBuilder sb = new StringBuilder();
        for (Object a : arguments) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(a);
        }
        if (!Errno.isDefined(number)) {
            throw new IllegalStateException("the backend returned errno " + number
                    + ", which Linux does not define, from " + syscall + "(" + sb + ")");
        }
        return new ErrnoException(Errno.of(number), syscall, sb.toString());
    }
}
