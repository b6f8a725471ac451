package net.ztj.core.node.receive;

import net.ztj.core.node.DropReason;
import net.ztj.core.node.peer.InboundPacket;
import net.ztj.core.node.peer.NodeContext;
import net.ztj.core.node.peer.Outcome;
import net.ztj.core.node.peer.Peer;
import net.ztj.core.node.peer.PeerArrivals;
import net.ztj.core.node.peer.Relay;
import net.ztj.core.node.peer.Timing;
import net.ztj.core.node.peer.WhoisService;
import net.ztj.core.identity.Address;
import net.ztj.core.wire.Armor;
import net.ztj.core.wire.Compression;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.MalformedException;
import net.ztj.core.wire.PacketHeader;
import net.ztj.core.wire.Reassembler;
import net.ztj.core.wire.Verb;

/**
 * The inbound half of the node (spec 02 §9): classify the datagram, reassemble fragments, relay what is not for us,
 * authenticate and decrypt, decompress, then hand the packet to the verb handlers.
 */
public final class Receiver {
    private final NodeContext ctx;
    private final Relay relay;
    private final HelloHandler hello;
    private final VerbHandlers verbs;
    private final WhoisService whois;
    private final PathLearning paths;
    private final PeerArrivals arrivals;
    private final Reassembler reassembler = new Reassembler(64, Timing.QUEUE_TIMEOUT);
    /**
     * Reused for the packet being processed: whole datagrams are copied here, reassembled packets written here. A
     * packet only lives while it is processed; a nested call (a synchronous transport delivering a reply while we
     * are still processing) uses fresh arrays instead, and the WHOIS queue keeps its own copy.
     */
    private final byte[] packetBuffer = new byte[PacketHeader.MAX_LENGTH];
    private int depth;

    public Receiver(NodeContext ctx, Relay relay, HelloHandler hello, VerbHandlers verbs, WhoisService whois,
             PathLearning paths, PeerArrivals arrivals) {
        this.ctx = ctx;
        this.relay = relay;
        this.hello = hello;
        this.verbs = verbs;
        this.whois = whois;
        this.paths = paths;
        this.arrivals = arrivals;
    }

    public void datagram(long now, long socket, Endpoint from, byte[] data, int off, int len) {
        ctx.traffic.bytesReceived(len);
        depth++;
        try {
            classify(now, socket, from, data, off, len);
        } finally {
            depth--;
        }
        if (depth == 0) replayHeld(now);
    }

    /** Processes the packets held for identities that have arrived since (spec 02 §11.8). */
    public void replayHeld(long now) {
        for (PeerArrivals.Replay r = arrivals.nextReplay(); r != null; r = arrivals.nextReplay()) {
            WhoisService.PendingPacket p = r.packet();
            authenticated(now, p.localSocket(), p.from(), r.peer(), p.packet(), p.packet().length);
        }
    }

    /** The reused packet buffer at the outermost call, null (allocate) inside a nested one. */
    private byte[] scratch() {
        return depth == 1 ? packetBuffer : null;
    }

    /**
     * Sorts a datagram: dropped, relayed, a piece for the reassembler, or a whole packet for us. There is one call of
     * {@link #packet} (and one of the reassembler's outcome) whatever the way in: C2 inlines each call site of the
     * receive path into {@link #datagram}'s compilation, and its arena grows faster than the node count (register
     * allocation), so each inlined copy of {@code packet} cost megabytes (docs/performance.md, issue 9, eighth round).
     */
    private void classify(long now, long socket, Endpoint from, byte[] data, int off, int len) {
        if (len == 13) {
            ctx.drop(DropReason.TOO_SHORT); // legacy LAN beacon: never sent by 1.14 nodes, ignored
            return;
        }
        boolean fragment = len > 16 && data[off + 13] == (byte) 0xff;
        if (!fragment && len < PacketHeader.MIN_LENGTH) {
            ctx.drop(DropReason.TOO_SHORT);
            return;
        }
        if (!fragment && len > PacketHeader.MAX_LENGTH) {
            ctx.drop(DropReason.OVERSIZE);
            return;
        }
        Address dest = Address.fromBytes(data, off + PacketHeader.IDX_DEST);
        if (!dest.equals(ctx.self)) {
            relay(now, socket, from, data, off, len, fragment);
            return;
        }
        byte[] p;
        int plen;
        if (fragment || (data[off + PacketHeader.IDX_FLAGS] & PacketHeader.FLAG_FRAGMENTED) != 0) {
            Reassembler.Outcome outcome = fragment
                    ? reassembler.offerFragment(data, off, len, now, scratch())
                    : reassembler.offerHead(data, off, len, now, scratch());
            if (!(outcome instanceof Reassembler.Assembled a)) {
                if (outcome instanceof Reassembler.Rejected r) rejected(r);
                return;
            }
            p = a.packet().buffer();
            plen = a.packet().length();
        } else {
            p = scratch();
            if (p == null) p = new byte[len];
            System.arraycopy(data, off, p, 0, len);
            plen = len;
        }
        packet(now, socket, from, p, plen);
    }

    /** Not for us: the relay's (a member's rare case, kept out of the hot method's compilation by its own call). */
    private void relay(long now, long socket, Endpoint from, byte[] data, int off, int len, boolean fragment) {
        if (fragment) relay.forwardFragment(now, socket, from, data, off, len);
        else relay.forwardPacket(now, socket, from, data, off, len);
    }

    private void rejected(Reassembler.Rejected r) {
        ctx.drop(r.reason() == Reassembler.Reason.DUPLICATE ? DropReason.DUPLICATE : DropReason.BAD_FRAGMENT);
    }

    /** Drops reassembly entries that waited too long. */
    public void expire(long now) {
        reassembler.expire(now);
    }

    /** A whole packet addressed to us. */
    public void packet(long now, long socket, Endpoint from, byte[] p, int len) {
        Address source;
        try {
            source = Address.fromBytes(p, PacketHeader.IDX_SOURCE);
        } catch (RuntimeException e) {
            ctx.drop(DropReason.MALFORMED);
            return;
        }
        if (source.equals(ctx.self)) {
            ctx.drop(DropReason.FROM_SELF);
            return;
        }
        if (source.isReserved()) {
            ctx.drop(DropReason.BAD_ADDRESS);
            return;
        }
        int suite = PacketHeader.cipherSuite(p);
        int rawVerb = p[PacketHeader.IDX_VERB] & 0x1f;
        if (suite == PacketHeader.CIPHER_NONE && !ctx.pathPolicy.trusted(from, Armor.trustedPathId(p))) {
            ctx.drop(DropReason.UNTRUSTED_PATH);
            return;
        }
        if (suite == 0 && rawVerb == Verb.HELLO.code) {
            ctx.traffic.received(Verb.HELLO);
            hello.handle(now, socket, from, p, len);
            return;
        }
        Peer peer = ctx.topology.peers.get(source);
        if (peer == null) {
            whois.holdPacket(source, socket, from, java.util.Arrays.copyOf(p, len), now); // p is reused
            return;
        }
        authenticated(now, socket, from, peer, p, len);
    }

    /** Dearmors a packet from a known peer and dispatches it. */
    private void authenticated(long now, long socket, Endpoint from, Peer peer, byte[] p, int len) {
        int suite = PacketHeader.cipherSuite(p);
        boolean trustedPath = suite == PacketHeader.CIPHER_NONE; // its path and ID were checked on arrival
        if (trustedPath && (p[PacketHeader.IDX_VERB] & 0x1f) == Verb.HELLO.code) {
            ctx.drop(DropReason.UNSUPPORTED_CIPHER); // HELLOs are checked by their MAC (see docs/networking.md)
            return;
        }
        if (!trustedPath && suite != 0 && suite != 1 && suite != 3) {
            ctx.drop(DropReason.UNSUPPORTED_CIPHER);
            return;
        }
        long wireId = PacketHeader.packetId(p);
        if (!trustedPath && !Armor.dearmor(p, len, peer.keys)) {
            ctx.drop(DropReason.AUTHENTICATION_FAILED);
            peer.packetErrors++;
            return;
        }
        if (!peer.replay.accept(wireId)) {
            ctx.drop(DropReason.DUPLICATE);
            return;
        }
        int verbByte = p[PacketHeader.IDX_VERB] & 0xff;
        int hops = p[PacketHeader.IDX_FLAGS] & PacketHeader.HOPS_MASK;
        Verb verb = Verb.fromCode(verbByte & 0x1f);
        InboundPacket in;
        if ((verbByte & PacketHeader.VERB_FLAG_COMPRESSED) != 0) {
            byte[] payload;
            try {
                payload = Compression.decompress(p, PacketHeader.IDX_PAYLOAD, len - PacketHeader.IDX_PAYLOAD);
            } catch (MalformedException e) {
                ctx.drop(DropReason.DECOMPRESSION_FAILED);
                return;
            }
            in = new InboundPacket(now, socket, from, peer, wireId, hops, verb, payload);
        } else {
            in = new InboundPacket(now, socket, from, peer, wireId, hops, verb, p, PacketHeader.IDX_PAYLOAD,
                    len - PacketHeader.IDX_PAYLOAD);
        }
        if (verb != null) ctx.traffic.received(verb);
        switch (verbs.dispatch(in)) {
            case Outcome.Handled h -> paths.received(in);
            case Outcome.Ignored i -> {
                ctx.drop(i.reason());
                paths.received(in);
            }
            case Outcome.Rejected r -> ctx.drop(r.reason());
        }
    }
}
