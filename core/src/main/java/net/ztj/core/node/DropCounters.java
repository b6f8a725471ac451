package net.ztj.core.node;

import java.util.EnumMap;
import java.util.Map;

/** Counts of dropped input by reason. Mutated on the node's thread; {@link #snapshot} copies for other threads. */
public final class DropCounters {
    private final long[] counts = new long[DropReason.values().length];

    /** Counts one drop; called by the node only. */
    public void count(DropReason r) {
        counts[r.ordinal()]++;
    }

    public long get(DropReason r) {
        return counts[r.ordinal()];
    }

    public long total() {
        long t = 0;
        for (long c : counts) t += c;
        return t;
    }

    public Map<DropReason, Long> snapshot() {
        Map<DropReason, Long> m = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) if (counts[r.ordinal()] != 0) m.put(r, counts[r.ordinal()]);
        return m;
    }
}
