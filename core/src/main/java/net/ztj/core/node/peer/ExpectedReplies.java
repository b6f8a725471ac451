package net.ztj.core.node.peer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The packet IDs we sent recently that may be answered with OK (spec 02 §8.0): an OK whose in-re packet ID is not
 * here is dropped. Bounded; entries expire.
 */
public final class ExpectedReplies {
    private static final int MAX = 8192;
    private final LinkedHashMap<Long, Long> sentAt = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> e) {
            return size() > MAX;
        }
    };

    public void expect(long wirePacketId, long now) {
        sentAt.put(wirePacketId, now);
    }

    /** Whether an OK in re this packet is welcome (it stays welcome: several OKs may answer one request). */
    public boolean expected(long inRePacketId, long now) {
        Long t = sentAt.get(inRePacketId);
        return t != null && now - t < Timing.EXPECTED_REPLY_TIMEOUT;
    }

    public void expire(long now) {
        sentAt.values().removeIf(t -> now - t >= Timing.EXPECTED_REPLY_TIMEOUT);
    }
}
