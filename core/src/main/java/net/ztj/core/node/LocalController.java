package net.ztj.core.node;

import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.wire.ErrorCode;

/**
 * The network controller embedded in this node (spec 04): asked for the configuration of networks whose id starts
 * with our address. Implemented by the controller module.
 *
 * <p>Threads: the node never calls it. Whoever runs it for the node (a {@link ControllerRequests}) calls
 * {@link #admit} on the node's thread as a request arrives, and {@link #request} and {@link #pendingPushes} on one
 * thread of its own, which may wait for storage; the answers and pushes go back to the node on its thread.
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
     * Spec 04 §2.1: whether to take a request at all (the per-member rate limit), judged at its arrival and before it
     * is queued. Called on the node's thread: quick, in memory, no storage.
     *
     * @param packetId the request's packet id (requests are never 0)
     */
    default boolean admit(Identity requester, long networkId, long packetId, long arrivalMs) {
        return true;
    }

    /**
     * Processes an admitted request (or a re-issue, packet id 0): the answer to send.
     *
     * @param requester the member's identity (known to the node, so authenticated)
     * @param metadata  the request's metadata dictionary
     * @param packetId  the request's packet id; 0 for a push the controller issues itself
     */
    Answer request(Identity requester, long networkId, byte[] metadata, long packetId, long nowMs);

    /** Work the controller hands the node (spec 04 §10): pushes of changed configurations and revocations. */
    sealed interface Push permits ConfigPush, RevocationPush {}

    /** Send this configuration to a member as NETWORK_CONFIG. */
    record ConfigPush(Identity member, long networkId, byte[] dictionary) implements Push {}

    /** Send this revocation to these members in NETWORK_CREDENTIALS. */
    record RevocationPush(java.util.List<Address> members, net.ztj.core.network.credentials.Revocation revocation)
            implements Push {}

    /**
     * What to push now, after changes made through the controller's storage (its API or its own saves); asked about
     * every 500 ms, and handed to the node with {@link Node#controllerPushes}.
     */
    default java.util.List<Push> pendingPushes(long nowMs) {
        return java.util.List.of();
    }
}
