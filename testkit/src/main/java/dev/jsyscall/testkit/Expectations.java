// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a backend declares it does not meet, each with the reason: a test expected to fail runs, and is
 * reported skipped with the reason when it fails, but fails the build once it passes (the expectation is stale);
 * a test expected to be skipped does not run at all (for tests that would hang or harm the host). Naming a rule id
 * the suite does not have fails every test of the suite, so an expectation cannot outlive a renamed rule unseen.
 *
 * <pre>{@code
 * class HardenedConformanceTest extends SyscallConformanceSuite {
 *     protected SyscallBackend openBackend() { return new HardenedBackend(); }
 *     public Expectations expectations() {
 *         return Expectations.none()
 *                 .fails("NS1", "unshare is refused by design: the hardened build allows no namespaces")
 *                 .skips("SP35", "a second JVM cannot load the hardened backend");
 *     }
 * }
 * }</pre>
 *
 * @since 0.2
 */
public final class Expectations {

    /** A test class that declares expectations: {@link SyscallConformanceSuite} is one. */
    public interface Source {
        /** The rules this backend does not meet; {@link Expectations#none()} when it meets them all. */
        Expectations expectations();
    }

    /** What is expected of one rule. */
    enum Kind {
        FAILS, SKIPPED
    }

    record Expectation(Kind kind, String reason) {
    }

    private static final Expectations NONE = new Expectations(Map.of());

    private final Map<String, Expectation> byRule;

    private Expectations(Map<String, Expectation> byRule) {
        this.byRule = byRule;
    }

    /** No expectations: every rule must pass or be skipped by its own capability check. */
    public static Expectations none() {
        return NONE;
    }

    /** Adds that the rule {@code ruleId} fails on this backend, for {@code reason}. */
    public Expectations fails(String ruleId, String reason) {
        return with(ruleId, Kind.FAILS, reason);
    }

    /** Adds that the rule {@code ruleId} must not even run on this backend, for {@code reason}. */
    public Expectations skips(String ruleId, String reason) {
        return with(ruleId, Kind.SKIPPED, reason);
    }

    /** The rule ids named, in the order they were added. */
    public Set<String> ruleIds() {
        return Collections.unmodifiableSet(byRule.keySet());
    }

    Optional<Expectation> of(String ruleId) {
        return Optional.ofNullable(byRule.get(ruleId));
    }

    private Expectations with(String ruleId, Kind kind, String reason) {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(reason, "reason");
        if (ruleId.isBlank()) {
            throw new IllegalArgumentException("ruleId is blank; give a rule id such as \"P2\"");
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException("reason for rule " + ruleId + " is blank; say why the backend"
                    + " does not meet it");
        }
        if (byRule.containsKey(ruleId)) {
            throw new IllegalArgumentException("ruleId " + ruleId + " already has an expectation ("
                    + byRule.get(ruleId) + "); name each rule once");
        }
        Map<String, Expectation> m = new LinkedHashMap<>(byRule);
        m.put(ruleId, new Expectation(kind, reason));
        return new Expectations(Collections.unmodifiableMap(m));
    }

    @Override
    public String toString() {
        return "Expectations" + byRule;
    }
}
