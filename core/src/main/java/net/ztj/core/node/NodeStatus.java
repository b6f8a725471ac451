package net.ztj.core.node;

import net.ztj.core.identity.Address;
import net.ztj.core.wire.Endpoint;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of the node, for the API (spec 05 §5.7.1).
 *
 * @param surfaceAddresses our external addresses as reported by peers
 * @param drops            how much input the node dropped, by reason (reasons never seen are left out)
 */
public record NodeStatus(Address address, String publicIdentity, boolean online, long planetWorldId,
                         long planetWorldTimestamp, List<Endpoint> surfaceAddresses, Map<DropReason, Long> drops) {
    public NodeStatus {
        drops = drops.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(drops));
    }

    /** A snapshot of a node that has dropped nothing. */
    public NodeStatus(Address address, String publicIdentity, boolean online, long planetWorldId,
                      long planetWorldTimestamp, List<Endpoint> surfaceAddresses) {
        this(address, publicIdentity, online, planetWorldId, planetWorldTimestamp, surfaceAddresses, Map.of());
    }
}
