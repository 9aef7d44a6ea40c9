// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import dev.jsyscall.JsyscallException;

/**
 * The simulated process that stands for the JVM died (it exited, or was killed by a signal, for example by
 * {@code kill(0, SIGTERM)} while its handler for SIGTERM was reset). A real JVM would be gone; the fake throws
 * this from the syscall that killed it and from every later local syscall.
 *
 * <pre>{@code
 * sys.syscall(EXIT_GROUP, 3, 0, 0, 0, 0, 0);   // throws FakeProcessDiedException: "... exited with status 3"
 * }</pre>
 *
 * @since 0.1
 */
public class FakeProcessDiedException extends JsyscallException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}.
     *
     * @param message which process died, and how
     */
    public FakeProcessDiedException(String message) {
        super(message);
    }
}
