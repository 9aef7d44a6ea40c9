// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable id of one rule of the kit: the seed's contract ids ({@code P1} to {@code K3}) where they apply, an
 * area prefix and a number elsewhere ({@code SP12}, {@code MU3}); a second test of one seed rule gets a suffix
 * ({@code C2.3}). The id does not change when the test's sentence is reworded or the test moves, so a backend's
 * {@link Expectations}, the matrix in {@code docs/conformance.md} and failure messages ({@code [P2] ...}) all
 * name it. An annotation rather than a prefix in the display name, so that tools read it without parsing prose.
 *
 * <pre>{@code
 * @Test
 * @RuleId("P2")
 * @DisplayName("kill sends the signal to the pid")
 * default void killSendsSignal() { ... }
 * }</pre>
 *
 * @since 0.2
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RuleId {
    /** The id, unique within the kit. */
    String value();
}
