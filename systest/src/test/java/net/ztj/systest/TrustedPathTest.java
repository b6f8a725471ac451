package net.ztj.systest;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * local.conf {@code physical.<cidr>.trustedPathId} between two members on one namespace link: both name the link's
 * network with the same ID, and their traffic goes in cipher suite 2 with that ID in the MAC field (tcpdump in each
 * namespace catches such packets from the other) while they ping each other. With {@code -Dztj.ref=<folder of
 * ZeroTier One's zerotier-one>} the second member is ZeroTier One itself, and the test checks both directions
 * between it and ours. The second case configures the same through the legacy {@code trustedpaths} file.
 */
class TrustedPathTest {
    private static final String NETWORK = """
            {"name":"trusted","private":true,"v4AssignMode":{"zt":true},
             "ipAssignmentPools":[{"ipRangeStart":"10.96.7.10","ipRangeEnd":"10.96.7.250"}],
             "routes":[{"target":"10.96.7.0/24"}]}""";
    private static final String ID_HEX = "123456789abcdef0";
    /** The same ID as local.conf writes it (a JSON number) and as tcpdump matches it (two 32-bit words). */
    private static final String LOCAL_CONF = "{\"physical\":{\"10.84.0.0/24\":{\"trustedPathId\":"
            + Long.parseUnsignedLong(ID_HEX, 16) + "}}}";
    /** The same configuration in the legacy flat file that 1.14 still reads beside local.conf. */
    private static final String LEGACY_FILE = ID_HEX + " 10.85.0.0/24\n";

    @TempDir
    Path dir;

    @Test
    void membersOnATrustedLinkTalkInSuiteTwo() throws Exception {
        trustedLink("10.84.0.", node -> Files.writeString(node.home.resolve("local.conf"), LOCAL_CONF),
                LOCAL_CONF, "troot", "ta", "tb", "tzt");
    }

    @Test
    void theLegacyTrustedPathsFileDoesTheSame() throws Exception {
        trustedLink("10.85.0.", node -> Files.writeString(node.home.resolve("trustedpaths"), LEGACY_FILE),
                "trustedpaths " + LEGACY_FILE.strip(), "lroot", "la", "lb", "lzt");
    }

    private void trustedLink(String prefix, Lab.Setup setup, String what, String rootName, String aName,
                             String bName, String foreignName) throws Exception {
        String why = Lab.unavailableReason();
        if (why == null && !Netns.onPath("ping")) why = "ping (iputils-ping) is not installed";
        if (why == null && !Netns.onPath("tcpdump")) why = "tcpdump is not installed";
        Assumptions.assumeTrue(why == null, why);
        String refFolder = System.getProperty("ztj.ref", "");
        List<String> names = refFolder.isBlank() ? List.of(rootName, aName, bName) : List.of(rootName, aName);
        try (Lab lab = Lab.start(dir, prefix, setup, names.toArray(String[]::new))) {
            ZtNode root = lab.root(), a = lab.node(aName);
            ZtNode b = refFolder.isBlank() ? lab.node(bName)
                    : lab.addForeignNode(foreignName, dir, Path.of(refFolder).resolve("zerotier-one"), setup);
            lab.awaitOnline(120_000);
            Await.until(b + " ONLINE", 120_000, () -> b.get("/status").path("online").asBoolean(), lab::describe);
            lab.step("A (ours) and B (" + b.get("/status").path("version").asText() + ") ONLINE with " + what);
            String nwid = root.post("/controller/network/" + root.address() + "______", NETWORK).path("id").asText();
            for (ZtNode m : List.of(a, b)) m.post("/network/" + nwid, "{}");
            for (ZtNode m : List.of(a, b)) {
                Await.until("the controller to list " + m, 60_000,
                        () -> root.get("/controller/network/" + nwid + "/member").has(m.address()), lab::describe);
                root.post("/controller/network/" + nwid + "/member/" + m.address(), "{\"authorized\":true}");
            }
            String ipA = a.awaitManagedIpv4(nwid, 90_000, lab::describe);
            String ipB = b.awaitManagedIpv4(nwid, 90_000, lab::describe);
            Process intoB = capture(lab, b, a, "into-b"), intoA = capture(lab, a, b, "into-a");
            Await.until("suite-2 packets both ways while A and B ping each other", 90_000, () -> {
                a.succeeds("ping", "-c", "1", "-W", "2", ipB);
                b.succeeds("ping", "-c", "1", "-W", "2", ipA);
                return !intoB.isAlive() && !intoA.isAlive();
            }, lab::describe);
            assertTrue(a.succeeds("ping", "-c", "3", "-W", "2", ipB), "A pings B over the trusted path");
            lab.step("tcpdump in B caught from A: " + caught(dir.resolve("into-b.log")));
            lab.step("tcpdump in A caught from B: " + caught(dir.resolve("into-a.log")));
        }
    }

    /** tcpdump's packet lines, without its banner and summary. */
    private static String caught(Path log) throws java.io.IOException {
        return String.join(" | ", Files.readAllLines(log).stream().filter(l -> l.contains(" IP")).toList());
    }

    /**
     * tcpdump in {@code at}'s namespace until it has seen 3 whole packets (not fragments) from {@code from} in cipher
     * suite 2 (flags byte at UDP offset 8 + 18) carrying the trusted path ID (MAC field at 8 + 19).
     */
    private Process capture(Lab lab, ZtNode at, ZtNode from, String name) throws Exception {
        String filter = "udp and src host " + from.ip + " and udp[21] != 0xff and (udp[26] & 0x38) = 0x10"
                + " and udp[27:4] = 0x" + ID_HEX.substring(0, 8) + " and udp[31:4] = 0x" + ID_HEX.substring(8);
        return at.spawn(dir.resolve(name + ".log"), "tcpdump", "-n", "-l", "-i", "eth0", "-c", "3", filter);
    }
}
