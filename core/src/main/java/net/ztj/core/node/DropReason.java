package net.ztj.core.node;

/** Why the node dropped a datagram or packet; each is counted (STYLE habit 6: typed reasons, not log lines). */
public enum DropReason {
    /** Shorter than any valid datagram. */
    TOO_SHORT,
    /** Longer than the maximum packet. */
    OVERSIZE,
    /** A fragment with impossible numbering, or reassembly overflow. */
    BAD_FRAGMENT,
    /** Claims to come from our own address. */
    FROM_SELF,
    /** A reserved or impossible source address. */
    BAD_ADDRESS,
    /** The MAC or SIV tag did not verify: tampered, or keyed for someone else. */
    AUTHENTICATION_FAILED,
    /** A cipher suite we do not accept (4..7, or 2 on a HELLO). */
    UNSUPPORTED_CIPHER,
    /** A suite-2 packet from a physical address that is no trusted path with the ID it carries (spec 02 §6.4). */
    UNTRUSTED_PATH,
    /** A packet we already processed (same peer, same wire packet ID). */
    DUPLICATE,
    /** A field did not parse: truncated or malformed payload. */
    MALFORMED,
    /** The LZ4 payload did not decompress within bounds. */
    DECOMPRESSION_FAILED,
    /** HELLO with a protocol version older than 4. */
    PROTOCOL_TOO_OLD,
    /** The identity did not pass the proof-of-work check or does not match its address. */
    IDENTITY_INVALID,
    /** A new identity from a source whose validation budget is spent. */
    IDENTITY_RATE_LIMITED,
    /** A HELLO with a different key for an address we know. */
    IDENTITY_COLLISION,
    /** The sender is unknown and the queue of packets waiting for its identity is full or timed out. */
    UNKNOWN_PEER,
    /** An OK for a packet we did not send recently. */
    UNEXPECTED_REPLY,
    /** A verb-specific rate limit. */
    RATE_LIMITED,
    /** A message only upstreams may send came from elsewhere. */
    NOT_FROM_UPSTREAM,
    /** Not for us, and we may not relay it (not a root, or hops exhausted, or no route). */
    RELAY_REFUSED,
    /** A physical address we may not use (loopback, link-local, blacklisted...). */
    PATH_REFUSED,
    /** A frame for a network we have not joined or hold no usable configuration for. */
    FRAME_NO_NETWORK,
    /** A frame the rules engine rejected. */
    FRAME_FILTERED,
    /** A frame from a peer that fails the membership gate (answered with NEED_MEMBERSHIP_CERTIFICATE). */
    FRAME_NOT_MEMBER,
    /** A frame with a foreign MAC from or to a node that is not an active bridge. */
    BRIDGING_REFUSED,
    /** A multicast on a network whose multicast limit is 0, or a broadcast without the broadcast flag. */
    MULTICAST_DISABLED,
    /** A frame with an invalid source or destination MAC. */
    FRAME_BAD_MAC,
    /** A frame larger than the network MTU or than one packet. */
    FRAME_TOO_LARGE,
    /** A credential that is revoked, older than the one held, badly signed or for the wrong network. */
    CREDENTIAL_REJECTED,
    /** A configuration request for our controller while its queue was full (the member asks again later). */
    CONTROLLER_BUSY
}
