package net.ztj.core.network.config;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.core.identity.Address;
import net.ztj.core.network.dictionary.Dictionary;
import net.ztj.core.wire.MalformedException;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static net.ztj.vectors.Vectors.hex;
import static net.ztj.vectors.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.*;

/** networks_networkconfig.json dictionaries (spec 03 §7.6). */
class NetworkConfigTest {
    private static final JsonNode V = Vectors.json("networks_networkconfig.json");

    private static byte[] ip(String hex) {
        return hex(hex);
    }

    @Test
    void smallParsesAndReserializesIdentically() {
        byte[] dict = hex(V.get("small").get("dictionary_hex").asText());
        NetworkConfig c = NetworkConfig.fromDictionary(Dictionary.parse(dict));
        assertEquals(toHex(dict), toHex(c.toDictionary().toBytes()));
        assertEquals(0xdc92815fa1abcdefL, c.networkId());
        assertEquals(1700000000000L, c.timestamp());
        assertEquals(1800000, c.credentialTimeMaxDelta());
        assertEquals(42, c.revision());
        assertEquals(new Address(0x183c7602e0L), c.issuedTo());
        assertNull(c.remoteTraceTarget());
        assertEquals(6, c.flags());
        assertTrue(c.hasFlag(NetworkConfig.FLAG_ENABLE_BROADCAST));
        assertEquals(32, c.multicastLimit());
        assertEquals(0, c.type());
        assertEquals("test-net", c.name());
        assertEquals(2800, c.mtu());
        assertEquals(List.of(Specialist.of(new Address(0x06e597d517L), Specialist.ACTIVE_BRIDGE)), c.specialists());
        assertTrue(c.specialists().get(0).is(Specialist.ACTIVE_BRIDGE));
        assertEquals(List.of(
                new Route(new IpNetworkPrefix(ip("0a931100"), 24), null, 0, 0),
                new Route(new IpNetworkPrefix(ip("c0a86400"), 24), new IpNetworkPrefix(ip("0a931101"), 0), 0, 0),
                new Route(new IpNetworkPrefix(ip("fd001234000000000000000000000000"), 32), null, 0, 0)), c.routes());
        assertEquals(3, c.staticIps().size());
        assertEquals(new IpNetworkPrefix(ip("0a93110a"), 24), c.staticIps().get(2));
        assertEquals(88, c.staticIps().get(0).bits());
        assertEquals("example.zt", c.dns().domain());
        assertEquals(List.of(new IpNetworkPrefix(ip("0a931101"), 53),
                new IpNetworkPrefix(ip("fd001234000000000000000000000001"), 53)), c.dns().servers());
        assertEquals(SsoConfig.DISABLED, c.sso());
        JsonNode bin = V.get("small").get("binary_values_unescaped_hex");
        assertEquals(bin.get("C").asText(), toHex(c.com()));
        assertEquals(bin.get("CAP").asText(), toHex(c.capabilities()));
        assertEquals(bin.get("TAG").asText(), toHex(c.tags()));
        assertEquals(bin.get("COO").asText(), toHex(c.certificatesOfOwnership()));
        assertEquals(bin.get("R").asText(), toHex(c.rules()));
        assertEquals(6, c.ruleCount());
    }

    @Test
    void smallBuiltFieldByFieldMatchesTheVector() {
        JsonNode bin = V.get("small").get("binary_values_unescaped_hex");
        NetworkConfig c = new NetworkConfig(0xdc92815fa1abcdefL, 1700000000000L, 1800000, 42,
                new Address(0x183c7602e0L), null, 0,
                NetworkConfig.FLAG_ENABLE_BROADCAST | NetworkConfig.FLAG_ENABLE_IPV6_NDP_EMULATION, 32, 0,
                "test-net", 2800, hex(bin.get("C").asText()), hex(bin.get("CAP").asText()),
                hex(bin.get("TAG").asText()), hex(bin.get("COO").asText()),
                List.of(Specialist.of(new Address(0x06e597d517L), Specialist.ACTIVE_BRIDGE)),
                List.of(new Route(new IpNetworkPrefix(ip("0a931100"), 24), null, 0, 0),
                        new Route(new IpNetworkPrefix(ip("c0a86400"), 24), new IpNetworkPrefix(ip("0a931101"), 0), 0, 0),
                        new Route(new IpNetworkPrefix(ip("fd001234000000000000000000000000"), 32), null, 0, 0)),
                List.of(new IpNetworkPrefix(ip("fddc92815fa1abcdef9993183c7602e0"), 88),
                        new IpNetworkPrefix(ip("fc7d394cb0183c7602e0000000000001"), 40),
                        new IpNetworkPrefix(ip("0a93110a"), 24)),
                hex(bin.get("R").asText()),
                new DnsConfig("example.zt", List.of(new IpNetworkPrefix(ip("0a931101"), 53),
                        new IpNetworkPrefix(ip("fd001234000000000000000000000001"), 53))),
                SsoConfig.DISABLED);
        assertEquals(V.get("small").get("dictionary_hex").asText(), toHex(c.toDictionary().toBytes()));
    }

    @Test
    void bigParsesAndReserializesIdentically() {
        byte[] dict = hex(V.get("big").get("dictionary_hex").asText());
        NetworkConfig c = NetworkConfig.fromDictionary(Dictionary.parse(dict));
        assertEquals("big", c.name());
        assertEquals(V.get("big").get("dictionary_length").asInt(), dict.length);
        assertEquals(toHex(dict), toHex(c.toDictionary().toBytes()));
        assertEquals(c, NetworkConfig.fromDictionary(c.toDictionary()));
        assertEquals(702, c.ruleCount());
    }

    @Test
    void defaultsClampsAndRejections() {
        NetworkConfig c = NetworkConfig.fromDictionary(Dictionary.parse("v=7\nnwid=1\nid=2\nmtu=10".getBytes()));
        assertEquals(1280, c.mtu());
        assertEquals(2800, NetworkConfig.fromDictionary(Dictionary.parse("v=7\nnwid=1\nid=2".getBytes())).mtu());
        assertEquals(10000, NetworkConfig.fromDictionary(Dictionary.parse("v=7\nnwid=1\nid=2\nmtu=ffffff".getBytes())).mtu());
        assertEquals(DnsConfig.NONE, c.dns());
        assertThrows(MalformedException.class, () -> NetworkConfig.fromDictionary(Dictionary.parse("v=5\nnwid=1\nid=2".getBytes())));
        assertThrows(MalformedException.class, () -> NetworkConfig.fromDictionary(Dictionary.parse("v=7\nid=2".getBytes())));
        assertThrows(MalformedException.class, () -> NetworkConfig.fromDictionary(Dictionary.parse("v=7\nnwid=1".getBytes())));
        Dictionary bad = new Dictionary().addUnsigned("v", 7).addUnsigned("nwid", 1).add("id", "02")
                .add("RT", new byte[]{7, 1, 2});
        assertThrows(MalformedException.class, () -> NetworkConfig.fromDictionary(bad));
        Dictionary truncatedRule = new Dictionary().addUnsigned("v", 7).addUnsigned("nwid", 1).add("id", "02")
                .add("R", new byte[]{(byte) 0xa5, 2, 8});
        assertThrows(MalformedException.class, () -> NetworkConfig.fromDictionary(truncatedRule));
        byte[] many = new byte[2 * 1100];
        for (int i = 0; i < 1100; i++) many[2 * i] = 1; // ACCEPT, len 0
        NetworkConfig capped = NetworkConfig.fromDictionary(new Dictionary().addUnsigned("v", 7)
                .addUnsigned("nwid", 1).add("id", "02").add("R", many));
        assertEquals(1024, capped.ruleCount());
    }

    @Test
    void ssoVersionsRoundTrip() {
        NetworkConfig base = NetworkConfig.fromDictionary(Dictionary.parse(hex(V.get("small").get("dictionary_hex").asText())));
        for (SsoConfig s : List.of(new SsoConfig(0, true, "https://a", 123, "", "", "", "", "", ""),
                new SsoConfig(1, true, "", 0, "https://i", "https://c", "n", "s", "cid", "default"))) {
            NetworkConfig c = new NetworkConfig(base.networkId(), base.timestamp(), base.credentialTimeMaxDelta(),
                    base.revision(), base.issuedTo(), base.remoteTraceTarget(), base.remoteTraceLevel(), base.flags(),
                    base.multicastLimit(), base.type(), base.name(), base.mtu(), base.com(), base.capabilities(),
                    base.tags(), base.certificatesOfOwnership(), base.specialists(), base.routes(), base.staticIps(),
                    base.rules(), base.dns(), s);
            assertEquals(s, NetworkConfig.fromDictionary(c.toDictionary()).sso());
        }
    }

    @Test
    void randomBlobsOnlyThrowMalformed() {
        SplittableRandom rnd = new SplittableRandom(6);
        String[] keys = {"n", "DNS", "RT", "I", "S", "C", "ssov", "ssoe", "aurl", "mtu", "t", "tt"};
        for (int i = 0; i < 3000; i++) {
            Dictionary d = new Dictionary().addUnsigned("v", 7).addUnsigned("nwid", 1).add("id", "0000000002");
            for (int k = 0; k < 3; k++) {
                byte[] v = new byte[rnd.nextInt(200)];
                rnd.nextBytes(v);
                if (rnd.nextBoolean() && v.length > 0) v[0] = (byte) (rnd.nextBoolean() ? 4 : 6);
                d.add(keys[rnd.nextInt(keys.length)], v);
            }
            try {
                // one round may normalize (unknown SSO version, out-of-range type); after that it is stable
                NetworkConfig c = NetworkConfig.fromDictionary(NetworkConfig.fromDictionary(d).toDictionary());
                assertEquals(c, NetworkConfig.fromDictionary(c.toDictionary()));
            } catch (MalformedException expected) {
                // fine
            }
        }
    }

    @Test
    void garbageOnlyThrowsMalformed() {
        SplittableRandom rnd = new SplittableRandom(5);
        byte[] small = hex(V.get("small").get("dictionary_hex").asText());
        for (int i = 0; i < 3000; i++) {
            byte[] g = small.clone();
            int flips = 1 + rnd.nextInt(8);
            for (int f = 0; f < flips; f++) g[rnd.nextInt(g.length)] = (byte) rnd.nextInt(256);
            if (rnd.nextBoolean()) g = java.util.Arrays.copyOf(g, rnd.nextInt(g.length));
            try {
                NetworkConfig.fromDictionary(Dictionary.parse(g)).toDictionary();
            } catch (MalformedException expected) {
                // fine
            }
        }
    }
}
