package net.ztj.core.node.receive;

import net.ztj.core.node.DropReason;
import net.ztj.core.node.peer.InboundPacket;
import net.ztj.core.node.peer.NodeContext;
import net.ztj.core.node.peer.Peer;
import net.ztj.core.node.peer.PeerArrivals;
import net.ztj.core.node.peer.Sender;
import net.ztj.core.node.peer.Versions;
import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.wire.Armor;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.ErrorCode;
import net.ztj.core.wire.MalformedException;
import net.ztj.core.wire.PacketHeader;
import net.ztj.core.wire.PeerKeys;
import net.ztj.core.wire.Verb;
import net.ztj.core.wire.verbs.ErrorMessage;
import net.ztj.core.wire.verbs.Hello;
import net.ztj.core.wire.verbs.OkHeader;
import net.ztj.core.wire.verbs.OkHello;
import net.ztj.core.world.World;
import net.ztj.crypto.C25519;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * HELLO, the one packet an unknown node may send us (spec 02 §8.2): learn and validate its identity (rate limited
 * per source network), answer OK(HELLO) with its address as we see it and any world updates it lacks.
 */
public final class HelloHandler {
    private final NodeContext ctx;
    private final Sender sender;
    private final PeerArrivals arrivals;
    private final PathLearning paths;
    private final Map<Integer, Long> validationBySource = new HashMap<>();

    public HelloHandler(NodeContext ctx, Sender sender, PeerArrivals arrivals, PathLearning paths) {
        this.ctx = ctx;
        this.sender = sender;
        this.arrivals = arrivals;
        this.paths = paths;
    }

    /**
     * A HELLO packet, still armored. The identity is read first and the protocol version checked after it, in
     * 1.14's order.
     */
    public void handle(long now, long socket, Endpoint from, byte[] p, int len) {
        Identity id;
        try {
            id = Hello.peekIdentity(p, len);
        } catch (MalformedException e) {
            ctx.drop(DropReason.MALFORMED);
            return;
        }
        if (Hello.peekProtocolVersion(p) < Versions.MINIMUM_PROTOCOL) {
            ctx.drop(DropReason.PROTOCOL_TOO_OLD);
            return;
        }
        Address source = Address.fromBytes(p, PacketHeader.IDX_SOURCE);
        if (!id.address().equals(source)) {
            ctx.drop(DropReason.IDENTITY_INVALID);
            return;
        }
        long wireId = PacketHeader.packetId(p);
        Peer peer = ctx.topology.peers.get(source);
        if (peer != null && !peer.identity.equals(id)) {
            collision(now, socket, from, id, p, len, wireId);
            return;
        }
        if (peer == null) {
            if (!validationAllowed(from, now)) {
                ctx.drop(DropReason.IDENTITY_RATE_LIMITED);
                return;
            }
            PeerKeys keys = keysFor(id);
            if (keys == null) {
                ctx.drop(DropReason.IDENTITY_INVALID);
                return;
            }
            if (!Armor.dearmor(p, len, keys)) {
                ctx.drop(DropReason.AUTHENTICATION_FAILED);
                return;
            }
            if (!id.locallyValidate(ctx.hasher())) {
                ctx.drop(DropReason.IDENTITY_INVALID);
                return;
            }
            peer = new Peer(id, keys);
            arrivals.learned(peer, now);
        } else if (!Armor.dearmor(p, len, peer.keys)) {
            ctx.drop(DropReason.AUTHENTICATION_FAILED);
            return;
        }
        if (!peer.replay.accept(wireId)) {
            ctx.drop(DropReason.DUPLICATE);
            return;
        }

        Hello hello;
        try {
            int section = Hello.encryptedSectionOffset(p, len);
            if (section >= 0) Armor.cryptHelloSection(p, section, len, peer.keys);
            hello = Hello.decode(new ByteReader(p, PacketHeader.IDX_PAYLOAD, len));
        } catch (MalformedException e) {
            ctx.drop(DropReason.MALFORMED);
            return;
        }
        int hops = p[PacketHeader.IDX_FLAGS] & PacketHeader.HOPS_MASK;
        if (hops == 0 && hello.physicalDestination() != null) {
            paths.surfaceReported(peer, hello.physicalDestination());
        }

        ByteWriter ok = new ByteWriter(128);
        new OkHeader(Verb.HELLO, wireId).encode(ok);
        Endpoint seen = hello.protocolVersion() < 5 ? from.withPort(0) : from;
        new OkHello(hello.timestamp(), Versions.PROTOCOL, Versions.MAJOR, Versions.MINOR, Versions.REVISION, seen,
                worldUpdatesFor(hello)).encode(ok);
        sender.reply(peer, socket, from, Verb.OK, ok.toByteArray(), now);
        peer.setVersions(hello.protocolVersion(), hello.major(), hello.minor(), hello.revision());

        paths.received(new InboundPacket(now, socket, from, peer, wireId, hops, Verb.HELLO, new byte[0]));
    }

    /** The planet if the sender has an older revision of ours, and every moon it asks for that we hold newer. */
    private byte[] worldUpdatesFor(Hello hello) {
        ByteWriter w = new ByteWriter(0);
        World planet = ctx.topology.planet();
        if (planet != null && hello.planetWorldId() == planet.id()
                && Long.compareUnsigned(hello.planetWorldTimestamp(), planet.timestamp()) < 0) {
            w.bytes(planet.serialize());
        }
        for (Hello.Moon m : hello.moons()) {
            if (!m.isMoon()) continue;
            ctx.topology.orbits().moon(m.id()).filter(held -> m.timestamp() < held.timestamp())
                    .ifPresent(held -> w.bytes(held.serialize()));
        }
        return w.toByteArray();
    }

    private void collision(long now, long socket, Endpoint from, Identity claimed, byte[] p, int len, long wireId) {
        ctx.drop(DropReason.IDENTITY_COLLISION);
        if (!validationAllowed(from, now)) return;
        PeerKeys keys = keysFor(claimed);
        if (keys == null || !Armor.dearmor(p, len, keys)) return;
        // answer under the claimant's own key, so the node that really owns the address learns of it
        Peer stranger = new Peer(claimed, keys);
        byte[] err = ErrorMessage.of(Verb.HELLO, wireId, ErrorCode.IDENTITY_COLLISION).toBytes();
        sender.reply(stranger, socket, from, Verb.ERROR, err, now);
    }

    private PeerKeys keysFor(Identity id) {
        try {
            return new PeerKeys(ctx.identity.agree(id));
        } catch (C25519.InvalidPeerKeyException e) {
            return null;
        }
    }

    /** One full identity validation per source bucket (IPv4 /24, IPv6 first 48 bits) per configured interval. */
    private boolean validationAllowed(Endpoint from, long now) {
        byte[] ip = from.ip();
        int bucket = from.isV4() ? Arrays.hashCode(Arrays.copyOf(ip, 3)) : Arrays.hashCode(Arrays.copyOf(ip, 6));
        bucket &= 0x3fff;
        Long last = validationBySource.get(bucket);
        if (last != null && now - last < ctx.config.identityValidationRateLimitMs()) return false;
        validationBySource.put(bucket, now);
        return true;
    }

    public void housekeeping(long now) {
        validationBySource.values().removeIf(t -> now - t > ctx.config.identityValidationRateLimitMs());
    }
}
