package net.ztj.testkit;

import net.ztj.core.identity.Identity;
import net.ztj.core.node.DropReason;
import net.ztj.core.node.PathPolicy;
import net.ztj.core.wire.Armor;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.PacketHeader;
import net.ztj.core.wire.Verb;
import net.ztj.core.world.World;
import net.ztj.testkit.net.SimClock;
import net.ztj.testkit.net.SimHost;
import net.ztj.testkit.net.SimNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Physical path settings on the simulated network (local.conf {@code physical.<cidr>.trustedPathId} and
 * {@code mtu}, spec 02 §6.4, §3.2): two nodes on one trusted network talk in cipher suite 2 with the trusted path ID
 * in the MAC field while their traffic with the root, outside it, stays encrypted; a node configured with another ID
 * drops such packets and counts them; a smaller path MTU cuts packets into smaller datagrams.
 */
class TrustedPathTest {
    private static final long TRUSTED_ID = 0x0123_4567_89ab_cdefL;
    private static TestWorld world;
    private static Identity aId, bId;

    @BeforeAll
    static void identities() {
        world = TestWorld.generate();
        aId = world.a();
        bId = world.b();
    }

    private final SimClock clock = new SimClock(1_700_000_000_000L);
    private final SimNetwork net = new SimNetwork(clock, 5, 7);
    /** Every whole packet (not fragments) between A and B: from, then bytes. */
    private final List<byte[]> betweenAandB = new ArrayList<>();
    private final List<byte[]> withRoot = new ArrayList<>();
    private final List<Integer> datagramLengthsAtoB = new ArrayList<>();

    /** The network 192.0.2.0/24 with a trusted path ID and an MTU (0 = default). */
    private record Lan(long trustedPathId, int mtu) implements PathPolicy {
        private static boolean inside(Endpoint e) {
            return e.ipText().startsWith("192.0.2.");
        }

        @Override
        public long trustedPathId(Endpoint at) {
            return inside(at) ? trustedPathId : 0;
        }

        @Override
        public boolean trusted(Endpoint from, long id) {
            return trustedPathId != 0 && id == trustedPathId && inside(from);
        }

        @Override
        public int physicalMtu(Endpoint at) {
            return inside(at) ? mtu : 0;
        }
    }

    private SimNode a, b;

    private void start(PathPolicy policyA, PathPolicy policyB) {
        SimHost rootHost = net.addHost("203.0.113.1");
        World planet = world.planet(1000, rootHost.endpoint(9993));
        new SimNode(clock, rootHost, 9993, world.root(), planet, 1);
        a = new SimNode(clock, net.addHost("192.0.2.10"), 9993, aId, planet, 2);
        b = new SimNode(clock, net.addHost("192.0.2.20"), 9993, bId, planet, 3);
        a.node().setPathPolicy(policyA);
        b.node().setPathPolicy(policyB);
        net.setTap((from, to, data) -> {
            boolean lan = Lan.inside(from) && Lan.inside(to);
            if (lan && from.ipText().equals("192.0.2.10")) datagramLengthsAtoB.add(data.length);
            if (PacketHeader.classify(data, data.length) != PacketHeader.DatagramKind.PACKET) return;
            (lan ? betweenAandB : withRoot).add(data.clone());
        });
        clock.runFor(15_000);
    }

    private static boolean isUserMessage(byte[] p) {
        return (p[PacketHeader.IDX_VERB] & PacketHeader.VERB_MASK) == Verb.USER_MESSAGE.code;
    }

    @Test
    void peersOnATrustedNetworkTalkInSuiteTwo() {
        Lan lan = new Lan(TRUSTED_ID, 0);
        start(lan, lan);
        a.sendMessage(bId.address(), "first");
        b.sendMessage(aId.address(), "first");
        clock.runFor(5_000);
        assertTrue(a.hasDirectPath(bId.address()), "HELLO and its OK (suites 0 and 1/3) made the direct path");
        betweenAandB.clear();
        a.sendMessage(bId.address(), "in the clear");
        clock.runFor(1_000);
        assertEquals("in the clear", new String(b.messages().getLast().payload(), StandardCharsets.UTF_8));
        byte[] sent = betweenAandB.stream().filter(TrustedPathTest::isUserMessage).findFirst().orElseThrow();
        assertEquals(PacketHeader.CIPHER_NONE, PacketHeader.cipherSuite(sent));
        assertEquals(PacketHeader.CIPHER_NONE << PacketHeader.CIPHER_SHIFT, sent[PacketHeader.IDX_FLAGS] & 0xf8,
                "suite 2, legacy encrypted flag clear, not fragmented");
        assertEquals(TRUSTED_ID, Armor.trustedPathId(sent), "the trusted path ID in the MAC field, big-endian");
        assertEquals((byte) 0x01, sent[PacketHeader.IDX_MAC]);
        assertEquals((byte) 0xef, sent[PacketHeader.IDX_MAC + 7]);
        String body = new String(sent, PacketHeader.IDX_PAYLOAD + 8, sent.length - PacketHeader.IDX_PAYLOAD - 8,
                StandardCharsets.UTF_8);
        assertEquals("in the clear", body, "USER_MESSAGE payload (type id, then the text) is plaintext");
        assertFalse(withRoot.stream().anyMatch(p -> PacketHeader.cipherSuite(p) == PacketHeader.CIPHER_NONE),
                "nothing to the root, outside the trusted network, goes in suite 2");
        assertEquals(0, b.node().drops().get(DropReason.UNTRUSTED_PATH));
    }

    @Test
    void aPacketWithAnotherTrustedPathIdIsDroppedAndCounted() {
        start(new Lan(TRUSTED_ID, 0), new Lan(TRUSTED_ID + 1, 0));
        a.sendMessage(bId.address(), "first");
        b.sendMessage(aId.address(), "first");
        clock.runFor(5_000);
        assertTrue(a.hasDirectPath(bId.address()), "HELLOs (suite 0) still make the path");
        int before = b.messages().size();
        a.sendMessage(bId.address(), "refused");
        clock.runFor(1_000);
        assertEquals(before, b.messages().size(), "B trusts the network with another ID only");
        assertTrue(b.node().drops().get(DropReason.UNTRUSTED_PATH) > 0);
    }

    @Test
    void aNodeWithoutTrustedPathsDropsSuiteTwo() {
        start(new Lan(TRUSTED_ID, 0), PathPolicy.NONE);
        a.sendMessage(bId.address(), "first");
        b.sendMessage(aId.address(), "first");
        clock.runFor(5_000);
        int before = b.messages().size();
        a.sendMessage(bId.address(), "refused");
        clock.runFor(1_000);
        assertEquals(before, b.messages().size());
        assertTrue(b.node().drops().get(DropReason.UNTRUSTED_PATH) > 0);
    }

    @Test
    void aPathMtuCutsPacketsIntoSmallerDatagrams() {
        Lan lan = new Lan(0, 1400);
        start(lan, lan);
        a.sendMessage(bId.address(), "first");
        b.sendMessage(aId.address(), "first");
        clock.runFor(5_000);
        assertTrue(a.hasDirectPath(bId.address()));
        datagramLengthsAtoB.clear();
        java.util.Random r = new java.util.Random(5);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2780; i++) text.append((char) ('a' + r.nextInt(26))); // too random to be compressed
        String big = text.toString();
        a.sendMessage(bId.address(), big);
        clock.runFor(1_000);
        assertEquals(big, new String(b.messages().getLast().payload(), StandardCharsets.UTF_8));
        // a 2,816-byte packet: two datagrams at the default 1432, three at 1400 (1400 + 1384 < 2816), cut evenly
        java.util.List<Integer> sizes = datagramLengthsAtoB.stream().filter(n -> n > 100).toList();
        assertEquals(3, sizes.size(), "three datagrams at a path MTU of 1400: " + sizes);
        assertTrue(sizes.stream().allMatch(n -> n <= 1400), sizes.toString());
        assertEquals(950, sizes.stream().mapToInt(Integer::intValue).max().orElseThrow(),
                "(2816 + 2 fragment headers) / 3, rounded up");
    }
}
