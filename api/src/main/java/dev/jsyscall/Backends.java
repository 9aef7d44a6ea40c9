// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import dev.jsyscall.spi.BackendUnavailableException;
import dev.jsyscall.spi.SyscallBackendProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds backends with {@link ServiceLoader} and picks one.
 *
 * <p>Resolution, exactly as implemented by {@link #select}:
 * <table>
 * <caption>backend resolution</caption>
 * <tr><th>requested id ({@code -Djsyscall.backend}, else {@code JSYSCALL_BACKEND})</th><th>candidates</th>
 *     <th>result</th></tr>
 * <tr><td>set</td><td>a provider with that id, available</td><td>that provider (the fake included)</td></tr>
 * <tr><td>set</td><td>a provider with that id, unavailable</td><td>error: its reason</td></tr>
 * <tr><td>set</td><td>no provider with that id</td><td>error: the ids found, and the artifact to add</td></tr>
 * <tr><td>unset</td><td>some available provider that may be chosen by default</td>
 *     <td>the highest {@link SyscallBackendProvider#priority() priority} (ties: smallest id)</td></tr>
 * <tr><td>unset</td><td>providers, none available and selectable by default</td>
 *     <td>error: each candidate and why it was not chosen</td></tr>
 * <tr><td>unset</td><td>nothing found (or only broken providers)</td><td>error: what to add</td></tr>
 * </table>
 * A provider that fails to load ({@link ServiceConfigurationError}, {@link LinkageError}) is skipped and named in
 * any error message. The fake backend is never chosen unless requested. Only the providers that can decide the
 * choice are probed: with an id requested, that provider alone; otherwise, in priority order, until one is
 * available (the others' availability is probed only to explain an error, or for the debug log).
 *
 * <pre>{@code
 * SyscallBackendProvider p = Backends.select();
 * }</pre>
 *
 * @since 0.1
 */
public final class Backends {
    /** System property naming the backend. */
    public static final String PROPERTY = "jsyscall.backend";
    /** Environment variable naming the backend, used when the property is not set. */
    public static final String ENVIRONMENT = "JSYSCALL_BACKEND";
    private static final System.Logger LOG = System.getLogger(Backends.class.getName());

    private Backends() {
    }

    /**
     * What discovery found: loaded providers and the load failures of broken ones.
     *
     * @param providers the providers that loaded
     * @param failures one message per provider that failed to load
     */
    public record Discovery(List<SyscallBackendProvider> providers, List<String> failures) {
        /**
         * Copies both lists.
         *
         * @throws NullPointerException if a list is or holds null
         */
        public Discovery {
            providers = List.copyOf(providers);
            failures = List.copyOf(failures);
        }
    }

    /**
     * Loads every provider visible to this module's class loader, surviving broken ones.
     *
     * @return the providers and the failures
     */
    public static Discovery discover() {
        return discover(ServiceLoader.load(SyscallBackendProvider.class, Backends.class.getClassLoader()));
    }

    static Discovery discover(ServiceLoader<SyscallBackendProvider> loader) {
        List<SyscallBackendProvider> found = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Iterator<SyscallBackendProvider> it = loader.iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                String failure = "a provider failed to load: " + e + causes(e);
                // ServiceLoader skips a broken provider and names each only once, but it cannot skip every
                // error: when listing the configuration files fails, it fails the same way on every call
                if (!failures.isEmpty() && failures.get(failures.size() - 1).equals(failure)) {
                    break;
                }
                failures.add(failure);
            }
        }
        return new Discovery(found, failures);
    }

    /**
     * " (caused by ...)" for each cause of {@code e}: ServiceLoader's own message only says that a provider "could
     * not be instantiated"; why (the constructor's exception, a native library that failed to load) is its cause.
     */
    private static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder();
        Throwable c = e.getCause();
        for (int depth = 0; c != null && depth < 8; depth++, c = c.getCause()) {
            sb.append(" (caused by ").append(c).append(')');
        }
        return sb.toString();
    }

    /**
     * The backend id requested by the system property, else the environment; null if neither is set.
     *
     * @return the id, or null
     */
    public static String requestedId() {
        return requestedId(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT));
    }

    static String requestedId(String property, String environment) {
        if (property != null && !property.isBlank()) {
            return property.trim().toLowerCase(Locale.ROOT);
        }
        if (environment != null && !environment.isBlank()) {
            return environment.trim().toLowerCase(Locale.ROOT);
        }
        return null;
    }

    /**
     * Discovers and resolves with the requested id from the property or environment.
     *
     * @return the chosen provider
     */
    public static SyscallBackendProvider select() {
        return select(requestedId(), discover());
    }

    /**
     * Resolves per the table above.
     *
     * @param requested the id asked for, or null
     * @param discovery what {@link #discover()} found, not null
     * @return the chosen provider
     * @throws BackendUnavailableException with a message listing the candidates and what to do
     */
    public static SyscallBackendProvider select(String requested, Discovery discovery) {
        Objects.requireNonNull(discovery, "discovery");
        List<SyscallBackendProvider> providers = discovery.providers();
        // describe() probes availability, which each provider does once and keeps
        LOG.log(System.Logger.Level.DEBUG, () -> "jsyscall: backends found: " + describe(discovery)
                + (requested == null ? "; none requested" : "; requested '" + requested + "' by " + PROPERTY + "/"
                + ENVIRONMENT));
        if (requested != null) {
            for (SyscallBackendProvider p : providers) {
                if (p.id().equals(requested)) {
                    if (!p.availability().isAvailable()) {
                        throw new BackendUnavailableException("The jsyscall backend '" + requested
                                + "' (requested by " + PROPERTY + "/" + ENVIRONMENT + ") is unavailable: "
                                + p.availability().reason() + ".", p.availability().cause().orElse(null));
                    }
                    LOG.log(System.Logger.Level.DEBUG, () -> "jsyscall: chose backend '" + p.id()
                            + "': requested by " + PROPERTY + "/" + ENVIRONMENT);
                    return p;
                }
            }
            throw new BackendUnavailableException("No jsyscall backend with id '" + requested + "' (requested by "
                    + PROPERTY + "/" + ENVIRONMENT + "); found: " + describe(discovery)
                    + ". Add jsyscall-backend-" + requested + " to the class path or module path, or request one"
                    + " of the ids found.");
        }
        // best first, probing only until one is available: a probe loads a native layer (jnr's costs a CLI
        // start-up several hundred ms), and a lower-priority provider's answer cannot change the choice
        SyscallBackendProvider best = providers.stream()
                .filter(SyscallBackendProvider::selectableByDefault)
                .sorted(Comparator.comparingInt(SyscallBackendProvider::priority).reversed()
                        .thenComparing(SyscallBackendProvider::id))
                .filter(p -> p.availability().isAvailable())
                .findFirst()
                .orElse(null);
        if (best != null) {
            LOG.log(System.Logger.Level.DEBUG, () -> "jsyscall: chose backend '" + best.id() + "': the highest"
                    + " priority (" + best.priority() + ") of those available and selectable by default");
            return best;
        }
        if (providers.isEmpty()) {
            throw new BackendUnavailableException("No jsyscall backend found"
                    + (discovery.failures().isEmpty() ? "" : " (" + String.join("; ", discovery.failures()) + ")")
                    + ". Add jsyscall-backend-ffm (Java 22+) or jsyscall-backend-jnr (Java 17+) to the class path"
                    + " or module path.");
        }
        throw new BackendUnavailableException("No jsyscall backend is available: " + describe(discovery)
                + ". Add jsyscall-backend-ffm (Java 22+) or jsyscall-backend-jnr (Java 17+), or set -D" + PROPERTY
                + "=<id>.");
    }

    /** "'ffm' needs Java 22+ (running 17), 'jnr' is available, 'fake' is only used when requested". */
    static String describe(Discovery discovery) {
        List<String> parts = new ArrayList<>();
        for (SyscallBackendProvider p : discovery.providers()) {
            if (!p.availability().isAvailable()) {
                parts.add("'" + p.id() + "' " + p.availability().reason());
            } else if (!p.selectableByDefault()) {
                parts.add("'" + p.id() + "' is only used when requested (-D" + PROPERTY + "=" + p.id() + ")");
            } else {
                parts.add("'" + p.id() + "' is available");
            }
        }
        parts.addAll(discovery.failures());
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
    }

    /**
     * Every provider's id and availability, for diagnostics ({@code jsyscall backends}).
     *
     * @param discovery what {@link #discover()} found, not null
     * @return "available" or the reason for each id, in discovery order
     */
    public static Map<String, String> report(Discovery discovery) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (SyscallBackendProvider p : discovery.providers()) {
            out.put(p.id(), p.availability().isAvailable()
                    ? "available (priority " + p.priority() + (p.selectableByDefault() ? "" : ", only when requested")
                    + ")" : "unavailable: " + p.availability().reason());
        }
        return out;
    }
}
