package net.ztj.service.config;

import net.ztj.core.wire.IpText;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ip/bits parsing and the reference's containment quirks (spec 05 §5.3). */
class IpNetworkTest {
    private static IpNetwork net(String s) {
        return IpNetwork.parse(s).orElseThrow();
    }

    private static byte[] ip(String s) {
        return IpText.parse(s);
    }

    @Test
    void parsesLikeZeroTier() {
        assertEquals("10.55.0.0/24", net("10.55.0.0/24").toString());
        assertEquals(0, net("10.1.2.3").bits());
        assertEquals(24, net("10.55.0.0/24abc").bits());
        assertEquals(65536 + 5 & 0xffff, net("10.0.0.0/65541").bits());
        assertTrue(IpNetwork.parse("nonsense").isEmpty());
        assertTrue(IpNetwork.parse("300.1.1.1/8").isEmpty());
        assertEquals("fd55::/64", net("fd55::/64").toString());
    }

    @Test
    void ipv4ComparesThePrefixBitsAndBareAddressesAdmitEveryone() {
        assertTrue(net("10.55.0.0/24").contains(ip("10.55.0.3")));
        assertFalse(net("10.55.0.0/24").contains(ip("10.55.1.3")));
        assertTrue(net("10.55.0.9/24").contains(ip("10.55.0.3")), "host bits of the entry do not matter");
        assertTrue(net("10.1.2.3").contains(ip("192.0.2.1")), "no /bits = /0");
        assertFalse(net("10.1.2.3").contains(ip("fd55::3")));
        assertTrue(net("10.55.0.3/32").contains(ip("10.55.0.3")));
    }

    @Test
    void ipv6ComparesTheMaskedClientWithTheUnmaskedEntry() {
        assertTrue(net("fd55::/64").contains(ip("fd55::3")));
        assertFalse(net("fd55::1/64").contains(ip("fd55::1")), "host bits set: never matches");
        assertFalse(net("fd55::3").contains(ip("fd55::3")), "bare address: /0 masks the client to ::");
        assertTrue(net("::").contains(ip("fd55::3")));
        assertFalse(net("fd55::/64").contains(ip("10.55.0.3")));
    }
}
