package net.ztj.tap.offload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TcpCoalescerTest {
    private static final int PSH = 0x08, ACK = 0x10, SYN = 0x02, FIN = 0x01;
    private final TcpCoalescer coalescer = new TcpCoalescer();

    private static byte[] segment(boolean ipv4, int seq, int flags, int ipId, int length) {
        return Packets.tcpFrame(ipv4, 0, 12, seq, flags, ipId, Packets.payload(length, seq));
    }

    @ParameterizedTest(name = "ipv4={0}")
    @ValueSource(booleans = {true, false})
    void mergesInOrderSegmentsIntoOneSuperFrameTheSegmenterCutsBackIntoThemAll(boolean ipv4) {
        int mss = 1388, n = 7;
        byte[][] segments = new byte[n][];
        for (int i = 0; i < n; i++) {
            boolean last = i == n - 1;
            segments[i] = segment(ipv4, 1000 + i * mss, ACK | (last ? PSH : 0), 40 + i, last ? 500 : mss);
        }
        assertTrue(coalescer.start(segments[0], 0, segments[0].length));
        for (int i = 1; i < n; i++) assertTrue(coalescer.append(segments[i], 0, segments[i].length), "segment " + i);
        assertEquals(n, coalescer.segments());
        assertFalse(coalescer.append(segments[0], 0, segments[0].length), "closed after PSH");

        int len = coalescer.finish();
        byte[] superFrame = Arrays.copyOf(coalescer.buffer(), len);
        int ipHeader = ipv4 ? 20 : 40;
        assertEquals(VirtioNetHeader.F_NEEDS_CSUM, VirtioNetHeader.flags(superFrame, 0));
        assertEquals(ipv4 ? VirtioNetHeader.GSO_TCPV4 : VirtioNetHeader.GSO_TCPV6, VirtioNetHeader.gsoType(superFrame, 0));
        assertEquals(mss, VirtioNetHeader.gsoSize(superFrame, 0));
        assertEquals(14 + ipHeader, VirtioNetHeader.csumStart(superFrame, 0));
        assertEquals(16, VirtioNetHeader.csumOffset(superFrame, 0));
        assertEquals(14 + ipHeader + 32, VirtioNetHeader.hdrLen(superFrame, 0));
        int ip = 10 + 14;
        if (ipv4) {
            assertEquals(len - 10 - 14, Packets.u16(superFrame, ip + 2));
            assertTrue(Packets.ipv4HeaderValid(superFrame, 10));
        } else {
            assertEquals(len - 10 - 14 - 40, Packets.u16(superFrame, ip + 4));
        }
        assertEquals(ACK | PSH, superFrame[ip + ipHeader + 13] & 0xff);
        int tcpLength = len - 10 - 14 - ipHeader;
        assertEquals(Packets.pseudo(superFrame, ip, ipv4, tcpLength), Packets.u16(superFrame, ip + ipHeader + 16),
                "the partial checksum: the pseudo-header sum");

        FrameBatch again = new FrameBatch();
        assertEquals(TcpSegmenter.Result.SEGMENTED, TcpSegmenter.split(superFrame, 0, len, 1500, again));
        assertEquals(n, again.count());
        for (int i = 0; i < n; i++) {
            byte[] back = Arrays.copyOfRange(again.data(), again.offset(i), again.offset(i) + again.length(i));
            assertArrayEquals(segments[i], back, "segment " + i + " after merging and cutting again");
        }
    }

    @Test
    void aLoneSegmentIsWrittenAsItCameWithAZeroHeader() {
        byte[] s = segment(true, 1, ACK, 0, 1000);
        assertTrue(coalescer.start(s, 0, s.length));
        int len = coalescer.finish();
        assertArrayEquals(new byte[10], Arrays.copyOf(coalescer.buffer(), 10));
        assertArrayEquals(s, Arrays.copyOfRange(coalescer.buffer(), 10, len));
        assertFalse(coalescer.holding());
    }

    @Test
    void refusesWhatDoesNotContinueTheFlow() {
        byte[] first = segment(true, 1000, ACK, 1, 1000);
        assertTrue(coalescer.start(first, 0, first.length));

        assertFalse(coalescer.append(segment(true, 2001, ACK, 2, 1000), 0, first.length), "a gap in the sequence");
        assertFalse(coalescer.append(segment(true, 1000, ACK, 2, 1000), 0, first.length), "a retransmission");
        assertFalse(coalescer.append(segment(true, 2000, ACK, 2, 1001), 0, first.length + 1), "larger than the first");
        assertFalse(coalescer.append(segment(false, 2000, ACK, 2, 1000), 0, first.length + 20), "another IP version");
        assertFalse(coalescer.append(segment(true, 2000, ACK | FIN, 2, 1000), 0, first.length), "FIN");

        byte[] otherPort = segment(true, 2000, ACK, 2, 1000);
        otherPort[14 + 20 + 1]++; // source port, checksum no longer valid either way
        assertFalse(coalescer.append(otherPort, 0, otherPort.length));

        byte[] otherOptions = Packets.tcpFrame(true, 0, 8, 2000, ACK, 2, Packets.payload(1004, 2000));
        assertFalse(coalescer.append(otherOptions, 0, otherOptions.length), "other TCP options");

        byte[] badChecksum = segment(true, 2000, ACK, 2, 1000);
        badChecksum[badChecksum.length - 1] ^= 1;
        assertFalse(coalescer.append(badChecksum, 0, badChecksum.length), "a bad checksum");

        byte[] otherTtl = segment(true, 2000, ACK, 2, 1000);
        otherTtl[14 + 8] = 63;
        otherTtl[14 + 10] = 0;
        otherTtl[14 + 11] = 0;
        int c = ~Packets.naiveSum(otherTtl, 14, 20, 0) & 0xffff;
        otherTtl[14 + 10] = (byte) (c >>> 8);
        otherTtl[14 + 11] = (byte) c;
        assertFalse(coalescer.append(otherTtl, 0, otherTtl.length), "another TTL");

        assertTrue(coalescer.append(segment(true, 2000, ACK, 2, 600), 0, first.length - 400), "a shorter one ends it");
        assertFalse(coalescer.append(segment(true, 2600, ACK, 3, 600), 0, first.length - 400), "nothing after it");
        assertEquals(2, coalescer.segments());
    }

    @Test
    void startsOnlyOnDataSegmentsWithAckAlone() {
        byte[] syn = segment(true, 1, SYN | ACK, 0, 10);
        byte[] push = segment(true, 1, ACK | PSH, 0, 10);
        byte[] pureAck = Packets.tcpFrame(true, 0, 12, 1, ACK, 0, new byte[0]);
        byte[] arp = new byte[60];
        arp[12] = 0x08;
        arp[13] = 0x06;
        for (byte[] f : new byte[][] {syn, push, pureAck, arp}) {
            assertFalse(coalescer.start(f, 0, f.length));
            assertFalse(coalescer.holding());
        }
    }

    @Test
    void stopsBeforeTheIpv4LengthWouldOverflow() {
        int mss = 8000;
        byte[] s = segment(true, 0, ACK, 0, mss);
        assertTrue(coalescer.start(s, 0, s.length));
        int taken = 1;
        while (coalescer.append(s = segment(true, taken * mss, ACK, taken, mss), 0, s.length)) taken++;
        assertEquals((65535 - 20 - 32) / mss, taken);
        int len = coalescer.finish();
        assertTrue(len - 10 - 14 <= 65535);
    }
}
