// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.far;

/**
 * The identity of one pid namespace.
 *
 * @since 0.1
 */
public final class PidNamespace extends Namespace {
    /**
     * A new pid namespace; backends and the simulated kernel make these.
     *
     * @param name the name that messages show
     */
    public PidNamespace(String name) {
        super("PidNamespace", name);
    }
}
