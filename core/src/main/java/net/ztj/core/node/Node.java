package net.ztj.core.node;

import net.ztj.core.node.ethernet.VirtualSwitch;
import net.ztj.core.node.multicast.MulticastSwitch;
import net.ztj.core.node.network.CredentialExchange;
import net.ztj.core.node.network.FrameFilter;
import net.ztj.core.node.network.Networks;
import net.ztj.core.node.network.RuleActions;
import net.ztj.core.node.peer.CachedPeer;
import net.ztj.core.node.peer.NodeContext;
import net.ztj.core.node.peer.Path;
import net.ztj.core.node.peer.Peer;
import net.ztj.core.node.peer.PeerArrivals;
import net.ztj.core.node.peer.Pinger;
import net.ztj.core.node.peer.Relay;
import net.ztj.core.node.peer.Sender;
import net.ztj.core.node.peer.Timing;
import net.ztj.core.node.peer.Topology;
import net.ztj.core.node.peer.WhoisService;
import net.ztj.core.node.receive.HelloHandler;
import net.ztj.core.node.receive.PathLearning;
import net.ztj.core.node.receive.Receiver;
import net.ztj.core.node.receive.VerbHandlers;
import net.ztj.core.node.traversal.HolePunch;
import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.Verb;
import net.ztj.core.wire.verbs.PushDirectPaths;
import net.ztj.core.world.World;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A ZeroTier node (VL1), I/O-free: the service hands it datagrams and the time, it sends through a
 * {@link PhysicalTransport} and returns when it next needs to be called. One thread owns a node; it is not
 * thread-safe.
 */
public final class Node {
    private final NodeContext ctx;
    private final Sender sender;
    private final VerbHandlers verbs;
    private final PathLearning paths;
    private final PeerArrivals arrivals;
    private final Receiver receiver;
    private final Relay relay;
    private final HelloHandler hello;
    private final WhoisService whois;
    private final Pinger pinger;
    private final Networks networks;
    private final VirtualSwitch frames;
    private final MulticastSwitch multicast;
    private final CredentialExchange credentials;
    private final HolePunch holePunch;
    private long lastPingCheckMs = Long.MIN_VALUE / 2;
    private long lastHousekeepingMs;
    private long lastOfflineHelloMs;
    private boolean online;

    public Node(Identity identity, World planet, NodeConfig config, PhysicalTransport transport, NodeEvents events,
                RandomGenerator random, long nowMs) {
        if (!identity.hasPrivate()) throw new IllegalArgumentException("the node needs its secret identity");
        Topology topology = new Topology(identity.address(), planet);
        ctx = new NodeContext(identity, topology, config, transport, events, random);
        // built in the order they depend on each other: each takes what it uses in its constructor
        sender = new Sender(ctx);
        whois = new WhoisService(ctx, sender);
        arrivals = new PeerArrivals(ctx, sender, whois);
        paths = new PathLearning(ctx, sender);
        relay = new Relay(ctx, sender);
        pinger = new Pinger(ctx, sender, whois);
        networks = new Networks(ctx, sender, whois);
        credentials = new CredentialExchange(ctx, sender, whois, networks);
        FrameFilter filter = new FrameFilter(ctx);
        RuleActions rules = new RuleActions(ctx, sender, networks, whois, credentials);
        multicast = new MulticastSwitch(ctx, sender, networks, whois, filter, credentials, rules);
        frames = new VirtualSwitch(ctx, sender, networks, whois, filter, credentials, rules, multicast);
        holePunch = new HolePunch(ctx, sender, paths::surfaceAddresses);
        verbs = new VerbHandlers(ctx, sender, whois, arrivals, paths, networks, frames, multicast, credentials, holePunch);
        hello = new HelloHandler(ctx, sender, arrivals, paths);
        receiver = new Receiver(ctx, relay, hello, verbs, whois, paths, arrivals);
        lastHousekeepingMs = nowMs;
        arrivals.ensureUpstreamPeers(nowMs);
    }

    public Address address() {
        return ctx.self;
    }

    /**
     * Processes one received UDP payload.
     *
     * @param localSocket the transport's id of the socket it arrived on
     * @return the time at which {@link #processBackgroundTasks} should next run
     */
    public long processWirePacket(long nowMs, long localSocket, Endpoint from, byte[] data, int off, int len) {
        receiver.datagram(nowMs, localSocket, from, data, off, len);
        // ZeroTier One re-evaluates ONLINE only at its 5 s ping check; an offline node looks at once, so the first
        // answer of a root makes it ONLINE (a node that is online changes state only at the ping check)
        if (!online) updateOnline(nowMs);
        return nextDeadline();
    }

    /** Runs the timers; returns when to call again. */
    public long processBackgroundTasks(long nowMs) {
        if (nowMs - lastPingCheckMs >= Timing.PING_CHECK_INTERVAL) {
            lastPingCheckMs = nowMs;
            pinger.pingCheck(nowMs);
            networks.tick(nowMs);
            multicast.tick(nowMs);
            updateOnline(nowMs);
        }
        whois.tick(nowMs);
        holePunch.tick(nowMs);
        receiver.expire(nowMs);
        if (!online && nowMs - lastPingCheckMs >= Timing.OFFLINE_HELLO_INTERVAL
                && nowMs - lastOfflineHelloMs >= Timing.OFFLINE_HELLO_INTERVAL) {
            // a root that was starting or busy when the first HELLO came is asked again within a second, not five
            lastOfflineHelloMs = nowMs;
            pinger.helloRoots(nowMs);
        }
        if (nowMs - lastHousekeepingMs >= Timing.HOUSEKEEPING_PERIOD) {
            lastHousekeepingMs = nowMs;
            housekeeping(nowMs);
        }
        return nextDeadline();
    }

    /**
     * Our controller's answer to a request the node handed it ({@link ControllerRequests#submit}): sent to the member
     * as OK(NETWORK_CONFIG_REQUEST) chunks or an ERROR (spec 04 §8), or applied here for our own request.
     *
     * @return when {@link #processBackgroundTasks} should next run
     */
    public long controllerAnswered(ControllerRequest request, LocalController.Answer answer, long nowMs) {
        if (request.requester().address().equals(ctx.self)) networks.answeredSelf(request.networkId(), answer, nowMs);
        else verbs.controllerAnswered(request, answer, nowMs);
        return nextDeadline();
    }

    /**
     * What our controller pushes after changes (spec 04 §10): configurations as NETWORK_CONFIG (applied here when
     * for this node) and revocations in NETWORK_CREDENTIALS.
     *
     * @return when {@link #processBackgroundTasks} should next run
     */
    public long controllerPushes(List<LocalController.Push> pushes, long nowMs) {
        for (LocalController.Push p : pushes) {
            switch (p) {
                case LocalController.ConfigPush c -> {
                    if (c.member().address().equals(ctx.self)) networks.localConfig(c.networkId(), c.dictionary(), nowMs);
                    else verbs.pushConfig(c.member(), c.networkId(), c.dictionary(), nowMs);
                }
                case LocalController.RevocationPush r -> credentials.sendRevocations(r.members(), List.of(r.revocation()), nowMs);
            }
        }
        return nextDeadline();
    }

    private long nextDeadline() {
        long next = Math.min(Math.min(lastPingCheckMs + Timing.PING_CHECK_INTERVAL, whois.nextDeadline()),
                holePunch.nextDeadline());
        if (!online) next = Math.min(next, Math.max(lastPingCheckMs, lastOfflineHelloMs) + Timing.OFFLINE_HELLO_INTERVAL);
        return next;
    }

    private void updateOnline(long now) {
        boolean on = ctx.topology.amRoot();
        for (Address a : ctx.topology.upstreamIdentities().keySet()) {
            Peer p = ctx.topology.peers.get(a);
            if (p != null && p.lastReceiveMs != 0 && now - p.lastReceiveMs < Timing.PEER_ACTIVITY_TIMEOUT) on = true;
        }
        if (on != online) {
            online = on;
            ctx.events.onlineChanged(on);
        }
    }

    private void housekeeping(long now) {
        for (Iterator<Map.Entry<Address, Peer>> it = ctx.topology.peers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Address, Peer> e = it.next();
            Peer p = e.getValue();
            if (!ctx.topology.isUpstream(e.getKey()) && !p.alive(now) && !p.active(now)) {
                it.remove();
                ctx.events.peerDropped(e.getKey(), cached(p, now, true).encode());
            }
        }
        ctx.expectedReplies.expire(now);
        ctx.localAuthorizations.expire(now);
        hello.housekeeping(now);
        relay.housekeeping(now);
        paths.housekeeping(now);
        ctx.releaseIdleHasher(now, Timing.HASHER_QUIET_PERIOD);
    }

    /**
     * Sends a USER_MESSAGE (ZeroTier's application message, verb 0x14) to a node, looking its identity up first if
     * needed. Marks the peer active, so its direct paths are kept alive.
     *
     * @return false if there is no way to send it now (it may still be queued waiting for the identity)
     */
    public boolean sendUserMessage(long nowMs, Address dest, long typeId, byte[] payload) {
        byte[] body = new ByteWriter(8 + payload.length).u64(typeId).bytes(payload).toByteArray();
        Peer peer = ctx.topology.peers.get(dest);
        if (peer == null) {
            whois.request(dest, new WhoisService.PendingSend(Verb.USER_MESSAGE, body, nowMs), nowMs);
            return false;
        }
        peer.lastActivityMs = nowMs;
        return sender.send(peer, Verb.USER_MESSAGE, body, nowMs);
    }

    /**
     * Joins a network (spec 03 §5): its controller is asked for the configuration at once, then as the schedule
     * says. Returns false if already joined.
     */
    public boolean join(long networkId, long nowMs) {
        return join(networkId, null, nowMs);
    }

    /**
     * Joins a network with the configuration dictionary cached by an earlier run ({@code networks.d/<nwid>.conf}),
     * which is used until the controller answers; null or unreadable: none.
     */
    public boolean join(long networkId, byte[] cachedDictionary, long nowMs) {
        boolean added = networks.join(networkId, cachedDictionary, nowMs);
        if (added) networks.tick(nowMs);
        return added;
    }

    /** Leaves a network; returns false if it was not joined. */
    public boolean leave(long networkId) {
        multicast.directory.forgetNetwork(networkId);
        return networks.leave(networkId);
    }

    /**
     * An Ethernet frame from a network's local port (the tap): switched to the network as unicast, multicast or
     * bridged traffic (spec 03 §4.1). The data is only read during the call.
     *
     * @param data the Ethernet payload (after the 14-byte header)
     */
    public long processVirtualNetworkFrame(long nowMs, long networkId, long sourceMac, long destMac, int etherType,
                                           int vlanId, byte[] data, int off, int len) {
        frames.localFrame(nowMs, networkId, sourceMac, destMac, etherType, data, off, len);
        return nextDeadline();
    }

    /**
     * The multicast groups the local port of a network subscribes to (spec 03 §3.2, 05 §8.8), as the service last
     * scanned them: new groups are announced at once.
     */
    public void setMulticastSubscriptions(long networkId, java.util.Set<net.ztj.core.network.addressing.MulticastGroup> groups, long nowMs) {
        networks.get(networkId).ifPresent(m -> multicast.setSubscriptions(m, groups, nowMs));
    }

    /** Sends revocations issued by our controller to the given members (spec 04 §10.3). */
    public void sendRevocations(List<Address> members, List<net.ztj.core.network.credentials.Revocation> revocations, long nowMs) {
        credentials.sendRevocations(members, revocations, nowMs);
    }

    /** The joined networks in ascending id order. */
    public List<NetworkInfo> networks() {
        return networks.snapshot();
    }

    /** One joined network. */
    public Optional<NetworkInfo> network(long networkId) {
        return networks.get(networkId).map(networks::info);
    }

    /**
     * Runs a network controller for the networks whose id starts with our address (spec 04 §1): their configuration
     * requests, ours included, are handed to {@code requests}, whose answers come back through
     * {@link #controllerAnswered}.
     */
    public void setController(ControllerRequests requests) {
        ctx.controller = requests;
    }

    /** Starts orbiting a moon: its id and the address of one of its roots (spec 02 §10.4). */
    public void orbit(long moonId, Address seed, long nowMs) {
        if (!ctx.topology.orbit(moonId, seed)) return;
        Peer p = ctx.topology.peers.get(seed);
        if (p == null) {
            whois.request(seed, null, nowMs);
        } else {
            sender.hello(p, PhysicalTransport.ANY_SOCKET, p.bestPath(nowMs) == null ? null : p.bestPath(nowMs).address, nowMs);
        }
        lastPingCheckMs = Long.MIN_VALUE / 2;
    }

    /** Stops orbiting a moon. */
    public void deorbit(long moonId) {
        if (ctx.topology.removeMoon(moonId)) ctx.events.moonRemoved(moonId);
    }

    /** Adds a moon loaded from disk (accepted without a pending orbit). */
    public boolean loadMoon(World moon, long nowMs) {
        boolean taken = ctx.topology.offer(moon, false);
        if (taken) {
            arrivals.ensureUpstreamPeers(nowMs);
            receiver.replayHeld(nowMs);
        }
        return taken;
    }

    public boolean online() {
        return online;
    }

    public DropCounters drops() {
        return ctx.drops;
    }

    /** Packets by verb and bytes by direction, for metrics; read on the node's thread. */
    public TrafficCounters traffic() {
        return ctx.traffic;
    }

    /** Each peer's counts, for metrics; read on the node's thread. */
    public List<PeerCounters> peerCounters() {
        List<PeerCounters> out = new ArrayList<>();
        for (Peer p : ctx.topology.peers.values()) {
            out.add(new PeerCounters(p.identity.address(), p.packetsReceived, p.packetsSent, p.packetErrors,
                    p.latencyHistogram.counts(), p.latencyHistogram.sumMs()));
        }
        return out;
    }

    /** Each joined network's counts, in ascending id order, for metrics; read on the node's thread. */
    public List<NetworkCounters> networkCounters() {
        return networks.counters();
    }

    public NodeStatus status(long nowMs) {
        World planet = ctx.topology.planet();
        return new NodeStatus(ctx.self, ctx.identity.toPublicString(), online, planet.id(), planet.timestamp(),
                paths.surfaceAddresses(), ctx.drops.snapshot());
    }

    public List<PeerInfo> peers(long nowMs) {
        List<PeerInfo> out = new ArrayList<>();
        for (Peer p : ctx.topology.peers.values()) out.add(info(p, nowMs));
        return out;
    }

    public Optional<PeerInfo> peer(Address a, long nowMs) {
        Peer p = ctx.topology.peers.get(a);
        return p == null ? Optional.empty() : Optional.of(info(p, nowMs));
    }

    private PeerInfo info(Peer p, long now) {
        Path best = p.bestPath(now);
        List<PathInfo> paths = new ArrayList<>();
        for (Path path : p.paths) {
            if (path.expired(now)) continue;
            paths.add(new PathInfo(path.address, path.localSocket, path.lastSendMs, path.lastReceiveMs, path == best));
        }
        return new PeerInfo(p.identity.address(), p.protocolVersion, p.versionMajor, p.versionMinor,
                p.versionRevision, p.latencyMs, ctx.topology.role(p.identity.address()), paths);
    }

    public List<MoonInfo> moons() {
        List<MoonInfo> out = new ArrayList<>();
        for (World w : ctx.topology.orbits().moons()) {
            List<MoonInfo.Root> roots = w.roots().stream()
                    .map(r -> new MoonInfo.Root(r.identity(), r.stableEndpoints())).toList();
            out.add(new MoonInfo(w.id(), w.timestamp(), w.signature(), w.updatesMustBeSignedBy(), roots, false));
        }
        ctx.topology.orbits().pending().stream().map(p -> p.moonId()).distinct()
                .forEach(id -> out.add(new MoonInfo(id, 0, null, null, List.of(), true)));
        return out;
    }

    /** The planet in effect. */
    public World planet() {
        return ctx.topology.planet();
    }

    /**
     * The physical network changed under us: a local address or interface came or went, or the clocks say the
     * machine slept (ours; ZeroTier One waits for its timers, minutes with a dead path). Re-established at once:
     * <ul>
     * <li>every other peer's direct paths are forgotten, so traffic goes relayed through a root this very moment
     * (a NAT router still maps the old address, so the old paths are dead even when they look alive), and each
     * active peer gets a HELLO through the root and one at each old address (a path that still works answers and is
     * learned again);</li>
     * <li>each active peer is told to forget the addresses it knew us at (PUSH_DIRECT_PATHS with the forget flag,
     * which our nodes honour and ZeroTier One ignores), so its traffic comes relayed too instead of into the old
     * mapping;</li>
     * <li>the addresses peers reported seeing us at are dropped (they are learned again), every root is sent a HELLO
     * at its stable endpoints, and the ping check runs at the next call; a root's next RENDEZVOUS punches anew.</li>
     * </ul>
     *
     * @return when {@link #processBackgroundTasks} should next run
     */
    public long networkChanged(long nowMs) {
        List<Endpoint> oldSurface = paths.surfaceAddresses();
        paths.forgetSurfaceAddresses();
        holePunch.reset();
        for (Peer p : new ArrayList<>(ctx.topology.peers.values())) {
            if (ctx.topology.isUpstream(p.identity.address())) continue;
            List<Path> old = new ArrayList<>(p.paths);
            p.paths.clear();
            if (!p.active(nowMs) && !p.alive(nowMs)) continue;
            if (!oldSurface.isEmpty()) {
                List<PushDirectPaths.PathRecord> forget = oldSurface.stream().map(PushDirectPaths.PathRecord::forget).toList();
                sender.send(p, Verb.PUSH_DIRECT_PATHS, new PushDirectPaths(forget).toBytes(), nowMs);
            }
            sender.hello(p, PhysicalTransport.ANY_SOCKET, null, nowMs);
            for (Path path : old) sender.hello(p, path.localSocket, path.address, nowMs);
        }
        pinger.helloRoots(nowMs);
        lastPingCheckMs = Long.MIN_VALUE / 2;
        return nextDeadline();
    }

    /**
     * The peers worth keeping across a restart (peers.d, as ZeroTier One keeps it): every peer but the roots that
     * has a path now, with the addresses of its paths.
     */
    public List<CachedPeer> peersToCache(long nowMs) {
        List<CachedPeer> out = new ArrayList<>();
        for (Peer p : ctx.topology.peers.values()) {
            if (ctx.topology.isUpstream(p.identity.address())) continue;
            CachedPeer c = cached(p, nowMs, false);
            if (!c.paths().isEmpty()) out.add(c);
        }
        return out;
    }

    /** A peer as peers.d keeps it, with the addresses of its live paths, or of all of them. */
    private static CachedPeer cached(Peer p, long nowMs, boolean expiredToo) {
        List<Endpoint> addresses = new ArrayList<>();
        for (Path path : p.paths) {
            if ((expiredToo || !path.expired(nowMs)) && !addresses.contains(path.address)) addresses.add(path.address);
        }
        return new CachedPeer(p.identity, p.protocolVersion, p.versionMajor, p.versionMinor, p.versionRevision, addresses);
    }

    /**
     * A peer from the peers.d cache of an earlier run: known again without asking a root (its identity is checked
     * first), and a HELLO goes to each cached address; a path is learned when one answers (ZeroTier One does the
     * same when it loads a cached peer). Returns false for ourselves, a peer already known, or a bad identity.
     */
    public boolean addCachedPeer(CachedPeer cached, long nowMs) {
        return addCachedPeer(cached, nowMs, false);
    }

    /**
     * {@link #addCachedPeer(CachedPeer, long)}, where {@code identityChecked} says that the caller has already seen
     * the identity pass {@link net.ztj.core.identity.Identity#locallyValidate}: the service checks peers.d's
     * identities on a thread of its own, so that a start with cached peers does not hold the node's thread for the
     * memory-hard hash of each (slow while the JVM is cold: the node's calls wait behind it). An identity not checked
     * is checked here.
     */
    public boolean addCachedPeer(CachedPeer cached, long nowMs, boolean identityChecked) {
        Address a = cached.identity().address();
        if (a.equals(ctx.self) || ctx.topology.peers.containsKey(a)) return false;
        if (!identityChecked && !cached.identity().locallyValidate(ctx.hasher())) {
            ctx.drop(DropReason.IDENTITY_INVALID);
            return false;
        }
        Peer peer = arrivals.newPeer(cached.identity());
        if (peer == null) return false;
        peer.setVersions(cached.protocol(), cached.major(), cached.minor(), cached.revision());
        arrivals.learned(peer, nowMs);
        for (Endpoint e : cached.paths()) {
            if (NodeContext.pathAllowed(e) && ctx.pathPolicy.allowed(a, e)) sender.hello(peer, PhysicalTransport.ANY_SOCKET, e, nowMs);
        }
        return true;
    }

    /** The user's limits on physical paths and addresses to try (local.conf physical and virtual). */
    public void setPathPolicy(PathPolicy policy) {
        ctx.pathPolicy = policy == null ? PathPolicy.NONE : policy;
    }

    /** Our local addresses, advertised to peers in PUSH_DIRECT_PATHS. */
    public void setLocalAddresses(List<Endpoint> local) {
        ctx.localAddresses = List.copyOf(local);
    }
}
