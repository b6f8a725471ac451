package net.ztj.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
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

    @Test
    void protocolLibrariesKnowNothingOfTheNode() {
        ArchRule rule = noClasses().that().resideInAnyPackage("net.ztj.core.wire..", "net.ztj.core.identity..",
                        "net.ztj.core.world..", "net.ztj.core.network..", "net.ztj.crypto..")
                .should().dependOnClassesThat().resideInAnyPackage("net.ztj.core.node..")
                .because("the codecs, identities, worlds and network credentials are libraries the node uses");
        rule.check(CLASSES);
    }

    /**
     * The node's layers follow the inbound data flow (receive → ethernet → multicast → network → peer); each uses only
     * the layers below it and the node's API types, and only the {@code Node} facade wires them together.
     */
    @Test
    void nodeLayersDependOnlyDownward() {
        String root = "net.ztj.core.node";
        ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Facade").definedBy(describe("the Node facade",
                        c -> c.getName().equals(root + ".Node") || c.getName().startsWith(root + ".Node$")))
                .layer("Api").definedBy(describe("the node's API types",
                        c -> c.getPackageName().equals(root) && !c.getName().equals(root + ".Node")
                                && !c.getName().startsWith(root + ".Node$")))
                .layer("Receive").definedBy(root + ".receive..")
                .layer("Ethernet").definedBy(root + ".ethernet..")
                .layer("Multicast").definedBy(root + ".multicast..")
                .layer("Network").definedBy(root + ".network..")
                .layer("Peer").definedBy(root + ".peer..")
                .whereLayer("Facade").mayNotBeAccessedByAnyLayer()
                .whereLayer("Receive").mayOnlyBeAccessedByLayers("Facade")
                .whereLayer("Ethernet").mayOnlyBeAccessedByLayers("Facade", "Receive")
                .whereLayer("Multicast").mayOnlyBeAccessedByLayers("Facade", "Receive", "Ethernet")
                .whereLayer("Network").mayOnlyBeAccessedByLayers("Facade", "Receive", "Ethernet", "Multicast")
                .whereLayer("Peer").mayOnlyBeAccessedByLayers("Facade", "Receive", "Ethernet", "Multicast", "Network")
                .whereLayer("Api").mayOnlyBeAccessedByLayers("Facade", "Receive", "Ethernet", "Multicast", "Network",
                        "Peer");
        rule.check(CLASSES);
    }

    @Test
    void nodeSubPackagesAreFreeOfCycles() {
        slices().matching("net.ztj.core.node.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void coreTopLevelPackagesAreFreeOfCycles() {
        slices().matching("net.ztj.core.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
