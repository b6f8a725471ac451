package net.ztj.service.node;

import net.ztj.core.wire.Endpoint;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the embedded controller learns of its members from their configuration requests and does not store (ZeroTier
 * One keeps the same in memory, its {@code nodeIsOnline}): when each last asked, and from which physical address.
 * Written by the controller's thread, read by the API's; forgotten on restart.
 */
public final class MemberPresence {
    /** A member counts as online while its last request is younger than this (spec 04 §2: 120 s). */
    public static final long ONLINE_WINDOW_MS = 120_000;
    /** More members than this are not tracked (a bound on memory; old entries are not evicted). */
    static final int MAX_ENTRIES = 1 << 20;

    /**
     * One member's last request.
     *
     * @param lastRequestMs   when it arrived (wall clock, ms)
     * @param physicalAddress the address it came from (a relay's if relayed); empty for this node's own request
     */
    public record Seen(long lastRequestMs, Optional<String> physicalAddress) {
        public boolean online(long nowMs) {
            return nowMs - lastRequestMs < ONLINE_WINDOW_MS;
        }
    }

    private final ConcurrentHashMap<String, Seen> seen = new ConcurrentHashMap<>();

    /** Records a request of {@code member} for network {@code networkId}. */
    public void requested(long networkId, String member, Endpoint from, long nowMs) {
        String key = key(String.format("%016x", networkId), member);
        if (seen.size() >= MAX_ENTRIES && !seen.containsKey(key)) return;
        seen.put(key, new Seen(nowMs, Optional.ofNullable(from).map(Endpoint::toString)));
    }

    /** The last request of a member of a network (ids in any case), if one was seen since start. */
    public Optional<Seen> lastRequest(String nwid, String member) {
        return Optional.ofNullable(seen.get(key(nwid, member)));
    }

    private static String key(String nwid, String member) {
        return (nwid + member).toLowerCase(Locale.ROOT);
    }
}
