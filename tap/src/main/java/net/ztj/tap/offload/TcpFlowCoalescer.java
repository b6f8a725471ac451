package net.ztj.tap.offload;

import java.io.IOException;

/**
 * Receive-side coalescing of several TCP flows at once: one {@link TcpCoalescer} per flow, up to {@link #MAX_FLOWS},
 * so that interleaved streams (four iperf3 streams, a download beside an SSH session) each grow a super-frame instead
 * of flushing each other's at almost every frame. Order is kept per flow, as GRO keeps it: a frame of a held flow
 * that does not continue its super-frame is written after it; frames of different flows may pass each other.
 *
 * <p>{@link #add} takes a frame or says the caller must write it as a plain frame now; what it finishes on the way
 * (a flow's super-frame that the frame does not continue, the oldest one when every slot is held) goes to the
 * {@link Writer}. {@link #finish} writes every held super-frame (at the end of a batch). Not thread-safe: the tap's
 * writer owns it. A slot's 64 KiB buffer is made when a flow first needs it, so a port that sees one flow uses one.
 */
public final class TcpFlowCoalescer {
    /** Flows held at once. */
    public static final int MAX_FLOWS = 8;

    /** Takes finished super-frames (or single segments with an all-zero virtio header). */
    @FunctionalInterface
    public interface Writer {
        /**
         * @param frame    holds the virtio header and the frame at {@code frame[0..length)}; valid during the call
         * @param segments how many received segments it merges (1: a plain frame)
         */
        void write(byte[] frame, int length, int segments) throws IOException;
    }

    private final Writer writer;
    private final TcpCoalescer[] flows = new TcpCoalescer[MAX_FLOWS];
    private final long[] startedAt = new long[MAX_FLOWS];
    private int slots;
    private long starts;

    public TcpFlowCoalescer(Writer writer) {
        this.writer = writer;
    }

    /** Whether any super-frame is held. */
    public boolean holding() {
        for (int i = 0; i < slots; i++) {
            if (flows[i].holding()) return true;
        }
        return false;
    }

    /** Flows with a super-frame held. */
    public int heldFlows() {
        int n = 0;
        for (int i = 0; i < slots; i++) {
            if (flows[i].holding()) n++;
        }
        return n;
    }

    /**
     * Takes the frame into a held super-frame (true), or returns false when the caller must write it now as a plain
     * frame (it is not a TCP segment that can be merged); in both cases what of its own flow was held before it has
     * been written first.
     */
    public boolean add(byte[] b, int off, int len) throws IOException {
        int free = -1;
        for (int i = 0; i < slots; i++) {
            TcpCoalescer flow = flows[i];
            if (flow.holdsFlowOf(b, off, len)) {
                if (flow.append(b, off, len)) return true;
                write(i);
                return begin(i, b, off, len);
            }
            if (free < 0 && !flow.holding()) free = i;
        }
        if (free < 0 && slots < MAX_FLOWS) {
            free = slots;
            flows[slots++] = new TcpCoalescer();
        }
        if (free < 0) {
            if (!tcp(b, off, len)) return false; // no reason to end a flow's super-frame
            free = oldest();
            write(free);
        }
        return begin(free, b, off, len);
    }

    /** Whether the frame is IPv4 or IPv6 carrying TCP (a cheap look, before anything is evicted for it). */
    private static boolean tcp(byte[] b, int off, int len) {
        if (len < TcpSegmenter.ETHERNET + TcpSegmenter.IPV6_HEADER) return false;
        int etherType = Be.u16(b, off + TcpSegmenter.ETHERTYPE), ip = off + TcpSegmenter.ETHERNET;
        if (etherType == TcpSegmenter.ETHERTYPE_IPV4) return (b[ip + 9] & 0xff) == TcpSegmenter.PROTOCOL_TCP;
        return etherType == TcpSegmenter.ETHERTYPE_IPV6 && (b[ip + 6] & 0xff) == TcpSegmenter.PROTOCOL_TCP;
    }

    /** Writes every held super-frame. */
    public void finish() throws IOException {
        for (int i = 0; i < slots; i++) {
            if (flows[i].holding()) write(i);
        }
    }

    private boolean begin(int slot, byte[] b, int off, int len) {
        if (!flows[slot].start(b, off, len)) return false;
        startedAt[slot] = starts++;
        return true;
    }

    private int oldest() {
        int oldest = 0;
        for (int i = 1; i < slots; i++) {
            if (startedAt[i] < startedAt[oldest]) oldest = i;
        }
        return oldest;
    }

    private void write(int slot) throws IOException {
        TcpCoalescer flow = flows[slot];
        int segments = flow.segments();
        int length = flow.finish();
        writer.write(flow.buffer(), length, segments);
    }
}
