package net.ztj.core.network.addressing;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.core.identity.Address;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** networks_ipv6_addresses.json: RFC4193 /88 and 6PLANE /40 addresses, text and bytes (03 §2.4). */
class Ipv6AddressVectorsTest {
    @Test
    void everyCase() {
        JsonNode cases = Vectors.json("networks_ipv6_addresses.json").get("cases");
        assertEquals(3, cases.size());
        for (JsonNode c : cases) {
            NetworkId n = NetworkId.parse(c.get("networkId").asText());
            Address a = Address.parse(c.get("address").asText());
            ManagedIpv6 rfc = ManagedIpv6.rfc4193(n, a);
            assertEquals(c.get("rfc4193").asText(), rfc.addressText());
            assertEquals(c.get("rfc4193_bytes").asText(), Vectors.toHex(rfc.bytes()));
            assertEquals(c.get("rfc4193_prefix_bits").asInt(), rfc.prefixBits());
            ManagedIpv6 six = ManagedIpv6.sixPlane(n, a);
            assertEquals(c.get("sixplane").asText(), six.addressText());
            assertEquals(c.get("sixplane_bytes").asText(), Vectors.toHex(six.bytes()));
            assertEquals(c.get("sixplane_prefix_bits").asInt(), six.prefixBits());
        }
    }

    @Test
    void specExamples() {
        NetworkId n = NetworkId.parse("5a1a7e56c0794231");
        Address a = Address.parse("5a1a7e56c0");
        assertEquals("fd5a:1a7e:56c0:7942:3199:935a:1a7e:56c0/88", ManagedIpv6.rfc4193(n, a).toString());
        assertEquals("fc9a:633c:675a:1a7e:56c0::1/40", ManagedIpv6.sixPlane(n, a).toString());
    }
}
