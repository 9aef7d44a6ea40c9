// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Puts a test's {@link RuleId} in front of its failure message ({@code [P2] ...}) and applies the outermost test
 * class's {@link Expectations} when it is an {@link Expectations.Source}. {@link SyscallConformanceSuite} carries
 * it; a suite of one's own adds it with {@code @ExtendWith(ConformanceRules.class)}.
 *
 * <pre>{@code
 * @ExtendWith(ConformanceRules.class)
 * class MyAreas implements Expectations.Source { ... }
 * }</pre>
 *
 * <p>Before the first test it checks the suite as a whole: rule ids are unique, and every id the expectations
 * name is a rule of the suite; otherwise every test fails with what is wrong.
 *
 * @since 0.2
 */
public final class ConformanceRules implements InvocationInterceptor {

    private static final Namespace NAMESPACE = Namespace.create(ConformanceRules.class);

    /** Instantiated by JUnit for {@code @ExtendWith(ConformanceRules.class)}. */
    public ConformanceRules() {
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        RuleId rule = invocationContext.getExecutable().getAnnotation(RuleId.class);
        if (rule == null) {
            invocation.proceed();
            return;
        }
        String id = rule.value();
        Object outermost = context.getRequiredTestInstances().getAllInstances().get(0);
        Expectations expectations = outermost instanceof Expectations.Source s ? s.expectations() : Expectations.none();
        String problem = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(outermost.getClass(),
                c -> checkSuite(outermost.getClass(), expectations), String.class);
        if (!problem.isEmpty()) {
            invocation.skip();
            throw new AssertionError("[" + id + "] " + problem);
        }
        Optional<Expectations.Expectation> expected = expectations.of(id);
        if (expected.isPresent() && expected.get().kind() == Expectations.Kind.SKIPPED) {
            invocation.skip();
            Assumptions.abort("[" + id + "] skipped by the backend's expectations: " + expected.get().reason());
        }
        try {
            invocation.proceed();
        } catch (Throwable t) {
            if (isAbort(t)) {
                throw t;
            }
            if (expected.isPresent()) {
                Assumptions.abort("[" + id + "] fails as the backend's expectations say: " + expected.get().reason()
                        + " (" + t + ")");
            }
            AssertionError named = new AssertionError("[" + id + "] " + t, t);
            named.setStackTrace(t.getStackTrace());
            throw named;
        }
        if (expected.isPresent()) {
            throw new AssertionError("[" + id + "] passed, but the backend's expectations() say it fails: '"
                    + expected.get().reason() + "'. The expectation is stale: remove it.");
        }
    }

    /** "" when the suite is sound, else what is wrong with it. */
    private static String checkSuite(Class<?> suite, Expectations expectations) {
        Map<String, Method> byId = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Method m : ruleMethods(suite)) {
            String id = m.getAnnotation(RuleId.class).value();
            Method other = byId.putIfAbsent(id, m);
            if (other != null && !other.equals(m)) {
                problems.add("rule id " + id + " is on both " + describe(other) + " and " + describe(m));
            }
        }
        for (String id : expectations.ruleIds()) {
            if (!byId.containsKey(id)) {
                problems.add("expectations() name rule " + id + ", which " + suite.getName() + " does not have"
                        + " (renamed or removed?): remove it");
            }
        }
        return String.join("; ", problems);
    }

    /** Methods with a rule id in the class, its superclasses, their interfaces and their @Nested classes. */
    static Set<Method> ruleMethods(Class<?> suite) {
        Set<Method> out = new LinkedHashSet<>();
        collect(suite, out);
        return out;
    }

    private static void collect(Class<?> type, Set<Method> out) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(RuleId.class)) {
                    out.add(m);
                }
            }
            for (Class<?> nested : c.getDeclaredClasses()) {
                if (nested.isAnnotationPresent(Nested.class)) {
                    collect(nested, out);
                }
            }
        }
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(RuleId.class)) {
                out.add(m);
            }
        }
    }

    private static String describe(Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName();
    }

    private static boolean isAbort(Throwable t) {
        // matched by name: testkit does not require the opentest4j module, and JUnit honours subclasses too
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("org.opentest4j.TestAbortedException")) {
                return true;
            }
        }
        return false;
    }
}
