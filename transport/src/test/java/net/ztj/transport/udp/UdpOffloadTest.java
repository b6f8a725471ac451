package net.ztj.transport.udp;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** The control messages of UDP_SEGMENT and UDP_GRO as the kernel lays them out, and the rules of a segmented run. */
class UdpOffloadTest {
    @Test
    void aSegmentSizeMessageIsACmsghdrOfSolUdpUdpSegmentWithAnUnsigned16BitSize() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment control = arena.allocate(2 * UdpOffload.SPACE, 8);
            UdpOffload.writeSegmentSize(control, UdpOffload.SPACE, 1432);
            long at = UdpOffload.SPACE;
            assertEquals(18, control.get(JAVA_LONG, at), "CMSG_LEN(sizeof(uint16_t))");
            assertEquals(17, control.get(JAVA_INT, at + 8), "SOL_UDP");
            assertEquals(103, control.get(JAVA_INT, at + 12), "UDP_SEGMENT");
            assertEquals(1432, control.get(JAVA_SHORT, at + 16));
            assertEquals(0, control.get(JAVA_LONG, 0), "nothing written before it");
        }
    }

    @Test
    void theMergedSizeIsFoundAmongOtherMessagesAndMalformedOnesGiveNone() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment control = arena.allocate(64, 8);
            // an unrelated message (SOL_SOCKET, a 4-byte payload) first, then UDP_GRO
            control.set(JAVA_LONG, 0, 20);
            control.set(JAVA_INT, 8, 1);
            control.set(JAVA_INT, 12, 29);
            control.set(JAVA_LONG, 24, 20);
            control.set(JAVA_INT, 32, 17);
            control.set(JAVA_INT, 36, 104);
            control.set(JAVA_INT, 40, 1200);
            assertEquals(1200, UdpOffload.mergedSegmentSize(control, 48));
            assertEquals(0, UdpOffload.mergedSegmentSize(control, 24), "the length the kernel gave ends before it");
            assertEquals(0, UdpOffload.mergedSegmentSize(control, 0));
            control.set(JAVA_LONG, 0, 4); // shorter than a header: the walk stops
            assertEquals(0, UdpOffload.mergedSegmentSize(control, 48));
            control.set(JAVA_LONG, 0, 1000); // longer than what is there
            assertEquals(0, UdpOffload.mergedSegmentSize(control, 48));
        }
    }

    @Test
    void aMergedBufferSplitsIntoDatagramsOfTheSizeAndAShorterLastOne() {
        assertEquals(1, UdpOffload.segments(1432, 0));
        assertEquals(1, UdpOffload.segments(1000, 1432));
        assertEquals(2, UdpOffload.segments(2864, 1432));
        assertEquals(3, UdpOffload.segments(2865, 1432));
    }

    @Test
    void aRunTakesDatagramsOfItsSizeUntilAShorterOneOrTheKernelsLimits() {
        assertTrue(UdpOffload.joins(1, 1432, 1432, 1432, 1432));
        assertTrue(UdpOffload.joins(1, 1432, 1432, 1432, 100), "the last may be shorter");
        assertFalse(UdpOffload.joins(2, 1432, 1532, 100, 100), "nothing after a shorter one");
        assertFalse(UdpOffload.joins(1, 1432, 1432, 1432, 1433), "never longer than the first");
        assertFalse(UdpOffload.joins(1, 1432, 1432, 1432, 0));
        assertFalse(UdpOffload.joins(UdpOffload.MAX_SEGMENTS, 10, 640, 10, 10));
        assertFalse(UdpOffload.joins(45, 1432, 45 * 1432, 1432, 1432), "65,507 bytes at most");
        assertTrue(UdpOffload.joins(44, 1432, 44 * 1432, 1432, 1432));
    }
}
