package net.ztj.core.node;

import net.ztj.core.identity.Address;

/**
 * One peer's counts, for metrics: authenticated packets received, packets sent, packets that failed authentication,
 * and its latency histogram.
 *
 * @param latencyBucketCounts observations per bucket of {@link #latencyUpperBoundsMs} (not cumulative; one more
 *                            bucket at the end for what is above the highest bound)
 * @param latencySumMs        the sum of all observations
 */
public record PeerCounters(Address address, long packetsReceived, long packetsSent, long packetErrors,
                           long[] latencyBucketCounts, long latencySumMs) {
    public PeerCounters {
        latencyBucketCounts = latencyBucketCounts.clone();
    }

    /** ZeroTier One's latency buckets: their upper bounds (ms, inclusive), but the last, which has none. */
    private static final long[] LATENCY_UPPER_BOUNDS_MS = {1, 3, 6, 10, 30, 60, 100, 300, 600, 1000};

    /** The upper bounds (ms, inclusive) of the latency buckets but the last. */
    public static long[] latencyUpperBoundsMs() {
        return LATENCY_UPPER_BOUNDS_MS.clone();
    }
}
