// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.dst;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs a fixture class through the JUnit launcher and keeps each invocation's name and result. */
final class Launch {
    record Result(String name, TestExecutionResult.Status status, Throwable thrown) {}

    private Launch() {}

    static List<Result> run(Class<?> fixture, Map<String, String> parameters) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(fixture))
                .configurationParameters(parameters)
                .build();
        List<Result> results = new ArrayList<>();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult r) {
                // a container fails only when the extension refuses its settings, before any invocation
                if (id.isTest() || r.getStatus() == TestExecutionResult.Status.FAILED) {
                    results.add(new Result(id.getDisplayName(), r.getStatus(), r.getThrowable().orElse(null)));
                }
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                results.add(new Result(id.getDisplayName() + " (skipped: " + reason + ")",
                        TestExecutionResult.Status.ABORTED, null));
            }
        });
        return results;
    }
}
