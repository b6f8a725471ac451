package net.ztj.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** packets.json → inetaddress, IPv6 text, and the scope table (spec 02 §7.1, §11.3). */
class EndpointTest {
    @Test
    void inetAddressVectors() {
        for (JsonNode c : Vectors.json("packets.json").get("inetaddress")) {
            byte[] ser = Vectors.hex(c.get("serialized"));
            Endpoint e = Endpoint.read(new ByteReader(ser));
            ByteWriter w = new ByteWriter();
            Endpoint.write(w, e);
            assertEquals(c.get("serialized").asText(), Vectors.toHex(w.toByteArray()));
            if (c.get("address").asText().equals("(none)")) {
                assertNull(e);
            } else {
                assertEquals(c.get("address").asText(), e.toString());
                assertEquals(e, Endpoint.parse(c.get("address").asText()));
                assertEquals(c.get("ip_scope").asInt(), e.scope().code);
            }
        }
    }

    @Test
    void ipv6TextIsCompressedLikeInetNtop() {
        String[] forms = {"fcda:71d8:7ced:7e70:d932::1", "::", "::1", "2001:db8::", "1:0:0:1::1", "1::1:1:0:0:1",
                "fe80::1234", "1:2:3:4:5:6:7:8", "::ffff:10.1.2.3"};
        for (String f : forms) assertEquals(f, IpText.format(IpText.parse(f)), f);
        assertEquals("1:0:1:1:1:1:1:1", IpText.format(IpText.parse("1:0:1:1:1:1:1:1")));
        assertEquals("1::1:1:0:0:1", IpText.format(IpText.parse("1:0:0:1:1:0:0:1")));
    }

    @Test
    void scopes() {
        assertEquals(Endpoint.Scope.PRIVATE, Endpoint.parse("192.168.1.1/1").scope());
        assertEquals(Endpoint.Scope.PRIVATE, Endpoint.parse("172.20.0.1/1").scope());
        assertEquals(Endpoint.Scope.SHARED, Endpoint.parse("100.64.0.1/1").scope());
        assertEquals(Endpoint.Scope.LOOPBACK, Endpoint.parse("127.0.0.1/1").scope());
        assertEquals(Endpoint.Scope.LINK_LOCAL, Endpoint.parse("169.254.3.4/1").scope());
        assertEquals(Endpoint.Scope.MULTICAST, Endpoint.parse("224.0.0.1/1").scope());
        assertEquals(Endpoint.Scope.PSEUDOPRIVATE, Endpoint.parse("25.1.1.1/1").scope());
        assertEquals(Endpoint.Scope.GLOBAL, Endpoint.parse("8.8.8.8/53").scope());
        assertEquals(Endpoint.Scope.PRIVATE, Endpoint.parse("fd00::1/1").scope());
        assertEquals(Endpoint.Scope.LOOPBACK, Endpoint.parse("::1/1").scope());
    }

    @Test
    void badInputIsMalformed() {
        assertThrows(MalformedException.class, () -> Endpoint.read(new ByteReader(new byte[] {0x05})));
        assertThrows(MalformedException.class, () -> Endpoint.read(new ByteReader(new byte[] {0x04, 1, 2})));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("1.2.3/4"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("1:2:3:4:5:6:7:8:9/4"));
        assertThrows(IllegalArgumentException.class, () -> IpText.parse("1::2::3"));
    }
}
