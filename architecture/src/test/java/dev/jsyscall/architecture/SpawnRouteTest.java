// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The route of a spawn (docs/architecture.md, "the life of a spawn") visits each file once: {@code Spawn} compiles
 * its set-up into one {@code SetupPlan} and hands it to {@code SetupPlan.start}, which runs it to the execve and
 * returns the child. {@code Spawn} going back to the batch or the child task between steps is what this forbids.
 */
@AnalyzeClasses(packages = "dev.jsyscall", importOptions = ImportOption.DoNotIncludeTests.class)
class SpawnRouteTest {

    @ArchTest
    static final ArchRule spawnHandsItsSetUpToOneExecutor = noClasses()
            // SpawnStart runs Spawn.start's body and SpawnSteps builds its steps: the same rule holds for them
            .that().haveNameMatching("dev\\.jsyscall\\.Spawn(Start|Steps)?(\\$.*)?")
            .should().callMethodWhere(new DescribedPredicate<JavaMethodCall>(
                    "a method of ChildTask or SetupBatch") {
                @Override
                public boolean test(JavaMethodCall call) {
                    String owner = call.getTargetOwner().getName();
                    return owner.equals("dev.jsyscall.handle.ChildTask")
                            || owner.equals("dev.jsyscall.handle.SetupBatch");
                }
            })
            .because("the set-up runs top to bottom in SetupPlan.start; Spawn only compiles it into a SetupPlan");
}
