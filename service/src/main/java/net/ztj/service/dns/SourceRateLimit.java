package net.ztj.service.dns;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per source address: {@code perSecond} queries a second, bursts of twice that. The table is
 * bounded: when it holds {@value #MAX_SOURCES} sources, those whose bucket has refilled are forgotten (a full bucket
 * is the same as none), and if that frees nothing the table starts over.
 */
public final class SourceRateLimit {
    static final int MAX_SOURCES = 8192;

    private final double perNano;
    private final double burst;
    private final Map<InetAddress, Bucket> buckets = new HashMap<>();

    private static final class Bucket {
        double tokens;
        long lastNs;

        Bucket(double tokens, long lastNs) {
            this.tokens = tokens;
            this.lastNs = lastNs;
        }
    }

    public SourceRateLimit(int perSecond) {
        if (perSecond < 1) throw new IllegalArgumentException("rate below 1 per second");
        this.perNano = perSecond / 1e9;
        this.burst = 2.0 * perSecond;
    }

    /** Whether a query from {@code source} at {@code nowNs} (a monotonic clock) may be answered. */
    public synchronized boolean admit(InetAddress source, long nowNs) {
        Bucket b = buckets.get(source);
        if (b == null) {
            if (buckets.size() >= MAX_SOURCES) forgetRefilled(nowNs);
            b = new Bucket(burst, nowNs);
            buckets.put(source, b);
        }
        b.tokens = Math.min(burst, b.tokens + Math.max(0, nowNs - b.lastNs) * perNano);
        b.lastNs = nowNs;
        if (b.tokens < 1) return false;
        b.tokens -= 1;
        return true;
    }

    private void forgetRefilled(long nowNs) {
        buckets.values().removeIf(b -> b.tokens + Math.max(0, nowNs - b.lastNs) * perNano >= burst);
        if (buckets.size() >= MAX_SOURCES) buckets.clear();
    }

    /** Sources tracked now (for tests). */
    synchronized int sources() {
        return buckets.size();
    }
}
