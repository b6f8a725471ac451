package net.ztj.core.node.receive;

import net.ztj.core.node.ControllerRequest;
import net.ztj.core.node.ControllerRequests;
import net.ztj.core.node.DropReason;
import net.ztj.core.node.LocalController;
import net.ztj.core.node.PhysicalTransport;
import net.ztj.core.node.ethernet.VirtualSwitch;
import net.ztj.core.node.multicast.MulticastSwitch;
import net.ztj.core.node.network.CredentialExchange;
import net.ztj.core.node.network.Networks;
import net.ztj.core.node.peer.InboundPacket;
import net.ztj.core.node.peer.NodeContext;
import net.ztj.core.node.peer.Outcome;
import net.ztj.core.node.peer.Path;
import net.ztj.core.node.peer.Peer;
import net.ztj.core.node.peer.PeerArrivals;
import net.ztj.core.node.peer.Sender;
import net.ztj.core.node.traversal.HolePunch;
import net.ztj.core.node.peer.Timing;
import net.ztj.core.node.peer.WhoisService;
import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.network.config.ConfigChunker;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.ErrorCode;
import net.ztj.core.wire.MalformedException;
import net.ztj.core.wire.Verb;
import net.ztj.core.wire.verbs.Echo;
import net.ztj.core.wire.verbs.ErrorMessage;
import net.ztj.core.wire.verbs.NetworkConfigAck;
import net.ztj.core.wire.verbs.NetworkConfigChunk;
import net.ztj.core.wire.verbs.NetworkConfigRequest;
import net.ztj.core.wire.verbs.OkHeader;
import net.ztj.core.wire.verbs.OkHello;
import net.ztj.core.wire.verbs.OkMulticastFrame;
import net.ztj.core.wire.verbs.OkMulticastGather;
import net.ztj.core.wire.verbs.OkWhois;
import net.ztj.core.wire.verbs.PushDirectPaths;
import net.ztj.core.wire.verbs.Rendezvous;
import net.ztj.core.wire.verbs.UserMessage;
import net.ztj.core.wire.verbs.Whois;
import net.ztj.core.world.World;

import java.util.HashMap;
import java.util.Map;

/**
 * The verbs after authentication (spec 02 §8), each payload decoded by its codec in {@code wire.verbs}: the VL1
 * verbs (OK, ERROR, WHOIS, RENDEZVOUS, ECHO, PUSH_DIRECT_PATHS, USER_MESSAGE) and the configuration verbs here, the
 * frame, multicast and credential verbs handed to the network layer. Every handler returns its {@link Outcome}.
 */
public final class VerbHandlers {
    private final NodeContext ctx;
    private final Sender sender;
    private final WhoisService whois;
    private final PeerArrivals arrivals;
    private final PathLearning paths;
    private final Networks networks;
    private final VirtualSwitch frames;
    private final MulticastSwitch multicast;
    private final CredentialExchange credentials;
    private final HolePunch holePunch;

    public VerbHandlers(NodeContext ctx, Sender sender, WhoisService whois, PeerArrivals arrivals, PathLearning paths,
                 Networks networks, VirtualSwitch frames, MulticastSwitch multicast, CredentialExchange credentials,
                 HolePunch holePunch) {
        this.ctx = ctx;
        this.sender = sender;
        this.whois = whois;
        this.arrivals = arrivals;
        this.paths = paths;
        this.networks = networks;
        this.frames = frames;
        this.multicast = multicast;
        this.credentials = credentials;
        this.holePunch = holePunch;
    }

    /**
     * Handles one packet. A payload its codec refuses is rejected as {@link DropReason#MALFORMED}: the decoders'
     * {@link MalformedException} stops here.
     */
    public Outcome dispatch(InboundPacket in) {
        try {
            return handle(in);
        } catch (MalformedException e) {
            return Outcome.rejected(DropReason.MALFORMED);
        }
    }

    private Outcome handle(InboundPacket in) {
        if (in.verb() == null) return Outcome.HANDLED; // unknown verbs are ignored but count as traffic
        return switch (in.verb()) {
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
            default -> Outcome.HANDLED;
        };
    }

    // ---- OK ----

    /**
     * OK (spec 02 §8.0): only in reply to a packet we sent recently. The in-re verb is compared unmasked, as 1.14
     * does; a reply about a verb we do not act on is traffic all the same.
     */
    private Outcome ok(InboundPacket in) {
        byte[] b = in.buffer();
        int off = in.offset();
        if (in.length() < OkHeader.LENGTH) return Outcome.rejected(DropReason.MALFORMED);
        if (!ctx.expectedReplies.expected(OkHeader.inRePacketId(b, off), in.now())) {
            return Outcome.rejected(DropReason.UNEXPECTED_REPLY);
        }
        int inReVerb = OkHeader.inReVerbCode(b, off);
        ByteReader body = new ByteReader(b, off + OkHeader.LENGTH, off + in.length());
        if (inReVerb == Verb.HELLO.code) return okHello(in, OkHello.decode(body));
        if (inReVerb == Verb.WHOIS.code) return okWhois(in, body);
        if (inReVerb == Verb.NETWORK_CONFIG_REQUEST.code) {
            networks.configChunk(in.peer(), in.packetId(), NetworkConfigChunk.decode(body), in.now());
        } else if (inReVerb == Verb.MULTICAST_GATHER.code) {
            multicast.gatherReply(OkMulticastGather.decode(body), in.now());
        } else if (inReVerb == Verb.MULTICAST_FRAME.code) {
            multicast.frameReply(OkMulticastFrame.decode(body), in.now());
        }
        // OK(ECHO) and the other VL2 replies need no further action here
        return Outcome.HANDLED;
    }

    /** OK(HELLO): latency, versions, the address the peer sees us at, and world updates from upstreams. */
    private Outcome okHello(InboundPacket in, OkHello ok) {
        Peer peer = in.peer();
        if (in.direct()) {
            long lat = in.now() - ok.timestamp();
            if (lat >= 0 && lat < 0xffff) peer.latencyMs = (int) lat;
            if (ok.physicalSource() != null) paths.surfaceReported(peer, ok.physicalSource());
        }
        peer.setVersions(ok.protocolVersion(), ok.major(), ok.minor(), ok.revision());
        Address src = peer.identity.address();
        if (!ctx.topology.isUpstream(src) && !ctx.topology.isPendingSeed(src)) return Outcome.HANDLED;
        byte[] worlds = ok.worldUpdates();
        int pos = 0;
        while (pos < worlds.length) {
            World w = World.deserialize(worlds, pos, worlds.length);
            pos += w.wireLength();
            if (ctx.topology.offer(w, true)) {
                ctx.events.worldUpdated(w);
                arrivals.ensureUpstreamPeers(in.now());
            }
        }
        return Outcome.HANDLED;
    }

    /**
     * OK(WHOIS) from an upstream: the first identity, as 1.14 reads it (it must be there; what follows is ignored).
     */
    private Outcome okWhois(InboundPacket in, ByteReader body) {
        if (!ctx.topology.isUpstream(in.peer().identity.address())) return Outcome.ignored(DropReason.NOT_FROM_UPSTREAM);
        Identity id = OkWhois.decode(body).first();
        if (ctx.topology.peers.containsKey(id.address()) || id.address().equals(ctx.self)) return Outcome.HANDLED;
        if (ctx.config.validateWhoisIdentities() && !id.locallyValidate(ctx.hasher())) {
            return Outcome.ignored(DropReason.IDENTITY_INVALID);
        }
        Peer learned = arrivals.newPeer(id);
        if (learned != null) arrivals.learned(learned, in.now());
        return Outcome.HANDLED;
    }

    // ---- ERROR ----

    /**
     * ERROR (spec 02 §8.0, §8.3). As in 1.14, an unknown error code is no error, and an error that names a network
     * without carrying its ID is malformed.
     */
    private Outcome error(InboundPacket in) {
        byte[] b = in.buffer();
        int off = in.offset(), end = off + in.length();
        if (in.length() < ErrorMessage.HEADER_LENGTH) return Outcome.rejected(DropReason.MALFORMED);
        ErrorCode code = ErrorCode.fromCode(ErrorMessage.errorCode(b, off));
        if (code == null) return Outcome.HANDLED;
        ctx.traffic.errorReceived(code);
        int inReVerb = OkHeader.inReVerbCode(b, off);
        Address from = in.peer().identity.address();
        if (code == ErrorCode.IDENTITY_COLLISION && ctx.topology.isUpstream(from)) {
            ctx.events.identityCollision();
        } else if (inReVerb == Verb.NETWORK_CONFIG_REQUEST.code) {
            if (Networks.failureOf(code) != null) networks.error(from, code, ErrorMessage.detailNetworkId(b, off, end));
        } else if (code == ErrorCode.NEED_MEMBERSHIP_CERTIFICATE) {
            credentials.needCertificate(in.peer(), ErrorMessage.detailNetworkId(b, off, end), in.now());
        }
        return Outcome.HANDLED;
    }

    // ---- WHOIS ----

    private Outcome whoisRequest(InboundPacket in) {
        Peer peer = in.peer();
        if (!ctx.topology.amRoot()) {
            if (in.now() - peer.lastWhoisAnsweredMs < Timing.PEER_WHOIS_RATE_LIMIT) {
                return Outcome.ignored(DropReason.RATE_LIMITED);
            }
            peer.lastWhoisAnsweredMs = in.now();
        }
        ByteWriter ok = new ByteWriter(128);
        new OkHeader(Verb.WHOIS, in.packetId()).encode(ok);
        int found = 0;
        for (Address a : Whois.decode(in.reader()).addresses()) {
            Identity id = a.equals(ctx.self) ? ctx.identity.publicOnly() : null;
            Peer known = ctx.topology.peers.get(a);
            if (known != null) id = known.identity;
            if (id != null) {
                ok.bytes(id.toBytes(false));
                found++;
            } else if (!ctx.topology.amRoot()) {
                whois.request(a, null, in.now());
            }
        }
        if (found > 0) sender.reply(peer, in.socket(), in.from(), Verb.OK, ok.toByteArray(), in.now());
        return Outcome.HANDLED;
    }

    // ---- RENDEZVOUS ----

    private Outcome rendezvous(InboundPacket in) {
        if (!ctx.topology.isUpstream(in.peer().identity.address())) return Outcome.ignored(DropReason.NOT_FROM_UPSTREAM);
        Rendezvous rv = Rendezvous.decode(in.reader());
        if (rv.endpoint() == null || rv.endpoint().port() == 0) return Outcome.HANDLED;
        if (!NodeContext.pathAllowed(rv.endpoint()) || !ctx.pathPolicy.allowed(rv.peer(), rv.endpoint())) {
            return Outcome.ignored(DropReason.PATH_REFUSED);
        }
        Peer target = ctx.topology.peers.get(rv.peer());
        if (target == null) {
            // the root introduces a peer whose first packets have not reached us yet: learn who it is, then punch
            // (ZeroTier One drops such a RENDEZVOUS, and the next comes 30 s later)
            whois.request(rv.peer(), null, in.now());
            holePunch.rendezvousPending(rv.peer(), in.socket(), rv.endpoint(), in.now());
            return Outcome.HANDLED;
        }
        holePunch.rendezvous(target, in.socket(), rv.endpoint(), in.now());
        return Outcome.HANDLED;
    }

    // ---- ECHO ----

    private Outcome echo(InboundPacket in) {
        Path path = in.peer().findPath(in.socket(), in.from());
        if (path != null) {
            if (in.now() - path.lastEchoReplyMs < Timing.ECHO_REPLY_INTERVAL) return Outcome.ignored(DropReason.RATE_LIMITED);
            path.lastEchoReplyMs = in.now();
        }
        Echo echo = Echo.decode(in.reader());
        ByteWriter ok = new ByteWriter(OkHeader.LENGTH + echo.data().length);
        new OkHeader(Verb.ECHO, in.packetId()).encode(ok);
        echo.encode(ok);
        sender.reply(in.peer(), in.socket(), in.from(), Verb.OK, ok.toByteArray(), in.now());
        return Outcome.HANDLED;
    }

    // ---- PUSH_DIRECT_PATHS ----

    private Outcome pushDirectPaths(InboundPacket in) {
        Peer peer = in.peer();
        long now = in.now();
        if (now - peer.pushDirectPathsWindowStartMs > Timing.PUSH_DIRECT_PATHS_CUTOFF_TIME) {
            peer.pushDirectPathsWindowStartMs = now;
            peer.pushDirectPathsInWindow = 0;
        }
        if (++peer.pushDirectPathsInWindow > Timing.PUSH_DIRECT_PATHS_CUTOFF_LIMIT) {
            return Outcome.ignored(DropReason.RATE_LIMITED);
        }
        PushDirectPaths push = PushDirectPaths.decode(in.reader());
        Map<String, Integer> perScope = new HashMap<>();
        for (PushDirectPaths.PathRecord rec : push.paths()) {
            Endpoint e = rec.endpoint();
            boolean forget = (rec.flags() & PushDirectPaths.FLAG_FORGET_PATH) != 0;
            if (e != null && forget) {
                // the peer's network changed and it no longer answers there (ours sends this; 1.14 ignores it)
                peer.paths.removeIf(p -> p.address.equals(e));
                continue;
            }
            if (e == null || !NodeContext.pathAllowed(e) || !ctx.pathPolicy.allowed(peer.identity.address(), e)) continue;
            Path existing = null;
            for (Path p : peer.paths) if (p.address.equals(e) && p.alive(now)) existing = p;
            if (existing != null) continue;
            String key = e.scope() + (e.isV4() ? "4" : "6");
            int n = perScope.merge(key, 1, Integer::sum);
            if (n > Timing.PUSH_DIRECT_PATHS_MAX_PER_SCOPE_AND_FAMILY) continue;
            holePunch.pushed(peer, e, now);
        }
        return Outcome.HANDLED;
    }

    // ---- NETWORK_CONFIG_REQUEST ----

    /**
     * A member asks for a network's configuration (spec 03 §7.1, 04 §1–§8). Without a controller, or for a network
     * that is not ours: ERROR(UNSUPPORTED_OPERATION) with the network id, or nothing, as 1.14 does. For ours, the
     * request is handed to the controller, which answers later ({@link #controllerAnswered}); if it cannot take it,
     * it is dropped and counted.
     */
    private Outcome configRequest(InboundPacket in) {
        NetworkConfigRequest req = NetworkConfigRequest.decode(in.reader());
        long networkId = req.networkId();
        ControllerRequests controller = ctx.controller;
        if (controller == null) {
            error(in.peer(), in.socket(), in.from(), in.packetId(), ErrorCode.UNSUPPORTED_OPERATION, networkId, null,
                    in.now());
            return Outcome.HANDLED;
        }
        if ((networkId >>> 24) != ctx.self.value()) return Outcome.HANDLED;
        ControllerRequest r = new ControllerRequest(in.peer().identity, networkId, req.metadata(), in.packetId(),
                in.socket(), in.from(), in.now());
        return controller.submit(r) ? Outcome.HANDLED : Outcome.ignored(DropReason.CONTROLLER_BUSY);
    }

    /**
     * Our controller's answer to a member's request: OK(NETWORK_CONFIG_REQUEST) chunks or an ERROR, as if answered
     * when it arrived. A requester we no longer know is dropped.
     */
    public void controllerAnswered(ControllerRequest r, LocalController.Answer answer, long now) {
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
        byte[] e = ErrorMessage.withNetworkId(Verb.NETWORK_CONFIG_REQUEST, packetId, code, networkId, dictionary).toBytes();
        sender.reply(peer, socket, from, Verb.ERROR, e, now);
    }

    /** The configuration as OK(NETWORK_CONFIG_REQUEST) packets, one signed chunk each (spec 04 §8). */
    private void sendConfig(Peer member, long packetId, long networkId, byte[] dictionary, long now) {
        long updateId = ctx.random.nextLong() | 1;
        for (NetworkConfigChunk chunk : ConfigChunker.split(networkId, dictionary, updateId, ctx.identity)) {
            ByteWriter w = new ByteWriter(dictionary.length + 160);
            new OkHeader(Verb.NETWORK_CONFIG_REQUEST, packetId).encode(w);
            chunk.encode(w);
            sender.send(member, Verb.OK, w.toByteArray(), now);
        }
    }

    /** A configuration our controller re-issued, pushed as NETWORK_CONFIG chunks (spec 04 §10). */
    public void pushConfig(Identity member, long networkId, byte[] dictionary, long now) {
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
    private Outcome configPush(InboundPacket in) {
        NetworkConfigChunk chunk = NetworkConfigChunk.decode(in.reader());
        if (chunk.legacy()) return Outcome.HANDLED; // NETWORK_CONFIG has no legacy form
        long updateId = networks.configChunk(in.peer(), in.packetId(), chunk, in.now());
        if (updateId != 0) {
            ByteWriter ok = new ByteWriter(OkHeader.LENGTH + 16);
            new OkHeader(Verb.ECHO, in.packetId()).encode(ok);
            new NetworkConfigAck(chunk.networkId(), updateId).encode(ok);
            sender.reply(in.peer(), in.socket(), in.from(), Verb.OK, ok.toByteArray(), in.now());
        }
        return Outcome.HANDLED;
    }

    // ---- USER_MESSAGE ----

    private Outcome userMessage(InboundPacket in) {
        UserMessage m = UserMessage.decode(in.reader());
        in.peer().lastActivityMs = in.now();
        ctx.events.userMessage(in.peer().identity.address(), m.typeId(), m.data());
        return Outcome.HANDLED;
    }
}
