package net.ztj.controller.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.controller.store.SqliteControllerStore;
import net.ztj.core.identity.Identity;
import net.ztj.core.network.addressing.MulticastGroup;
import net.ztj.core.node.NetworkInfo;
import net.ztj.core.node.NetworkStatus;
import net.ztj.core.world.World;
import net.ztj.core.world.WorldType;
import net.ztj.crypto.C25519;
import net.ztj.testkit.SimNode;
import net.ztj.testkit.net.SimClock;
import net.ztj.testkit.net.SimHost;
import net.ztj.testkit.net.SimNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frames between members of a network on our controller, over the simulated network: ARP reaches only the holder
 * of the address through the multicast directory, unicast replies come back as FRAME, IPv6 neighbour solicitations
 * for RFC4193 addresses are answered locally, and a deauthorized member's frames are refused.
 */
class VirtualNetworkTest {
    @TempDir
    Path dir;

    private static final Identity ROOT = Identity.generate(new SecureRandom());
    private static final Identity CTL = Identity.generate(new SecureRandom());
    private static final Identity A = Identity.generate(new SecureRandom());
    private static final Identity B = Identity.generate(new SecureRandom());
    private static final Identity C = Identity.generate(new SecureRandom());

    private SimClock clock;
    private SqliteControllerStore store;
    private SimNode ctl, a, b, c;
    private long nwid;
    private String id;

    @BeforeEach
    void setUp() throws Exception {
        C25519.KeyPair key = C25519.generate(new SecureRandom());
        clock = new SimClock(1_700_000_000_000L);
        SimNetwork net = new SimNetwork(clock, 5, 9);
        SimHost rootHost = net.addHost("203.0.113.1");
        World planet = World.sign(WorldType.PLANET, 99, 1, key.publicKey(),
                List.of(new World.Root(ROOT.publicOnly(), List.of(rootHost.endpoint(9993)))), key.privateKey());
        new SimNode(clock, rootHost, 9993, ROOT, planet, 1);
        ctl = new SimNode(clock, net.addHost("192.0.2.10"), 9993, CTL, planet, 2);
        a = new SimNode(clock, net.addHost("192.0.2.20"), 9993, A, planet, 3);
        b = new SimNode(clock, net.addHost("192.0.2.30"), 9993, B, planet, 4);
        c = new SimNode(clock, net.addHost("192.0.2.40"), 9993, C, planet, 5);
        nwid = (CTL.address().value() << 24) | 0x000077L;
        id = String.format("%016x", nwid);
        store = SqliteControllerStore.open(dir.resolve("controller.d"));
        ObjectNode doc = NetworkRecord.newNetwork(id, clock.nowMs()).toJson();
        doc.put("name", "vl2");
        doc.putObject("v4AssignMode").put("zt", true);
        doc.putObject("v6AssignMode").put("rfc4193", true);
        doc.putArray("routes").addObject().put("target", "10.147.21.0/24");
        doc.putArray("ipAssignmentPools").addObject().put("ipRangeStart", "10.147.21.1").put("ipRangeEnd", "10.147.21.254");
        store.saveNetwork(NetworkRecord.fromJson(doc));
        ctl.setController(new EmbeddedController(CTL, store, new SplittableRandom(4)));
        clock.runFor(15_000);
        for (SimNode n : List.of(a, b, c)) n.node().join(nwid, clock.nowMs());
        clock.runFor(6_000);
        for (Identity m : List.of(A, B, C)) {
            store.saveMember(store.member(id, m.address().toString()).orElseThrow().withAuthorized(true));
        }
        clock.runFor(10_000);
        for (SimNode n : List.of(a, b, c)) {
            assertEquals(NetworkStatus.OK, n.node().network(nwid).orElseThrow().status());
            // the port subscribes to the ARP group of its IPv4 address, as the service's scan reports it
            n.subscribe(nwid, Set.of(MulticastGroup.forAddressResolution(ipv4(n).getAddress())));
        }
        clock.runFor(6_000);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private InetAddress ipv4(SimNode n) throws Exception {
        String s = info(n).assignedAddresses().stream().filter(x -> x.contains(".")).findFirst().orElseThrow();
        return InetAddress.getByName(s.substring(0, s.indexOf('/')));
    }

    private InetAddress ipv6(SimNode n) throws Exception {
        String s = info(n).assignedAddresses().stream().filter(x -> x.contains(":")).findFirst().orElseThrow();
        return InetAddress.getByName(s.substring(0, s.indexOf('/')));
    }

    private NetworkInfo info(SimNode n) {
        return n.node().network(nwid).orElseThrow();
    }

    private static byte[] arpRequest(long senderMac, byte[] senderIp, byte[] targetIp) {
        byte[] p = new byte[28];
        p[1] = 1; // Ethernet
        p[2] = 0x08;
        p[4] = 6;
        p[5] = 4;
        p[7] = 1; // request
        for (int i = 0; i < 6; i++) p[8 + i] = (byte) (senderMac >>> (40 - 8 * i));
        System.arraycopy(senderIp, 0, p, 14, 4);
        System.arraycopy(targetIp, 0, p, 24, 4);
        return p;
    }

    @Test
    void arpGoesOnlyToTheAddressHolderAndUnicastComesBack() throws Exception {
        long macA = info(a).mac(), macB = info(b).mac();
        byte[] arp = arpRequest(macA, ipv4(a).getAddress(), ipv4(b).getAddress());
        a.sendFrame(nwid, macA, 0xffffffffffffL, 0x0806, arp);
        clock.runFor(3_000);

        List<SimNode.Frame> atB = b.frames();
        assertEquals(1, atB.size(), "B holds the address: it gets the ARP request");
        assertEquals(macA, atB.get(0).sourceMac());
        assertEquals(0xffffffffffffL, atB.get(0).destMac());
        assertArrayEquals(arp, atB.get(0).payload());
        assertTrue(c.frames().isEmpty(), "C does not hold that address: no ARP for it");

        byte[] reply = "an IPv4 packet, say".getBytes();
        b.sendFrame(nwid, macB, macA, 0x0800, reply);
        clock.runFor(1_000);
        assertEquals(1, a.frames().size());
        SimNode.Frame got = a.frames().get(0);
        assertEquals(macB, got.sourceMac());
        assertEquals(macA, got.destMac());
        assertEquals(0x0800, got.etherType());
        assertArrayEquals(reply, got.payload());
    }

    @Test
    void neighbourSolicitationForAnRfc4193AddressIsAnsweredLocally() throws Exception {
        long macA = info(a).mac();
        byte[] target = ipv6(b).getAddress();
        byte[] ns = new byte[40 + 32];
        ns[0] = 0x60;
        ns[5] = 32;
        ns[6] = 58;
        ns[7] = (byte) 255;
        System.arraycopy(ipv6(a).getAddress(), 0, ns, 8, 16);
        ns[24] = (byte) 0xff;
        ns[25] = 0x02;
        ns[35] = 1;
        ns[36] = (byte) 0xff;
        System.arraycopy(target, 13, ns, 37, 3);
        ns[40] = (byte) 135;
        System.arraycopy(target, 0, ns, 48, 16);
        long solicited = 0x3333ff000000L | ((target[13] & 0xffL) << 16) | ((target[14] & 0xffL) << 8) | (target[15] & 0xffL);
        a.sendFrame(nwid, macA, solicited, 0x86dd, ns);
        assertEquals(1, a.frames().size(), "answered at once, on A's own port");
        SimNode.Frame na = a.frames().get(0);
        assertEquals(info(b).mac(), na.sourceMac(), "the advertisement carries B's MAC");
        assertEquals(136, na.payload()[40] & 0xff);
        byte[] tll = java.util.Arrays.copyOfRange(na.payload(), 66, 72);
        assertEquals(info(b).mac(), new java.math.BigInteger(1, tll).longValue());
        clock.runFor(2_000);
        assertTrue(b.frames().isEmpty(), "nothing went on the wire");
    }

    @Test
    void aChangedNetworkIsPushedToOnlineMembers() {
        long before = info(a).revision();
        store.updateNetwork(id, n -> {
            com.fasterxml.jackson.databind.node.ObjectNode doc = n.orElseThrow().toJson();
            doc.put("name", "renamed");
            return NetworkRecord.fromJson(doc);
        });
        clock.runFor(1_000); // well before the 60 s refresh
        assertEquals("renamed", info(a).name());
        assertTrue(info(a).revision() > before);
        assertEquals("renamed", info(b).name());
    }

    @Test
    void rulesAndCapabilitiesDecideWhichFramesPass() throws Exception {
        // base rules decide nothing for IPv4 (NO_MATCH), so a capability must accept it; only A holds one
        store.updateNetwork(id, n -> {
            ObjectNode doc = n.orElseThrow().toJson();
            try {
                doc.set("rules", new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                        [{"type":"MATCH_ETHERTYPE","etherType":2054},{"type":"ACTION_ACCEPT"},
                         {"type":"MATCH_ETHERTYPE","etherType":34525},{"type":"ACTION_DROP"}]"""));
                doc.set("capabilities", new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                        [{"id":1,"rules":[{"type":"MATCH_ETHERTYPE","etherType":2048},{"type":"ACTION_ACCEPT"}]}]"""));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return NetworkRecord.fromJson(doc);
        });
        MemberRecord recA = store.member(id, A.address().toString()).orElseThrow();
        ObjectNode docA = recA.toJson();
        docA.putArray("capabilities").add(1);
        store.saveMember(MemberRecord.fromJson(docA));
        clock.runFor(3_000); // pushed to every online member
        long macA = info(a).mac(), macB = info(b).mac();
        a.sendFrame(nwid, macA, macB, 0x0800, new byte[]{1});
        clock.runFor(1_000);
        assertEquals(1, b.frames().size(), "A's capability accepts IPv4 on both sides (B checks the one A pushed)");
        b.sendFrame(nwid, macB, macA, 0x0800, new byte[]{2});
        a.sendFrame(nwid, macA, macB, 0x86dd, new byte[]{3});
        clock.runFor(1_000);
        assertTrue(a.frames().isEmpty(), "B holds no capability: its IPv4 is dropped");
        assertEquals(1, b.frames().size(), "IPv6 is dropped by the base rules whatever the capabilities");
        assertTrue(b.node().drops().get(net.ztj.core.node.DropReason.FRAME_FILTERED) >= 1);
        assertTrue(a.node().drops().get(net.ztj.core.node.DropReason.FRAME_FILTERED) >= 1);
    }

    private net.ztj.core.node.NetworkCounters counters(SimNode n) {
        return n.node().networkCounters().stream().filter(x -> x.networkId() == nwid).findFirst().orElseThrow();
    }

    private static net.ztj.core.node.PeerCounters counters(SimNode at, Identity of) {
        return at.node().peerCounters().stream().filter(x -> x.address().equals(of.address())).findFirst()
                .orElseThrow();
    }

    /**
     * The counts behind ZeroTier One's per-network and per-peer metrics: each frame that meets the rules counts once
     * per side as accepted or dropped, packets count per peer in both directions, a packet that fails authentication
     * counts against the peer it claims to be from, the subscribed groups are the port's, and each ping check
     * observes the peer's latency.
     */
    @Test
    void framesPacketsAndErrorsAreCountedPerNetworkAndPerPeer() throws Exception {
        long macA = info(a).mac(), macB = info(b).mac();
        a.sendFrame(nwid, macA, macB, 0x0800, new byte[]{1}); // A and B meet
        clock.runFor(1_000);
        net.ztj.core.node.NetworkCounters a0 = counters(a), b0 = counters(b);
        net.ztj.core.node.PeerCounters bAtA = counters(a, B), aAtB = counters(b, A);
        a.sendFrame(nwid, macA, macB, 0x0800, new byte[]{2});
        clock.runFor(1_000);
        assertEquals(a0.outboundAccepted() + 1, counters(a).outboundAccepted());
        assertEquals(b0.inboundAccepted() + 1, counters(b).inboundAccepted());
        assertEquals(a0.outboundDropped(), counters(a).outboundDropped());
        assertTrue(counters(a, B).packetsSent() > bAtA.packetsSent(), "the FRAME counts as sent to B");
        assertTrue(counters(b, A).packetsReceived() > aAtB.packetsReceived(), "and as received from A");

        assertEquals(1, counters(a).multicastGroups(), "the ARP group of its address");
        assertEquals(List.of(MulticastGroup.forAddressResolution(ipv4(a).getAddress())),
                info(a).multicastSubscriptions());

        // a drop rule for IPv6: counted as dropped where it is met
        store.updateNetwork(id, n -> {
            ObjectNode doc = n.orElseThrow().toJson();
            try {
                doc.set("rules", new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                        [{"type":"MATCH_ETHERTYPE","etherType":34525},{"type":"ACTION_DROP"},{"type":"ACTION_ACCEPT"}]"""));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return NetworkRecord.fromJson(doc);
        });
        clock.runFor(3_000);
        net.ztj.core.node.NetworkCounters a1 = counters(a);
        a.sendFrame(nwid, macA, macB, 0x86dd, new byte[]{3});
        assertEquals(a1.outboundDropped() + 1, counters(a).outboundDropped(), "counts survive a new configuration");
        assertEquals(a1.outboundAccepted(), counters(a).outboundAccepted());

        // a packet claiming to be from B that fails authentication
        long errorsBefore = counters(a, B).packetErrors();
        byte[] p = net.ztj.core.wire.Packet.create(7, A.address(), B.address(), net.ztj.core.wire.Verb.FRAME,
                new byte[12]).toByteArray();
        net.ztj.core.wire.Armor.armor(p, p.length, new net.ztj.core.wire.PeerKeys(C.agree(A)), 1);
        a.node().processWirePacket(clock.nowMs(), 1, b.endpoint(), p, 0, p.length);
        assertEquals(errorsBefore + 1, counters(a, B).packetErrors());

        long[] before = counters(a, ROOT).latencyBucketCounts();
        clock.runFor(20_000);
        long[] after = counters(a, ROOT).latencyBucketCounts();
        assertTrue(java.util.Arrays.stream(after).sum() > java.util.Arrays.stream(before).sum(),
                "the root's latency is observed at each ping check");
        assertEquals(before[10], after[10], "once measured, the simulated latency is under a second");
    }

    @Test
    void garbageInEveryNetworkVerbIsDroppedAndCountedNeverThrown() throws Exception {
        long macA = info(a).mac(), macC = info(c).mac();
        c.sendFrame(nwid, macC, macA, 0x0800, new byte[]{1}); // A now knows C and its credentials
        clock.runFor(1_000);
        net.ztj.core.wire.PeerKeys keys = new net.ztj.core.wire.PeerKeys(C.agree(A));
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
        net.ztj.core.wire.Verb[] verbs = {net.ztj.core.wire.Verb.FRAME, net.ztj.core.wire.Verb.EXT_FRAME,
                net.ztj.core.wire.Verb.MULTICAST_FRAME, net.ztj.core.wire.Verb.MULTICAST_LIKE,
                net.ztj.core.wire.Verb.MULTICAST_GATHER, net.ztj.core.wire.Verb.NETWORK_CREDENTIALS,
                net.ztj.core.wire.Verb.NETWORK_CONFIG, net.ztj.core.wire.Verb.OK, net.ztj.core.wire.Verb.ERROR};
        long dropsBefore = a.node().drops().total();
        for (int i = 0; i < 3_000; i++) {
            byte[] payload = new byte[rnd.nextInt(0, 400)];
            rnd.nextBytes(payload);
            if (payload.length >= 9 && rnd.nextBoolean()) { // often our network, so the parsing goes deeper
                for (int k = 0; k < 8; k++) payload[k] = (byte) (nwid >>> (56 - 8 * k));
                payload[8] = (byte) rnd.nextInt(0, 32);
            }
            net.ztj.core.wire.Verb verb = verbs[rnd.nextInt(verbs.length)];
            byte[] p = net.ztj.core.wire.Packet.create(rnd.nextLong(), A.address(), C.address(), verb, payload)
                    .toByteArray();
            net.ztj.core.wire.Armor.armor(p, p.length, keys, 1);
            a.node().processWirePacket(clock.nowMs(), 1, c.endpoint(), p, 0, p.length); // must not throw
        }
        clock.runFor(2_000);
        assertTrue(a.node().drops().total() > dropsBefore, "malformed ones are counted");
        c.sendFrame(nwid, macC, macA, 0x0800, new byte[]{9});
        clock.runFor(1_000);
        assertEquals(9, a.frames().get(a.frames().size() - 1).payload()[0], "and A still works");
    }

    @Test
    void anActiveBridgeCarriesForeignMacsBothWaysOthersMayNot() throws Exception {
        ObjectNode docA = store.member(id, A.address().toString()).orElseThrow().toJson();
        docA.put("activeBridge", true);
        store.saveMember(MemberRecord.fromJson(docA));
        clock.runFor(3_000); // A's changed configuration is pushed to A
        assertTrue(info(a).bridge(), "A knows it is a bridge");
        clock.runFor(65_000); // the others learn it at their next refresh (spec 04 §10.2 pushes only to A)
        long host = 0x02aabbccddeeL; // a machine on A's LAN
        long macB = info(b).mac(), macC = info(c).mac();
        a.sendFrame(nwid, host, macB, 0x0800, new byte[]{1});
        clock.runFor(1_000);
        assertEquals(1, b.frames().size(), "EXT_FRAME from a bridge with a foreign source MAC is delivered");
        assertEquals(host, b.frames().get(0).sourceMac());

        b.sendFrame(nwid, macB, host, 0x0800, new byte[]{2}); // B learned that the host is behind A
        clock.runFor(1_000);
        SimNode.Frame atA = a.frames().get(a.frames().size() - 1);
        assertEquals(host, atA.destMac(), "the bridge gets frames for the hosts behind it");
        assertEquals(2, atA.payload()[0]);

        long refusedBefore = c.node().drops().get(net.ztj.core.node.DropReason.BRIDGING_REFUSED);
        c.sendFrame(nwid, 0x02ccccccccccL, macB, 0x0800, new byte[]{3});
        clock.runFor(1_000);
        assertEquals(1, b.frames().size(), "a member that is no bridge cannot inject foreign MACs");
        assertEquals(refusedBefore + 1, c.node().drops().get(net.ztj.core.node.DropReason.BRIDGING_REFUSED));
    }

    @Test
    void aDeauthorizedMembersFramesAreRefused() throws Exception {
        long macA = info(a).mac(), macC = info(c).mac();
        c.sendFrame(nwid, macC, macA, 0x0800, new byte[]{1, 2, 3});
        clock.runFor(1_000);

        assertEquals(1, a.frames().size(), "authorized: delivered");

        MemberRecord rec = store.member(id, C.address().toString()).orElseThrow();
        store.saveMember(rec.withAuthorized(false));
        clock.runFor(2_000); // the controller revokes C's certificate at every online member
        long refusedBefore = a.node().drops().get(net.ztj.core.node.DropReason.FRAME_NOT_MEMBER);
        c.sendFrame(nwid, macC, macA, 0x0800, new byte[]{4, 5, 6});
        clock.runFor(1_000);
        assertEquals(1, a.frames().size(), "revoked: not delivered");
        assertEquals(refusedBefore + 1, a.node().drops().get(net.ztj.core.node.DropReason.FRAME_NOT_MEMBER));
        b.sendFrame(nwid, info(b).mac(), macA, 0x0800, new byte[]{7});
        clock.runFor(1_000);
        assertEquals(2, a.frames().size(), "other members are unaffected");
        clock.runFor(70_000);
        assertEquals(NetworkStatus.ACCESS_DENIED, info(c).status(), "C learns on its next request");
        assertTrue(c.node().traffic().snapshot().errorsReceived(net.ztj.core.wire.ErrorCode.NETWORK_ACCESS_DENIED) >= 1,
                "the controller's ERROR is counted where it arrives");
        assertTrue(ctl.node().traffic().snapshot().errorsSent(net.ztj.core.wire.ErrorCode.NETWORK_ACCESS_DENIED) >= 1,
                "and where it leaves");
    }

    /**
     * FRAME, EXT_FRAME and MULTICAST_FRAME go through the same gate: from a revoked member each is refused
     * (FRAME_NOT_MEMBER) and answered NEED_MEMBERSHIP_CERTIFICATE, and for a network we are not in each is dropped as
     * FRAME_NO_NETWORK; nothing reaches the port.
     */
    @Test
    void everyFrameVerbMeetsTheMembershipGate() throws Exception {
        long macA = info(a).mac(), macC = info(c).mac();
        c.sendFrame(nwid, macC, macA, 0x0800, new byte[]{1});
        clock.runFor(1_000);
        assertEquals(1, a.frames().size(), "authorized: delivered");
        store.saveMember(store.member(id, C.address().toString()).orElseThrow().withAuthorized(false));
        clock.runFor(2_000); // the controller revokes C's certificate at every online member

        net.ztj.core.node.DropCounters drops = a.node().drops();
        long notMember = drops.get(net.ztj.core.node.DropReason.FRAME_NOT_MEMBER);
        long noNetwork = drops.get(net.ztj.core.node.DropReason.FRAME_NO_NETWORK);
        long asked = a.node().traffic().snapshot().errorsSent(net.ztj.core.wire.ErrorCode.NEED_MEMBERSHIP_CERTIFICATE);
        for (long network : new long[] {nwid, nwid + 1}) {
            byte[] data = {4, 5, 6};
            fromCToA(net.ztj.core.wire.Verb.FRAME, new net.ztj.core.wire.verbs.Frame(network, 0x0800, data).toBytes());
            fromCToA(net.ztj.core.wire.Verb.EXT_FRAME, net.ztj.core.node.network.RuleActions.extFramePayload(
                    network, 0, macA, macC, 0x0800, data, 0, data.length));
            fromCToA(net.ztj.core.wire.Verb.MULTICAST_FRAME, new net.ztj.core.wire.verbs.MulticastFrame(network, 0,
                    null, 0, 0, 0xffffffffffffL, 0, 0x0800, data).toBytes());
        }
        clock.runFor(1_000);
        assertEquals(1, a.frames().size(), "none delivered");
        assertEquals(notMember + 3, drops.get(net.ztj.core.node.DropReason.FRAME_NOT_MEMBER));
        assertEquals(noNetwork + 3, drops.get(net.ztj.core.node.DropReason.FRAME_NO_NETWORK));
        assertEquals(asked + 3,
                a.node().traffic().snapshot().errorsSent(net.ztj.core.wire.ErrorCode.NEED_MEMBERSHIP_CERTIFICATE));
    }

    /** A packet from C to A carrying {@code verb}, armored with their shared key. */
    private void fromCToA(net.ztj.core.wire.Verb verb, byte[] payload) throws Exception {
        byte[] p = net.ztj.core.wire.Packet.create(new SecureRandom().nextLong(), A.address(), C.address(), verb,
                payload).toByteArray();
        net.ztj.core.wire.Armor.armor(p, p.length, new net.ztj.core.wire.PeerKeys(C.agree(A)), 1);
        a.node().processWirePacket(clock.nowMs(), 1, c.endpoint(), p, 0, p.length);
    }

    /**
     * The controller's own node joins the network (1.14 answers its own request locally): refused until
     * authorized, then OK with addresses; frames both ways with a member, ARP included; a changed network is
     * applied at once; a member deauthorized later is refused by the controller's node too.
     */
    @Test
    void theControllersOwnNodeIsAMemberOfItsNetwork() throws Exception {
        ctl.node().join(nwid, clock.nowMs());
        clock.runFor(1_000);
        assertEquals(NetworkStatus.ACCESS_DENIED, info(ctl).status(), "private, not yet authorized");
        store.saveMember(store.member(id, CTL.address().toString()).orElseThrow().withAuthorized(true));
        clock.runFor(11_000); // a member without a configuration asks again at a ping check (5 s) at least 5 s later
        assertEquals(NetworkStatus.OK, info(ctl).status());
        assertEquals("vl2", info(ctl).name());
        assertEquals(2, info(ctl).assignedAddresses().size(), info(ctl).assignedAddresses().toString());
        ctl.subscribe(nwid, Set.of(MulticastGroup.forAddressResolution(ipv4(ctl).getAddress())));
        clock.runFor(6_000);

        long macA = info(a).mac(), macCtl = info(ctl).mac();
        byte[] arp = arpRequest(macA, ipv4(a).getAddress(), ipv4(ctl).getAddress());
        a.sendFrame(nwid, macA, 0xffffffffffffL, 0x0806, arp);
        clock.runFor(3_000);
        assertEquals(1, ctl.frames().size(), "the controller's node holds the address: it gets the ARP request");
        assertArrayEquals(arp, ctl.frames().get(0).payload());
        ctl.sendFrame(nwid, macCtl, macA, 0x0800, new byte[]{1});
        clock.runFor(1_000);
        assertEquals(1, a.frames().size());
        assertEquals(macCtl, a.frames().get(0).sourceMac());

        store.updateNetwork(id, n -> {
            ObjectNode doc = n.orElseThrow().toJson();
            doc.put("name", "renamed");
            return NetworkRecord.fromJson(doc);
        });
        clock.runFor(1_000);
        assertEquals("renamed", info(ctl).name());

        long macC = info(c).mac();
        c.sendFrame(nwid, macC, macCtl, 0x0800, new byte[]{2});
        clock.runFor(1_000);
        assertEquals(2, ctl.frames().size(), "C authorized: delivered");
        store.saveMember(store.member(id, C.address().toString()).orElseThrow().withAuthorized(false));
        clock.runFor(2_000);
        c.sendFrame(nwid, macC, macCtl, 0x0800, new byte[]{3});
        clock.runFor(1_000);
        assertEquals(2, ctl.frames().size(), "C revoked: the controller's node refuses its frames too");
    }
}
