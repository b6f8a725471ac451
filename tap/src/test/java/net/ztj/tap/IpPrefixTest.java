package net.ztj.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Address/prefix arithmetic used by the netlink requests; needs no root. */
class IpPrefixTest {
    @Test
    void networkAndBroadcast() {
        IpPrefix p = IpPrefix.parse("10.147.20.130/24");
        assertEquals(IpPrefix.parse("10.147.20.0/24"), p.network());
        assertEquals("10.147.20.255", p.broadcast().getHostAddress());
        assertEquals("10.147.23.255", IpPrefix.parse("10.147.20.130/22").broadcast().getHostAddress());
        assertEquals(IpPrefix.parse("fd93:155e:b500::/40"), IpPrefix.parse("fd93:155e:b549:6486::1/40").network());
        assertEquals(IpPrefix.parse("0.0.0.0/0"), IpPrefix.parse("1.2.3.4/0").network());
        assertFalse(p.isIpv6());
        assertTrue(IpPrefix.parse("::/0").isIpv6());
    }

    @Test
    void defaultRouteSplitsIntoTwoHalves() {
        assertEquals(List.of(IpPrefix.parse("0.0.0.0/1"), IpPrefix.parse("128.0.0.0/1")),
                IpPrefix.parse("0.0.0.0/0").kernelRouteTargets());
        assertEquals(List.of(IpPrefix.parse("::/1"), IpPrefix.parse("8000::/1")), IpPrefix.parse("::/0").kernelRouteTargets());
        assertEquals(List.of(IpPrefix.parse("192.168.77.0/24")), IpPrefix.parse("192.168.77.1/24").kernelRouteTargets());
    }

    @Test
    void badTextAndLengthsAreRejectedWithoutLookup() {
        for (String bad : List.of("", "/24", "10.0.0.1", "10.0.0.1/", "10.0.0.1/33", "::1/129", "10.0.0.1/-1",
                "example.com/24", "abc/8", "10.0.0/8", "10.0.0.1/x", "::g/64")) {
            assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse(bad), bad);
        }
        assertThrows(IllegalStateException.class, () -> IpPrefix.parse("fd00::1/64").broadcast());
    }
}
