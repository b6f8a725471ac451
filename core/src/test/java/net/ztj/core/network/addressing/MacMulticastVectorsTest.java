package net.ztj.core.network.addressing;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.core.identity.Address;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.IpText;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** networks_mac_multicast.json: per-network MACs both ways, address-resolution groups, LIKE tuples (03 §2, §3.1). */
class MacMulticastVectorsTest {
    private static final JsonNode V = Vectors.json("networks_mac_multicast.json");

    @Test
    void macFromAddressAndBack() {
        assertEquals(6, V.get("mac_from_address").size());
        for (JsonNode c : V.get("mac_from_address")) {
            Address a = Address.parse(c.get("address").asText());
            NetworkId n = NetworkId.parse(c.get("networkId").asText());
            assertEquals(c.get("firstOctet").asInt(), NetworkMac.firstOctet(n));
            Mac mac = NetworkMac.of(a, n);
            assertEquals(c.get("mac").asText(), mac.toString());
            assertEquals(mac, Mac.parse(c.get("mac").asText()));
            assertEquals(c.get("macToAddress").asText(), NetworkMac.addressOf(mac, n).toString());
            assertTrue(NetworkMac.isNetworkMac(mac, n));
            assertFalse(mac.isMulticast());
        }
    }

    @Test
    void blacklistedFirstOctet() {
        assertEquals(0x32, NetworkMac.firstOctet(new NetworkId(0x52)));
        assertEquals(0x32, NetworkMac.firstOctet(new NetworkId(0x53)));
        assertEquals(0x56, NetworkMac.firstOctet(new NetworkId(0x55)));
    }

    @Test
    void addressResolutionGroups() {
        assertEquals(4, V.get("address_resolution_groups").size());
        for (JsonNode c : V.get("address_resolution_groups")) {
            MulticastGroup g = MulticastGroup.forAddressResolution(IpText.parse(c.get("ip").asText()));
            assertEquals(c.get("mac").asText(), g.mac().toString());
            assertEquals(Long.parseLong(c.get("adi").asText(), 16), g.adi());
        }
    }

    @Test
    void multicastLikePayload() {
        JsonNode ex = V.get("multicast_like_payload_example");
        NetworkId n = NetworkId.parse(ex.get("networkId").asText());
        ByteWriter w = new ByteWriter();
        List<MulticastGroup> groups = new ArrayList<>();
        for (JsonNode g : ex.get("groups")) {
            MulticastGroup group = new MulticastGroup(Mac.parse(g.get("mac").asText()),
                    Long.parseLong(g.get("adi").asText(), 16));
            groups.add(group);
            w.u64(n.value());
            group.write(w);
        }
        assertEquals(ex.get("payload_hex").asText(), Vectors.toHex(w.toByteArray()));
        ByteReader r = new ByteReader(w.toByteArray());
        for (MulticastGroup g : groups) {
            assertEquals(n, new NetworkId(r.u64()));
            assertEquals(g, MulticastGroup.read(r));
        }
        assertFalse(r.hasRemaining());
    }

    @Test
    void groupsOrderByMacThenUnsignedAdi() {
        MulticastGroup a = new MulticastGroup(Mac.BROADCAST, 1);
        MulticastGroup b = new MulticastGroup(Mac.BROADCAST, 0xffffffffL);
        MulticastGroup c = new MulticastGroup(Mac.parse("33:33:ff:00:00:01"), 0xffffffffL);
        List<MulticastGroup> l = new ArrayList<>(List.of(b, a, c));
        Collections.sort(l);
        assertEquals(List.of(c, a, b), l);
    }

    @Test
    void networkIdTextAndController() {
        NetworkId n = NetworkId.parse("8056C2E21C000001");
        assertEquals("8056c2e21c000001", n.toString());
        assertEquals("8056c2e21c", n.controller().toString());
        assertEquals("0000000000000001", new NetworkId(1).toString());
        assertTrue(NetworkId.parse("ff00000000000001").isAdHoc());
        assertThrows(IllegalArgumentException.class, () -> NetworkId.parse("12345678901234567"));
        assertThrows(IllegalArgumentException.class, () -> NetworkId.parse("xyz"));
        assertThrows(IllegalArgumentException.class, () -> Mac.parse("00:11:22:33:44"));
        assertThrows(IllegalArgumentException.class, () -> Mac.parse("00:11:22:33:44:5g"));
    }

    @Test
    void macMappingIsAnInvolutionForRandomInputs() {
        Random rnd = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            Address a = new Address(rnd.nextLong() & 0xffffffffffL);
            NetworkId n = new NetworkId(rnd.nextLong());
            Mac m = NetworkMac.of(a, n);
            assertEquals(a, NetworkMac.addressOf(m, n));
            assertEquals(0x02, m.firstOctet() & 0x03);
            assertEquals(m, Mac.fromBytes(m.toBytes(), 0));
        }
    }
}
