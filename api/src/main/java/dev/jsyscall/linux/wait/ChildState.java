// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.wait;

import dev.jsyscall.linux.signal.Signal;
import java.util.Optional;

/**
 * A state change of a child, as {@code waitid} reports it.
 *
 * <pre>{@code
 * ChildState s = child.readStateChange();
 * if (s.kind() == ChildState.Kind.EXITED && s.exitStatus() == 0) { ... }
 * }</pre>
 *
 * @param kind   what happened
 * @param pid    the child's pid
 * @param uid    the child's real uid
 * @param status the exit status for {@link Kind#EXITED}, otherwise the signal number
 * @since 0.1
 */
public record ChildState(Kind kind, int pid, int uid, int status) {

    /** The {@code si_code} values ({@code CLD_*}) for SIGCHLD. */
    public enum Kind {
        /** {@code CLD_EXITED}: the child called {@code exit}. */
        EXITED(1),
        /** {@code CLD_KILLED}: a signal ended the child. */
        KILLED(2),
        /** {@code CLD_DUMPED}: a signal ended the child, which dumped core. */
        DUMPED(3),
        /** {@code CLD_TRAPPED}: a traced child stopped at a trap. */
        TRAPPED(4),
        /** {@code CLD_STOPPED}: a signal stopped the child. */
        STOPPED(5),
        /** {@code CLD_CONTINUED}: {@code SIGCONT} resumed the child. */
        CONTINUED(6);

        /** Kinds by code - 1: the codes are 1 to 6 in declaration order. */
        private static final Kind[] BY_CODE = values();

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        /**
         * The {@code si_code} value.
         *
         * @return the code, 1 to 6
         */
        public int code() {
            return code;
        }

        /**
         * The kind for an {@code si_code}.
         *
         * @param code the {@code si_code}
         * @return the kind
         * @throws IllegalArgumentException for a code that is not a CLD_* value
         */
        public static Kind of(int code) {
            // indexed, not a search of values(): that clones the array on every reaped child
            if (code >= 1 && code <= BY_CODE.length) {
                return BY_CODE[code - 1];
            }
            throw new IllegalArgumentException("not a CLD_* si_code: " + code);
        }
    }

    /**
     * The state a filled siginfo describes.
     *
     * @param info the siginfo, not null
     * @return the state
     * @throws IllegalArgumentException if the siginfo holds no state change (pid 0) or a non-CLD code
     */
    public static ChildState fromSiginfo(Siginfo info) {
        if (info.pid() == 0) {
            throw new IllegalArgumentException("siginfo holds no state change (si_pid is 0)");
        }
        return new ChildState(Kind.of(info.code()), info.pid(), info.uid(), info.status());
    }

    /**
     * Whether the child is dead: exited, killed or dumped core.
     *
     * @return true if dead
     */
    public boolean died() {
        return kind == Kind.EXITED || kind == Kind.KILLED || kind == Kind.DUMPED;
    }

    /**
     * Whether it exited with status 0.
     *
     * @return true for an exit with status 0
     */
    public boolean isCleanExit() {
        return kind == Kind.EXITED && status == 0;
    }

    /**
     * The exit status.
     *
     * @return the status, 0 to 255
     * @throws IllegalStateException unless the child exited
     */
    public int exitStatus() {
        if (kind != Kind.EXITED) {
            throw new IllegalStateException("child " + pid + " did not exit; it was " + describe());
        }
        return status;
    }

    /**
     * The signal that killed, dumped, stopped or trapped the child.
     *
     * @return the signal
     * @throws IllegalStateException if it exited or continued
     */
    public Signal signal() {
        if (kind == Kind.EXITED || kind == Kind.CONTINUED) {
            throw new IllegalStateException("child " + pid + " was not signalled; it " + describe());
        }
        return Signal.of(status);
    }

    /**
     * The signal that ended the child, if one did: present when it was killed or dumped core, empty when it exited
     * (or is only stopped, trapped or continued). Unlike {@link #signal()}, it never throws, so it answers "did a
     * signal end it?" without a guard on {@link #kind()}.
     *
     * <pre>{@code
     * if (spawned.waitForExit().killedBy().equals(Optional.of(Signal.SIGKILL))) { ... }
     * }</pre>
     *
     * @return the signal, or empty
     * @since 0.2
     */
    public Optional<Signal> killedBy() {
        return kind == Kind.KILLED || kind == Kind.DUMPED ? Optional.of(Signal.of(status)) : Optional.empty();
    }

    /**
     * The shell's convention: the exit status, or 128 + the signal number when killed.
     *
     * @return the status, as {@code $?} shows it
     */
    public int shellStatus() {
        return kind == Kind.EXITED ? status : 128 + status;
    }

    /**
     * A short phrase: "exited with status 3", "killed by SIGKILL"...
     *
     * @return the phrase
     */
    public String describe() {
        switch (kind) {
            case EXITED:
                return "exited with status " + status;
            case KILLED:
                return "killed by " + Signal.of(status);
            case DUMPED:
                return "killed by " + Signal.of(status) + " (core dumped)";
            case STOPPED:
                return "stopped by " + Signal.of(status);
            case TRAPPED:
                return "trapped by " + Signal.of(status);
            default:
                return "continued";
        }
    }

    @Override
    public String toString() {
        return "ChildState(pid " + pid + " " + describe() + ")";
    }
}
