package net.ztj.core.node.peer;

import net.ztj.core.node.DropReason;
import net.ztj.core.node.PhysicalTransport;
import net.ztj.core.identity.Address;
import net.ztj.core.wire.Armor;
import net.ztj.core.wire.Compression;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.Fragmenter;
import net.ztj.core.wire.Packet;
import net.ztj.core.wire.PacketHeader;
import net.ztj.core.wire.Verb;
import net.ztj.core.wire.verbs.Hello;

import java.util.ArrayList;
import java.util.List;

/**
 * The outbound half of the node: builds packets, compresses, armors, fragments, and picks the path — a direct path
 * to the peer, else a relay through the best upstream (spec 02 §3.2, §5, §6, §11.5).
 */
public final class Sender {
    /** Verbs 1.14 compresses (spec 02 §5). */
    private static boolean compressible(Verb v) {
        return switch (v) {
            case MULTICAST_LIKE, PUSH_DIRECT_PATHS, NETWORK_CONFIG_REQUEST, NETWORK_CONFIG, MULTICAST_FRAME,
                 USER_MESSAGE, REMOTE_TRACE -> true;
            default -> false;
        };
    }

    private final NodeContext ctx;
    /** Reused by the data path (the node is used by one thread at a time): the packet, then each fragment. */
    private final byte[] frameBuffer = new byte[PacketHeader.MAX_LENGTH];
    private final byte[] datagramBuffer = new byte[PacketHeader.MAX_LENGTH];

    public Sender(NodeContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The data path's send: an uncompressed packet whose payload is {@code head[0..headLen)} followed by
     * {@code data[off..off+len)}, written once into a reused buffer, armored in place and sent (fragments through a
     * second reused buffer). No allocation. Returns false when the packet cannot be sent (too large, no path).
     */
    public boolean sendFrame(Peer peer, Verb verb, byte[] head, int headLen, byte[] data, int off, int len,
                      boolean expectReply, long now) {
        int total = PacketHeader.IDX_PAYLOAD + headLen + len;
        if (total > Fragmenter.maxPacketLength(ctx.config.physicalMtu())) {
            ctx.drop(DropReason.FRAME_TOO_LARGE);
            return false;
        }
        byte[] p = frameBuffer;
        Packet.write(p, ctx.random.nextLong(), peer.identity.address(), ctx.self, verb, head, 0, headLen);
        System.arraycopy(data, off, p, PacketHeader.IDX_PAYLOAD + headLen, len);
        ctx.traffic.sent(verb);
        return route(peer, p, total, expectReply, now);
    }

    /** A plaintext packet: header (MAC zero) + verb + payload, compressed when that helps. */
    public byte[] build(Address dest, Verb verb, byte[] payload, boolean mayCompress) {
        byte[] p = Packet.create(ctx.random.nextLong(), dest, ctx.self, verb, payload).toByteArray();
        ctx.traffic.sent(verb);
        if (mayCompress && compressible(verb)) {
            int len = Compression.compressPacket(p, p.length);
            if (len != p.length) p = java.util.Arrays.copyOf(p, len);
        }
        return p;
    }

    /**
     * Sends through the general path: direct if possible, else relayed by an upstream, else over an expired path.
     * Returns false if there was no way at all.
     */
    public boolean send(Peer peer, Verb verb, byte[] payload, long now) {
        byte[] p = build(peer.identity.address(), verb, payload, true);
        return route(peer, p, p.length, true, now);
    }

    /**
     * Sends a VL2 packet (frames, multicast copies): compressed only when asked, a reply registered only when one
     * is requested (EXT_FRAME with the ACK flag, MULTICAST_FRAME with gather, MULTICAST_GATHER).
     */
    public boolean sendData(Peer peer, Verb verb, byte[] payload, boolean compress, boolean expectReply, long now) {
        byte[] p = build(peer.identity.address(), verb, payload, compress);
        return route(peer, p, p.length, expectReply, now);
    }

    /** Routes a plaintext packet to its peer; it is armored for the path chosen, then fragmented as needed. */
    private boolean route(Peer peer, byte[] p, int len, boolean expectReply, long now) {
        Path path = peer.bestPath(now);
        if (path != null) {
            peer.packetsSent++;
            return sendOnPath(peer, peer, path, p, len, expectReply, now);
        }
        Peer relay = bestUpstream(now, peer.identity.address());
        if (relay != null) {
            Path rp = relay.bestPath(now);
            if (rp != null) {
                peer.lastSendMs = now;
                peer.packetsSent++;
                boolean ok = sendOnPath(peer, relay, rp, p, len, expectReply, now);
                helloThroughRelayIfVersionUnknown(peer, now);
                return ok;
            }
        }
        Path any = peer.anyPath();
        if (any == null) return false;
        peer.packetsSent++;
        return sendOnPath(peer, peer, any, p, len, expectReply, now);
    }

    /**
     * Armors a plaintext packet for {@code dest} as the path it leaves on asks, as 1.14 does once it has chosen that
     * path: the fragmented flag for the path's MTU, then cipher suite 2 with the trusted path ID on a trusted path,
     * the peer's suite otherwise (spec 02 §6.4, §6.5). Returns the path's MTU, or 0 if the packet needs more
     * fragments than a receiver accepts at that MTU (counted as too large).
     */
    private int armorForPath(Peer dest, Path path, byte[] p, int len, boolean expectReply, long now) {
        int mtu = ctx.pathPolicy.physicalMtu(path.address);
        if (mtu == 0) mtu = ctx.config.physicalMtu();
        if (Fragmenter.datagramCount(len, mtu) > PacketHeader.MAX_FRAGMENTS) {
            ctx.drop(DropReason.FRAME_TOO_LARGE);
            return 0;
        }
        Fragmenter.markFragmented(p, len, mtu);
        long trustedPathId = ctx.pathPolicy.trustedPathId(path.address);
        if (trustedPathId != 0) Armor.armorTrustedPath(p, len, trustedPathId);
        else Armor.armor(p, len, dest.keys, dest.cipherSuite());
        if (expectReply) ctx.expectedReplies.expect(PacketHeader.packetId(p), now);
        return mtu;
    }

    /**
     * Armors the packet for {@code dest} and sends it on a path of {@code via} (the peer itself or the upstream
     * relaying for it): the head datagram straight from the packet, each fragment through the reused datagram
     * buffer. A packet longer than the MTU is split evenly ({@link Fragmenter#evenHeadLength}): as many datagrams
     * as 1.14 sends, all of one size but the last, so that the frames of a TCP stream leave as runs of equal
     * datagrams the transport can hand to the kernel in one segmented send.
     */
    private boolean sendOnPath(Peer dest, Peer via, Path path, byte[] p, int len, boolean expectReply, long now) {
        int mtu = armorForPath(dest, path, p, len, expectReply, now);
        if (mtu == 0) return false;
        int head = Fragmenter.evenHeadLength(len, mtu);
        boolean ok = ctx.transport.send(path.localSocket, path.address, p, 0, head, 0);
        ctx.traffic.bytesSent(head);
        if (len > mtu) {
            int n = Fragmenter.datagramCount(len, mtu);
            for (int k = 1; k < n; k++) {
                int d = Fragmenter.writeEvenFragment(p, len, mtu, k, datagramBuffer, 0);
                ok &= ctx.transport.send(path.localSocket, path.address, datagramBuffer, 0, d, 0);
                ctx.traffic.bytesSent(d);
            }
        }
        path.lastSendMs = now;
        via.lastSendMs = now;
        return ok;
    }

    /**
     * Sends a reply straight back where a request came from, as one datagram whatever its size (spec 02 §3.2).
     */
    public void reply(Peer peer, long socket, Endpoint to, Verb verb, byte[] payload, long now) {
        if (verb == Verb.ERROR) ctx.traffic.errorSent(payload);
        byte[] p = build(peer.identity.address(), verb, payload, true);
        Armor.armor(p, p.length, peer.keys, peer.cipherSuite());
        sendDirect(peer, socket, to, p, now);
    }

    /**
     * Sends a HELLO (suite 0, moon section encrypted) to an address, or relayed through an upstream when
     * {@code to} is null (spec 02 §8.2).
     */
    public void hello(Peer peer, long socket, Endpoint to, long now) {
        Topology topo = ctx.topology;
        List<Hello.Moon> moons = new ArrayList<>();
        topo.orbits().wanted().forEach(m -> moons.add(Hello.Moon.of(m.moonId(), m.timestamp())));
        Hello h = new Hello(Versions.PROTOCOL, Versions.MAJOR, Versions.MINOR, Versions.REVISION, now,
                ctx.identity.publicOnly(), to, topo.planet().id(), topo.planet().timestamp(), moons);
        byte[] p = h.seal(ctx.random.nextLong(), peer.identity.address(), peer.keys).toByteArray();
        ctx.traffic.sent(Verb.HELLO);
        peer.lastHelloSentMs = now;
        if (to != null) {
            sendDirect(peer, socket, to, p, now);
            return;
        }
        ctx.expectedReplies.expect(PacketHeader.packetId(p), now);
        Peer relay = bestUpstream(now, peer.identity.address());
        Path rp = relay == null ? null : relay.bestPath(now);
        if (rp != null) {
            ctx.transport.send(rp.localSocket, rp.address, p, 0, p.length, 0);
            ctx.traffic.bytesSent(p.length);
            peer.lastSendMs = now;
            peer.packetsSent++;
        }
    }

    /**
     * A peer we reach only through a relay and whose version we do not know (learned from OK(WHOIS), never a HELLO
     * either way: two members that cannot reach each other directly) gets a HELLO relayed through the upstream, at
     * most every {@link Timing#RELAYED_HELLO_INTERVAL}. Its OK(HELLO), relayed back, tells us its protocol version, and
     * the HELLO tells it ours: from then on both armor with AES-GMAC-SIV (protocol 12) instead of Salsa20/Poly1305.
     * 1.14 answers a relayed HELLO as a direct one (it sets the version whatever the hop count and sends its OK back
     * the way the HELLO came) and sends relayed HELLOs itself, to upstreams it has no path to.
     */
    private void helloThroughRelayIfVersionUnknown(Peer peer, long now) {
        if (peer.protocolVersion >= 0 || now - peer.lastRelayedHelloMs < Timing.RELAYED_HELLO_INTERVAL) return;
        if (ctx.topology.isUpstream(peer.identity.address())) return; // upstreams have their own HELLO schedule
        peer.lastRelayedHelloMs = now;
        hello(peer, PhysicalTransport.ANY_SOCKET, null, now);
    }

    /** An empty ECHO to probe or keep a path alive. */
    public void echo(Peer peer, long socket, Endpoint to, long now) {
        byte[] p = build(peer.identity.address(), Verb.ECHO, new byte[0], false);
        Armor.armor(p, p.length, peer.keys, peer.cipherSuite());
        sendDirect(peer, socket, to, p, now);
    }

    /** Sends an armored packet as one datagram to an address, expecting a reply to it. */
    private void sendDirect(Peer peer, long socket, Endpoint to, byte[] p, long now) {
        ctx.expectedReplies.expect(PacketHeader.packetId(p), now);
        ctx.transport.send(socket, to, p, 0, p.length, 0);
        ctx.traffic.bytesSent(p.length);
        peer.packetsSent++;
        Path path = peer.findPath(socket, to);
        if (path != null) path.lastSendMs = now;
        peer.lastSendMs = now;
    }

    /** Contacts a peer at an address: ECHO if it understands it, else HELLO (spec 02 §8.5, §11.4). */
    public void contact(Peer peer, long socket, Endpoint to, long now) {
        if (peer.echoCapable()) echo(peer, socket, to, now);
        else hello(peer, socket, to, now);
    }

    /**
     * The best upstream to relay through: the lowest {@code latency × (1 + ⌊since last receive / 61 s⌋)} among
     * upstreams with a path, never {@code exclude} (spec 02 §11.5).
     */
    public Peer bestUpstream(long now, Address exclude) {
        Peer best = null;
        long bestScore = Long.MAX_VALUE;
        for (Address a : ctx.topology.upstreamIdentities().keySet()) {
            if (a.equals(exclude)) continue;
            Peer p = ctx.topology.peers.get(a);
            if (p == null || p.bestPath(now) == null) continue;
            long lat = p.latencyMs < 0 ? 0xffff : p.latencyMs;
            long score = now - p.lastReceiveMs >= Timing.PEER_ACTIVITY_TIMEOUT
                    ? Long.MAX_VALUE - 1 : lat * (1 + (now - p.lastReceiveMs) / 61_000);
            if (best == null || score < bestScore) {
                best = p;
                bestScore = score;
            }
        }
        return best;
    }
}
