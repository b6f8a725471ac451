package net.ztj.core.node.peer;

import net.ztj.core.identity.Identity;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.PeerKeys;

import java.util.ArrayList;
import java.util.List;

/** Everything the node knows about one other node: identity, keys, versions, paths and timers. */
public final class Peer {
    public final Identity identity;
    public final PeerKeys keys;
    public final List<Path> paths = new ArrayList<>();
    public final ReplayFilter replay = new ReplayFilter();

    public int protocolVersion = -1;
    public int versionMajor = -1;
    public int versionMinor = -1;
    public int versionRevision = -1;
    public int latencyMs = -1;

    public long lastReceiveMs;
    public long lastSendMs;
    public long lastHelloSentMs;
    /** When a HELLO last went to this peer through a relay because its version was unknown (Sender). */
    public long lastRelayedHelloMs = Long.MIN_VALUE / 2;
    public long lastActivityMs;
    public long lastTrustMs;
    public long lastWhoisAnsweredMs;
    public long lastCredentialsReceivedMs = Long.MIN_VALUE / 2;
    public long lastPushDirectPathsSentMs;
    public long pushDirectPathsWindowStartMs;
    public int pushDirectPathsInWindow;
    public long lastStableEndpointHelloMs;

    /** Authenticated packets received from the peer (ZeroTier One's per-peer counts). */
    public long packetsReceived;
    /** Packets sent to the peer, directly or through a relay. */
    public long packetsSent;
    /** Packets claiming to be from the peer that failed authentication. */
    public long packetErrors;
    /** The latency seen at each ping check. */
    public final LatencyHistogram latencyHistogram = new LatencyHistogram();

    public Peer(Identity identity, PeerKeys keys) {
        this.identity = identity;
        this.keys = keys;
    }

    public void setVersions(int protocol, int major, int minor, int revision) {
        protocolVersion = protocol;
        versionMajor = major;
        versionMinor = minor;
        versionRevision = revision;
    }

    /** Cipher suite for everything but HELLO (spec 02 §6.5): AES-GMAC-SIV once the peer is known to speak it. */
    public int cipherSuite() {
        return protocolVersion >= 12 ? 3 : 1;
    }

    /** Whether keepalives may be ECHO rather than HELLO. */
    public boolean echoCapable() {
        return protocolVersion >= 5 && !(versionMajor == 1 && versionMinor == 1 && versionRevision == 0);
    }

    public Path findPath(long socket, Endpoint address) {
        for (Path p : paths) if (p.is(socket, address)) return p;
        return null;
    }

    /**
     * Adopts a confirmed path (spec 02 §11.2): replaces a dead path with the same IP and socket, else takes a free
     * slot, else replaces the least recently heard path.
     */
    public Path learnPath(long socket, Endpoint address, long now) {
        Path existing = findPath(socket, address);
        if (existing != null) return existing;
        Path p = new Path(socket, address);
        for (int i = 0; i < paths.size(); i++) {
            Path q = paths.get(i);
            if (q.localSocket == socket && q.address.sameIp(address) && !q.alive(now)) {
                paths.set(i, p);
                return p;
            }
        }
        if (paths.size() < Timing.MAX_PEER_PATHS) {
            paths.add(p);
            return p;
        }
        int oldest = 0;
        for (int i = 1; i < paths.size(); i++) {
            if (paths.get(i).lastReceiveMs < paths.get(oldest).lastReceiveMs) oldest = i;
        }
        paths.set(oldest, p);
        return p;
    }

    /** Whether a path with this IP on this socket is alive (then a new port need not be confirmed). */
    public boolean hasAlivePathWithIp(long socket, Endpoint address, long now) {
        for (Path p : paths) if (p.localSocket == socket && p.address.sameIp(address) && p.alive(now)) return true;
        return false;
    }

    /**
     * The path to send on: among non-expired paths, alive ones first, then private scope before global, then the
     * most recently heard. Null if there is none.
     */
    public Path bestPath(long now) {
        Path best = null;
        for (Path p : paths) {
            if (p.expired(now)) continue;
            if (best == null || better(p, best, now)) best = p;
        }
        return best;
    }

    /** Any path at all, expired ones included (last resort). */
    public Path anyPath() {
        Path best = null;
        for (Path p : paths) if (best == null || p.lastReceiveMs > best.lastReceiveMs) best = p;
        return best;
    }

    private static boolean better(Path a, Path b, long now) {
        boolean aa = a.alive(now), ba = b.alive(now);
        if (aa != ba) return aa;
        if (a.scopeRank() != b.scopeRank()) return a.scopeRank() < b.scopeRank();
        return a.lastReceiveMs > b.lastReceiveMs;
    }

    public boolean hasAlivePath(long now) {
        for (Path p : paths) if (p.alive(now)) return true;
        return false;
    }

    /** Forgets paths not heard from for {@link Timing#PEER_PATH_EXPIRATION}. */
    public void expirePaths(long now) {
        paths.removeIf(p -> p.expired(now));
    }

    public boolean active(long now) {
        return lastActivityMs != 0 && now - lastActivityMs < Timing.PEER_ACTIVITY_TIMEOUT;
    }

    public boolean alive(long now) {
        return lastReceiveMs != 0 && now - lastReceiveMs < Timing.PEER_ACTIVITY_TIMEOUT;
    }

    public boolean trusted(long now) {
        return lastTrustMs != 0 && now - lastTrustMs < Timing.TRUST_EXPIRATION;
    }
}
