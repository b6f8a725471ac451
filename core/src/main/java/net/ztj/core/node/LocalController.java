package net.ztj.core.node;

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
}
