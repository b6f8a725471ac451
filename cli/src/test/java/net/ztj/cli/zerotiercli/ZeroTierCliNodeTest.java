package net.ztj.cli.zerotiercli;

import net.ztj.cli.zerotiercli.CliHarness.Result;
import net.ztj.core.identity.Address;
import net.ztj.core.node.PathInfo;
import net.ztj.core.node.PeerInfo;
import net.ztj.core.wire.Endpoint;
import net.ztj.service.api.LocalApi;
import net.ztj.service.api.ServiceState;
import net.ztj.service.config.LocalConf;
import net.ztj.service.config.LocalConfLoader;
import net.ztj.service.home.MoonFiles;
import net.ztj.service.testing.FakeNode;
import net.ztj.service.testing.SpecExamples;
import net.ztj.service.testing.SpecFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * zerotier-cli against the real local API serving a fake node in the states of the captured examples; outputs are
 * compared character for character with cli-text-outputs.txt and cli-get-set-errors.txt.
 */
class ZeroTierCliNodeTest {
    @TempDir
    Path dir;

    private final FakeNode node = new FakeNode(SpecFixtures.memberStatus());
    private final AtomicReference<ServiceState> service = new AtomicReference<>(SpecFixtures.memberService());
    private CliHarness cli;

    private void start(String localConf) throws Exception {
        LocalConf conf = localConf == null ? LocalConf.none() : LocalConfLoader.parse(localConf, w -> {});
        cli = new CliHarness(LocalApi.handler(node, service::get, conf, new MoonFiles(dir.resolve("moons.d")),
                new net.ztj.service.home.NetworkFiles(dir.resolve("networks.d")), java.util.Optional.empty(),
                net.ztj.core.identity.Address.parse("ed7e70d932"), new java.util.SplittableRandom(1), CliHarness.TOKEN, () -> cli.clockMs), dir);
    }

    @AfterEach
    void stop() {
        if (cli != null) cli.close();
    }

    private static void assertOutput(String expected, int exit, Result r) {
        assertEquals(expected, r.out());
        assertEquals("", r.err());
        assertEquals(exit, r.exit());
    }

    @Test
    void infoShowsOnlineOfflineOrTunneled() throws Exception {
        start(SpecFixtures.MEMBER_LOCAL_CONF);
        assertOutput("200 info ed7e70d932 1.14.1 ONLINE\n", 0, cli.cli("info"));
        assertOutput("200 info ed7e70d932 1.14.1 ONLINE\n", 0, cli.cli("status"));
        node.status = SpecFixtures.freshStatus();
        assertOutput("200 info 4512da5e9d 1.14.1 OFFLINE\n", 0, cli.cli("info"));
        node.status = SpecFixtures.relayedStatus();
        service.set(SpecFixtures.relayedService());
        assertOutput("200 info 903d18c0b8 1.14.1 TUNNELED\n", 0, cli.cli("info"));
    }

    @Test
    void jsonInfoIsTheCapturedStatus() throws Exception {
        start(SpecFixtures.MEMBER_LOCAL_CONF);
        cli.clockMs = SpecFixtures.MEMBER_STATUS_CLOCK; // the harness's service reads the same clock
        assertOutput(SpecExamples.text("status-member-online.json"), 0, cli.cli("-j", "info"));
    }

    @Test
    void listpeersAndPeersOfAMemberNode() throws Exception {
        node.peers = SpecFixtures.memberPeers();
        start(null);
        cli.clockMs = 1795531147671L;
        assertOutput("""
                200 listpeers <ztaddr> <path> <latency> <version> <role>
                200 listpeers 93155eb549 10.55.0.2/19993;41;40 1 1.14.1 LEAF
                200 listpeers b8608be7b1 fd55::1/19993;41;40 25 1.14.1 PLANET
                """, 0, cli.cli("listpeers"));
        cli.clockMs = 1795531147696L;
        assertOutput("""
                200 peers
                <ztaddr>   <ver>  <role> <lat> <link>   <lastTX> <lastRX> <path>
                93155eb549 1.14.1 LEAF       1 DIRECT   66       65       10.55.0.2/19993
                b8608be7b1 1.14.1 PLANET    25 DIRECT   66       65       fd55::1/19993
                """, 0, cli.cli("peers"));
        assertOutput(SpecExamples.text("peers-member.json"), 0, cli.cli("-j", "listpeers"));
        assertOutput(SpecExamples.text("peers-member.json"), 0, cli.cli("peers", "-j"));
    }

    @Test
    void peersOfANodeBehindTheTcpRelay() throws Exception {
        node.peers = SpecFixtures.tunneledPeers();
        service.set(SpecFixtures.relayedService());
        start(null);
        cli.clockMs = 1795531240561L;
        assertOutput("""
                200 listpeers <ztaddr> <path> <latency> <version> <role>
                200 listpeers b8608be7b1 192.0.0.11/19993;1997;1996 40 1.14.1 PLANET
                """, 0, cli.cli("listpeers"));
        cli.clockMs = 1795531240541L;
        assertOutput("""
                200 peers
                <ztaddr>   <ver>  <role> <lat> <link>   <lastTX> <lastRX> <path>
                b8608be7b1 1.14.1 PLANET    40 RELAY 1977     1976     192.0.0.11/19993
                NOTE: Currently tunneling through a TCP relay. Ensure that UDP is not blocked.
                """, 0, cli.cli("peers"));
        assertOutput(SpecExamples.text("peers-tunneled.json"), 0, cli.cli("-j", "peers"));
    }

    @Test
    void peersOfAFreshNodeWithoutPaths() throws Exception {
        node.peers = SpecFixtures.freshPeers();
        start(null);
        assertOutput("""
                200 listpeers <ztaddr> <path> <latency> <version> <role>
                200 listpeers 62f865ae71 - -1 - PLANET
                200 listpeers 778cde7190 - -1 - PLANET
                200 listpeers cafe04eba9 - -1 - PLANET
                200 listpeers cafe9efeb9 - -1 - PLANET
                """, 0, cli.cli("listpeers"));
        assertOutput("""
                200 peers
                <ztaddr>   <ver>  <role> <lat> <link>   <lastTX> <lastRX> <path>
                62f865ae71 -      PLANET    -1 RELAY
                778cde7190 -      PLANET    -1 RELAY
                cafe04eba9 -      PLANET    -1 RELAY
                cafe9efeb9 -      PLANET    -1 RELAY
                """, 0, cli.cli("peers"));
    }

    @Test
    void aNeverUsedDirectionShowsMinusOne() throws Exception {
        node.peers = List.of(SpecFixtures.transcriptPeer());
        start(null);
        cli.clockMs = 1795532040791L + 10;
        assertEquals("200 listpeers 93155eb549 10.55.0.2/19993;10;10 4 1.14.1 LEAF\n",
                cli.cli("listpeers").out().lines().skip(1).findFirst().orElseThrow() + "\n");
        // the planet root's view in cli-text-outputs.txt: it never sent to this leaf first
        node.peers = List.of(new PeerInfo(Address.parse("93155eb549"), 12, 1, 14, 1, 1, PeerInfo.Role.LEAF,
                List.of(new PathInfo(Endpoint.parse("fd55::2/19993"), 1, 0, 1795531137586L, true))));
        cli.clockMs = 1795531137586L + 10110;
        assertEquals("93155eb549 1.14.1 LEAF       1 DIRECT   -1       10110    fd55::2/19993",
                cli.cli("peers").out().lines().skip(2).findFirst().orElseThrow());
    }

    @Test
    void moonsOrbitListAndDeorbit() throws Exception {
        start(null);
        assertOutput("[]\n", 0, cli.cli("listmoons"));
        assertOutput("200 orbit OK\n", 0, cli.cli("orbit", "93155eb549", "93155eb549"));
        assertEquals("orbit 00000093155eb549 93155eb549", node.commands.getFirst());
        synchronized (node) {
            node.moons.clear();
            node.moons.add(SpecFixtures.exampleMoon());
        }
        assertOutput(SpecFixtures.EXAMPLE_MOON_LISTING, 0, cli.cli("listmoons"));
        assertOutput(SpecFixtures.EXAMPLE_MOON_LISTING, 0, cli.cli("-j", "listmoons"));
        assertOutput("404 orbit \n", 1, cli.cli("orbit", "00000093155eb549", "93155eb549"));
        assertOutput("200 deorbit OK\n", 0, cli.cli("deorbit", "93155eb549"));
        assertOutput("{\"result\":true}", 0, cli.cli("-j", "deorbit", "93155eb549"));
        int commands = node.commands.size();
        assertOutput("", 0, cli.cli("orbit", "0", "0"));
        assertOutput("", 0, cli.cli("orbit", "93155eb549", "xyz"));
        assertEquals(commands, node.commands.size(), "nothing was sent");
    }

    @Test
    void rawPathsAndFailureLines() throws Exception {
        start(null);
        cli.clockMs = 1795532014626L; // the service shares the clock in this harness
        assertOutput("{\"clock\":1795532014626,\"online\":true,\"version\":\"1.14.1\",\"versionBuild\":0,\"versionMajor\":1,"
                + "\"versionMinor\":14,\"versionRev\":1}", 0, cli.cli("/health"));
        assertOutput("404 /nothing \n", 1, cli.cli("/nothing"));
        assertOutput("401 info {}\n", 1, cli.bare("-p" + cli.port(), "-Tbadtoken", "info"));
        assertOutput("401 join {}\n", 1, cli.bare("-p" + cli.port(), "-Tbadtoken", "join", "1234567890123456"));
        // the reference's shape for a 404 with an empty body
        assertOutput("404 /network/1234567890abcdef/x \n", 1, cli.cli("/network/1234567890abcdef/x"));
    }

    @Test
    void joinListnetworksAndLeaveThroughTheRealRoutes() throws Exception {
        start(null);
        assertOutput("200 join OK\n", 0, cli.cli("join", "93155eb5496486c9"));
        assertOutput("200 listnetworks <nwid> <name> <mac> <status> <type> <dev> <ZT assigned ips>\n"
                + "200 listnetworks 93155eb5496486c9  0a:0b:0c:0d:0e:0f REQUESTING_CONFIGURATION PRIVATE ztezodum4a -\n",
                0, cli.cli("listnetworks"));
        assertOutput("200 leave OK\n", 0, cli.cli("leave", "93155eb5496486c9"));
        assertOutput("200 listnetworks <nwid> <name> <mac> <status> <type> <dev> <ZT assigned ips>\n", 0,
                cli.cli("listnetworks"));
    }

    @Test
    void connectionFailures() throws Exception {
        start(null);
        int closed;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            closed = s.getLocalPort();
        }
        String args0 = "-p" + closed;
        assertOutput("Error connecting to the ZeroTier service: connection failed\n\nPlease check that the service is "
                + "running and that TCP port 9993 can be contacted via 127.0.0.1.\n", 1, cli.bare(args0, "-Tx", "info"));
        assertOutput("0 join connection failed\n", 1, cli.bare(args0, "-Tx", "join", "1234567890123456"));
        assertOutput("Error connecting to the ZeroTier service: connection failed\n\nPlease check that the service is "
                + "running and that TCP port 9993 can be contacted via 127.0.0.1.\n", 1, cli.bare(args0, "-Tx", "listbonds"));
        assertOutput("200 info ed7e70d932 1.14.1 ONLINE\n", 0, cli.cli("-H::1", "info"));
    }

    @Test
    void listbondsWithoutBonds() throws Exception {
        node.peers = SpecFixtures.memberPeers();
        start(null);
        assertOutput("    <peer>                        <bondtype>     <links>\n      NONE\t\t\t\tNONE\t    NONE       NONE\n",
                0, cli.cli("listbonds"));
    }

    /** cli-get-set-errors.txt: the bond commands against a service without bonds, and their malformed forms. */
    @Test
    void bondCommandsWithoutBonds() throws Exception {
        node.peers = SpecFixtures.memberPeers();
        start(null);
        assertOutput("400 bond {}\n", 1, cli.cli("bond", "93155eb549", "show"));
        assertOutput("400 bond {}\n", 1, cli.cli("bond", "93155eb549", "rotate"));
        assertOutput("(bond) command is missing required arguments\n", 2, cli.cli("bond"));
        assertOutput("(bond) command is missing required arguments\n", 2, cli.cli("bond", "93155eb549"));
        assertOutput("(bond) command is missing required arguments\n", 2, cli.cli("bond", "93155eb5", "show"));
        assertOutput("    <peer>                        <bondtype>     <links>\n      NONE\t\t\t\tNONE\t    NONE       NONE\n",
                0, cli.cli("bond", "list"));
        // seven words after the program name: the values are taken by position
        assertOutput("400 Failed to set MTU: Bonding layer isn't active yet\n", 1,
                cli.cli("bond", "setmtu", "1500", "eth0", "10.0.0.1"));
        // any other count: the path lacks them and matches no route (the reference's quirk)
        assertOutput("404 Failed to set MTU: \n", 1, cli.cli("bond", "setmtu", "1500", "eth0"));
    }
}
