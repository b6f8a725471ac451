package net.ztj.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.ztj.tap.offload.TcpFlowCoalescer;
import org.junit.jupiter.api.Test;

/**
 * The tap's warm-up: its TCP segment is one the coalescer takes (so the warm-up trains both of its branches), and every
 * frame it writes (held or not) comes back out of its pipe.
 */
class WarmUpSegmentTest {
    @Test
    void theCoalescerTakesTheSegmentAndNotTheOtherFrame() throws Exception {
        List<Integer> written = new ArrayList<>();
        TcpFlowCoalescer coalescer = new TcpFlowCoalescer((frame, length, segments) -> written.add(segments));
        byte[] segment = LinuxTap.warmUpSegment();
        assertTrue(coalescer.add(segment, 0, segment.length), "held as the start of a super-frame");
        assertFalse(coalescer.add(new byte[98], 0, 98), "not TCP: written as it is");
        coalescer.finish();
        assertEquals(List.of(1), written);
    }

    @Test
    void theWarmUpReadsBackEveryFrameItWrote() throws Exception {
        assertEquals(64, LinuxTap.warmUp(64));
    }
}
