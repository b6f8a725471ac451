package net.ztj.core.node.peer;

import net.ztj.core.node.PeerCounters;

/**
 * A peer's latency as ZeroTier One's {@code zt_peer_latency} histogram has it: one observation (ms) each time the
 * peer is pinged, 0xffff when it has no path, counted in the buckets of {@link PeerCounters#latencyUpperBoundsMs}
 * and one above them. Node thread only.
 */
public final class LatencyHistogram {
    private static final long[] UPPER_BOUNDS_MS = PeerCounters.latencyUpperBoundsMs();
    /** What is observed when the peer has no path or no measured latency. */
    public static final int UNKNOWN_MS = 0xffff;

    private final long[] counts = new long[UPPER_BOUNDS_MS.length + 1];
    private long sumMs;

    public void observe(long ms) {
        int i = 0;
        while (i < UPPER_BOUNDS_MS.length && ms > UPPER_BOUNDS_MS[i]) i++;
        counts[i]++;
        sumMs += ms;
    }

    /** Observations per bucket (not cumulative), the last one above the highest bound. */
    public long[] counts() {
        return counts.clone();
    }

    public long sumMs() {
        return sumMs;
    }
}
