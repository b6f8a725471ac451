package net.ztj.core.node.network;

import net.ztj.core.node.DropReason;
import net.ztj.core.node.peer.NodeContext;
import net.ztj.core.node.peer.Peer;
import net.ztj.core.node.peer.Sender;
import net.ztj.core.node.peer.WhoisService;
import net.ztj.core.identity.Address;
import net.ztj.core.network.rules.FilterResult;
import net.ztj.core.network.rules.SideCopy;
import net.ztj.core.wire.Verb;
import net.ztj.core.wire.verbs.ExtFrame;

/**
 * What the rules engine asks of a frame besides passing or dropping it (spec 03 §9.6): TEE and WATCH copies and
 * REDIRECT, sent to their members as EXT_FRAME; shared by the unicast and the multicast switch, and the EXT_FRAME
 * sender of both.
 */
public final class RuleActions {
    private final NodeContext ctx;
    private final Sender sender;
    private final Networks networks;
    private final WhoisService whois;
    private final CredentialExchange credentials;
    /** The header of an outgoing EXT_FRAME, reused. */
    private final byte[] head = new byte[ExtFrame.HEADER_LENGTH];

    public RuleActions(NodeContext ctx, Sender sender, Networks networks, WhoisService whois, CredentialExchange credentials) {
        this.ctx = ctx;
        this.sender = sender;
        this.networks = networks;
        this.whois = whois;
        this.credentials = credentials;
    }

    /**
     * Acts on a filter result's TEE/WATCH copies and REDIRECT (spec 03 §9.6). Returns whether the frame itself goes
     * on to its destination.
     */
    public boolean sideEffects(Membership m, ConfiguredNetwork net, FilterResult r, long srcMac, long dstMac, int etherType,
                        byte[] data, int off, int len, long now) {
        for (SideCopy c : r.copies()) {
            int n = c.length() <= 0 ? len : Math.min(len, c.length());
            sendTo(m, net, c.to(), c.extFrameFlags(), dstMac, srcMac, etherType, data, off, n, now);
        }
        switch (r) {
            case FilterResult.Dropped d -> {
                ctx.drop(DropReason.FRAME_FILTERED);
                return false;
            }
            case FilterResult.Redirected red -> {
                if (!red.to().equals(ctx.self)) {
                    sendTo(m, net, red.to(), red.extFrameFlags(), dstMac, srcMac, etherType, data, off, len, now);
                }
                return false;
            }
            case FilterResult.Accepted a -> {
                return true;
            }
        }
    }

    private void sendTo(Membership m, ConfiguredNetwork net, Address to, int flags, long dstMac, long srcMac,
                        int etherType, byte[] data, int off, int len, long now) {
        if (to.equals(ctx.self)) return;
        Peer peer = ctx.topology.peers.get(to);
        if (peer == null) {
            whois.request(to, null, now);
            return;
        }
        credentials.pushIfNeeded(m, net, networks.member(m, peer.identity), peer, now);
        sendExtFrame(peer, net.networkIdValue(), flags, dstMac, srcMac, etherType, data, off, len, true, now);
    }

    /** An EXT_FRAME to a peer: built in place and sent uncompressed, or compressed as a whole (rule copies). */
    public void sendExtFrame(Peer peer, long networkId, int flags, long dstMac, long srcMac, int etherType, byte[] data,
                      int off, int len, boolean compress, long now) {
        boolean ack = (flags & ExtFrame.FLAG_ACK_REQUESTED) != 0;
        if (compress) {
            byte[] p = extFramePayload(networkId, flags, dstMac, srcMac, etherType, data, off, len);
            sender.sendData(peer, Verb.EXT_FRAME, p, true, ack, now);
            return;
        }
        ExtFrame.writeHeader(head, 0, networkId, flags, dstMac, srcMac, etherType);
        sender.sendFrame(peer, Verb.EXT_FRAME, head, ExtFrame.HEADER_LENGTH, data, off, len, ack, now);
    }

    /** A whole EXT_FRAME payload without a COM. */
    public static byte[] extFramePayload(long networkId, int flags, long dstMac, long srcMac, int etherType, byte[] data,
                                  int off, int len) {
        byte[] p = new byte[ExtFrame.HEADER_LENGTH + len];
        ExtFrame.writeHeader(p, 0, networkId, flags, dstMac, srcMac, etherType);
        System.arraycopy(data, off, p, ExtFrame.HEADER_LENGTH, len);
        return p;
    }
}
