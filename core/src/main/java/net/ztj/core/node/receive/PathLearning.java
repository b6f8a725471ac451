package net.ztj.core.node.receive;

import net.ztj.core.node.DropReason;
import net.ztj.core.node.peer.InboundPacket;
import net.ztj.core.node.peer.NodeContext;
import net.ztj.core.node.peer.Path;
import net.ztj.core.node.peer.Peer;
import net.ztj.core.node.peer.Sender;
import net.ztj.core.node.peer.Timing;
import net.ztj.core.identity.Address;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.Verb;
import net.ztj.core.wire.verbs.PushDirectPaths;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping every authenticated packet triggers (spec 02 §11.2): the peer's timers, learning or confirming
 * the path it came on, telling the peer where else it can reach us (§11.4), and the addresses peers see us at
 * (§11.7).
 */
public final class PathLearning {
    private static final int MAX_SURFACE_ADDRESSES = 16;
    private static final long CONFIRM_HELLO_MEMORY_MS = 60_000;
    /** Past this many bytes of records, PUSH_DIRECT_PATHS lists no more addresses. */
    private static final int PUSH_DIRECT_PATHS_BUDGET = 1100;

    private final NodeContext ctx;
    private final Sender sender;
    private final Map<Endpoint, Address> surface = new LinkedHashMap<>();
    private final Map<Address, Map<Endpoint, Long>> confirmHellos = new HashMap<>();

    public PathLearning(NodeContext ctx, Sender sender) {
        this.ctx = ctx;
        this.sender = sender;
    }

    /** After any authenticated packet that was not rejected: timers and path learning. */
    public void received(InboundPacket in) {
        Peer peer = in.peer();
        long now = in.now();
        peer.lastReceiveMs = now;
        peer.packetsReceived++;
        maybePushDirectPaths(in);
        if (!in.direct()) return;
        Path known = peer.findPath(in.socket(), in.from());
        if (known != null) {
            known.lastReceiveMs = now;
            return;
        }
        // a new port of an address we have a live path to is not learned (ZeroTier's guard against learning loops),
        // except when the peer says HELLO from it, which it does after its network changed (its NAT gave it a new
        // port while its old mapping still looks alive here): that is confirmed, and the OK to our confirming HELLO
        // learned, so the peer is reachable again at once rather than when the old path times out
        Map<Endpoint, Long> asked = confirmHellos.get(peer.identity.address());
        boolean confirming = in.verb() == Verb.OK && asked != null && asked.containsKey(in.from());
        if (peer.hasAlivePathWithIp(in.socket(), in.from(), now) && in.verb() != Verb.HELLO && !confirming) return;
        if (!NodeContext.pathAllowed(in.from()) || !rootEndpointAllowed(peer, in.from())
                || !ctx.pathPolicy.allowed(peer.identity.address(), in.from())) {
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
        List<PushDirectPaths.PathRecord> records = new ArrayList<>();
        int size = 2; // the record count
        for (Endpoint e : mine) {
            if (size > PUSH_DIRECT_PATHS_BUDGET) break;
            PushDirectPaths.PathRecord r = PushDirectPaths.PathRecord.of(e);
            records.add(r);
            size += 5 + r.address().length;
        }
        sender.send(peer, Verb.PUSH_DIRECT_PATHS, new PushDirectPaths(records).toBytes(), now);
    }

    /** A root's traffic is accepted only on its listed stable endpoints, if it lists any (spec 02 §11.3). */
    private boolean rootEndpointAllowed(Peer peer, Endpoint from) {
        List<Endpoint> stable = ctx.topology.stableEndpoints(peer.identity.address());
        if (stable.isEmpty()) return true;
        for (Endpoint e : stable) if (e.sameIp(from)) return true;
        return false;
    }

    /** A peer told us the address it sees us at (spec 02 §11.7). */
    public void surfaceReported(Peer reporter, Endpoint reported) {
        if (reported.scope() == Endpoint.Scope.NONE || reported.scope() == Endpoint.Scope.LOOPBACK
                || reported.scope() == Endpoint.Scope.MULTICAST) return;
        surface.remove(reported);
        surface.put(reported, reporter.identity.address());
        if (surface.size() > MAX_SURFACE_ADDRESSES) surface.remove(surface.keySet().iterator().next());
    }

    /** Forgets the addresses peers reported (after a change of our network they may all be wrong). */
    public void forgetSurfaceAddresses() {
        surface.clear();
    }

    public List<Endpoint> surfaceAddresses() {
        return new ArrayList<>(surface.keySet());
    }

    public void housekeeping(long now) {
        confirmHellos.values().forEach(m -> m.values().removeIf(t -> now - t > CONFIRM_HELLO_MEMORY_MS));
        confirmHellos.values().removeIf(Map::isEmpty);
    }
}
