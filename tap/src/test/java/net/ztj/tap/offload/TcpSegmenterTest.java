package net.ztj.tap.offload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TcpSegmenterTest {
    private static final int FIN = 0x01, PSH = 0x08, ACK = 0x10, CWR = 0x80;

    @ParameterizedTest(name = "ipv4={0} ipOptions={1} tcpOptions={2} payload={3} gso={4} mtu={5}")
    @CsvSource({
            "true, 0, 12, 10001, 1448, 1500",  // timestamps, odd total
            "true, 2, 0, 65000, 2760, 2800",   // IP options, ZeroTier's default MTU
            "true, 0, 12, 30000, 2748, 1500",  // segments capped by the MTU, not by gso_size
            "false, 0, 12, 9999, 1428, 1500",
            "false, 0, 0, 65000, 2740, 2800",
            "false, 0, 20, 1, 1000, 1500",     // one byte: a single segment
    })
    void cutsSuperFrameIntoValidSegmentsOfTheMtu(boolean ipv4, int ipOptions, int tcpOptions, int payloadLength,
                                                 int gsoSize, int mtu) {
        byte[] payload = Packets.payload(payloadLength, payloadLength);
        int seq = 0xfffff000; // wraps around during the super-frame
        byte[] in = Packets.superFrame(ipv4, ipOptions, tcpOptions, seq, ACK | PSH | FIN | CWR, 0xfffe, payload, gsoSize);
        FrameBatch out = new FrameBatch();

        assertEquals(TcpSegmenter.Result.SEGMENTED, TcpSegmenter.split(in, 0, in.length, mtu, out));

        int ipHeader = ipv4 ? 20 + 4 * ipOptions : 40, tcpHeader = 20 + tcpOptions;
        int segmentPayload = Math.min(gsoSize, mtu - ipHeader - tcpHeader);
        int expected = (payloadLength + segmentPayload - 1) / segmentPayload;
        assertEquals(expected, out.count());
        byte[] reassembled = new byte[payloadLength];
        int at = 0;
        for (int i = 0; i < out.count(); i++) {
            byte[] d = out.data();
            int o = out.offset(i), len = out.length(i);
            int ip = o + 14, tcp = ip + ipHeader;
            int chunk = len - 14 - ipHeader - tcpHeader;
            assertTrue(len - 14 <= mtu, "IP packet within the MTU");
            assertEquals(i < expected - 1 ? segmentPayload : payloadLength - i * segmentPayload, chunk);
            if (ipv4) {
                assertEquals(len - 14, Packets.u16(d, ip + 2));
                assertEquals((0xfffe + i) & 0xffff, Packets.u16(d, ip + 4));
                assertTrue(Packets.ipv4HeaderValid(d, o), "IPv4 header checksum of segment " + i);
            } else {
                assertEquals(len - 14 - 40, Packets.u16(d, ip + 4));
            }
            assertEquals(seq + i * segmentPayload, Packets.i32(d, tcp + 4));
            int flags = d[tcp + 13] & 0xff;
            boolean last = i == expected - 1;
            assertEquals(last, (flags & (FIN | PSH)) == (FIN | PSH), "FIN and PSH only on the last");
            assertEquals(last, (flags & (FIN | PSH)) != 0);
            assertEquals(i == 0, (flags & CWR) != 0, "CWR only on the first");
            assertTrue((flags & ACK) != 0);
            assertTrue(Packets.tcpChecksumValid(d, o, len), "TCP checksum of segment " + i);
            // headers other than the rewritten fields are the super-frame's
            assertArrayEquals(Arrays.copyOfRange(in, 10, 10 + 14), Arrays.copyOfRange(d, o, o + 14));
            assertArrayEquals(Arrays.copyOfRange(in, 10 + 14 + ipHeader + 20, 10 + 14 + ipHeader + tcpHeader),
                    Arrays.copyOfRange(d, tcp + 20, tcp + tcpHeader), "TCP options copied");
            System.arraycopy(d, tcp + tcpHeader, reassembled, at, chunk);
            at += chunk;
        }
        assertArrayEquals(payload, reassembled);
    }

    @Test
    void completesThePartialChecksumOfAPlainFrame() {
        byte[] frame = Packets.tcpFrame(true, 0, 12, 77, ACK, 1, Packets.payload(333, 3));
        int tcp = 14 + 20;
        byte[] good = frame.clone();
        int partial = Packets.pseudo(frame, 14, true, frame.length - tcp);
        frame[tcp + 16] = (byte) (partial >>> 8);
        frame[tcp + 17] = (byte) partial;
        byte[] in = Packets.withHeader(frame, VirtioNetHeader.F_NEEDS_CSUM, VirtioNetHeader.GSO_NONE, 0, 0, tcp, 16);
        FrameBatch out = new FrameBatch();

        assertEquals(TcpSegmenter.Result.PLAIN, TcpSegmenter.split(in, 0, in.length, 1500, out));

        assertEquals(1, out.count());
        byte[] result = Arrays.copyOfRange(out.data(), out.offset(0), out.offset(0) + out.length(0));
        assertTrue(Packets.tcpChecksumValid(result, 0, result.length));
        assertEquals(Packets.u16(good, tcp + 16) == 0 ? 0xffff : Packets.u16(good, tcp + 16), Packets.u16(result, tcp + 16));
    }

    @Test
    void passesAFrameWithoutOffloadUnchanged() {
        byte[] frame = Packets.tcpFrame(false, 0, 0, 5, ACK, 0, Packets.payload(100, 4));
        byte[] in = Packets.withHeader(frame, 0, VirtioNetHeader.GSO_NONE, 0, 0, 0, 0);
        FrameBatch out = new FrameBatch();

        assertEquals(TcpSegmenter.Result.PLAIN, TcpSegmenter.split(in, 0, in.length, 1500, out));

        assertArrayEquals(frame, Arrays.copyOfRange(out.data(), out.offset(0), out.offset(0) + out.length(0)));
    }

    @Test
    void dropsWhatItCannotHandle() {
        FrameBatch out = new FrameBatch();
        byte[] v6 = Packets.superFrame(false, 0, 0, 1, ACK, 0, Packets.payload(5000, 5), 1400);
        byte[] claimsV4 = v6.clone();
        claimsV4[1] = VirtioNetHeader.GSO_TCPV4;
        assertEquals(TcpSegmenter.Result.DROPPED_MALFORMED, TcpSegmenter.split(claimsV4, 0, claimsV4.length, 1500, out));

        byte[] udp = v6.clone();
        udp[1] = VirtioNetHeader.GSO_UDP_L4;
        assertEquals(TcpSegmenter.Result.DROPPED_UNSUPPORTED_GSO, TcpSegmenter.split(udp, 0, udp.length, 1500, out));

        byte[] noSize = Packets.superFrame(true, 0, 0, 1, ACK, 0, Packets.payload(5000, 5), 0);
        assertEquals(TcpSegmenter.Result.DROPPED_MALFORMED, TcpSegmenter.split(noSize, 0, noSize.length, 1500, out));

        byte[] badOffsets = Packets.withHeader(Packets.tcpFrame(true, 0, 0, 1, ACK, 0, new byte[10]),
                VirtioNetHeader.F_NEEDS_CSUM, VirtioNetHeader.GSO_NONE, 0, 0, 60, 16);
        assertEquals(TcpSegmenter.Result.DROPPED_MALFORMED, TcpSegmenter.split(badOffsets, 0, badOffsets.length, 1500, out));

        assertEquals(TcpSegmenter.Result.DROPPED_TRUNCATED, TcpSegmenter.split(new byte[20], 0, 20, 1500, out));

        FrameBatch small = new FrameBatch(4096, 4);
        assertEquals(TcpSegmenter.Result.DROPPED_BATCH_FULL, TcpSegmenter.split(v6, 0, v6.length, 1500, small));
        assertEquals(0, out.count() + small.count(), "nothing appended by a drop");
    }
}
