package net.ztj.linux;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The native module sits below tap and transport: it knows only the JDK, none of ztj's modules. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("net.ztj.linux");

    @Test
    void dependsOnTheJdkOnly() {
        classes().that().resideInAPackage("net.ztj.linux..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("net.ztj.linux..", "java..")
                .because("tap and transport share it; it must not pull in the protocol core or anything else")
                .check(CLASSES);
    }
}
