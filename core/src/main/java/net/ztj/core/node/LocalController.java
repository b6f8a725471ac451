package net.ztj.core.node;

import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.wire.ErrorCode;

/**
 * The network controller embedded in this node (spec 04): asked for the configuration of networks whose id starts
 * with our address. Implemented by the controller module; called on the node's thread, so it must answer quickly
 * (its storage is local).
 */
public interface LocalController {
    /** What to send back. */
    sealed interface Answer permits Config, Error, Ignore {}

    /** A configuration dictionary, sent as signed chunks. */
    record Config(byte[] dictionary) implements Answer {}

    /** An ERROR with the network id (and, for authentication required, a dictionary). */
    record Error(ErrorCode code, byte[] dictionary) implements Answer {}

    /** Nothing at all (rate limited, or not ours). */
    record Ignore() implements Answer {}

    /**
     * @param requester the member's identity (known to the node, so authenticated)
     * @param metadata  the request's metadata dictionary
     * @param packetId  the request's packet id; 0 for a push the controller issues itself
     */
    Answer request(Identity requester, long networkId, byte[] metadata, long packetId, long nowMs);

    /**
     * Whether this controller issued a configuration for the network to the member within the last 180 s: such a
     * member's multicast LIKEs are recorded and its GATHERs answered by the controller (spec 03 §6.2, §6.3).
     */
    default boolean recentlyAuthorized(Address member, long networkId, long nowMs) {
        return false;
    }

    /** Work the controller hands the node (spec 04 §10): pushes of changed configurations and revocations. */
    sealed interface Push permits ConfigPush, RevocationPush {}

    /** Send this configuration to a member as NETWORK_CONFIG. */
    record ConfigPush(Identity member, long networkId, byte[] dictionary) implements Push {}

    /** Send this revocation to these members in NETWORK_CREDENTIALS. */
    record RevocationPush(java.util.List<Address> members, net.ztj.core.network.credentials.Revocation revocation)
            implements Push {}

    /**
     * What to push now, after changes made through the controller's storage (its API). The node calls it on its
     * own thread at every background pass.
     */
    default java.util.List<Push> pendingPushes(long nowMs) {
        return java.util.List.of();
    }
}
