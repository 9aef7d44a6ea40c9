// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The layering rules of {@code docs/architecture.md} that hold today, checked over the main classes of every
 * published module. ArchUnit fails a rule whose {@code that()} matches no class, so a renamed package cannot make
 * a rule pass by checking nothing.
 */
@AnalyzeClasses(locations = MultiReleaseLocations.class, importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    /** Every package of the api module (jsyscall-api, module dev.jsyscall). */
    static final String[] API = {
        "dev.jsyscall", "dev.jsyscall.near..", "dev.jsyscall.far..", "dev.jsyscall.handle..",
        "dev.jsyscall.struct..", "dev.jsyscall.linux..", "dev.jsyscall.spi..", "dev.jsyscall.internal.."
    };

    @ArchTest
    static final ArchRule nearDependsOnNoOtherJsyscallPackage = classes()
            .that().resideInAPackage("dev.jsyscall.near")
            .should().onlyDependOnClassesThat(jsyscallOnlyIn("dev.jsyscall.near"))
            .because("near values are plain records that mean something inside one namespace and nothing more");

    @ArchTest
    static final ArchRule internalIsUsedOnlyByTheApi = noClasses()
            .that().resideInAPackage("dev.jsyscall..").and().resideOutsideOfPackages(API)
            .should().dependOnClassesThat().resideInAPackage("dev.jsyscall.internal..")
            .because("dev.jsyscall.internal is not exported: it may change in any release");

    @ArchTest
    static final ArchRule ffmUsesOnlySpiAndLinux = backendUsesOnlySpiAndLinux("dev.jsyscall.backend.ffm..");

    @ArchTest
    static final ArchRule jnrUsesOnlySpiAndLinux = backendUsesOnlySpiAndLinux("dev.jsyscall.backend.jnr..");

    @ArchTest
    static final ArchRule fakeUsesOnlySpiAndLinux = backendUsesOnlySpiAndLinux("dev.jsyscall.backend.fake..");

    @ArchTest
    static final ArchRule farDependsOnlyOnNearSpiAndLinux = classes()
            .that().resideInAPackage("dev.jsyscall.far..")
            .should().onlyDependOnClassesThat(jsyscallOnlyIn("dev.jsyscall.far..", "dev.jsyscall.near..",
                    "dev.jsyscall.spi..", "dev.jsyscall.linux.."))
            .because("a far identity bundles a SyscallInterface with near values; handles are built on it, not under");

    @ArchTest
    static final ArchRule linuxDependsOnlyOnNearAndStruct = classes()
            .that().resideInAPackage("dev.jsyscall.linux..")
            .should().onlyDependOnClassesThat(jsyscallOnlyIn("dev.jsyscall.linux..", "dev.jsyscall.near..",
                    "dev.jsyscall.struct.."))
            .because("Linux's numbers, flags and structs are values that every layer and every backend may use");

    @ArchTest
    static final ArchRule structDependsOnNoOtherJsyscallPackage = classes()
            .that().resideInAPackage("dev.jsyscall.struct..")
            .should().onlyDependOnClassesThat(jsyscallOnlyIn("dev.jsyscall.struct.."))
            .because("codecs turn bytes into values and back, and know nothing of what the values mean");

    @ArchTest
    static final ArchRule apiDependsOnNoOtherModule = classes()
            .that().resideInAnyPackage(API)
            .should().onlyDependOnClassesThat(jsyscallOnlyIn(API))
            .because("every other module builds on the api, and a backend is chosen at run time, never named");

    @ArchTest
    static final ArchRule onlyABackendNamesItself = noClasses()
            .that().resideInAPackage("dev.jsyscall..").and().resideOutsideOfPackage("dev.jsyscall.backend..")
            .should().dependOnClassesThat().resideInAPackage("dev.jsyscall.backend..")
            .because("a backend is found by ServiceLoader and chosen at run time, so that users swap it by"
                    + " changing a dependency or a property, never code");

    /**
     * A handle's state is the api's bookkeeping of a kernel object (a child's death, a task's namespaces); a handle
     * built by hand could claim the JVM's fd table or a live child's pid. Exceptions and records are values and may
     * be built by anyone. A protected constructor is allowed only in a sealed class, where no class outside the
     * api can call it.
     */
    @ArchTest
    static final ArchRule handlesAreNotConstructibleOutsideTheApi = constructors()
            .that().areDeclaredInClassesThat(handleTypes())
            .should(beUnreachableOutsideTheApi())
            .because("construction goes through Kernel, LocalTask and ChildTask (docs/architecture.md, 6)");

    /** Every exported package of the api: {@code internal} is left out, as users never see it. */
    static final String[] EXPORTED_API = {
        "dev.jsyscall", "dev.jsyscall.near..", "dev.jsyscall.far..", "dev.jsyscall.handle..",
        "dev.jsyscall.struct..", "dev.jsyscall.linux..", "dev.jsyscall.spi.."
    };

    @ArchTest
    static final ArchRule noTwoPublicApiTypesShareASimpleName = classes()
            .that().resideInAnyPackage(EXPORTED_API).and().arePublic().and().areTopLevelClasses()
            .should(haveASimpleNameNoOtherSuchTypeHas())
            .because("two public types of one name force fully qualified references on every user that needs both"
                    + " (far.Task and handle.Task did: 22 of them)");

    private static DescribedPredicate<JavaClass> handleTypes() {
        return DescribedPredicate.describe("handle types (dev.jsyscall.handle, dev.jsyscall.far.*Task*),"
                + " other than exceptions and records",
                c -> (c.getPackageName().equals("dev.jsyscall.handle")
                        || c.getPackageName().equals("dev.jsyscall.far") && c.getSimpleName().contains("Task"))
                        && !c.isAssignableTo(Throwable.class) && !c.reflect().isRecord());
    }

    private static ArchCondition<JavaConstructor> beUnreachableOutsideTheApi() {
        return ArchCondition.from(DescribedPredicate.describe(
                "be neither public nor protected (protected only in a sealed class)",
                (JavaConstructor k) -> !k.getModifiers().contains(JavaModifier.PUBLIC)
                        && (!k.getModifiers().contains(JavaModifier.PROTECTED) || k.getOwner().reflect().isSealed())));
    }

    private static ArchCondition<JavaClass> haveASimpleNameNoOtherSuchTypeHas() {
        return new ArchCondition<>("have a simple name that no other public api type has") {
            private Map<String, java.util.List<String>> byName = Map.of();

            @Override
            public void init(Collection<JavaClass> all) {
                byName = all.stream().collect(Collectors.groupingBy(JavaClass::getSimpleName,
                        Collectors.mapping(JavaClass::getName, Collectors.toList())));
            }

            @Override
            public void check(JavaClass c, ConditionEvents events) {
                java.util.List<String> same = byName.getOrDefault(c.getSimpleName(), java.util.List.of());
                if (same.size() > 1) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + " shares its simple name with "
                            + same.stream().filter(n -> !n.equals(c.getName())).collect(Collectors.joining(", "))));
                }
            }
        };
    }

    /**
     * Classes of the JDK and libraries, or of jsyscall in one of {@code packages}; the root exception
     * {@code dev.jsyscall.JsyscallException}, which every exception jsyscall defines extends, is allowed everywhere.
     */
    private static DescribedPredicate<JavaClass> jsyscallOnlyIn(String... packages) {
        return resideInAnyPackage(packages).or(not(resideInAPackage("dev.jsyscall..")))
                .or(JavaClass.Predicates.equivalentTo(dev.jsyscall.JsyscallException.class));
    }

    /**
     * A backend supplies raw syscalls, memory access and a server entry point (the SPI) and needs nothing of the
     * layers above it: typed wrappers, handles and the driven-child protocol are written once, in the api. The fake
     * is held to the same rule: its simulated programs make syscalls through its own {@code ProgramContext}.
     */
    private static ArchRule backendUsesOnlySpiAndLinux(String backend) {
        return classes()
                .that().resideInAPackage(backend)
                .should().onlyDependOnClassesThat(jsyscallOnlyIn(backend, "dev.jsyscall.spi..", "dev.jsyscall.linux.."))
                .because("a backend implements the SPI; everything above it is written once, in the api");
    }
}
