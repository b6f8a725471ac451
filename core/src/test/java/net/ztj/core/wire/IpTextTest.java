package net.ztj.core.wire;

import net.ztj.core.network.config.IpNetworkPrefix;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * IP address text is ZeroTier One's: its InetAddress::toIpString is glibc's inet_ntop. The expected texts below
 * were produced by glibc's inet_ntop (through Python's socket.inet_ntop) from the hex bytes beside them; the first
 * ones are chosen edge cases (embedded IPv4, ties between zero runs, single zero groups, a 6PLANE address), the
 * rest random groups biased towards 0, 1 and ffff.
 */
class IpTextTest {
    private static final List<String> INET_NTOP = List.of(
            "00000000000000000000000000000000 ::",
            "00000000000000000000000000000001 ::1",
            "00000000000000000000000000000002 ::2",
            "00000000000000000000000001020304 ::1.2.3.4",
            "00000000000000000000ffff01020304 ::ffff:1.2.3.4",
            "00000000000000000000ffff00000000 ::ffff:0.0.0.0",
            "0000000000000000ffff000001020304 ::ffff:0:102:304",
            "00000000000000000000000101020304 ::1:102:304",
            "00010000000000020000000000000003 1:0:0:2::3",
            "00010000000000020000000000030004 1::2:0:0:3:4",
            "00010000000200030004000500060007 1:0:2:3:4:5:6:7",
            "00000000000100000000000000000000 0:0:1::",
            "00010000000000000000000000000000 1::",
            "fe800000000000000000000000000001 fe80::1",
            "ff0200000000000000000001ff000001 ff02::1:ff00:1",
            "20010db8000000000000000000000000 2001:db8::",
            "20010db8000000000001000000000001 2001:db8::1:0:0:1",
            "20010db8000000010001000100010001 2001:db8:0:1:1:1:1:1",
            "fc48053d2f8f1e6cd4c7000000000001 fc48:53d:2f8f:1e6c:d4c7::1",
            "fd123456789abcde0f9993aabbccddee fd12:3456:789a:bcde:f99:93aa:bbcc:ddee",
            "00000000000000000000000000010000 ::0.1.0.0",
            "00000001000000000000000000000000 0:1::",
            "00000000000000000000ffff0000ffff ::ffff:0.0.255.255",
            "0001ffff000000018e17000000000000 1:ffff:0:1:8e17::",
            "00000000000100000001596e9b300000 ::1:0:1:596e:9b30:0",
            "0000ffff000000000000ffff0000a0f4 0:ffff::ffff:0:a0f4",
            "00010000ffff0000000000000000ffff 1:0:ffff::ffff",
            "0000ffffffff00000001000000010001 0:ffff:ffff:0:1:0:1:1",
            "7daf0000000000010000000000000001 7daf:0:0:1::1",
            "000000000000000000010001fdd47b99 ::1:1:fdd4:7b99",
            "ffffffff0000000100010001ffff0001 ffff:ffff:0:1:1:1:ffff:1",
            "ffff0000000000010000000000000001 ffff:0:0:1::1",
            "0001ffff000084ab0001a8204ea80000 1:ffff:0:84ab:1:a820:4ea8:0",
            "10d864220000000000000000ffff0000 10d8:6422::ffff:0",
            "53440000ffff00000000ffff00010000 5344:0:ffff::ffff:1:0",
            "00010001000000000000ffff00010000 1:1::ffff:1:0",
            "000000000000000163220001ffffffff ::1:6322:1:ffff:ffff",
            "0001e21f0000000100010000bbe90000 1:e21f:0:1:1:0:bbe9:0",
            "d4dcffff0000a7c30000ffff00000000 d4dc:ffff:0:a7c3:0:ffff::",
            "0000ffff00000001ffffffff00010000 0:ffff:0:1:ffff:ffff:1:0",
            "ffff000000000001ffff0000ffff0000 ffff::1:ffff:0:ffff:0",
            "0ff10000000100000001ffffe73affff ff1:0:1:0:1:ffff:e73a:ffff",
            "0000000000010000dda400005ffbffff ::1:0:dda4:0:5ffb:ffff",
            "0000000000000000ffff000000000000 ::ffff:0:0:0",
            "ffff000000000000000100000000ffff ffff::1:0:0:ffff",
            "0000000000000000d8659f26ffff0000 ::d865:9f26:ffff:0",
            "ffffffff000050ecc5d700000000ffff ffff:ffff:0:50ec:c5d7::ffff",
            "00000000ffff0000000008d900005b3b ::ffff:0:0:8d9:0:5b3b",
            "0000a61f00000000000000000001ffff 0:a61f::1:ffff",
            "00000000000000000000077dde32ffff ::77d:de32:ffff",
            "00000000ffff0001000000010001baaa ::ffff:1:0:1:1:baaa",
            "00000000000000000000ffff0000ffff ::ffff:0.0.255.255",
            "0000000084f2ffff4ab81e62ffff1ee3 ::84f2:ffff:4ab8:1e62:ffff:1ee3");

    @Test
    void ipv6IsWrittenAsInetNtopWritesIt() {
        for (String c : INET_NTOP) {
            String hex = c.substring(0, 32), text = c.substring(33);
            assertEquals(text, IpText.format(Vectors.hex(hex)), hex);
        }
    }

    @Test
    void everyExpectedTextParsesBackToItsBytes() {
        for (String c : INET_NTOP) {
            assertArrayEquals(Vectors.hex(c.substring(0, 32)), IpText.parse(c.substring(33)), c);
        }
    }

    @Test
    void ipv4IsADottedQuad() {
        assertEquals("10.147.20.1", IpText.format(new byte[] {10, (byte) 147, 20, 1}));
        assertEquals("255.0.0.0", IpText.format(new byte[] {(byte) 255, 0, 0, 0}));
    }

    @Test
    void prefixesOfANetworkConfigUseTheSameText() {
        // a ZeroTier 6PLANE and an RFC 4193 address as the /network API and listnetworks print them
        IpNetworkPrefix sixPlane = new IpNetworkPrefix(Vectors.hex("fc48053d2f8f1e6cd4c7000000000001"), 40);
        assertEquals("fc48:53d:2f8f:1e6c:d4c7::1/40", sixPlane.toString());
        IpNetworkPrefix rfc4193 = new IpNetworkPrefix(Vectors.hex("fd8056c2e21c000199930ba1d8d6c38a"), 88);
        assertEquals("fd80:56c2:e21c:1:9993:ba1:d8d6:c38a/88", rfc4193.toString());
        IpNetworkPrefix route = new IpNetworkPrefix(Vectors.hex("fd8056c2e21c00010000000000000000"), 64);
        assertEquals("fd80:56c2:e21c:1::/64", route.toString());
        assertEquals("10.147.20.0/24", new IpNetworkPrefix(new byte[] {10, (byte) 147, 20, 0}, 24).toString());
    }

    @Test
    void otherLengthsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> IpText.format(new byte[5]));
    }
}
