// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.far;

/**
 * The identity of one fd table. Tasks created with {@code CLONE_FILES} share one; others get their own copy.
 *
 * @since 0.1
 */
public final class FdTable extends Namespace {
    /**
     * A new fd table; backends and the simulated kernel make these.
     *
     * @param name the name that messages show
     */
    public FdTable(String name) {
        super("FdTable", name);
    }
}
