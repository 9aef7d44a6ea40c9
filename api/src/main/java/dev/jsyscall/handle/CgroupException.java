// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.JsyscallException;

/**
 * A cgroup operation cannot be done; the message names the cgroup and says what to do. The subclass {@link Busy}
 * is the EBUSY of removing a cgroup that still holds processes or child cgroups.
 *
 * @since 0.2
 */
public class CgroupException extends JsyscallException {
    private static final long serialVersionUID = 1L;

    /** The cgroup's directory, or what was looked at. */
    private final String path;

    /**
     * An exception about the cgroup at {@code path}.
     *
     * @param path the cgroup's directory, or what was looked at
     * @param message what failed
     * @param cause the failure underneath, may be null
     */
    public CgroupException(String path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /**
     * The cgroup's directory (or, when no hierarchy was found, what was looked at).
     *
     * @return the path
     */
    public String path() {
        return path;
    }

    /**
     * The cgroup still holds processes or child cgroups, so it cannot be removed: {@link Cgroup#kill()} it, wait for
     * {@link Cgroup#awaitEmpty}, remove its children first.
     *
     * @since 0.2
     */
    public static final class Busy extends CgroupException {
        private static final long serialVersionUID = 1L;

        /**
         * An exception about the busy cgroup at {@code path}.
         *
         * @param path the cgroup's directory
         * @param message what failed
         * @param cause the failure underneath, may be null
         */
        public Busy(String path, String message, Throwable cause) {
            super(path, message, cause);
        }
    }
}
