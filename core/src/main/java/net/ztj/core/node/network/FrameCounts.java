package net.ztj.core.node.network;

import net.ztj.core.network.rules.FilterResult;

/**
 * Frames of one network that met its rules, by direction and verdict (ZeroTier One's per-network packet counts:
 * a redirect counts as accepted, as there). Plain fields on the node's thread; kept across configuration updates
 * by the membership, which shares them with each configuration it applies.
 */
public final class FrameCounts {
    public long inboundAccepted;
    public long inboundDropped;
    public long outboundAccepted;
    public long outboundDropped;

    /** Counts one verdict and hands it back. */
    FilterResult outbound(FilterResult r) {
        if (r instanceof FilterResult.Dropped) outboundDropped++;
        else outboundAccepted++;
        return r;
    }

    /** Counts one verdict and hands it back. */
    FilterResult inbound(FilterResult r) {
        if (r instanceof FilterResult.Dropped) inboundDropped++;
        else inboundAccepted++;
        return r;
    }
}
