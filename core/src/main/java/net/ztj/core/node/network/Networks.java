package net.ztj.core.node.network;

import net.ztj.core.node.ControllerRequest;
import net.ztj.core.node.ControllerRequests;
import net.ztj.core.node.DropReason;
import net.ztj.core.node.LocalController;
import net.ztj.core.node.NetworkInfo;
import net.ztj.core.node.NetworkStatus;
import net.ztj.core.node.Node;
import net.ztj.core.node.NodeConfig;
import net.ztj.core.node.PhysicalTransport;
import net.ztj.core.node.peer.NodeContext;
import net.ztj.core.node.peer.Peer;
import net.ztj.core.node.peer.Sender;
import net.ztj.core.node.peer.WhoisService;
import net.ztj.core.identity.Address;
import net.ztj.core.network.addressing.NetworkId;
import net.ztj.core.network.addressing.NetworkMac;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.ErrorCode;
import net.ztj.core.wire.Verb;
import net.ztj.core.wire.verbs.NetworkConfigChunk;
import net.ztj.core.wire.verbs.NetworkConfigRequest;
import net.ztj.core.network.config.AssemblyResult;
import net.ztj.core.network.config.ConfigRequestMetadata;
import net.ztj.core.network.config.IpNetworkPrefix;
import net.ztj.core.network.config.NetworkConfig;
import net.ztj.core.network.config.Specialist;
import net.ztj.core.network.dictionary.Dictionary;
import net.ztj.core.wire.IpText;
import net.ztj.core.wire.MalformedException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The networks this node has joined (spec 03 §5, §7): asking each network's controller for its configuration
 * (every 5 s while unconfigured, every minute after the last change), and the states the controller's answers
 * lead to.
 */
public final class Networks {
    private final NodeContext ctx;
    private final Sender sender;
    private final WhoisService whois;
    private final Map<Long, Membership> joined = new TreeMap<>(Long::compareUnsigned);

    public Networks(NodeContext ctx, Sender sender, WhoisService whois) {
        this.ctx = ctx;
        this.sender = sender;
        this.whois = whois;
    }

    /**
     * Joins a network; returns false if already joined. A configuration cached from an earlier run is used until
     * the controller answers (spec 03 §7.3); an unreadable one is ignored and simply requested again.
     */
    public boolean join(long networkId, byte[] cachedDictionary, long now) {
        if (joined.containsKey(networkId)) return false;
        Membership m = new Membership(networkId);
        joined.put(networkId, m);
        if (cachedDictionary != null && cachedDictionary.length > 1) {
            try {
                NetworkConfig c = NetworkConfig.fromDictionary(Dictionary.parse(cachedDictionary));
                if (c.issuedTo().equals(ctx.self) && c.networkId() == networkId) {
                    m.net = ConfiguredNetwork.parse(c, ctx.self, m.frames);
                    m.configured = info(m.networkId, c);
                    m.configTimestamp = c.timestamp();
                    m.lastConfigUpdateMs = Long.MIN_VALUE / 2; // ask the controller at the next tick all the same
                }
            } catch (MalformedException e) {
                ctx.drop(DropReason.MALFORMED);
            }
        }
        return true;
    }

    public boolean leave(long networkId) {
        return joined.remove(networkId) != null;
    }

    /** Our membership of a network, or null if not joined. */
    public Membership joined(long networkId) {
        return joined.get(networkId);
    }

    /** A joined network that can carry frames now (configured, no failure), or null (the caller counts the drop). */
    public Membership usable(long networkId) {
        Membership m = joined.get(networkId);
        return m == null || m.usable() == null ? null : m;
    }

    public Iterable<Membership> all() {
        return joined.values();
    }

    /** What we know of a member, created on first use; fills in the identity of a record made by a revocation. */
    public RemoteMember member(Membership m, net.ztj.core.identity.Identity id) {
        RemoteMember rm = m.members.get(id.address());
        if (rm == null) {
            rm = new RemoteMember(id, id.address());
            m.members.put(id.address(), rm);
        } else if (rm.identity == null) {
            rm.identity = id;
            rm.credentialsChanged();
        }
        return rm;
    }

    public Optional<Membership> get(long networkId) {
        return Optional.ofNullable(joined.get(networkId));
    }

    public void tick(long now) {
        for (Membership m : joined.values()) {
            if (m.requestDue(now)) request(m, now);
        }
    }

    private void request(Membership m, long now) {
        m.lastRequestMs = now;
        NodeConfig cfg = ctx.config;
        NetworkInfo held = m.configured;
        NetworkConfigRequest req = new NetworkConfigRequest(m.networkId, ConfigRequestMetadata.ofNode1141(cfg.platform()).toDictionary().toBytes(),
                held == null ? 0 : held.revision(), held == null ? 0 : m.configTimestamp);
        ByteWriter w = new ByteWriter(256);
        req.encode(w);
        Address controller = new Address(m.controller());
        Peer peer = ctx.topology.peers.get(controller);
        if (controller.equals(ctx.self)) {
            requestFromSelf(m, req.metadata(), now);
        } else if (peer == null) {
            whois.request(controller, new WhoisService.PendingSend(Verb.NETWORK_CONFIG_REQUEST, w.toByteArray(), now), now);
        } else {
            sender.send(peer, Verb.NETWORK_CONFIG_REQUEST, w.toByteArray(), now);
        }
    }

    /** The packet id of a request a node makes to its own controller (1.14's is all ones, never 0: a real request). */
    public static final long SELF_REQUEST_PACKET_ID = -1L;

    /**
     * A network of our own controller (1.14's Network::requestConfiguration with the controller being this node):
     * handed to it directly, without a packet; its answer ({@link #answeredSelf}) is applied as a configuration or
     * error from the controller would be. Without a local controller the network is NOT_FOUND.
     */
    private void requestFromSelf(Membership m, byte[] metadata, long now) {
        ControllerRequests c = ctx.controller;
        if (c == null) {
            m.failure = NetworkStatus.NOT_FOUND;
            return;
        }
        ControllerRequest r = new ControllerRequest(ctx.identity.publicOnly(), m.networkId, metadata,
                SELF_REQUEST_PACKET_ID, PhysicalTransport.ANY_SOCKET, null, now);
        if (!c.submit(r)) ctx.drop(DropReason.CONTROLLER_BUSY);
    }

    /** Our controller's answer to our own request. */
    public void answeredSelf(long networkId, LocalController.Answer answer, long now) {
        switch (answer) {
            case LocalController.Config cfg -> {
                ctx.localAuthorizations.sent(networkId, ctx.self, now);
                localConfig(networkId, cfg.dictionary(), now);
            }
            case LocalController.Error e -> {
                Membership m = joined.get(networkId);
                if (m != null) failed(m, e.code());
            }
            case LocalController.Ignore i -> { }
        }
    }

    /**
     * A configuration our own controller issued to us (at our request or as a push, 1.14's Node::ncSendConfig to
     * itself): applied without chunks or signature, as it never left this node.
     */
    public void localConfig(long networkId, byte[] dictionary, long now) {
        Membership m = joined.get(networkId);
        if (m == null) return;
        NetworkConfig config;
        try {
            config = NetworkConfig.fromDictionary(Dictionary.parse(dictionary));
        } catch (MalformedException e) {
            ctx.drop(DropReason.MALFORMED);
            return;
        }
        apply(m, config, dictionary, now);
    }

    /**
     * An ERROR in reply to a configuration request (spec 03 §7.5.1): acted on only when it comes from that
     * network's controller.
     */
    public void error(Address from, ErrorCode code, long networkId) {
        Membership m = joined.get(networkId);
        if (m == null || from.value() != m.controller()) return;
        failed(m, code);
    }

    /** The state an error from the controller puts a network in, or null for an error that changes nothing. */
    public static NetworkStatus failureOf(ErrorCode code) {
        return switch (code) {
            case OBJ_NOT_FOUND, UNSUPPORTED_OPERATION -> NetworkStatus.NOT_FOUND;
            case NETWORK_ACCESS_DENIED -> NetworkStatus.ACCESS_DENIED;
            case NETWORK_AUTHENTICATION_REQUIRED -> NetworkStatus.AUTHENTICATION_REQUIRED;
            default -> null;
        };
    }

    private static void failed(Membership m, ErrorCode code) {
        NetworkStatus failure = failureOf(code);
        if (failure != null) m.failure = failure;
    }

    /**
     * A configuration chunk, in an OK(NETWORK_CONFIG_REQUEST) or a NETWORK_CONFIG push (spec 03 §7.2): assembled,
     * verified against the controller's identity, and applied once complete (§7.3). Returns the completed update id
     * when a push completed a valid configuration (1.14 then acknowledges it), else 0.
     */
    public long configChunk(Peer from, long packetId, NetworkConfigChunk chunk, long now) {
        Membership m = joined.get(chunk.networkId());
        if (m == null) return 0;
        Address controllerAddress = new Address(m.controller());
        Peer controller = ctx.topology.peers.get(controllerAddress);
        if (controller == null) {
            whois.request(controllerAddress, null, now);
            return 0;
        }
        AssemblyResult r = chunk.legacy()
                ? m.assembler.acceptLegacy(chunk, from.identity.address().equals(controllerAddress), packetId)
                : m.assembler.accept(chunk, controller.identity);
        if (!(r instanceof AssemblyResult.Complete complete)) return 0;
        NetworkConfig config;
        try {
            config = NetworkConfig.fromDictionary(Dictionary.parse(complete.dictionary()));
        } catch (MalformedException e) {
            ctx.drop(DropReason.MALFORMED);
            return 0;
        }
        apply(m, config, complete.dictionary(), now);
        return complete.updateId();
    }

    /** Spec 03 §7.3: only a configuration issued to us for this network; it clears any failure. */
    private void apply(Membership m, NetworkConfig c, byte[] dictionary, long now) {
        if (!c.issuedTo().equals(ctx.self) || c.networkId() != m.networkId) {
            ctx.drop(DropReason.MALFORMED);
            return;
        }
        ConfiguredNetwork net;
        try {
            net = ConfiguredNetwork.parse(c, ctx.self, m.frames);
        } catch (MalformedException e) {
            ctx.drop(DropReason.MALFORMED);
            return;
        }
        NetworkInfo info = info(m.networkId, c);
        m.net = net;
        boolean changed = m.configured == null || !m.configured.equals(info);
        m.configured = info;
        m.configTimestamp = c.timestamp();
        m.failure = null;
        m.lastConfigUpdateMs = now;
        if (changed) ctx.events.networkConfigured(m.networkId, dictionary);
    }

    /** The API's view of a configuration. */
    private NetworkInfo info(long networkId, NetworkConfig c) {
        return new NetworkInfo(networkId, 0, NetworkStatus.OK, c.name(), c.type() == 0, c.mtu(),
                c.revision(), c.hasFlag(NetworkConfig.FLAG_ENABLE_BROADCAST), bridging(c),
                c.staticIps().stream().map(IpNetworkPrefix::toString).toList(),
                c.routes().stream().map(Networks::route).toList(),
                new NetworkInfo.Dns(c.dns().domain(), c.dns().servers().stream().map(p -> IpText.format(p.ip())).toList()),
                List.of());
    }

    private boolean bridging(NetworkConfig c) {
        return c.specialists().stream().anyMatch(s -> s.address().equals(ctx.self) && s.is(Specialist.ACTIVE_BRIDGE));
    }

    private static NetworkInfo.Route route(net.ztj.core.network.config.Route r) {
        String via = r.via() == null || r.target() == null || r.via().ip().length != r.target().ip().length
                ? null : IpText.format(r.via().ip());
        return new NetworkInfo.Route(r.target() == null ? "" : r.target().toString(), via, r.flags(), r.metric());
    }

    /** Each joined network's frame counts and subscriptions. */
    public List<net.ztj.core.node.NetworkCounters> counters() {
        List<net.ztj.core.node.NetworkCounters> out = new ArrayList<>();
        for (Membership m : joined.values()) {
            FrameCounts f = m.frames;
            out.add(new net.ztj.core.node.NetworkCounters(m.networkId, f.inboundAccepted, f.inboundDropped,
                    f.outboundAccepted, f.outboundDropped, m.subscriptions.size()));
        }
        return out;
    }

    public List<NetworkInfo> snapshot() {
        List<NetworkInfo> out = new ArrayList<>();
        for (Membership m : joined.values()) out.add(info(m));
        return out;
    }

    public NetworkInfo info(Membership m) {
        long mac = NetworkMac.of(ctx.self, new NetworkId(m.networkId)).value();
        NetworkInfo c = m.configured;
        if (c == null) {
            return new NetworkInfo(m.networkId, mac, m.status(), "", true, Membership.DEFAULT_MTU, 0, false, false,
                    List.of(), List.of(), NetworkInfo.Dns.NONE, List.copyOf(m.subscriptions));
        }
        return new NetworkInfo(m.networkId, mac, m.status(), c.name(), c.isPrivate(), c.mtu(), c.revision(),
                c.broadcastEnabled(), c.bridge(), c.assignedAddresses(), c.routes(), c.dns(), List.copyOf(m.subscriptions));
    }
}
