package net.ztj.core.node;

import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.ErrorCode;
import net.ztj.core.wire.MalformedException;
import net.ztj.core.wire.Verb;
import net.ztj.core.network.config.ConfigChunker;
import net.ztj.core.wire.verbs.NetworkConfigChunk;
import net.ztj.core.wire.verbs.NetworkConfigRequest;
import net.ztj.core.wire.verbs.PushDirectPaths;
import net.ztj.core.wire.verbs.Rendezvous;
import net.ztj.core.world.World;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The VL1 verbs after authentication (spec 02 §8): OK, ERROR, WHOIS, RENDEZVOUS, ECHO, PUSH_DIRECT_PATHS,
 * USER_MESSAGE; and the bookkeeping every authenticated packet triggers (path learning, §11.2).
 */
final class VerbHandlers {
    private final NodeContext ctx;
    private final Sender sender;
    private WhoisService whois;
    private Receiver receiver;
    private Networks networks;
    private VirtualSwitch frames;
    private MulticastSwitch multicast;
    private CredentialExchange credentials;
    private final Map<Endpoint, Address> surface = new java.util.LinkedHashMap<>();
    private final Map<Address, Map<Endpoint, Long>> confirmHellos = new HashMap<>();

    VerbHandlers(NodeContext ctx, Sender sender) {
        this.ctx = ctx;
        this.sender = sender;
    }

    void wire(WhoisService whois, Receiver receiver, Networks networks) {
        this.whois = whois;
        this.receiver = receiver;
        this.networks = networks;
    }

    void wireVl2(VirtualSwitch frames, MulticastSwitch multicast, CredentialExchange credentials) {
        this.frames = frames;
        this.multicast = multicast;
        this.credentials = credentials;
    }

    void dispatch(InboundPacket in) {
        if (in.verb() == null) return; // unknown verbs are ignored but count as traffic
        switch (in.verb()) {
            case OK -> ok(in);
            case ERROR -> error(in);
            case WHOIS -> whoisRequest(in);
            case RENDEZVOUS -> rendezvous(in);
            case ECHO -> echo(in);
            case PUSH_DIRECT_PATHS -> pushDirectPaths(in);
            case USER_MESSAGE -> userMessage(in);
            case NETWORK_CONFIG_REQUEST -> configRequest(in);
            case NETWORK_CONFIG -> configPush(in);
            case FRAME -> frames.frame(in);
            case EXT_FRAME -> frames.extFrame(in);
            case MULTICAST_FRAME -> multicast.multicastFrame(in);
            case MULTICAST_LIKE -> multicast.like(in);
            case MULTICAST_GATHER -> multicast.gatherRequest(in);
            case NETWORK_CREDENTIALS -> credentials.received(in);
            default -> { }
        }
    }

    // ---- OK ----

    private void ok(InboundPacket in) {
        ByteReader r = new ByteReader(in.payload());
        int inReVerb = r.u8() & 0x1f;
        long inReId = r.u64();
        if (!ctx.expectedReplies.expected(inReId, in.now())) {
            ctx.drop(DropReason.UNEXPECTED_REPLY);
            throw new Ignored();
        }
        Peer peer = in.peer();
        if (inReVerb == Verb.HELLO.code) {
            long timestamp = r.u64();
            int proto = r.u8(), major = r.u8(), minor = r.u8(), rev = r.u16();
            Endpoint reported = r.hasRemaining() ? Endpoint.read(r) : null;
            if (in.direct()) {
                long lat = in.now() - timestamp;
                if (lat >= 0 && lat < 0xffff) peer.latencyMs = (int) lat;
                if (reported != null) surfaceReported(peer, reported, in.now());
            }
            peer.setVersions(proto, major, minor, rev);
            if (r.remaining() >= 2) {
                int n = r.u16();
                int end = r.position() + n;
                if (end > r.limit()) throw new MalformedException("world updates overrun");
                Address src = peer.identity.address();
                if (ctx.topology.isUpstream(src) || ctx.topology.isPendingSeed(src)) {
                    int pos = r.position();
                    while (pos < end) {
                        World w = World.deserialize(r.array(), pos, end);
                        pos += w.wireLength();
                        if (ctx.topology.offer(w, true)) {
                            ctx.events.worldUpdated(w);
                            ensureUpstreamPeers(in.now());
                        }
                    }
                }
            }
        } else if (inReVerb == Verb.WHOIS.code) {
            if (!ctx.topology.isUpstream(peer.identity.address())) {
                ctx.drop(DropReason.NOT_FROM_UPSTREAM);
                return;
            }
            if (!r.hasRemaining()) return;
            Identity id;
            try {
                id = Identity.fromBytes(r.array(), r.position(), r.limit()).publicOnly();
            } catch (IllegalArgumentException e) {
                throw new MalformedException("bad identity in OK(WHOIS)");
            }
            if (ctx.topology.peers.containsKey(id.address()) || id.address().equals(ctx.self)) return;
            if (ctx.config.validateWhoisIdentities() && !id.locallyValidate(ctx.hasher)) {
                ctx.drop(DropReason.IDENTITY_INVALID);
                return;
            }
            Peer learned = Node.newPeer(ctx, id);
            if (learned == null) return;
            ctx.topology.peers.put(id.address(), learned);
            identityLearned(learned, in.now());
        } else if (inReVerb == Verb.NETWORK_CONFIG_REQUEST.code) {
            networks.configChunk(peer, in.packetId(), NetworkConfigChunk.decode(r), in.now());
        } else if (inReVerb == Verb.MULTICAST_GATHER.code) {
            multicast.gatherReply(r, in.now());
        } else if (inReVerb == Verb.MULTICAST_FRAME.code) {
            multicast.frameReply(r, in.now());
        }
        // OK(ECHO) and the other VL2 replies need no further action here
    }

    // ---- ERROR ----

    private void error(InboundPacket in) {
        ByteReader r = new ByteReader(in.payload());
        int inReVerb = r.u8() & 0x1f;
        r.u64();
        ErrorCode code = ErrorCode.fromCode(r.u8());
        if (code == null) return;
        Address from = in.peer().identity.address();
        if (code == ErrorCode.IDENTITY_COLLISION && ctx.topology.isUpstream(from)) {
            ctx.events.identityCollision();
        } else if (inReVerb == Verb.NETWORK_CONFIG_REQUEST.code && r.remaining() >= 8) {
            networks.error(from, code, r.u64());
        } else if (code == ErrorCode.NEED_MEMBERSHIP_CERTIFICATE && r.remaining() >= 8) {
            credentials.needCertificate(in.peer(), r.u64(), in.now());
        }
    }

    // ---- WHOIS ----

    private void whoisRequest(InboundPacket in) {
        Peer peer = in.peer();
        if (!ctx.topology.amRoot()) {
            if (in.now() - peer.lastWhoisAnsweredMs < Timing.PEER_WHOIS_RATE_LIMIT) {
                ctx.drop(DropReason.RATE_LIMITED);
                return;
            }
            peer.lastWhoisAnsweredMs = in.now();
        }
        ByteReader r = new ByteReader(in.payload());
        ByteWriter ok = new ByteWriter(128).u8(Verb.WHOIS.code).u64(in.packetId());
        int found = 0;
        while (r.remaining() >= 5) {
            Address a = new Address(r.u40());
            Identity id = a.equals(ctx.self) ? ctx.identity.publicOnly() : null;
            Peer known = ctx.topology.peers.get(a);
            if (known != null) id = known.identity;
            if (id != null) {
                byte[] b = id.toBytes(false);
                ok.bytes(b);
                found++;
            } else if (!ctx.topology.amRoot()) {
                whois.request(a, null, in.now());
            }
        }
        if (found > 0) sender.reply(peer, in.socket(), in.from(), Verb.OK, ok.toByteArray(), in.now());
    }

    // ---- RENDEZVOUS ----

    private void rendezvous(InboundPacket in) {
        if (!ctx.topology.isUpstream(in.peer().identity.address())) {
            ctx.drop(DropReason.NOT_FROM_UPSTREAM);
            return;
        }
        Rendezvous rv = Rendezvous.decode(new ByteReader(in.payload()));
        Peer target = ctx.topology.peers.get(rv.peer());
        if (target == null || rv.endpoint() == null || rv.endpoint().port() == 0) return;
        if (!NodeContext.pathAllowed(rv.endpoint())) {
            ctx.drop(DropReason.PATH_REFUSED);
            return;
        }
        byte[] junk = new byte[4];
        ctx.random.nextBytes(junk);
        ctx.transport.send(in.socket(), rv.endpoint(), junk, 0, 4, 2);
        sender.contact(target, in.socket(), rv.endpoint(), in.now());
    }

    // ---- ECHO ----

    private void echo(InboundPacket in) {
        Path path = in.peer().findPath(in.socket(), in.from());
        if (path != null) {
            if (in.now() - path.lastEchoReplyMs < Timing.ECHO_REPLY_INTERVAL) {
                ctx.drop(DropReason.RATE_LIMITED);
                return;
            }
            path.lastEchoReplyMs = in.now();
        }
        ByteWriter ok = new ByteWriter(16 + in.payload().length).u8(Verb.ECHO.code).u64(in.packetId()).bytes(in.payload());
        sender.reply(in.peer(), in.socket(), in.from(), Verb.OK, ok.toByteArray(), in.now());
    }

    // ---- PUSH_DIRECT_PATHS ----

    private void pushDirectPaths(InboundPacket in) {
        Peer peer = in.peer();
        long now = in.now();
        if (now - peer.pushDirectPathsWindowStartMs > Timing.PUSH_DIRECT_PATHS_CUTOFF_TIME) {
            peer.pushDirectPathsWindowStartMs = now;
            peer.pushDirectPathsInWindow = 0;
        }
        if (++peer.pushDirectPathsInWindow > Timing.PUSH_DIRECT_PATHS_CUTOFF_LIMIT) {
            ctx.drop(DropReason.RATE_LIMITED);
            return;
        }
        PushDirectPaths push = PushDirectPaths.decode(new ByteReader(in.payload()));
        Map<String, Integer> perScope = new HashMap<>();
        for (PushDirectPaths.PathRecord rec : push.paths()) {
            Endpoint e = rec.endpoint();
            boolean forget = (rec.flags() & PushDirectPaths.FLAG_FORGET_PATH) != 0;
            if (e == null || forget || !NodeContext.pathAllowed(e)) continue;
            Path existing = null;
            for (Path p : peer.paths) if (p.address.equals(e) && p.alive(now)) existing = p;
            if (existing != null) continue;
            String key = e.scope() + (e.isV4() ? "4" : "6");
            int n = perScope.merge(key, 1, Integer::sum);
            if (n > Timing.PUSH_DIRECT_PATHS_MAX_PER_SCOPE_AND_FAMILY) continue;
            sender.contact(peer, PhysicalTransport.ANY_SOCKET, e, now);
        }
    }

    // ---- NETWORK_CONFIG_REQUEST ----

    /**
     * A member asks for a network's configuration (spec 03 §7.1, 04 §1–§8). Without a controller, or for a network
     * that is not ours: ERROR(UNSUPPORTED_OPERATION) with the network id, or nothing, as 1.14 does. For ours, the
     * request is handed to the controller, which answers later ({@link #controllerAnswered}); if it cannot take it,
     * it is dropped and counted.
     */
    private void configRequest(InboundPacket in) {
        NetworkConfigRequest req = NetworkConfigRequest.decode(new ByteReader(in.payload()));
        long networkId = req.networkId();
        ControllerRequests controller = ctx.controller;
        if (controller == null) {
            error(in.peer(), in.socket(), in.from(), in.packetId(), ErrorCode.UNSUPPORTED_OPERATION, networkId, null,
                    in.now());
            return;
        }
        if ((networkId >>> 24) != ctx.self.value()) return;
        ControllerRequest r = new ControllerRequest(in.peer().identity, networkId, req.metadata(), in.packetId(),
                in.socket(), in.from(), in.now());
        if (!controller.submit(r)) ctx.drop(DropReason.CONTROLLER_BUSY);
    }

    /**
     * Our controller's answer to a member's request: OK(NETWORK_CONFIG_REQUEST) chunks or an ERROR, as if answered
     * when it arrived. A requester we no longer know is dropped.
     */
    void controllerAnswered(ControllerRequest r, LocalController.Answer answer, long now) {
        if (answer instanceof LocalController.Ignore) return;
        Peer peer = ctx.topology.peers.get(r.requester().address());
        if (peer == null || !peer.identity.equals(r.requester())) {
            ctx.drop(DropReason.UNKNOWN_PEER);
            return;
        }
        switch (answer) {
            case LocalController.Config c -> {
                sendConfig(peer, r.packetId(), r.networkId(), c.dictionary(), now);
                ctx.localAuthorizations.sent(r.networkId(), peer.identity.address(), now);
            }
            case LocalController.Error e -> error(peer, r.localSocket(), r.from(), r.packetId(), e.code(), r.networkId(),
                    e.dictionary(), now);
            case LocalController.Ignore i -> { }
        }
    }

    private void error(Peer peer, long socket, Endpoint from, long packetId, ErrorCode code, long networkId,
                       byte[] dictionary, long now) {
        ByteWriter w = new ByteWriter(32).u8(Verb.NETWORK_CONFIG_REQUEST.code).u64(packetId).u8(code.code)
                .u64(networkId);
        if (dictionary != null) w.u16(dictionary.length).bytes(dictionary);
        sender.reply(peer, socket, from, Verb.ERROR, w.toByteArray(), now);
    }

    /** The configuration as OK(NETWORK_CONFIG_REQUEST) packets, one signed chunk each (spec 04 §8). */
    private void sendConfig(Peer member, long packetId, long networkId, byte[] dictionary, long now) {
        long updateId = ctx.random.nextLong() | 1;
        for (NetworkConfigChunk chunk : ConfigChunker.split(networkId, dictionary, updateId, ctx.identity)) {
            ByteWriter w = new ByteWriter(dictionary.length + 160).u8(Verb.NETWORK_CONFIG_REQUEST.code).u64(packetId);
            chunk.encode(w);
            sender.send(member, Verb.OK, w.toByteArray(), now);
        }
    }

    /** A configuration our controller re-issued, pushed as NETWORK_CONFIG chunks (spec 04 §10). */
    void pushConfig(Identity member, long networkId, byte[] dictionary, long now) {
        ctx.localAuthorizations.sent(networkId, member.address(), now);
        long updateId = ctx.random.nextLong() | 1;
        for (NetworkConfigChunk chunk : ConfigChunker.split(networkId, dictionary, updateId, ctx.identity)) {
            ByteWriter w = new ByteWriter(dictionary.length + 160);
            chunk.encode(w);
            Peer peer = ctx.topology.peers.get(member.address());
            if (peer == null) {
                whois.request(member.address(), new WhoisService.PendingSend(Verb.NETWORK_CONFIG, w.toByteArray(), now), now);
            } else {
                sender.send(peer, Verb.NETWORK_CONFIG, w.toByteArray(), now);
            }
        }
    }

    /**
     * A pushed configuration chunk, from the controller or relayed by a member (each chunk is signed by the
     * controller). A push that completes a configuration is acknowledged with 1.14's OK, whose in-re verb is ECHO.
     */
    private void configPush(InboundPacket in) {
        NetworkConfigChunk chunk = NetworkConfigChunk.decode(new ByteReader(in.payload()));
        if (chunk.legacy()) return; // NETWORK_CONFIG has no legacy form
        long updateId = networks.configChunk(in.peer(), in.packetId(), chunk, in.now());
        if (updateId != 0) {
            byte[] ok = new ByteWriter(32).u8(Verb.ECHO.code).u64(in.packetId()).u64(chunk.networkId()).u64(updateId)
                    .toByteArray();
            sender.reply(in.peer(), in.socket(), in.from(), Verb.OK, ok, in.now());
        }
    }

    // ---- USER_MESSAGE ----

    private void userMessage(InboundPacket in) {
        ByteReader r = new ByteReader(in.payload());
        long type = r.u64();
        in.peer().lastActivityMs = in.now();
        ctx.events.userMessage(in.peer().identity.address(), type, r.bytes(r.remaining()));
    }

    // ---- bookkeeping ----

    /** After any authenticated packet: timers and path learning (spec 02 §11.2). */
    void received(InboundPacket in) {
        Peer peer = in.peer();
        long now = in.now();
        peer.lastReceiveMs = now;
        maybePushDirectPaths(in);
        if (!in.direct()) return;
        Path known = peer.findPath(in.socket(), in.from());
        if (known != null) {
            known.lastReceiveMs = now;
            return;
        }
        if (peer.hasAlivePathWithIp(in.socket(), in.from(), now)) return;
        if (!NodeContext.pathAllowed(in.from()) || !rootEndpointAllowed(peer, in.from())) {
            ctx.drop(DropReason.PATH_REFUSED);
            return;
        }
        if (in.verb() == Verb.OK) {
            Path p = peer.learnPath(in.socket(), in.from(), now);
            p.lastReceiveMs = now;
        } else {
            Map<Endpoint, Long> m = confirmHellos.computeIfAbsent(peer.identity.address(), k -> new HashMap<>());
            Long last = m.get(in.from());
            if (last == null || now - last >= Timing.PATH_CONFIRM_HELLO_INTERVAL) {
                m.put(in.from(), now);
                sender.hello(peer, in.socket(), in.from(), now);
            }
        }
    }

    /**
     * Tells a peer we share a network with where else it can reach us (spec 02 §11.4): every 15 s while its
     * packets come relayed, every 120 s when they come directly; sent back on the path the packet arrived on.
     */
    private void maybePushDirectPaths(InboundPacket in) {
        Peer peer = in.peer();
        long now = in.now();
        if (!peer.trusted(now)) return;
        long interval = in.direct() ? Timing.DIRECT_PATH_PUSH_INTERVAL_HAVEPATH : Timing.DIRECT_PATH_PUSH_INTERVAL;
        if (now - peer.lastPushDirectPathsSentMs < interval) return;
        List<Endpoint> mine = new ArrayList<>(ctx.localAddresses);
        for (Endpoint e : surface.keySet()) if (!mine.contains(e)) mine.add(e);
        mine.removeIf(e -> !NodeContext.pathAllowed(e));
        if (mine.isEmpty()) return;
        peer.lastPushDirectPathsSentMs = now;
        ByteWriter w = new ByteWriter(16 + 24 * mine.size());
        int count = 0;
        w.u16(0);
        for (Endpoint e : mine) {
            if (w.size() > 1100) break;
            byte[] ip = e.ip();
            w.u8(0).u16(0).u8(e.isV4() ? 4 : 6).u8(ip.length + 2).bytes(ip).u16(e.port());
            count++;
        }
        w.putU16At(0, count);
        sender.send(peer, Verb.PUSH_DIRECT_PATHS, w.toByteArray(), now);
    }

    /** A root's traffic is accepted only on its listed stable endpoints, if it lists any (spec 02 §11.3). */
    private boolean rootEndpointAllowed(Peer peer, Endpoint from) {
        List<Endpoint> stable = ctx.topology.stableEndpoints(peer.identity.address());
        if (stable.isEmpty()) return true;
        for (Endpoint e : stable) if (e.sameIp(from)) return true;
        return false;
    }

    /** An identity arrived (HELLO or WHOIS): send what waited for it and re-run the packets that were held. */
    void identityLearned(Peer peer, long now) {
        if (ctx.topology.isPendingSeed(peer.identity.address())) sender.hello(peer, PhysicalTransport.ANY_SOCKET, null, now);
        WhoisService.Released r = whois.release(peer.identity.address());
        for (WhoisService.PendingSend s : r.sends()) sender.send(peer, s.verb(), s.payload(), now);
        for (WhoisService.PendingPacket p : r.packets()) {
            receiver.authenticated(now, p.localSocket(), p.from(), peer, p.packet(), p.packet().length);
        }
    }

    /** A peer told us the address it sees us at (spec 02 §11.7). */
    void surfaceReported(Peer reporter, Endpoint reported, long now) {
        if (reported.scope() == Endpoint.Scope.NONE || reported.scope() == Endpoint.Scope.LOOPBACK
                || reported.scope() == Endpoint.Scope.MULTICAST) return;
        surface.remove(reported);
        surface.put(reported, reporter.identity.address());
        if (surface.size() > 16) surface.remove(surface.keySet().iterator().next());
    }

    List<Endpoint> surfaceAddresses() {
        return new ArrayList<>(surface.keySet());
    }

    /** Make sure every upstream named by the worlds is a peer (their identities come with the worlds). */
    void ensureUpstreamPeers(long now) {
        for (Identity id : ctx.topology.upstreamIdentities().values()) {
            if (ctx.topology.peers.containsKey(id.address())) continue;
            Peer p = Node.newPeer(ctx, id);
            if (p != null) {
                ctx.topology.peers.put(id.address(), p);
                identityLearned(p, now);
            }
        }
    }

    void housekeeping(long now) {
        confirmHellos.values().forEach(m -> m.values().removeIf(t -> now - t > 60_000));
        confirmHellos.values().removeIf(Map::isEmpty);
    }

    /** Thrown to stop processing a packet that was already counted as dropped. */
    static final class Ignored extends RuntimeException {
        Ignored() {
            super(null, null, false, false);
        }
    }
}
