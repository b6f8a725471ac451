package net.ztj.core.node;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.core.identity.Identity;
import net.ztj.core.wire.Armor;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.Packet;
import net.ztj.core.wire.PacketHeader;
import net.ztj.core.wire.PeerKeys;
import net.ztj.core.wire.Verb;
import net.ztj.core.world.World;
import net.ztj.core.world.WorldType;
import net.ztj.crypto.C25519;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A member applies a configuration pushed by its controller (spec 03 §7.2–§7.3), using the real signed chunk of
 * networks_networkconfig.json: status OK with the name, revision, addresses and routes of that configuration, the
 * dictionary handed to the service for caching, and 1.14's acknowledgement (OK in re ECHO) sent back.
 */
class NetworkConfigurationTest {
    @Test
    void aPushedConfigurationIsVerifiedAssembledAndApplied() throws Exception {
        JsonNode v = Vectors.json("networks_networkconfig.json");
        Identity controller = Identity.fromString(v.get("controller_identity_secret").asText());
        Identity member = Identity.fromString(v.get("member_identity_secret").asText());
        long nwid = Long.parseUnsignedLong(v.get("networkId").asText(), 16);
        Endpoint controllerAt = Endpoint.parse("10.0.0.1/9993");
        C25519.KeyPair key = C25519.generate(new SecureRandom());
        World planet = World.sign(WorldType.PLANET, 7, 1, key.publicKey(),
                List.of(new World.Root(controller.publicOnly(), List.of(controllerAt))), key.privateKey());

        List<byte[]> sent = new ArrayList<>();
        List<byte[]> cached = new ArrayList<>();
        long now = 1_700_000_000_000L;
        Node node = new Node(member, planet, NodeConfig.DEFAULTS,
                (socket, to, data, off, len, ttl) -> sent.add(java.util.Arrays.copyOfRange(data, off, off + len)),
                new NodeEvents() {
                    @Override
                    public void networkConfigured(long networkId, byte[] dictionary) {
                        cached.add(dictionary);
                    }
                }, new SplittableRandom(5), now);
        node.join(nwid, now);
        assertEquals(NetworkStatus.REQUESTING_CONFIGURATION, node.network(nwid).orElseThrow().status());

        JsonNode chunk = v.get("small").get("as_NETWORK_CONFIG_push").get(0);
        Packet p = Packet.create(0x1122334455667788L, member.address(), controller.address(), Verb.NETWORK_CONFIG,
                Vectors.hex(chunk.get("payload_hex")));
        PeerKeys keys = new PeerKeys(controller.agree(member.publicOnly()));
        byte[] wire = p.toByteArray();
        Armor.armor(wire, wire.length, keys, PacketHeader.CIPHER_POLY1305_SALSA2012);
        sent.clear();
        node.processWirePacket(now + 10, 1, controllerAt, wire, 0, wire.length);

        NetworkInfo info = node.network(nwid).orElseThrow();
        assertEquals(NetworkStatus.OK, info.status());
        assertEquals("test-net", info.name());
        assertEquals(42, info.revision());
        assertEquals(2800, info.mtu());
        assertTrue(info.isPrivate());
        assertTrue(info.broadcastEnabled());
        assertTrue(info.assignedAddresses().size() >= 1, info.assignedAddresses().toString());
        assertTrue(info.routes().stream().anyMatch(r -> r.target().equals("10.147.17.0/24") && r.via() == null));
        assertEquals(1, cached.size());
        assertArrayEquals(Vectors.hex(v.get("small").get("dictionary_hex")), cached.get(0));

        // the acknowledgement: an OK whose in-re verb is ECHO, for the push's packet id
        byte[] ack = sent.stream().filter(d -> d.length > 28).findFirst().orElseThrow();
        assertTrue(Armor.dearmor(ack, ack.length, keys));
        assertEquals(Verb.OK.code, ack[PacketHeader.IDX_VERB] & 0x1f);
        assertEquals(Verb.ECHO.code, ack[PacketHeader.IDX_PAYLOAD]);

        // a copy with a flipped signature bit, in a new packet, changes nothing
        byte[] bad = Packet.create(0x0102030405060708L, member.address(), controller.address(), Verb.NETWORK_CONFIG,
                Vectors.hex(chunk.get("payload_hex"))).toByteArray();
        bad[bad.length - 5] ^= 1;
        Armor.armor(bad, bad.length, keys, PacketHeader.CIPHER_POLY1305_SALSA2012);
        node.processWirePacket(now + 20, 1, controllerAt, bad, 0, bad.length);
        assertEquals(1, cached.size());
        assertEquals(NetworkStatus.OK, node.network(nwid).orElseThrow().status());
    }

    @Test
    void aCachedConfigurationIsUsedAfterARestartUntilTheControllerAnswers() throws Exception {
        JsonNode v = Vectors.json("networks_networkconfig.json");
        Identity controller = Identity.fromString(v.get("controller_identity_secret").asText());
        Identity member = Identity.fromString(v.get("member_identity_secret").asText());
        long nwid = Long.parseUnsignedLong(v.get("networkId").asText(), 16);
        C25519.KeyPair key = C25519.generate(new SecureRandom());
        World planet = World.sign(WorldType.PLANET, 7, 1, key.publicKey(),
                List.of(new World.Root(controller.publicOnly(), List.of(Endpoint.parse("10.0.0.1/9993")))), key.privateKey());
        List<byte[]> sent = new ArrayList<>();
        long now = 1_700_000_000_000L;
        Node node = new Node(member, planet, NodeConfig.DEFAULTS,
                (socket, to, data, off, len, ttl) -> sent.add(java.util.Arrays.copyOfRange(data, off, off + len)),
                new NodeEvents() {}, new SplittableRandom(6), now);
        node.join(nwid, Vectors.hex(v.get("small").get("dictionary_hex")), now);
        NetworkInfo info = node.network(nwid).orElseThrow();
        assertEquals(NetworkStatus.OK, info.status());
        assertEquals("test-net", info.name());

        Node other = new Node(member, planet, NodeConfig.DEFAULTS, (s, t, d, o, l, ttl) -> true, new NodeEvents() {},
                new SplittableRandom(7), now);
        other.join(nwid, new byte[] {'\n'}, now);
        assertEquals(NetworkStatus.REQUESTING_CONFIGURATION, other.network(nwid).orElseThrow().status(),
                "the one-byte file written at join is no configuration");
        other.join(0x1234567890abcdefL, "garbage=1".getBytes(), now);
        assertEquals(NetworkStatus.REQUESTING_CONFIGURATION, other.network(0x1234567890abcdefL).orElseThrow().status());
    }
}
