package net.ztj.core.node.peer;

import net.ztj.core.identity.Address;

import java.util.HashMap;
import java.util.Map;

/**
 * Which members this node's controller recently sent a configuration to (spec 04 §8.3, 1.14's
 * {@code _localControllerAuthorizations}): such a member's MULTICAST_LIKEs are recorded and its GATHERs answered for
 * 180 s (spec 03 §6.2, §6.3). Kept by the node as it sends the configurations, so the data path asks no controller.
 */
public final class LocalAuthorizations {
    /** How long a configuration sent to a member counts as an authorization. */
    public static final long MEMORY_MS = 180_000;

    private record Key(long networkId, Address member) {}

    private final Map<Key, Long> sentAt = new HashMap<>();

    public void sent(long networkId, Address member, long now) {
        sentAt.put(new Key(networkId, member), now);
    }

    public boolean recent(Address member, long networkId, long now) {
        Long t = sentAt.get(new Key(networkId, member));
        return t != null && now - t < MEMORY_MS;
    }

    public void expire(long now) {
        sentAt.values().removeIf(t -> now - t >= MEMORY_MS);
    }
}
