package net.ztj.core.node;

import net.ztj.core.identity.Address;
import net.ztj.core.wire.Endpoint;

import java.util.List;

/**
 * A snapshot of the node, for the API (spec 05 §5.7.1).
 *
 * @param surfaceAddresses our external addresses as reported by peers
 */
public record NodeStatus(Address address, String publicIdentity, boolean online, long planetWorldId,
                         long planetWorldTimestamp, List<Endpoint> surfaceAddresses) {}
