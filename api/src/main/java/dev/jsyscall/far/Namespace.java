// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.far;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Base of the namespace identities: compared by object identity, named for messages.
 * The kernel offers no cheap way to ask a process which namespace it is in, so we track them ourselves.
 */
abstract class Namespace {
    private static final AtomicLong IDS = new AtomicLong();

    private final String label;

    Namespace(String kind, String name) {
        this.label = kind + "(" + name + "#" + IDS.incrementAndGet() + ")";
    }

    @Override
    public final boolean equals(Object o) {
        return this == o;
    }

    @Override
    public final int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return label;
    }
}
