// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;

/**
 * {@code execve} failed in a driven child: the child did not change and keeps serving syscalls.
 *
 * @since 0.1
 */
public class ExecFailedException extends ErrnoException {
    private static final long serialVersionUID = 1L;
    /** The executable path that could not be exec'd. */
    private final String path;

    /**
     * An exception for {@code errno} from {@code execve} of {@code path}.
     *
     * @param errno the error
     * @param path the executable's path
     * @param arguments the arguments shown in the message
     */
    public ExecFailedException(Errno errno, String path, String arguments) {
        super(errno, "execve", arguments);
        this.path = path;
    }

    /**
     * The executable path that could not be exec'd.
     *
     * @return the path
     */
    public String path() {
        return path;
    }
}
