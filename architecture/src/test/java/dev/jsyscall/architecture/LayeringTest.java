package dev.jsyscall.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering rules of {@code docs/architecture.md} that hold today, checked over the main classes of every
 * published module. ArchUnit fails a rule whose {@code that()} matches no class, so a renamed package cannot make
 * a rule pass by checking nothing.
 */
@AnalyzeClasses(packages = "dev.jsyscall", importOptions = ImportOption.DoNotIncludeTests.class)
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
