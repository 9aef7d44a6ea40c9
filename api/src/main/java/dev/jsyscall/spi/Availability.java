// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a backend can be used here and, if not, why. Probed once by the provider and kept.
 *
 * <pre>{@code
 * Availability a = provider.availability();
 * if (!a.isAvailable()) System.err.println(a.reason());
 * }</pre>
 *
 * @since 0.1
 */
public final class Availability {
    private static final Availability AVAILABLE = new Availability(null, null);

    private final String reason;
    private final Throwable cause;

    private Availability(String reason, Throwable cause) {
        this.reason = reason;
        this.cause = cause;
    }

    /**
     * The backend can be opened.
     *
     * @return the shared instance
     */
    public static Availability available() {
        return AVAILABLE;
    }

    /**
     * The backend cannot be opened.
     *
     * @param reason a sentence saying what is missing and what to do, e.g. "needs Java 22+ (running 17)"
     * @return the unavailability
     */
    public static Availability unavailable(String reason) {
        return new Availability(Objects.requireNonNull(reason, "reason"), null);
    }

    /**
     * The backend cannot be opened, because of {@code cause}.
     *
     * @param reason a sentence saying what is missing and what to do
     * @param cause the failure behind it (a native library load error...), may be null
     * @return the unavailability
     */
    public static Availability unavailable(String reason, Throwable cause) {
        return new Availability(Objects.requireNonNull(reason, "reason"), cause);
    }

    /**
     * Whether the backend can be opened.
     *
     * @return true if it can
     */
    public boolean isAvailable() {
        return reason == null;
    }

    /**
     * Why the backend is unavailable; empty string when it is available.
     *
     * @return the reason, or {@code ""}
     */
    public String reason() {
        return reason == null ? "" : reason;
    }

    /**
     * The failure behind the unavailability (a native library load error...), if there was one.
     *
     * @return the cause, or empty
     */
    public Optional<Throwable> cause() {
        return Optional.ofNullable(cause);
    }

    /**
     * Throws {@link BackendUnavailableException} with the reason and cause unless available.
     *
     * @param backendId the backend's id, named in the message
     */
    public void ensureAvailable(String backendId) {
        if (!isAvailable()) {
            throw new BackendUnavailableException("jsyscall backend '" + backendId + "' is unavailable: " + reason, cause);
        }
    }

    @Override
    public String toString() {
        return isAvailable() ? "available" : "unavailable: " + reason;
    }
}
