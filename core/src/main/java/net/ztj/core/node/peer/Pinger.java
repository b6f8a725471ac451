package net.ztj.core.node.peer;

import net.ztj.core.node.PhysicalTransport;
import net.ztj.core.identity.Address;
import net.ztj.core.wire.Endpoint;

import java.util.ArrayList;
import java.util.List;

/**
 * The periodic contact of spec 02 §11.1: every 5 s, upstreams are kept reachable (HELLO to their stable endpoints
 * when we have no path, HELLO every 60 s and ECHO keepalives on idle paths otherwise); other peers only while
 * active. Keepalives every 14 s on idle paths are also what keeps NAT mappings open.
 */
public final class Pinger {
    private final NodeContext ctx;
    private final Sender sender;

    private final WhoisService whois;

    public Pinger(NodeContext ctx, Sender sender, WhoisService whois) {
        this.ctx = ctx;
        this.sender = sender;
        this.whois = whois;
    }

    /**
     * Seeds of moons we asked to orbit: look them up, then HELLO them (directly if we have a path, else relayed)
     * so they answer with the moon (spec 02 §10.4).
     */
    private void seeds(long now) {
        for (var pending : ctx.topology.orbits().pending()) {
            Peer seed = ctx.topology.peers.get(pending.seed());
            if (seed == null) {
                whois.request(pending.seed(), null, now);
                continue;
            }
            Path p = seed.bestPath(now);
            if (p != null) sender.hello(seed, p.localSocket, p.address, now);
            else sender.hello(seed, PhysicalTransport.ANY_SOCKET, null, now);
        }
    }

    public void pingCheck(long now) {
        seeds(now);
        for (Peer peer : new ArrayList<>(ctx.topology.peers.values())) {
            Address a = peer.identity.address();
            if (ctx.topology.isUpstream(a)) {
                upstream(peer, now);
            } else if (peer.active(now)) {
                routine(peer, now);
                tryAddresses(peer, now);
            } else {
                peer.expirePaths(now);
                continue;
            }
            peer.latencyHistogram.observe(peer.bestPath(now) == null || peer.latencyMs < 0
                    ? LatencyHistogram.UNKNOWN_MS : peer.latencyMs);
        }
    }

    /** An active peer without a live path is sent a HELLO at each address the user said to try (virtual try). */
    private void tryAddresses(Peer peer, long now) {
        if (peer.hasAlivePath(now)) return;
        for (Endpoint e : ctx.pathPolicy.tryAddresses(peer.identity.address())) {
            if (NodeContext.pathAllowed(e)) sender.hello(peer, PhysicalTransport.ANY_SOCKET, e, now);
        }
    }

    /** HELLO to every root at its stable endpoints (an offline node's quick retry; no other peer is touched). */
    public void helloRoots(long now) {
        for (Peer peer : new ArrayList<>(ctx.topology.peers.values())) {
            Address a = peer.identity.address();
            if (!ctx.topology.isUpstream(a)) continue;
            for (Endpoint e : ctx.topology.stableEndpoints(a)) sender.hello(peer, PhysicalTransport.ANY_SOCKET, e, now);
        }
    }

    private void upstream(Peer peer, long now) {
        boolean[] sentFamily = routine(peer, now);
        boolean hasPath = peer.hasAlivePath(now);
        if (hasPath && now - peer.lastStableEndpointHelloMs < Timing.UPSTREAM_FULL_HELLO_PERIOD) return;
        List<Endpoint> stable = ctx.topology.stableEndpoints(peer.identity.address());
        boolean sent = sentFamily[0] || sentFamily[1];
        for (int fam = 0; fam < 2; fam++) {
            if (sentFamily[fam]) continue;
            boolean v4 = fam == 0;
            List<Endpoint> candidates = stable.stream().filter(e -> e.isV4() == v4).toList();
            if (candidates.isEmpty()) continue;
            Endpoint e = candidates.get(ctx.random.nextInt(candidates.size()));
            sender.hello(peer, PhysicalTransport.ANY_SOCKET, e, now);
            sent = true;
        }
        if (sent) peer.lastStableEndpointHelloMs = now;
        if (!sent && !hasPath) {
            sender.hello(peer, PhysicalTransport.ANY_SOCKET, null, now);
        }
    }

    /**
     * Expires dead paths, then HELLO on every path once a minute, else a keepalive on each path idle for 14 s.
     *
     * @return which families ({v4, v6}) got something
     */
    private boolean[] routine(Peer peer, long now) {
        peer.expirePaths(now);
        boolean[] sent = new boolean[2];
        boolean fullHello = now - peer.lastHelloSentMs >= Timing.PEER_PING_PERIOD;
        for (Path p : new ArrayList<>(peer.paths)) {
            if (fullHello) {
                sender.hello(peer, p.localSocket, p.address, now);
            } else if (now - p.lastSendMs >= Timing.PATH_HEARTBEAT_PERIOD) {
                if (peer.echoCapable()) sender.echo(peer, p.localSocket, p.address, now);
                else sender.hello(peer, p.localSocket, p.address, now);
            } else {
                if (p.alive(now)) sent[p.address.isV4() ? 0 : 1] = true;
                continue;
            }
            sent[p.address.isV4() ? 0 : 1] = true;
        }
        return sent;
    }
}
