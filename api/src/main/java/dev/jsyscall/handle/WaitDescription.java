// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

/**
 * What a blocking wait is for ("wait for ChildProcess(...) to exit"), put together only when a message needs it:
 * the handles' {@code toString}s cost more than the rest of a wait on an fd that is ready already.
 */
final class WaitDescription {
    private final String before;
    private final Object subject;
    private final String after;

    WaitDescription(String before, Object subject, String after) {
        this.before = before;
        this.subject = subject;
        this.after = after;
    }

    @Override
    public String toString() {
        return before + subject + after;
    }
}
