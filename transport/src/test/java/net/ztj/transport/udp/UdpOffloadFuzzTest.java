package net.ztj.transport.udp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.foreign.MemorySegment;

/**
 * Jazzer target for the decoder of the control messages the kernel returns with a received buffer: any bytes give a
 * size of 0 or more and nothing throws. Corpus replayed in the normal build; {@code scripts/fuzz.sh} fuzzes it.
 */
class UdpOffloadFuzzTest {
    @FuzzTest
    void mergedSegmentSize(byte[] control) {
        MemorySegment segment = MemorySegment.ofArray(control);
        assertTrue(UdpOffload.mergedSegmentSize(segment, control.length) >= 0);
        assertTrue(UdpOffload.mergedSegmentSize(segment, control.length + 64L) >= 0);
        int size = UdpOffload.mergedSegmentSize(segment, control.length / 2);
        int length = control.length * 97;
        assertTrue(UdpOffload.segments(length, size) >= 1);
    }
}
