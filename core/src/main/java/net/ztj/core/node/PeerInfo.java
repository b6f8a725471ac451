package net.ztj.core.node;

import net.ztj.core.identity.Address;

import java.util.List;

/**
 * A snapshot of a peer, for the API (spec 05 §5.7.4).
 *
 * @param versionMajor -1 when unknown (likewise minor, revision, protocol)
 * @param latencyMs    -1 when unknown
 */
public record PeerInfo(Address address, int protocolVersion, int versionMajor, int versionMinor, int versionRevision,
                       int latencyMs, Role role, List<PathInfo> paths) {
    /** What the peer is to us. */
    public enum Role { LEAF, MOON, PLANET }
}
