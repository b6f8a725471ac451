package net.ztj.core.node.peer;

import net.ztj.core.node.DropReason;
import net.ztj.core.identity.Address;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.PacketHeader;
import net.ztj.core.wire.Verb;

import java.util.HashMap;
import java.util.Map;

/**
 * Forwarding of packets and fragments addressed to other nodes (spec 02 §4, §11.5, §11.6), and, on roots, the
 * RENDEZVOUS that introduces the two ends so they can punch through their NATs.
 */
public final class Relay {
    private final NodeContext ctx;
    private final Sender sender;
    private final Map<Long, Long> lastUnite = new HashMap<>();
    /** When packets were first and last relayed in one direction, by {@code source << 40 | destination}. */
    private final Map<Long, long[]> relayedWay = new HashMap<>();
    /** A pair is introduced once both ways were relayed, or one way for this long (both know each other by then). */
    static final long ONE_WAY_UNITE_DELAY = 3_000;

    public Relay(NodeContext ctx, Sender sender) {
        this.ctx = ctx;
        this.sender = sender;
    }

    /**
     * Forwards a packet with its hop count raised by one, as it came otherwise. The hop count is raised in
     * {@code data} itself (the receive buffer, lent for this call, which the transport copies from when it sends).
     */
    public void forwardPacket(long now, long socket, Endpoint from, byte[] data, int off, int len) {
        int flags = data[off + PacketHeader.IDX_FLAGS] & 0xff;
        int hops = flags & PacketHeader.HOPS_MASK;
        if (!forwardable(hops)) return;
        Address dest = Address.fromBytes(data, off + PacketHeader.IDX_DEST);
        Address src = Address.fromBytes(data, off + PacketHeader.IDX_SOURCE);
        data[off + PacketHeader.IDX_FLAGS] = (byte) ((flags & ~PacketHeader.HOPS_MASK) | (hops + 1));
        Path via = send(now, dest, data, off, len);
        if (via != null && ctx.topology.amRoot() && bothKnowEachOther(now, src, dest)) unite(now, src, dest);
    }

    /** Forwards a fragment with its hop count raised by one, in {@code data} itself as {@link #forwardPacket}. */
    public void forwardFragment(long now, long socket, Endpoint from, byte[] data, int off, int len) {
        int hops = data[off + 15] & PacketHeader.HOPS_MASK;
        if (!forwardable(hops)) return;
        Address dest = Address.fromBytes(data, off + PacketHeader.IDX_DEST);
        data[off + 15] = (byte) (hops + 1);
        send(now, dest, data, off, len);
    }

    /** Non-roots relay only as a root would on a trusted path, which needs VL2 trust; roots always relay. */
    private boolean forwardable(int hops) {
        if (!ctx.topology.amRoot() || hops >= Timing.RELAY_MAX_HOPS) {
            ctx.drop(DropReason.RELAY_REFUSED);
            return false;
        }
        return true;
    }

    private Path send(long now, Address dest, byte[] data, int off, int len) {
        Peer d = ctx.topology.peers.get(dest);
        Path path = d == null ? null : d.bestPath(now);
        if (path == null) {
            ctx.drop(DropReason.RELAY_REFUSED);
            return null;
        }
        ctx.transport.send(path.localSocket, path.address, data, off, len, 0);
        ctx.traffic.relayed(len);
        path.lastSendMs = now;
        return path;
    }

    /**
     * Whether the two ends have surely learned each other's identity: a RENDEZVOUS about a peer a member does not know
     * yet is dropped by ZeroTier One (and makes ours look it up first), and one end punching while the other does
     * not makes the other's NAT router collide later. Traffic relayed both ways proves both know; one way only, a
     * few seconds of it will do (the WHOIS has been answered by then).
     */
    private boolean bothKnowEachOther(long now, Address src, Address dest) {
        long[] way = relayedWay.computeIfAbsent(src.value() << 40 | dest.value(), k -> new long[] {now, now});
        way[1] = now;
        long[] back = relayedWay.get(dest.value() << 40 | src.value());
        if (back != null && now - back[1] < Timing.MIN_UNITE_INTERVAL) return true;
        return now - way[0] >= ONE_WAY_UNITE_DELAY;
    }

    /**
     * Tells each of two peers the other's physical address, at most once per 30 s per pair, choosing the highest
     * scope at which both have a path and IPv6 over IPv4 at equal scope.
     */
    private void unite(long now, Address a, Address b) {
        long key = Math.min(a.value(), b.value()) * 0x10000000000L + Math.max(a.value(), b.value());
        Long last = lastUnite.get(key);
        if (last != null && now - last < Timing.MIN_UNITE_INTERVAL) return;
        Peer pa = ctx.topology.peers.get(a), pb = ctx.topology.peers.get(b);
        if (pa == null || pb == null) return;
        Path[] pair = choosePair(pa, pb, now);
        if (pair == null) return;
        lastUnite.put(key, now);
        boolean aFirst = ctx.random.nextBoolean();
        if (aFirst) {
            rendezvous(pa, pair[0], pb, pair[1], now);
            rendezvous(pb, pair[1], pa, pair[0], now);
        } else {
            rendezvous(pb, pair[1], pa, pair[0], now);
            rendezvous(pa, pair[0], pb, pair[1], now);
        }
    }

    private static Path[] choosePair(Peer a, Peer b, long now) {
        Path[] best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Path x : a.paths) {
            if (!x.alive(now)) continue;
            for (Path y : b.paths) {
                if (!y.alive(now) || x.address.isV4() != y.address.isV4()) continue;
                int rank = Math.max(x.scopeRank(), y.scopeRank()) * 2 + (x.address.isV6() ? 0 : 1);
                if (rank < bestRank) {
                    bestRank = rank;
                    best = new Path[] {x, y};
                }
            }
        }
        return best;
    }

    /**
     * RENDEZVOUS to {@code to}: "{@code other} is at {@code otherPath}", sent on {@code via}, the path of {@code to}
     * that {@code other} is told about: so it arrives on the very socket whose NAT mapping the other side will aim at,
     * and the punch goes out from it (a node with several sockets would otherwise answer from another mapping).
     */
    private void rendezvous(Peer to, Path via, Peer other, Path otherPath, long now) {
        byte[] ip = otherPath.address.ip();
        ByteWriter w = new ByteWriter(32).u8(0).u40(other.identity.address().value())
                .u16(otherPath.address.port()).u8(ip.length).bytes(ip);
        sender.reply(to, via.localSocket, via.address, Verb.RENDEZVOUS, w.toByteArray(), now);
    }

    public void housekeeping(long now) {
        lastUnite.values().removeIf(t -> now - t > Timing.MIN_UNITE_INTERVAL);
        relayedWay.values().removeIf(w -> now - w[1] > Timing.MIN_UNITE_INTERVAL);
    }
}
