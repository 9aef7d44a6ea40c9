// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule of {@link LayeringTest} fails on a class that breaks it. The fixtures live in this module's test
 * classes, which {@code LayeringTest} does not import, so they break nothing there; a rule that passed here would
 * be one that cannot fail (a misspelt package, say).
 */
class RulesCatchViolationsTest {

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of("near", LayeringTest.nearDependsOnNoOtherJsyscallPackage,
                        dev.jsyscall.near.NearUsesLinux.class),
                Arguments.of("internal", LayeringTest.internalIsUsedOnlyByTheApi,
                        dev.jsyscall.cli.CliUsesInternal.class),
                Arguments.of("ffm", LayeringTest.ffmUsesOnlySpiAndLinux,
                        dev.jsyscall.backend.ffm.FfmUsesHandle.class),
                Arguments.of("jnr", LayeringTest.jnrUsesOnlySpiAndLinux,
                        dev.jsyscall.backend.jnr.JnrUsesHandle.class),
                Arguments.of("fake", LayeringTest.fakeUsesOnlySpiAndLinux,
                        dev.jsyscall.backend.fake.FakeUsesHandle.class),
                Arguments.of("far", LayeringTest.farDependsOnlyOnNearSpiAndLinux,
                        dev.jsyscall.far.FarUsesHandle.class),
                Arguments.of("linux", LayeringTest.linuxDependsOnlyOnNearAndStruct,
                        dev.jsyscall.linux.LinuxUsesSpi.class),
                Arguments.of("struct", LayeringTest.structDependsOnNoOtherJsyscallPackage,
                        dev.jsyscall.struct.StructUsesLinux.class),
                Arguments.of("api", LayeringTest.apiDependsOnNoOtherModule,
                        dev.jsyscall.handle.HandleUsesFake.class),
                Arguments.of("backend", LayeringTest.onlyABackendNamesItself,
                        dev.jsyscall.guice.GuiceUsesFake.class),
                Arguments.of("handle constructor", LayeringTest.handlesAreNotConstructibleOutsideTheApi,
                        dev.jsyscall.handle.ConstructibleHandle.class),
                Arguments.of("far task constructor", LayeringTest.handlesAreNotConstructibleOutsideTheApi,
                        dev.jsyscall.far.SubclassableTask.class));
    }

    @ParameterizedTest(name = "the {0} rule fails on {2}")
    @MethodSource("violations")
    void aRuleFailsOnAClassThatBreaksIt(String name, ArchRule rule, Class<?> fixture) {
        assertCaught(name, rule, fixture, new ClassFileImporter().importClasses(fixture));
    }

    @Test
    @DisplayName("the simple-name rule fails on a public type named like another one")
    void sharedSimpleName() {
        assertCaught("simple name", LayeringTest.noTwoPublicApiTypesShareASimpleName, dev.jsyscall.spi.Task.class,
                new ClassFileImporter().importClasses(dev.jsyscall.spi.Task.class, dev.jsyscall.handle.Task.class));
    }

    private static void assertCaught(String name, ArchRule rule, Class<?> fixture, JavaClasses classes) {
        EvaluationResult result = rule.evaluate(classes);
        assertTrue(result.hasViolation(), () -> name + " rule passed " + fixture.getName());
        assertFalse(result.getFailureReport().getDetails().isEmpty());
        assertTrue(result.getFailureReport().getDetails().stream().anyMatch(d -> d.contains(fixture.getName())),
                () -> "the report does not name " + fixture.getName() + ": " + result.getFailureReport());
    }
}
