package net.ztj.tap.offload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpFlightTest {
    @Test
    void aFlightIsMergedIntoOneSuperFrameAndCutBackIntoTheSameSegments() throws Exception {
        byte[][] flight = TcpFlight.segments(8, 2800);
        assertEquals(8, flight.length);
        for (byte[] f : flight) {
            assertEquals(14 + 2800, f.length);
            assertTrue(Packets.ipv4HeaderValid(f, 0), "a valid IPv4 header checksum");
        }
        List<byte[]> written = new ArrayList<>();
        TcpFlowCoalescer coalescer = new TcpFlowCoalescer((frame, length, segments) -> {
            assertEquals(8, segments, "all eight merged: in order, checksums valid");
            written.add(Arrays.copyOf(frame, length));
        });
        for (byte[] f : flight) assertTrue(coalescer.add(f, 0, f.length));
        coalescer.finish();
        assertEquals(1, written.size());

        FrameBatch cut = new FrameBatch();
        assertEquals(TcpSegmenter.Result.SEGMENTED, TcpSegmenter.split(written.getFirst(), 0, written.getFirst().length, 2800, cut));
        assertEquals(8, cut.count());
        for (int i = 0; i < 8; i++) {
            byte[] back = Arrays.copyOfRange(cut.data(), cut.offset(i), cut.offset(i) + cut.length(i));
            assertArrayEquals(flight[i], back, "segment " + i);
        }
    }

    @Test
    void refusesShapesThatCarryNoSegment() {
        assertThrows(IllegalArgumentException.class, () -> TcpFlight.segments(0, 2800));
        assertThrows(IllegalArgumentException.class, () -> TcpFlight.segments(8, 40));
    }
}
