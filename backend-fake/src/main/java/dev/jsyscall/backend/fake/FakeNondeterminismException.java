// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import dev.jsyscall.JsyscallException;

/**
 * The fake kernel met something that makes a run depend on more than its seed, and was built with
 * {@link FakeKernel.Builder#failOnNondeterminism()} (or {@code @Simulation(strict = true)}): two JVM threads in the
 * kernel at once, or a real-time grace period that had to decide. Without that setting the same sentence is only
 * reported, in {@link FakeKernel#nondeterminism()}.
 *
 * <pre>{@code
 * try (FakeKernel k = FakeKernel.builder().failOnNondeterminism().build()) { ... }
 * }</pre>
 *
 * @since 0.2
 */
public class FakeNondeterminismException extends JsyscallException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for nondeterminism the scheduler cannot control.
     *
     * @param message what was found, and the seed
     */
    public FakeNondeterminismException(String message) {
        super(message);
    }
}
