package net.ztj.core.network.rules;

import java.util.Map;

/**
 * The other end of a frame as the rules engine sees it: the sender when inbound, the destination when outbound
 * (absent for multicast and bridge fan-out, then {@link #UNKNOWN}).
 *
 * @param validTags tags the remote pushed and that are currently valid (spec 03 §8.8.5), ID → value
 * @param ownership who vouches for the sender's IP and MAC: the remote's COOs inbound, our own outbound
 */
public record RemoteParty(Map<Long, Long> validTags, AddressOwnership ownership) {
    /** No tags, nothing authenticated. */
    public static final RemoteParty UNKNOWN = new RemoteParty(Map.of(), AddressOwnership.NONE);

    public RemoteParty {
        validTags = Map.copyOf(validTags);
    }
}
