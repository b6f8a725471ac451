package net.ztj.testkit;

import net.ztj.core.node.peer.CachedPeer;
import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.node.DropReason;
import net.ztj.core.node.NetworkStatus;
import net.ztj.core.node.PeerInfo;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.PacketHeader;
import net.ztj.core.world.World;
import net.ztj.core.world.WorldType;
import net.ztj.crypto.C25519;
import net.ztj.testkit.net.Nat;
import net.ztj.testkit.net.NatType;
import net.ztj.testkit.net.SimClock;
import net.ztj.testkit.net.SimHost;
import net.ztj.testkit.net.SimNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several core nodes on a simulated internet with NATs: they come online through a root, find direct paths through
 * cone NATs after RENDEZVOUS, keep relaying through symmetric NATs, survive the root going away, and keep NAT
 * mappings open with keepalives (spec 02 §11).
 */
class NodeOverSimulatedNetworkTest {
    private static Identity rootId, aId, bId, cId;
    private static C25519.KeyPair planetKey;
    private static TestWorld world;

    @BeforeAll
    static void identities() {
        world = TestWorld.generate();
        rootId = world.root();
        aId = world.a();
        bId = world.b();
        cId = world.c();
        planetKey = world.planetKey();
    }

    private final SimClock clock = new SimClock(1_700_000_000_000L);
    private final SimNetwork net = new SimNetwork(clock, 5, 42);

    private static World planet(long timestamp, Endpoint rootEndpoint) {
        return world.planet(timestamp, rootEndpoint);
    }

    private SimNode root;
    private World planet;

    private void startRoot() {
        SimHost host = net.addHost("203.0.113.1");
        planet = planet(1000, host.endpoint(9993));
        root = new SimNode(clock, host, 9993, rootId, planet, 1);
    }

    private Nat lastNat;

    private SimNode behind(NatType type, String publicIp, Identity id, long mappingTimeoutMs, long seed) {
        Nat nat = net.addNat(publicIp, type, mappingTimeoutMs);
        lastNat = nat;
        return new SimNode(clock, net.addHostBehind(nat, "10.0.0.2"), 9993, id, planet, seed);
    }

    @Test
    void nodesComeOnlineThroughTheRoot() {
        startRoot();
        SimNode a = behind(NatType.PORT_RESTRICTED_CONE, "198.51.100.10", aId, 60_000, 2);
        SimNode b = new SimNode(clock, net.addHost("192.0.2.20"), 9993, bId, planet, 3);
        clock.runFor(15_000);
        assertTrue(root.node().online(), "a root is online by itself");
        assertTrue(a.node().online());
        assertTrue(b.node().online());
        PeerInfo rootSeenByA = a.peer(rootId.address()).orElseThrow();
        assertEquals(PeerInfo.Role.PLANET, rootSeenByA.role());
        assertEquals(1, rootSeenByA.versionMajor());
        assertTrue(a.hasDirectPath(rootId.address()));
        assertTrue(root.hasDirectPath(aId.address()));
        assertEquals("198.51.100.10", root.peer(aId.address()).orElseThrow().paths().get(0).address().ipText());
        assertTrue(a.node().status(clock.nowMs()).surfaceAddresses().stream().anyMatch(e -> e.ipText().equals("198.51.100.10")));
    }

    @Test
    void coneNatsEndUpWithADirectPathAfterRendezvous() {
        startRoot();
        SimNode a = behind(NatType.PORT_RESTRICTED_CONE, "198.51.100.10", aId, 60_000, 2);
        SimNode b = behind(NatType.FULL_CONE, "198.51.100.20", bId, 60_000, 3);
        clock.runFor(15_000);
        a.sendMessage(bId.address(), "hello b");
        clock.runFor(3_000);
        assertEquals(1, b.messages().size(), "delivered, through the root at first");
        assertEquals("hello b", new String(b.messages().get(0).payload()));
        b.sendMessage(aId.address(), "hello a");
        clock.runFor(5_000);
        assertEquals(1, a.messages().size());
        assertTrue(a.hasDirectPath(bId.address()), "A punched through to B");
        assertTrue(b.hasDirectPath(aId.address()), "B punched through to A");
        assertEquals("198.51.100.20", a.peer(bId.address()).orElseThrow().paths().get(0).address().ipText());
    }

    /**
     * Public addresses of global scope (as on the Internet): each side first sends the 4-byte low-TTL opener towards
     * the other's public address, and its first full packet there only half a second later (so the other's router
     * has opened its mapping too); they end up direct.
     */
    @Test
    void globalAddressesArePunchedOpenerFirstThenContacts() {
        startRoot();
        SimNode a = behind(NatType.PORT_RESTRICTED_CONE, "5.0.0.10", aId, 60_000, 2);
        SimNode b = behind(NatType.PORT_RESTRICTED_CONE, "5.0.0.20", bId, 60_000, 3);
        List<long[]> towardsB = new java.util.ArrayList<>(); // {time, length} of A's datagrams to B's public IP
        net.setTap((from, to, data) -> {
            // A and B both sit at 10.0.0.2 behind their NATs; only A sends from there to B's public IP (the root relays from its own)
            if (from.ipText().equals("10.0.0.2") && to.ipText().equals("5.0.0.20")) towardsB.add(new long[] {clock.nowMs(), data.length});
        });
        clock.runFor(15_000);
        a.sendMessage(bId.address(), "hello b");
        b.sendMessage(aId.address(), "hello a");
        clock.runFor(6_000);
        assertEquals(1, b.messages().size());
        assertTrue(a.hasDirectPath(bId.address()), "A punched through to B");
        assertTrue(b.hasDirectPath(aId.address()), "B punched through to A");
        assertFalse(towardsB.isEmpty());
        assertEquals(4, towardsB.get(0)[1], "the opener comes first");
        long firstFull = towardsB.stream().filter(d -> d[1] > 4).mapToLong(d -> d[0]).min().orElseThrow();
        assertTrue(firstFull - towardsB.get(0)[0] >= 500, "contacts wait for the other side's opener");
    }

    /**
     * After {@code networkChanged} (an address change, a wake-up), A forgets its direct paths and traffic goes relayed
     * at once, both ways; B is told to forget A's old address; the HELLO A sends there brings the path back.
     */
    @Test
    void aNetworkChangeFallsBackToTheRootAtOnceAndRecovers() {
        startRoot();
        SimNode a = behind(NatType.PORT_RESTRICTED_CONE, "198.51.100.10", aId, 60_000, 2);
        SimNode b = behind(NatType.FULL_CONE, "198.51.100.20", bId, 60_000, 3);
        clock.runFor(15_000);
        a.sendMessage(bId.address(), "1");
        b.sendMessage(aId.address(), "1");
        clock.runFor(5_000);
        assertTrue(a.hasDirectPath(bId.address()) && b.hasDirectPath(aId.address()));
        a.node().networkChanged(clock.nowMs());
        assertFalse(a.hasDirectPath(bId.address()), "A's old paths are gone");
        a.sendMessage(bId.address(), "2");
        clock.runFor(1_000);
        b.sendMessage(aId.address(), "2");
        clock.runFor(1_000);
        assertEquals(2, b.messages().size(), "A's message went through the root");
        assertEquals(2, a.messages().size(), "B's message reached A");
        clock.runFor(5_000);
        assertTrue(a.hasDirectPath(bId.address()), "the old address still works here, so it is learned again");
    }

    /** A path policy (local.conf virtual blacklist) that refuses B's public address keeps A relayed to B. */
    @Test
    void aBlacklistedAddressIsNeverAPath() {
        startRoot();
        SimNode a = behind(NatType.FULL_CONE, "198.51.100.10", aId, 60_000, 2);
        SimNode b = behind(NatType.FULL_CONE, "198.51.100.20", bId, 60_000, 3);
        a.node().setPathPolicy(new net.ztj.core.node.PathPolicy() {
            @Override
            public boolean allowed(net.ztj.core.identity.Address peer, Endpoint at) {
                return !(peer.equals(bId.address()) && at.ipText().equals("198.51.100.20"));
            }
        });
        clock.runFor(15_000);
        a.sendMessage(bId.address(), "1");
        b.sendMessage(aId.address(), "1");
        clock.runFor(10_000);
        assertEquals(1, b.messages().size(), "delivered through the root");
        assertEquals(1, a.messages().size());
        assertFalse(a.hasDirectPath(bId.address()), "A never takes the blacklisted address");
    }

    /**
     * A peer gone quiet is dropped from memory and handed over for peers.d, as 1.14 saves it, with the paths it still
     * has (here none: A pinged B's path until it expired and was removed, as 1.14 does for a peer it pings).
     */
    @Test
    void aPeerDroppedFromMemoryIsHandedOverForPeersD() {
        startRoot();
        SimNode a = new SimNode(clock, net.addHost("192.0.2.10"), 9993, aId, planet, 2);
        SimNode b = new SimNode(clock, net.addHost("192.0.2.20"), 9993, bId, planet, 3);
        clock.runFor(15_000);
        a.sendMessage(bId.address(), "hello");
        b.sendMessage(aId.address(), "hello");
        clock.runFor(5_000);
        assertTrue(a.hasDirectPath(bId.address()));
        b.stop();
        clock.runFor(20 * 60_000);
        assertTrue(a.peer(bId.address()).isEmpty(), "B dropped from A's memory");
        var dropped = a.droppedPeers().stream().filter(p -> p.identity().address().equals(bId.address())).toList();
        assertEquals(1, dropped.size(), a.droppedPeers().toString());
        assertTrue(List.of(b.endpoint()).containsAll(dropped.getFirst().paths()), dropped.toString());
        assertEquals(12, dropped.getFirst().protocol(), "with the version B told");
        assertTrue(a.droppedPeers().stream().noneMatch(p -> p.identity().address().equals(rootId.address())),
                "a root is never dropped");
    }

    /**
     * A peer of peers.d is known again after a restart and said HELLO to at its cached address, whether its identity
     * was checked by the caller (the service does it off the node's thread) or by the node; an identity whose keys
     * do not hash to its address is refused and counted when the node checks it.
     */
    @Test
    void aCachedPeerIsKnownAgainAndAForgedOneIsRefused() {
        startRoot();
        SimNode a = new SimNode(clock, net.addHost("192.0.2.10"), 9993, aId, planet, 2);
        SimNode b = new SimNode(clock, net.addHost("192.0.2.20"), 9993, bId, planet, 3);
        clock.runFor(15_000);
        CachedPeer cachedB = new CachedPeer(bId.publicOnly(), 12, 1, 14, 1,
                List.of(b.endpoint()));
        a.stop();
        SimNode a2 = new SimNode(clock, net.addHost("192.0.2.11"), 9993, aId, planet, 4);
        assertTrue(a2.node().addCachedPeer(cachedB, clock.nowMs(), true), "checked by the caller");
        assertTrue(a2.peer(bId.address()).isPresent());
        clock.runFor(5_000);
        assertTrue(a2.hasDirectPath(bId.address()), "B answered the HELLO sent to its cached address");

        // B's keys under another address: they do not hash to it
        Identity forged = Identity.of(
                Address.parse("0102030405"), bId.publicKey(), null);
        CachedPeer forgedPeer = new CachedPeer(forged, 12, 1, 14, 1,
                List.of(b.endpoint()));
        long before = a2.node().drops().get(DropReason.IDENTITY_INVALID);
        assertFalse(a2.node().addCachedPeer(forgedPeer, clock.nowMs(), false), "checked by the node: refused");
        assertFalse(a2.peer(forged.address()).isPresent());
        assertEquals(before + 1, a2.node().drops().get(DropReason.IDENTITY_INVALID));
    }

    /**
     * Members behind symmetric NATs never get a direct path and keep talking through the root. They learn each
     * other's protocol version from a HELLO relayed by the root (sent with the first relayed packet, as no direct
     * HELLO ever passes), and from then on armor with AES-GMAC-SIV (suite 3) rather than Salsa20/Poly1305 (suite 1).
     */
    @Test
    void symmetricNatsKeepTalkingThroughTheRootWithAes() {
        startRoot();
        SimNode a = behind(NatType.SYMMETRIC, "198.51.100.10", aId, 60_000, 2);
        SimNode b = behind(NatType.SYMMETRIC, "198.51.100.20", bId, 60_000, 3);
        List<Integer> suites = new ArrayList<>(); // cipher suites of unfragmented packets between A and B
        net.setTap((from, to, data) -> {
            if (data.length < PacketHeader.IDX_PAYLOAD
                    || (data[PacketHeader.IDX_FRAGMENT_INDICATOR] & 0xff) == PacketHeader.FRAGMENT_INDICATOR) return;
            Address dst = Address.fromBytes(data, PacketHeader.IDX_DEST), src = Address.fromBytes(data, PacketHeader.IDX_SOURCE);
            if (Set.of(dst, src).equals(Set.of(aId.address(), bId.address()))) {
                suites.add((data[PacketHeader.IDX_FLAGS] & PacketHeader.CIPHER_MASK) >> PacketHeader.CIPHER_SHIFT);
            }
        });
        clock.runFor(15_000);
        for (int i = 0; i < 6; i++) {
            a.sendMessage(bId.address(), "a" + i);
            b.sendMessage(aId.address(), "b" + i);
            clock.runFor(10_000);
            if (i == 0) {
                assertEquals(PacketHeader.CIPHER_POLY1305_SALSA2012, suites.getFirst(), "B's version unknown at first");
                assertTrue(suites.contains(PacketHeader.CIPHER_POLY1305_NONE), "a HELLO passed between them: " + suites);
                assertEquals(12, a.peer(bId.address()).orElseThrow().protocolVersion(), "A learned B's version (OK(HELLO))");
                assertEquals(12, b.peer(aId.address()).orElseThrow().protocolVersion(), "B learned A's version (HELLO)");
                suites.clear();
            }
        }
        assertEquals(6, a.messages().size());
        assertEquals(6, b.messages().size());
        assertFalse(suites.isEmpty());
        assertTrue(suites.stream().allMatch(s -> s == PacketHeader.CIPHER_AES_GMAC_SIV), "AES-GMAC-SIV both ways: " + suites);
        assertFalse(a.hasDirectPath(bId.address()), "no direct path is possible between symmetric NATs");
        assertFalse(b.hasDirectPath(aId.address()));
    }

    @Test
    void directPathsSurviveTheRootGoingAway() {
        startRoot();
        SimNode a = behind(NatType.PORT_RESTRICTED_CONE, "198.51.100.10", aId, 60_000, 2);
        SimNode b = behind(NatType.PORT_RESTRICTED_CONE, "198.51.100.20", bId, 60_000, 3);
        clock.runFor(15_000);
        a.sendMessage(bId.address(), "first");
        b.sendMessage(aId.address(), "first");
        clock.runFor(5_000);
        assertTrue(a.hasDirectPath(bId.address()));
        root.stop();
        for (int i = 0; i < 10; i++) {
            clock.runFor(30_000);
            a.sendMessage(bId.address(), "m" + i);
            b.sendMessage(aId.address(), "m" + i);
        }
        clock.runFor(1_000);
        assertEquals(11, b.messages().size(), "every message arrived over the direct path");
        assertEquals(11, a.messages().size());
        assertTrue(a.hasDirectPath(bId.address()));
    }

    @Test
    void keepalivesKeepNatMappingsOpen() {
        startRoot();
        SimNode a = behind(NatType.PORT_RESTRICTED_CONE, "198.51.100.10", aId, 20_000, 2);
        Nat nat = lastNat;
        SimNode c = new SimNode(clock, net.addHost("192.0.2.30"), 9993, cId, planet, 4);
        clock.runFor(15_000);
        for (int i = 0; i < 60; i++) { // ten idle minutes; the NAT forgets a mapping after 20 s without traffic out
            clock.runFor(10_000);
            assertEquals(1, nat.liveMappings(clock.nowMs()), "mapping alive after " + (i + 1) * 10 + " s");
        }
        assertTrue(a.node().online());
        c.sendMessage(aId.address(), "still there?");
        clock.runFor(3_000);
        assertEquals(1, a.messages().size(), "the root still reaches A through its NAT mapping");
    }

    @Test
    void aNewerPlanetFromTheRootReplacesTheOldOne() {
        SimHost host = net.addHost("203.0.113.1");
        World old = planet(1000, host.endpoint(9993));
        World newer = planet(2000, host.endpoint(9993));
        root = new SimNode(clock, host, 9993, rootId, newer, 1);
        SimNode a = new SimNode(clock, net.addHost("192.0.2.20"), 9993, aId, old, 3);
        clock.runFor(10_000);
        assertEquals(2000, a.node().planet().timestamp());
        assertEquals(1, a.worldUpdates().size());
    }

    @Test
    void orbitingAMoonFetchesItFromItsSeed() {
        startRoot();
        SimHost seedHost = net.addHost("192.0.2.40");
        World moon = World.sign(WorldType.MOON, cId.address().value(), 5000, planetKey.publicKey(),
                List.of(new World.Root(cId.publicOnly(), List.of(seedHost.endpoint(9993)))), planetKey.privateKey());
        SimNode seed = new SimNode(clock, seedHost, 9993, cId, planet, 4);
        assertTrue(seed.node().loadMoon(moon, clock.nowMs()));
        SimNode a = behind(NatType.PORT_RESTRICTED_CONE, "198.51.100.10", aId, 60_000, 2);
        clock.runFor(15_000);
        a.node().orbit(moon.id(), cId.address(), clock.nowMs());
        assertTrue(a.node().moons().get(0).waiting());
        clock.runFor(10_000);
        assertEquals(1, a.node().moons().size());
        assertFalse(a.node().moons().get(0).waiting(), "the seed answered with the moon");
        assertEquals(moon, a.worldUpdates().get(0));
        assertEquals(PeerInfo.Role.MOON, a.peer(cId.address()).orElseThrow().role());
        clock.runFor(20_000);
        assertTrue(a.hasDirectPath(cId.address()), "moon roots are contacted at their stable endpoints");
        a.node().deorbit(moon.id());
        assertTrue(a.node().moons().isEmpty());
        assertEquals(PeerInfo.Role.LEAF, a.peer(cId.address()).orElseThrow().role());
    }

    @Test
    void joiningANetworkWhoseControllerIsNoControllerEndsNotFound() {
        startRoot();
        SimNode a = new SimNode(clock, net.addHost("192.0.2.20"), 9993, aId, planet, 3);
        SimNode b = new SimNode(clock, net.addHost("192.0.2.21"), 9993, bId, planet, 4);
        clock.runFor(15_000);
        long nwid = (bId.address().value() << 24) | 0x000001L;
        assertTrue(a.node().join(nwid, clock.nowMs()));
        assertEquals(NetworkStatus.REQUESTING_CONFIGURATION, a.node().network(nwid).orElseThrow().status());
        clock.runFor(10_000);
        var info = a.node().network(nwid).orElseThrow();
        assertEquals(NetworkStatus.NOT_FOUND, info.status(), "B answered UNSUPPORTED_OPERATION");
        assertEquals("", info.name());
        assertEquals(2800, info.mtu());
        long unknownController = (0x1234567890L << 24) | 1;
        a.node().join(unknownController, clock.nowMs());
        clock.runFor(10_000);
        assertEquals(NetworkStatus.REQUESTING_CONFIGURATION,
                a.node().network(unknownController).orElseThrow().status(), "nobody answers for a missing controller");
        assertEquals(2, a.node().networks().size());
        assertTrue(a.node().leave(nwid));
        assertEquals(1, a.node().networks().size());
    }

    @Test
    void tamperedReplayedTruncatedAndOversizedPacketsAreDroppedAndCounted() {
        startRoot();
        List<byte[]> fromA = new ArrayList<>();
        SimNode a = new SimNode(clock, net.addHost("192.0.2.20"), 9993, aId, planet, 3);
        net.setTap((from, to, data) -> {
            // armored with a cipher (suite bits of the flags byte), so not a HELLO; the verb byte itself is encrypted
            if (from.equals(a.endpoint()) && data.length > 28 && ((data[18] >>> 3) & 7) != 0) fromA.add(data);
        });
        clock.runFor(20_000);
        assertFalse(fromA.isEmpty(), "A sent encrypted packets to the root");
        byte[] captured = fromA.get(fromA.size() - 1);
        var drops = root.node().drops();
        long before = drops.get(DropReason.DUPLICATE);
        root.node().processWirePacket(clock.nowMs(), 1, a.endpoint(), captured, 0, captured.length);
        assertEquals(before + 1, drops.get(DropReason.DUPLICATE));

        byte[] tampered = captured.clone();
        tampered[tampered.length - 1] ^= 1;
        long auth = drops.get(DropReason.AUTHENTICATION_FAILED);
        root.node().processWirePacket(clock.nowMs(), 1, a.endpoint(), tampered, 0, tampered.length);
        assertEquals(auth + 1, drops.get(DropReason.AUTHENTICATION_FAILED));

        long shortDrops = drops.get(DropReason.TOO_SHORT);
        root.node().processWirePacket(clock.nowMs(), 1, a.endpoint(), captured, 0, 20);
        assertEquals(shortDrops + 1, drops.get(DropReason.TOO_SHORT));

        byte[] huge = new byte[20_000];
        System.arraycopy(captured, 0, huge, 0, 28);
        long over = drops.get(DropReason.OVERSIZE);
        root.node().processWirePacket(clock.nowMs(), 1, a.endpoint(), huge, 0, huge.length);
        assertEquals(over + 1, drops.get(DropReason.OVERSIZE));

        byte[] truncated = java.util.Arrays.copyOf(captured, 40);
        long total = drops.total();
        root.node().processWirePacket(clock.nowMs(), 1, a.endpoint(), truncated, 0, truncated.length);
        assertEquals(total + 1, drops.total());
        assertEquals(drops.snapshot(), root.node().status(clock.nowMs()).drops(), "the status snapshot carries the counts");
        assertTrue(root.node().online());
    }
}
