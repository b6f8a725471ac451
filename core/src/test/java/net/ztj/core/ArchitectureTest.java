package net.ztj.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the protocol core and the crypto I/O-free (STYLE.md): no sockets, channels, files, native memory, threads
 * or clocks. Time and bytes are handed in by the edges.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("net.ztj.core", "net.ztj.crypto");

    @Test
    void bothModulesAreImported() {
        assertTrue(CLASSES.stream().anyMatch(c -> c.getPackageName().startsWith("net.ztj.crypto")));
        assertTrue(CLASSES.stream().anyMatch(c -> c.getPackageName().startsWith("net.ztj.core")));
    }

    @Test
    void noNetworkFilesOrNativeAccess() {
        ArchRule rule = noClasses().that().resideInAnyPackage("net.ztj.core..", "net.ztj.crypto..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "java.net..", "java.nio.channels..", "java.nio.file..", "java.lang.foreign..", "java.io..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .because("the core is I/O-free: transports, files and taps live at the edges");
        rule.check(CLASSES);
    }

    @Test
    void noThreadsOrExecutors() {
        ArchRule rule = noClasses().that().resideInAnyPackage("net.ztj.core..", "net.ztj.crypto..")
                .should().dependOnClassesThat().areAssignableTo(Thread.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("java.util.concurrent..")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .because("one thread owned by the service drives the core; the core starts none");
        rule.check(CLASSES);
    }

    @Test
    void noClockReads() {
        ArchRule rule = noClasses().that().resideInAnyPackage("net.ztj.core..", "net.ztj.crypto..")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().dependOnClassesThat().resideInAnyPackage("java.time..")
                .because("the core is given the time: tests drive it with a manual clock");
        rule.check(CLASSES);
    }

    @Test
    void noProcessesEnvironmentLoggingOrUnseededRandomness() {
        ArchRule rule = noClasses().that().resideInAnyPackage("net.ztj.core..", "net.ztj.crypto..")
                .should().dependOnClassesThat().areAssignableTo(ProcessBuilder.class)
                .orShould().dependOnClassesThat().areAssignableTo(Process.class)
                .orShould().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.base.DescribedPredicate.describe("Runtime.exec",
                                t -> t.getOwner().isEquivalentTo(Runtime.class) && t.getName().equals("exec"))))
                .orShould().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(System.class, "getProperty", String.class)
                .orShould().callMethod(System.class, "getProperty", String.class, String.class)
                .orShould().dependOnClassesThat().areAssignableTo(System.Logger.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("java.util.logging..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
                .because("the core gets its settings, its randomness and its reporting from the edges (a RandomGenerator "
                        + "or, for keys, a SecureRandom handed in; drop counters and events), so tests can seed and "
                        + "observe it");
        rule.check(CLASSES);
    }
}
