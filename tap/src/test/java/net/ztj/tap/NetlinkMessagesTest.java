package net.ztj.tap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import net.ztj.linux.Errno;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Byte-exact rtnetlink requests and decoding of kernel answers; needs no root. */
class NetlinkMessagesTest {
    private static final HexFormat HEX = HexFormat.of();

    @BeforeEach
    void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN,
                "the expected bytes are written for a little-endian host (netlink uses host order)");
    }

    private static byte[] hex(String spaced) {
        return HEX.parseHex(spaced.replaceAll("[\\s|]", ""));
    }

    @Test
    void newIpv4AddressHasLocalAddressBroadcastAndPaddedLabel() {
        byte[] m = RtnlMessages.newAddress(0x01020304, 7, "ztezodum4a", IpPrefix.parse("10.147.20.130/24"));
        assertArrayEquals(hex("""
                40000000 1400 0506 04030201 00000000
                02 18 80 00 07000000
                0800 0200 0a931482
                0800 0100 0a931482
                0800 0400 0a9314ff
                0f00 0300 7a74657a6f64756d3461 00 00
                """), m, HEX.formatHex(m));
    }

    @Test
    void newIpv6AddressHasNoBroadcastNorLabel() {
        byte[] m = RtnlMessages.newAddress(9, 3, "zt0", IpPrefix.parse("fd93:155e:b549:6486:c999:93ed:7e70:d932/88"));
        assertArrayEquals(hex("""
                40000000 1400 0506 09000000 00000000
                0a 58 80 00 03000000
                1400 0200 fd93155eb5496486c99993ed7e70d932
                1400 0100 fd93155eb5496486c99993ed7e70d932
                """), m, HEX.formatHex(m));
    }

    @Test
    void ipv4SlashThirtyTwoHasNoBroadcast() {
        byte[] m = RtnlMessages.newAddress(1, 3, "zt0", IpPrefix.parse("10.0.0.1/32"));
        assertEquals(16 + 8 + 8 + 8 + 8, m.length);
    }

    @Test
    void deleteAddress() {
        byte[] m = RtnlMessages.deleteAddress(2, 7, IpPrefix.parse("10.147.20.130/24"));
        assertArrayEquals(hex("""
                28000000 1500 0500 02000000 00000000
                02 18 00 00 07000000
                0800 0200 0a931482
                0800 0100 0a931482
                """), m, HEX.formatHex(m));
    }

    @Test
    void newRouteWithGatewayAndPriorityInMainTableProtoStatic() throws Exception {
        byte[] m = RtnlMessages.newRoute(1, IpPrefix.parse("192.168.77.9/24"), InetAddress.getByName("10.147.20.1"), 7,
                Netlink.ZEROTIER_ROUTE_METRIC);
        assertArrayEquals(hex("""
                3c000000 1800 0506 01000000 00000000
                02 18 00 00 fe 04 00 01 00000000
                0800 0100 c0a84d00
                0800 0500 0a931401
                0800 0400 07000000
                0800 0600 88130000
                """), m, HEX.formatHex(m));
    }

    @Test
    void deleteRouteWithoutGatewayOrMetricNamesInterfaceAndMatchesAnyScope() {
        byte[] m = RtnlMessages.deleteRoute(4, IpPrefix.parse("8000::/1"), null, 12, 0);
        assertArrayEquals(hex("""
                38000000 1900 0500 04000000 00000000
                0a 01 00 00 fe 04 ff 00 00000000
                1400 0100 80000000000000000000000000000000
                0800 0400 0c000000
                """), m, HEX.formatHex(m));
    }

    @Test
    void getLinkByNameAndDumpAddresses() {
        assertArrayEquals(hex("""
                28000000 1200 0100 05000000 00000000
                00 00 0000 00000000 00000000 00000000
                0800 0300 6c6f3000
                """), RtnlMessages.getLink(5, "lo0"));
        assertArrayEquals(hex("""
                18000000 1600 0103 06000000 00000000
                00 00 00 00 00000000
                """), RtnlMessages.dumpAddresses(6));
    }

    @Test
    void errorAckCarriesPositiveErrnoAndPlainAckIsZero() throws Exception {
        List<RtnlMessages.Message> eexist = RtnlMessages.split(ByteBuffer.wrap(hex("""
                24000000 0200 0001 05000000 d2040000
                efffffff
                3c000000 1800 0506 05000000 00000000
                """)));
        assertEquals(1, eexist.size());
        RtnlMessages.Message m = eexist.getFirst();
        assertEquals(RtnlMessages.NLMSG_ERROR, m.type());
        assertEquals(5, m.seq());
        assertEquals(1234, m.pid());
        assertEquals(Errno.EEXIST, RtnlMessages.errno(m));
        assertEquals("could not add route: File exists (EEXIST)",
                new NativeCallException("could not add route", RtnlMessages.errno(m)).getMessage());

        RtnlMessages.Message ack = RtnlMessages.split(ByteBuffer.wrap(hex("""
                24000000 0200 0001 06000000 d2040000
                00000000
                3c000000 1800 0506 06000000 00000000
                """))).getFirst();
        assertEquals(0, RtnlMessages.errno(ack));
    }

    @Test
    void multiPartAddressDumpUntilDone() throws Exception {
        byte[] datagram = hex("""
                40000000 1400 0200 07000000 d2040000
                02 18 80 00 07000000
                0800 0100 0a931482
                0800 0200 0a931482
                0800 0400 0a9314ff
                0f00 0300 7a74657a6f64756d3461 00 00
                3c000000 1400 0200 07000000 d2040000
                0a 40 00 fd 07000000
                1400 0100 fe80000000000000c86b1afffe396c6c
                0800 0800 c0000000
                0800 0400 01020304
                14000000 0300 0200 07000000 d2040000
                00000000
                """);
        List<RtnlMessages.Message> messages = RtnlMessages.split(ByteBuffer.wrap(datagram));
        assertEquals(3, messages.size());
        assertEquals(RtnlMessages.NLM_F_MULTI, messages.get(0).flags());
        assertEquals(RtnlMessages.NLMSG_DONE, messages.get(2).type());

        LinkAddress v4 = RtnlMessages.address(messages.get(0));
        assertEquals(new LinkAddress(7, IpPrefix.parse("10.147.20.130/24"), "ztezodum4a", 0x80), v4);
        LinkAddress v6 = RtnlMessages.address(messages.get(1));
        assertEquals(new LinkAddress(7, IpPrefix.parse("fe80::c86b:1aff:fe39:6c6c/64"), "", 0xc0), v6);
    }

    @Test
    void addressOfUnknownFamilyOrWithoutAddressIsNull() throws Exception {
        RtnlMessages.Message noAddress = RtnlMessages.split(ByteBuffer.wrap(hex("""
                18000000 1400 0200 07000000 00000000
                02 18 80 00 07000000
                """))).getFirst();
        assertNull(RtnlMessages.address(noAddress));
        RtnlMessages.Message wrongLength = RtnlMessages.split(ByteBuffer.wrap(hex("""
                20000000 1400 0200 07000000 00000000
                02 18 80 00 07000000
                0800 0100 0a931482
                """.replace("0800 0100 0a931482", "0700 0100 0a9314 00")))).getFirst();
        assertNull(RtnlMessages.address(wrongLength));
    }

    @Test
    void malformedLengthsAreProtocolErrorsNotCrashes() {
        assertThrows(ProtocolException.class, () -> RtnlMessages.split(ByteBuffer.wrap(hex(
                "ff000000 1400 0200 07000000 00000000 02180000"))));
        assertThrows(ProtocolException.class, () -> RtnlMessages.split(ByteBuffer.wrap(hex(
                "08000000 1400 0200 07000000 00000000"))));
        assertThrows(ProtocolException.class, () -> RtnlMessages.address(RtnlMessages.split(ByteBuffer.wrap(hex("""
                1c000000 1400 0200 07000000 00000000
                02 18 80 00 07000000
                4000 0100
                """))).getFirst()));
        assertThrows(ProtocolException.class, () -> RtnlMessages.errno(new RtnlMessages.Message(
                RtnlMessages.NLMSG_ERROR, 0, 0, 0, ByteBuffer.allocate(2))));
        assertEquals(List.of(), assertDoesNotThrow(() -> RtnlMessages.split(ByteBuffer.wrap(new byte[7]))));
    }

    private static <T> T assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<T> s) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(s);
    }
}
