package net.ztj.core.node.peer;

import net.ztj.core.node.DropReason;
import net.ztj.core.node.PhysicalTransport;
import net.ztj.core.identity.Identity;
import net.ztj.core.wire.PeerKeys;
import net.ztj.crypto.C25519;

import java.util.ArrayDeque;

/**
 * New peers (spec 02 §11.8): a peer is created with the key agreed with its identity; what waited for that identity
 * is then sent, and the packets held from it are queued for the receiver to process again once the current packet
 * is done (so that no handler re-enters the receiver).
 */
public final class PeerArrivals {
    private final NodeContext ctx;
    private final Sender sender;
    private final WhoisService whois;
    private final ArrayDeque<Replay> replays = new ArrayDeque<>();

    /** A held packet whose sender is now known. */
    public record Replay(Peer peer, WhoisService.PendingPacket packet) {}

    public PeerArrivals(NodeContext ctx, Sender sender, WhoisService whois) {
        this.ctx = ctx;
        this.sender = sender;
        this.whois = whois;
    }

    /** Creates a peer with the key agreed with it, or null (counted) for a key that yields none. */
    public Peer newPeer(Identity id) {
        try {
            return new Peer(id, new PeerKeys(ctx.identity.agree(id)));
        } catch (C25519.InvalidPeerKeyException e) {
            ctx.drop(DropReason.IDENTITY_INVALID);
            return null;
        }
    }

    /** Adds a peer whose identity arrived (HELLO, OK(WHOIS), a world): sends what waited for it, queues its packets. */
    public void learned(Peer peer, long now) {
        ctx.topology.peers.put(peer.identity.address(), peer);
        if (ctx.topology.isPendingSeed(peer.identity.address())) sender.hello(peer, PhysicalTransport.ANY_SOCKET, null, now);
        WhoisService.Released r = whois.release(peer.identity.address());
        for (WhoisService.PendingSend s : r.sends()) sender.send(peer, s.verb(), s.payload(), now);
        for (WhoisService.PendingPacket p : r.packets()) replays.addLast(new Replay(peer, p));
    }

    /** Makes sure every upstream named by the worlds is a peer (their identities come with the worlds). */
    public void ensureUpstreamPeers(long now) {
        for (Identity id : ctx.topology.upstreamIdentities().values()) {
            if (ctx.topology.peers.containsKey(id.address())) continue;
            Peer p = newPeer(id);
            if (p != null) learned(p, now);
        }
    }

    /** The next held packet to process again, or null. */
    public Replay nextReplay() {
        return replays.pollFirst();
    }
}
