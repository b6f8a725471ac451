package net.ztj.tap.offload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Several interleaved TCP flows each grow their own super-frame; what comes out, cut again by the segmenter, is
 * every segment once, in order within its flow.
 */
class TcpFlowCoalescerTest {
    private static final int PSH = 0x08, ACK = 0x10, MSS = 1388;

    private record Written(byte[] frame, int segments) {}

    private final List<Written> written = new ArrayList<>();
    private final TcpFlowCoalescer coalescer =
            new TcpFlowCoalescer((frame, length, segments) -> written.add(new Written(Arrays.copyOf(frame, length), segments)));

    /** Segment {@code index} of a flow (source port): its sequence number and IPv4 id follow from the index. */
    private static byte[] segment(int port, int index, int flags, int length) {
        int seq = 1000 + index * MSS;
        return Packets.tcpFrame(true, 0, 12, port, seq, flags, index, Packets.payload(length, seq * 31L + port));
    }

    /** The frames of everything written, super-frames cut back into segments, per source port in write order. */
    private List<byte[]> cutBack(int port) {
        List<byte[]> frames = new ArrayList<>();
        for (Written w : written) {
            FrameBatch batch = new FrameBatch();
            TcpSegmenter.Result r = TcpSegmenter.split(w.frame(), 0, w.frame().length, 1500, batch);
            assertTrue(r == TcpSegmenter.Result.SEGMENTED || r == TcpSegmenter.Result.PLAIN, r.toString());
            for (int i = 0; i < batch.count(); i++) {
                byte[] f = Arrays.copyOfRange(batch.data(), batch.offset(i), batch.offset(i) + batch.length(i));
                if (Packets.u16(f, 14 + 20) == port) frames.add(f);
            }
        }
        return frames;
    }

    @Test
    void fourInterleavedFlowsEachBecomeOneSuperFrame() throws Exception {
        int flows = 4, perFlow = 20;
        List<List<byte[]>> sent = new ArrayList<>();
        for (int f = 0; f < flows; f++) sent.add(new ArrayList<>());
        for (int i = 0; i < perFlow; i++) {
            for (int f = 0; f < flows; f++) {
                byte[] s = segment(40000 + f, i, ACK, MSS);
                sent.get(f).add(s);
                assertTrue(coalescer.add(s, 0, s.length), "flow " + f + " segment " + i);
            }
        }
        assertEquals(flows, coalescer.heldFlows());
        assertTrue(written.isEmpty(), "nothing written before the end of the batch");
        coalescer.finish();
        assertFalse(coalescer.holding());
        assertEquals(flows, written.size());
        for (Written w : written) assertEquals(perFlow, w.segments());
        for (int f = 0; f < flows; f++) {
            List<byte[]> back = cutBack(40000 + f);
            assertEquals(perFlow, back.size());
            for (int i = 0; i < perFlow; i++) assertArrayEquals(sent.get(f).get(i), back.get(i), "flow " + f + " segment " + i);
        }
    }

    @Test
    void aFrameOfAHeldFlowThatDoesNotContinueItComesAfterIt() throws Exception {
        byte[] a1 = segment(40000, 0, ACK, MSS), a2 = segment(40000, 1, ACK, MSS);
        byte[] b1 = segment(40001, 3, ACK, MSS);
        byte[] gap = segment(40000, 5, ACK, MSS); // a gap: must not join, must not pass a1+a2
        assertTrue(coalescer.add(a1, 0, a1.length));
        assertTrue(coalescer.add(b1, 0, b1.length));
        assertTrue(coalescer.add(a2, 0, a2.length));
        assertTrue(coalescer.add(gap, 0, gap.length));
        assertEquals(1, written.size(), "flow 40000's super-frame went out before the frame that did not continue it");
        assertEquals(2, written.get(0).segments());
        coalescer.finish();
        List<byte[]> back = cutBack(40000);
        assertEquals(3, back.size());
        assertArrayEquals(a1, back.get(0));
        assertArrayEquals(a2, back.get(1));
        assertArrayEquals(gap, back.get(2));
    }

    @Test
    void aFrameTheCoalescerCannotTakeIsForTheCallerAfterItsFlowsHeldData() throws Exception {
        byte[] a1 = segment(40000, 0, ACK, MSS);
        byte[] push = segment(40000, 1, ACK | PSH, 100); // continues and closes
        byte[] pureAck = Packets.tcpFrame(true, 0, 12, 40000, 1000 + MSS + 100, ACK, 9, new byte[0]);
        byte[] arp = new byte[60];
        arp[12] = 0x08;
        arp[13] = 0x06;
        assertTrue(coalescer.add(a1, 0, a1.length));
        assertFalse(coalescer.add(arp, 0, arp.length), "not TCP: the caller writes it; other flows stay held");
        assertTrue(coalescer.holding());
        assertTrue(coalescer.add(push, 0, push.length));
        assertFalse(coalescer.add(pureAck, 0, pureAck.length), "no payload: plain");
        assertEquals(1, written.size(), "its flow's super-frame was written first");
        assertEquals(2, written.get(0).segments());
        assertFalse(coalescer.holding());
    }

    @Test
    void moreFlowsThanSlotsWriteTheOldestAndLoseNothing() throws Exception {
        int flows = TcpFlowCoalescer.MAX_FLOWS + 3, rounds = 5;
        Random random = new Random(3);
        int[] next = new int[flows];
        List<List<byte[]>> sent = new ArrayList<>();
        for (int f = 0; f < flows; f++) sent.add(new ArrayList<>());
        for (int i = 0; i < flows * rounds; i++) {
            int f = random.nextInt(flows);
            byte[] s = segment(41000 + f, next[f]++, ACK, MSS);
            sent.get(f).add(s);
            assertTrue(coalescer.add(s, 0, s.length));
            assertTrue(coalescer.heldFlows() <= TcpFlowCoalescer.MAX_FLOWS);
        }
        coalescer.finish();
        int segments = written.stream().mapToInt(Written::segments).sum();
        assertEquals(flows * rounds, segments);
        for (int f = 0; f < flows; f++) {
            List<byte[]> back = cutBack(41000 + f);
            assertEquals(sent.get(f).size(), back.size());
            for (int i = 0; i < back.size(); i++) assertArrayEquals(sent.get(f).get(i), back.get(i));
        }
    }
}
