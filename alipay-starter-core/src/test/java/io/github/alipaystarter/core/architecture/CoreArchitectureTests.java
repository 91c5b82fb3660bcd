package io.github.alipaystarter.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layout of core, kept by a test: no Spring (nor any framework beyond the JDK and commons-codec),
 * no cycles between packages, and the layers by role: the wire protocol knows nothing of payments, the
 * merchant-facing packages nothing of the engine, the storage contracts nothing of the engine, and
 * {@code internal} nothing of the rest.
 */
class CoreArchitectureTests {

    private static final String CORE = "io.github.alipaystarter.core";

    private static final JavaClasses CLASSES = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(CORE);

    @Test
    void coreIsFreeOfSpring() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..", "javax.servlet..")
            .check(CLASSES);
    }

    @Test
    void coreDependsOnlyOnTheJdkAndCommonsCodec() {
        noClasses().should().dependOnClassesThat().resideOutsideOfPackages(CORE + "..", "java..", "javax.crypto..",
                "javax.net..", "javax.xml..", "org.xml.sax..", "org.w3c.dom..", "org.apache.commons.codec..")
            .check(CLASSES);
    }

    @Test
    void corePackagesHaveNoCycles() {
        slices().matching(CORE + ".(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theWireProtocolKnowsNothingOfPaymentsStorageOrTheEngine() {
        noClasses().that().resideInAPackage(CORE + ".protocol..")
            .should().dependOnClassesThat().resideInAnyPackage(CORE + ".pay..", CORE + ".payment..", CORE + ".store..",
                    CORE + ".engine..", CORE + ".observe..")
            .check(CLASSES);
    }

    @Test
    void nothingButTheEngineKnowsTheEngine() {
        noClasses().that().resideOutsideOfPackages(CORE + ".engine..")
            .should().dependOnClassesThat().resideInAnyPackage(CORE + ".engine..")
            .check(CLASSES);
    }

    @Test
    void theStorageContractsKnowNothingOfTheEngineOrObservers() {
        noClasses().that().resideInAPackage(CORE + ".store..")
            .should().dependOnClassesThat().resideInAnyPackage(CORE + ".engine..", CORE + ".observe..")
            .check(CLASSES);
    }

    @Test
    void internalDependsOnNothingElseInCore() {
        noClasses().that().resideInAPackage(CORE + ".internal..")
            .should().dependOnClassesThat().resideInAnyPackage(CORE + ".pay..", CORE + ".payment..", CORE + ".store..",
                    CORE + ".engine..", CORE + ".observe..", CORE + ".protocol..", CORE + ".error..")
            .check(CLASSES);
    }
}
